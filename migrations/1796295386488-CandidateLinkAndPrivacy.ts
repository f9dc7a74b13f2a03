import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CandidateLinkAndPrivacy1796295386488 implements MigrationInterface {
  name = 'CandidateLinkAndPrivacy1796295386488';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "candidate_link_failures" ("client" character varying(64) NOT NULL, "failures" integer NOT NULL, "window_ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "ck_candidate_link_failures_failures" CHECK (failures > 0), CONSTRAINT "pk_candidate_link_failures" PRIMARY KEY ("client"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_candidate_link_failures_window_ends_at" ON "candidate_link_failures"  ("window_ends_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "candidate_link_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "candidate_id" uuid NOT NULL, "application_id" uuid, "purpose" character varying(30) NOT NULL, "token_hash" bytea NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "last_used_at" TIMESTAMP(3) WITH TIME ZONE, "issued_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_candidate_link_tokens_expiry" CHECK (expires_at > created_at), CONSTRAINT "ck_candidate_link_tokens_purpose" CHECK (purpose IN ('candidate-link')), CONSTRAINT "pk_candidate_link_tokens" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_candidate_link_tokens_application_id" ON "candidate_link_tokens"  ("application_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_candidate_link_tokens_candidate_id" ON "candidate_link_tokens"  ("candidate_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_candidate_link_tokens_token_hash" ON "candidate_link_tokens"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "diversity_answers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "candidate_id" uuid, "age_band" character varying(30) NOT NULL, "sex" character varying(30) NOT NULL, "ethnicity_group" character varying(30) NOT NULL, "disability" character varying(30) NOT NULL, "sexual_orientation" character varying(30) NOT NULL, "religion" character varying(30) NOT NULL, "answered_on" date NOT NULL, CONSTRAINT "ck_diversity_answers_religion" CHECK (religion IN ('no-religion', 'buddhist', 'christian', 'hindu', 'jewish', 'muslim', 'sikh', 'other', 'prefer-not-to-say')), CONSTRAINT "ck_diversity_answers_sexual_orientation" CHECK (sexual_orientation IN ('bisexual', 'gay-or-lesbian', 'heterosexual', 'other', 'prefer-not-to-say')), CONSTRAINT "ck_diversity_answers_disability" CHECK (disability IN ('yes', 'no', 'prefer-not-to-say')), CONSTRAINT "ck_diversity_answers_ethnicity_group" CHECK (ethnicity_group IN ('asian', 'black', 'mixed', 'white', 'other', 'prefer-not-to-say')), CONSTRAINT "ck_diversity_answers_sex" CHECK (sex IN ('female', 'male', 'prefer-not-to-say')), CONSTRAINT "ck_diversity_answers_age_band" CHECK (age_band IN ('16-24', '25-34', '35-44', '45-54', '55-64', '65-plus', 'prefer-not-to-say')), CONSTRAINT "pk_diversity_answers" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_diversity_answers_candidate_id" ON "diversity_answers"  ("candidate_id") WHERE candidate_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "diversity_answer_outcomes" ("diversity_answer_id" uuid NOT NULL, "vacancy_id" uuid NOT NULL, "stage" character varying(30) NOT NULL, CONSTRAINT "pk_diversity_answer_outcomes" PRIMARY KEY ("diversity_answer_id", "vacancy_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_diversity_answer_outcomes_vacancy_id" ON "diversity_answer_outcomes"  ("vacancy_id") `,
    );
    await queryRunner.query(`ALTER TABLE "candidates" ADD "anonymised_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "applications" ADD "adjustments" character varying(2000)`);
    await queryRunner.query(`ALTER TABLE "applications" ADD "adjustments_recorded_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "ck_applications_adjustments" CHECK ((adjustments IS NULL) = (adjustments_recorded_at IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "candidate_link_tokens" ADD CONSTRAINT "fk_candidate_link_tokens_candidate_id" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "candidate_link_tokens" ADD CONSTRAINT "fk_candidate_link_tokens_application_id" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "diversity_answers" ADD CONSTRAINT "fk_diversity_answers_candidate_id" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "diversity_answer_outcomes" ADD CONSTRAINT "fk_diversity_answer_outcomes_answer_id" FOREIGN KEY ("diversity_answer_id") REFERENCES "diversity_answers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "diversity_answer_outcomes" ADD CONSTRAINT "fk_diversity_answer_outcomes_vacancy_id" FOREIGN KEY ("vacancy_id") REFERENCES "vacancies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "diversity_answer_outcomes" DROP CONSTRAINT "fk_diversity_answer_outcomes_vacancy_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "diversity_answer_outcomes" DROP CONSTRAINT "fk_diversity_answer_outcomes_answer_id"`,
    );
    await queryRunner.query(`ALTER TABLE "diversity_answers" DROP CONSTRAINT "fk_diversity_answers_candidate_id"`);
    await queryRunner.query(
      `ALTER TABLE "candidate_link_tokens" DROP CONSTRAINT "fk_candidate_link_tokens_application_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "candidate_link_tokens" DROP CONSTRAINT "fk_candidate_link_tokens_candidate_id"`,
    );
    await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "ck_applications_adjustments"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "adjustments_recorded_at"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "adjustments"`);
    await queryRunner.query(`ALTER TABLE "candidates" DROP COLUMN "anonymised_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_diversity_answer_outcomes_vacancy_id"`);
    await queryRunner.query(`DROP TABLE "diversity_answer_outcomes"`);
    await queryRunner.query(`DROP INDEX "public"."uq_diversity_answers_candidate_id"`);
    await queryRunner.query(`DROP TABLE "diversity_answers"`);
    await queryRunner.query(`DROP INDEX "public"."uq_candidate_link_tokens_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_candidate_link_tokens_candidate_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_candidate_link_tokens_application_id"`);
    await queryRunner.query(`DROP TABLE "candidate_link_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."ix_candidate_link_failures_window_ends_at"`);
    await queryRunner.query(`DROP TABLE "candidate_link_failures"`);
  }
}
