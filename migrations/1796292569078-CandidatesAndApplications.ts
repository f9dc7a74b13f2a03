import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CandidatesAndApplications1796292569078 implements MigrationInterface {
  name = 'CandidatesAndApplications1796292569078';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "candidates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "full_name" character varying(200) NOT NULL, "email" character varying(254) NOT NULL, "phone" character varying(40), "partner_id" uuid, "channel" character varying(30), "university" character varying(200), "course" character varying(200), "graduation_year" smallint, "right_to_work" character varying(30) NOT NULL DEFAULT 'not-yet-known', "retention_consent" boolean NOT NULL DEFAULT false, "retention_consent_at" TIMESTAMP(3) WITH TIME ZONE, "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_candidates_retention_consent" CHECK ((retention_consent_at IS NOT NULL) = retention_consent), CONSTRAINT "ck_candidates_graduation_year" CHECK (graduation_year IS NULL OR graduation_year BETWEEN 1950 AND 2100), CONSTRAINT "ck_candidates_right_to_work" CHECK (right_to_work IN ('confirmed', 'time-limited', 'sponsorship-needed', 'not-yet-known')), CONSTRAINT "ck_candidates_source" CHECK ((partner_id IS NOT NULL AND channel IS NULL) OR (partner_id IS NULL AND channel IN ('civil-service-jobs', 'job-board', 'social-media', 'referral', 'event', 'direct'))), CONSTRAINT "ck_candidates_email" CHECK (email ~ '^[^[:space:]@]+@[^[:space:]@.]+([.][^[:space:]@.]+)+$'), CONSTRAINT "ck_candidates_full_name_length" CHECK (char_length(full_name) BETWEEN 1 AND 200), CONSTRAINT "pk_candidates" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_candidates_partner_id" ON "candidates"  ("partner_id") `);
    // One candidate per email whatever its case (the duplicate check and the import's ON CONFLICT use it).
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_candidates_email" ON "candidates" (lower("email"))`);
    await queryRunner.query(`CREATE INDEX "ix_candidates_created_at_id" ON "candidates"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "candidate_id" uuid NOT NULL, "vacancy_id" uuid NOT NULL, "stage" character varying(30) NOT NULL DEFAULT 'applied', "stage_entered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "rejection_reason" character varying(2000), "disability_confident" boolean NOT NULL DEFAULT false, "disability_confident_at" TIMESTAMP(3) WITH TIME ZONE, "applied_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_applications_disability_confident" CHECK ((disability_confident_at IS NOT NULL) = disability_confident), CONSTRAINT "ck_applications_rejection_reason" CHECK ((stage = 'rejected') = (rejection_reason IS NOT NULL)), CONSTRAINT "ck_applications_stage" CHECK (stage IN ('applied', 'sift', 'interview', 'assessment', 'reserve', 'offer', 'pre-employment-checks', 'appointed', 'rejected', 'withdrawn')), CONSTRAINT "pk_applications" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_applications_created_at_id" ON "applications"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_applications_vacancy_id_stage" ON "applications"  ("vacancy_id", "stage") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_applications_candidate_vacancy" ON "applications"  ("candidate_id", "vacancy_id") `,
    );
    await queryRunner.query(`CREATE TABLE "application_scores" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "stage" character varying(30) NOT NULL, "assessor_user_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "criterion" character varying(120) NOT NULL, "score" smallint NOT NULL, "scored_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "ck_application_scores_range" CHECK ((kind = 'behaviour' AND score BETWEEN 1 AND 7)
    OR (kind = 'technical' AND score BETWEEN 0 AND 4)), CONSTRAINT "ck_application_scores_kind" CHECK (kind IN ('behaviour', 'technical')), CONSTRAINT "ck_application_scores_stage" CHECK (stage IN ('sift', 'interview', 'assessment')), CONSTRAINT "pk_application_scores" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE INDEX "ix_application_scores_assessor_user_id" ON "application_scores"  ("assessor_user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_application_scores_criterion" ON "application_scores"  ("application_id", "stage", "assessor_user_id", "kind", "criterion") `,
    );
    await queryRunner.query(
      `CREATE TABLE "application_stage_moves" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "from_stage" character varying(30), "to_stage" character varying(30) NOT NULL, "moved_by_user_id" uuid, "moved_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "reason" character varying(2000), CONSTRAINT "ck_application_stage_moves_to_stage" CHECK (to_stage IN ('applied', 'sift', 'interview', 'assessment', 'reserve', 'offer', 'pre-employment-checks', 'appointed', 'rejected', 'withdrawn')), CONSTRAINT "ck_application_stage_moves_from_stage" CHECK (from_stage IS NULL OR from_stage IN ('applied', 'sift', 'interview', 'assessment', 'reserve', 'offer', 'pre-employment-checks', 'appointed', 'rejected', 'withdrawn')), CONSTRAINT "pk_application_stage_moves" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_application_stage_moves_to_stage" ON "application_stage_moves"  ("to_stage") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_application_stage_moves_application_id_moved_at" ON "application_stage_moves"  ("application_id", "moved_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "vacancy_pipeline_settings" ("vacancy_id" uuid NOT NULL, "min_sift_score" numeric(3,2) NOT NULL, "has_assessment" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_vacancy_pipeline_settings_min_sift_score" CHECK (min_sift_score BETWEEN 1 AND 7), CONSTRAINT "pk_vacancy_pipeline_settings" PRIMARY KEY ("vacancy_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "candidates" ADD CONSTRAINT "fk_candidates_partner_id" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "fk_applications_candidate_id" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "fk_applications_vacancy_id" FOREIGN KEY ("vacancy_id") REFERENCES "vacancies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_scores" ADD CONSTRAINT "fk_application_scores_application_id" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_stage_moves" ADD CONSTRAINT "fk_application_stage_moves_application_id" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vacancy_pipeline_settings" ADD CONSTRAINT "fk_vacancy_pipeline_settings_vacancy_id" FOREIGN KEY ("vacancy_id") REFERENCES "vacancies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "vacancy_pipeline_settings" DROP CONSTRAINT "fk_vacancy_pipeline_settings_vacancy_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_stage_moves" DROP CONSTRAINT "fk_application_stage_moves_application_id"`,
    );
    await queryRunner.query(`ALTER TABLE "application_scores" DROP CONSTRAINT "fk_application_scores_application_id"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "fk_applications_vacancy_id"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "fk_applications_candidate_id"`);
    await queryRunner.query(`ALTER TABLE "candidates" DROP CONSTRAINT "fk_candidates_partner_id"`);
    await queryRunner.query(`DROP TABLE "vacancy_pipeline_settings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_stage_moves_application_id_moved_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_stage_moves_to_stage"`);
    await queryRunner.query(`DROP TABLE "application_stage_moves"`);
    await queryRunner.query(`DROP INDEX "public"."uq_application_scores_criterion"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_scores_assessor_user_id"`);
    await queryRunner.query(`DROP TABLE "application_scores"`);
    await queryRunner.query(`DROP INDEX "public"."uq_applications_candidate_vacancy"`);
    await queryRunner.query(`DROP INDEX "public"."ix_applications_vacancy_id_stage"`);
    await queryRunner.query(`DROP INDEX "public"."ix_applications_created_at_id"`);
    await queryRunner.query(`DROP TABLE "applications"`);
    await queryRunner.query(`DROP INDEX "public"."ix_candidates_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_candidates_email"`);
    await queryRunner.query(`DROP INDEX "public"."ix_candidates_partner_id"`);
    await queryRunner.query(`DROP TABLE "candidates"`);
  }
}
