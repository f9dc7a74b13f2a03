import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DigitalInclusion1796278560722 implements MigrationInterface {
  name = 'DigitalInclusion1796278560722';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "inclusion_assessments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid NOT NULL, "level" smallint NOT NULL, "method" character varying(20) NOT NULL, "assessed_on" date NOT NULL, "recorded_by_user_id" uuid, "answers" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_inclusion_assessments_answers_iff_questionnaire" CHECK ((method = 'questionnaire') = (answers IS NOT NULL)), CONSTRAINT "ck_inclusion_assessments_method" CHECK (method IN ('self', 'assisted', 'questionnaire')), CONSTRAINT "ck_inclusion_assessments_level_range" CHECK (level BETWEEN 1 AND 9), CONSTRAINT "pk_inclusion_assessments" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inclusion_assessments_staff_id_assessed_on" ON "inclusion_assessments"  ("staff_id", "assessed_on", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "pulses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(200) NOT NULL, "statements" jsonb NOT NULL, "unit_id" uuid NOT NULL, "state" character varying(20) NOT NULL DEFAULT 'draft', "opens_on" date, "closes_on" date, "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_pulses_closes_after_opening" CHECK (closes_on IS NULL OR opens_on IS NULL OR closes_on >= opens_on), CONSTRAINT "ck_pulses_dates_when_opened" CHECK (state = 'draft' OR (opens_on IS NOT NULL AND closes_on IS NOT NULL)), CONSTRAINT "ck_pulses_statements" CHECK (jsonb_typeof(statements) = 'array' AND jsonb_array_length(statements) BETWEEN 1 AND 10), CONSTRAINT "ck_pulses_state" CHECK (state IN ('draft', 'open', 'closed')), CONSTRAINT "pk_pulses" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_pulses_unit_id" ON "pulses"  ("unit_id") `);
    await queryRunner.query(`CREATE INDEX "ix_pulses_state_closes_on" ON "pulses"  ("state", "closes_on") `);
    await queryRunner.query(`CREATE INDEX "ix_pulses_created_at_id" ON "pulses"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "pulse_answers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "pulse_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "answered_on" date NOT NULL, "ratings" smallint array NOT NULL, CONSTRAINT "ck_pulse_answers_ratings_range" CHECK (cardinality(ratings) >= 1 AND 1 <= ALL(ratings) AND 5 >= ALL(ratings)), CONSTRAINT "pk_pulse_answers" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pulse_answers_pulse_id_unit_id" ON "pulse_answers"  ("pulse_id", "unit_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "pulse_respondents" ("pulse_id" uuid NOT NULL, "staff_id" uuid NOT NULL, CONSTRAINT "pk_pulse_respondents" PRIMARY KEY ("pulse_id", "staff_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_pulse_respondents_staff_id" ON "pulse_respondents"  ("staff_id") `);
    await queryRunner.query(
      `ALTER TABLE "inclusion_assessments" ADD CONSTRAINT "fk_inclusion_assessments_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pulses" ADD CONSTRAINT "fk_pulses_unit_id" FOREIGN KEY ("unit_id") REFERENCES "organisation_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pulse_answers" ADD CONSTRAINT "fk_pulse_answers_pulse_id" FOREIGN KEY ("pulse_id") REFERENCES "pulses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pulse_answers" ADD CONSTRAINT "fk_pulse_answers_unit_id" FOREIGN KEY ("unit_id") REFERENCES "organisation_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pulse_respondents" ADD CONSTRAINT "fk_pulse_respondents_pulse_id" FOREIGN KEY ("pulse_id") REFERENCES "pulses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pulse_respondents" ADD CONSTRAINT "fk_pulse_respondents_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pulse_respondents" DROP CONSTRAINT "fk_pulse_respondents_staff_id"`);
    await queryRunner.query(`ALTER TABLE "pulse_respondents" DROP CONSTRAINT "fk_pulse_respondents_pulse_id"`);
    await queryRunner.query(`ALTER TABLE "pulse_answers" DROP CONSTRAINT "fk_pulse_answers_unit_id"`);
    await queryRunner.query(`ALTER TABLE "pulse_answers" DROP CONSTRAINT "fk_pulse_answers_pulse_id"`);
    await queryRunner.query(`ALTER TABLE "pulses" DROP CONSTRAINT "fk_pulses_unit_id"`);
    await queryRunner.query(`ALTER TABLE "inclusion_assessments" DROP CONSTRAINT "fk_inclusion_assessments_staff_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pulse_respondents_staff_id"`);
    await queryRunner.query(`DROP TABLE "pulse_respondents"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pulse_answers_pulse_id_unit_id"`);
    await queryRunner.query(`DROP TABLE "pulse_answers"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pulses_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pulses_state_closes_on"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pulses_unit_id"`);
    await queryRunner.query(`DROP TABLE "pulses"`);
    await queryRunner.query(`DROP INDEX "public"."ix_inclusion_assessments_staff_id_assessed_on"`);
    await queryRunner.query(`DROP TABLE "inclusion_assessments"`);
  }
}
