import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ActionPlanActionPeopleAndPairs1796290054598 implements MigrationInterface {
  name = 'ActionPlanActionPeopleAndPairs1796290054598';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "action_plan_action_pairs" ("action_id" uuid NOT NULL, "mentor_staff_id" uuid NOT NULL, "mentee_staff_id" uuid NOT NULL, CONSTRAINT "ck_action_plan_action_pairs_distinct" CHECK (mentor_staff_id <> mentee_staff_id), CONSTRAINT "pk_action_plan_action_pairs" PRIMARY KEY ("action_id", "mentor_staff_id", "mentee_staff_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_action_plan_action_pairs_mentee_staff_id" ON "action_plan_action_pairs"  ("mentee_staff_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_action_plan_action_pairs_mentor_staff_id" ON "action_plan_action_pairs"  ("mentor_staff_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "action_plan_action_people" ("action_id" uuid NOT NULL, "staff_id" uuid NOT NULL, CONSTRAINT "pk_action_plan_action_people" PRIMARY KEY ("action_id", "staff_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_action_plan_action_people_staff_id" ON "action_plan_action_people"  ("staff_id") `,
    );
    await queryRunner.query(`ALTER TABLE "action_plan_actions" ADD "group_unit_id" uuid`);
    await queryRunner.query(`ALTER TABLE "action_plan_actions" ADD "group_role_level_slug" character varying(100)`);
    await queryRunner.query(
      `CREATE INDEX "ix_action_plan_actions_group_unit_id" ON "action_plan_actions"  ("group_unit_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_actions" ADD CONSTRAINT "ck_action_plan_actions_group_role_level" CHECK (group_role_level_slug IS NULL OR group_unit_id IS NOT NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_actions" ADD CONSTRAINT "ck_action_plan_actions_group" CHECK (kind = 'learning' OR group_unit_id IS NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_actions" ADD CONSTRAINT "fk_action_plan_actions_group_unit_id" FOREIGN KEY ("group_unit_id") REFERENCES "organisation_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_action_pairs" ADD CONSTRAINT "fk_action_plan_action_pairs_action_id" FOREIGN KEY ("action_id") REFERENCES "action_plan_actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_action_pairs" ADD CONSTRAINT "fk_action_plan_action_pairs_mentor_staff_id" FOREIGN KEY ("mentor_staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_action_pairs" ADD CONSTRAINT "fk_action_plan_action_pairs_mentee_staff_id" FOREIGN KEY ("mentee_staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_action_people" ADD CONSTRAINT "fk_action_plan_action_people_action_id" FOREIGN KEY ("action_id") REFERENCES "action_plan_actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_action_people" ADD CONSTRAINT "fk_action_plan_action_people_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "action_plan_action_people" DROP CONSTRAINT "fk_action_plan_action_people_staff_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_action_people" DROP CONSTRAINT "fk_action_plan_action_people_action_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_action_pairs" DROP CONSTRAINT "fk_action_plan_action_pairs_mentee_staff_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_action_pairs" DROP CONSTRAINT "fk_action_plan_action_pairs_mentor_staff_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_action_pairs" DROP CONSTRAINT "fk_action_plan_action_pairs_action_id"`,
    );
    await queryRunner.query(`ALTER TABLE "action_plan_actions" DROP CONSTRAINT "fk_action_plan_actions_group_unit_id"`);
    await queryRunner.query(`ALTER TABLE "action_plan_actions" DROP CONSTRAINT "ck_action_plan_actions_group"`);
    await queryRunner.query(
      `ALTER TABLE "action_plan_actions" DROP CONSTRAINT "ck_action_plan_actions_group_role_level"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_action_plan_actions_group_unit_id"`);
    await queryRunner.query(`ALTER TABLE "action_plan_actions" DROP COLUMN "group_role_level_slug"`);
    await queryRunner.query(`ALTER TABLE "action_plan_actions" DROP COLUMN "group_unit_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_action_plan_action_people_staff_id"`);
    await queryRunner.query(`DROP TABLE "action_plan_action_people"`);
    await queryRunner.query(`DROP INDEX "public"."ix_action_plan_action_pairs_mentor_staff_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_action_plan_action_pairs_mentee_staff_id"`);
    await queryRunner.query(`DROP TABLE "action_plan_action_pairs"`);
  }
}
