import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SkillsReview1796278270601 implements MigrationInterface {
  name = 'SkillsReview1796278270601';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "review_cycles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "unit_id" uuid NOT NULL, "opens_on" date NOT NULL, "closes_on" date NOT NULL, "state" character varying(10) NOT NULL DEFAULT 'draft', "framework_version_id" uuid, "opened_at" TIMESTAMP(3) WITH TIME ZONE, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_review_cycles_closed_at" CHECK ((state = 'closed') = (closed_at IS NOT NULL)), CONSTRAINT "ck_review_cycles_pinned_once_opened" CHECK (state = 'draft' OR (framework_version_id IS NOT NULL AND opened_at IS NOT NULL)), CONSTRAINT "ck_review_cycles_closes_after_opens" CHECK (closes_on >= opens_on), CONSTRAINT "ck_review_cycles_state" CHECK (state IN ('draft', 'open', 'closed')), CONSTRAINT "pk_review_cycles" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_review_cycles_unit_id" ON "review_cycles"  ("unit_id") `);
    await queryRunner.query(`CREATE INDEX "ix_review_cycles_state" ON "review_cycles"  ("state") `);
    await queryRunner.query(`CREATE INDEX "ix_review_cycles_created_at_id" ON "review_cycles"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "review_cycle_exclusions" ("cycle_id" uuid NOT NULL, "staff_id" uuid NOT NULL, "reason" character varying(40) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_review_cycle_exclusions_reason" CHECK (reason IN ('no_role_level', 'role_level_not_in_version')), CONSTRAINT "pk_review_cycle_exclusions" PRIMARY KEY ("cycle_id", "staff_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_review_cycle_exclusions_staff_id" ON "review_cycle_exclusions"  ("staff_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "skill_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cycle_id" uuid NOT NULL, "staff_id" uuid NOT NULL, "role_level_id" uuid NOT NULL, "role_level_slug" character varying(100) NOT NULL, "role_level_name" character varying(200) NOT NULL, "role_family_slug" character varying(100) NOT NULL, "unit_id" uuid NOT NULL, "state" character varying(20) NOT NULL DEFAULT 'not_started', "submitted_at" TIMESTAMP(3) WITH TIME ZONE, "validated_at" TIMESTAMP(3) WITH TIME ZONE, "validated_by_user_id" uuid, "returned_at" TIMESTAMP(3) WITH TIME ZONE, "returned_by_user_id" uuid, "return_reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_skill_reviews_return_reason_length" CHECK (return_reason IS NULL OR char_length(return_reason) <= 2000), CONSTRAINT "ck_skill_reviews_returned" CHECK (state <> 'returned' OR (returned_at IS NOT NULL AND return_reason IS NOT NULL)), CONSTRAINT "ck_skill_reviews_submitted" CHECK (state NOT IN ('self_assessed', 'validated') OR submitted_at IS NOT NULL), CONSTRAINT "ck_skill_reviews_validated" CHECK ((state = 'validated') = (validated_at IS NOT NULL)), CONSTRAINT "ck_skill_reviews_state" CHECK (state IN ('not_started', 'in_progress', 'self_assessed', 'returned', 'validated')), CONSTRAINT "pk_skill_reviews" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_skill_reviews_role_level_id" ON "skill_reviews"  ("role_level_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_skill_reviews_cycle_id_state_id" ON "skill_reviews"  ("cycle_id", "state", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_skill_reviews_staff_id" ON "skill_reviews"  ("staff_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_skill_reviews_cycle_staff" ON "skill_reviews"  ("cycle_id", "staff_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "skill_review_ratings" ("review_id" uuid NOT NULL, "skill_id" uuid NOT NULL, "skill_slug" character varying(120) NOT NULL, "skill_name" character varying(200) NOT NULL, "position" smallint NOT NULL, "required_level" smallint, "self_level" smallint, "evidence" text, "validated_level" smallint, "comment" text, "flagged_for_calibration" boolean NOT NULL DEFAULT false, CONSTRAINT "ck_skill_review_ratings_calibration_flag" CHECK (flagged_for_calibration = (self_level IS NOT NULL AND validated_level IS NOT NULL AND abs(self_level - validated_level) >= 2)), CONSTRAINT "ck_skill_review_ratings_comment_length" CHECK (comment IS NULL OR char_length(comment) <= 2000), CONSTRAINT "ck_skill_review_ratings_evidence_length" CHECK (evidence IS NULL OR char_length(evidence) <= 2000), CONSTRAINT "ck_skill_review_ratings_validated_level_range" CHECK (validated_level IS NULL OR validated_level BETWEEN 0 AND 4), CONSTRAINT "ck_skill_review_ratings_self_level_range" CHECK (self_level IS NULL OR self_level BETWEEN 0 AND 4), CONSTRAINT "ck_skill_review_ratings_required_level_range" CHECK (required_level IS NULL OR required_level BETWEEN 1 AND 4), CONSTRAINT "pk_skill_review_ratings" PRIMARY KEY ("review_id", "skill_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_cycles" ADD CONSTRAINT "fk_review_cycles_unit_id" FOREIGN KEY ("unit_id") REFERENCES "organisation_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_cycles" ADD CONSTRAINT "fk_review_cycles_framework_version_id" FOREIGN KEY ("framework_version_id") REFERENCES "framework_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_cycle_exclusions" ADD CONSTRAINT "fk_review_cycle_exclusions_cycle_id" FOREIGN KEY ("cycle_id") REFERENCES "review_cycles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_cycle_exclusions" ADD CONSTRAINT "fk_review_cycle_exclusions_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "skill_reviews" ADD CONSTRAINT "fk_skill_reviews_cycle_id" FOREIGN KEY ("cycle_id") REFERENCES "review_cycles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "skill_reviews" ADD CONSTRAINT "fk_skill_reviews_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "skill_reviews" ADD CONSTRAINT "fk_skill_reviews_role_level_id" FOREIGN KEY ("role_level_id") REFERENCES "role_levels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "skill_review_ratings" ADD CONSTRAINT "fk_skill_review_ratings_review_id" FOREIGN KEY ("review_id") REFERENCES "skill_reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "skill_review_ratings" ADD CONSTRAINT "fk_skill_review_ratings_skill_id" FOREIGN KEY ("skill_id") REFERENCES "skills"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "skill_review_ratings" DROP CONSTRAINT "fk_skill_review_ratings_skill_id"`);
    await queryRunner.query(`ALTER TABLE "skill_review_ratings" DROP CONSTRAINT "fk_skill_review_ratings_review_id"`);
    await queryRunner.query(`ALTER TABLE "skill_reviews" DROP CONSTRAINT "fk_skill_reviews_role_level_id"`);
    await queryRunner.query(`ALTER TABLE "skill_reviews" DROP CONSTRAINT "fk_skill_reviews_staff_id"`);
    await queryRunner.query(`ALTER TABLE "skill_reviews" DROP CONSTRAINT "fk_skill_reviews_cycle_id"`);
    await queryRunner.query(
      `ALTER TABLE "review_cycle_exclusions" DROP CONSTRAINT "fk_review_cycle_exclusions_staff_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_cycle_exclusions" DROP CONSTRAINT "fk_review_cycle_exclusions_cycle_id"`,
    );
    await queryRunner.query(`ALTER TABLE "review_cycles" DROP CONSTRAINT "fk_review_cycles_framework_version_id"`);
    await queryRunner.query(`ALTER TABLE "review_cycles" DROP CONSTRAINT "fk_review_cycles_unit_id"`);
    await queryRunner.query(`DROP TABLE "skill_review_ratings"`);
    await queryRunner.query(`DROP INDEX "public"."uq_skill_reviews_cycle_staff"`);
    await queryRunner.query(`DROP INDEX "public"."ix_skill_reviews_staff_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_skill_reviews_cycle_id_state_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_skill_reviews_role_level_id"`);
    await queryRunner.query(`DROP TABLE "skill_reviews"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_cycle_exclusions_staff_id"`);
    await queryRunner.query(`DROP TABLE "review_cycle_exclusions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_cycles_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_cycles_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_cycles_unit_id"`);
    await queryRunner.query(`DROP TABLE "review_cycles"`);
  }
}
