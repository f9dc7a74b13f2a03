import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CapabilityActionPlans1796285136491 implements MigrationInterface {
  name = 'CapabilityActionPlans1796285136491';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "action_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(200) NOT NULL, "unit_id" uuid, "role_family_slug" character varying(100), "owner_user_id" uuid NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'draft', "activated_at" TIMESTAMP(3) WITH TIME ZONE, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "created_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_action_plans_activated" CHECK (status = 'draft' OR activated_at IS NOT NULL), CONSTRAINT "ck_action_plans_title_length" CHECK (char_length(title) BETWEEN 1 AND 200), CONSTRAINT "ck_action_plans_period" CHECK (ends_on > starts_on), CONSTRAINT "ck_action_plans_scope" CHECK ((unit_id IS NULL) <> (role_family_slug IS NULL)), CONSTRAINT "ck_action_plans_status" CHECK (status IN ('draft', 'active', 'closed')), CONSTRAINT "pk_action_plans" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_action_plans_unit_id" ON "action_plans"  ("unit_id") `);
    await queryRunner.query(`CREATE INDEX "ix_action_plans_owner_user_id" ON "action_plans"  ("owner_user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_action_plans_role_family_slug" ON "action_plans"  ("role_family_slug") `);
    await queryRunner.query(`CREATE INDEX "ix_action_plans_created_at_id" ON "action_plans"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "action_plan_priorities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "target_kind" character varying(20) NOT NULL, "skill_slug" character varying(120), "role_level_slug" character varying(100), "target_value" numeric(7,1) NOT NULL, "due_on" date NOT NULL, "baseline_value" numeric(7,1), "baseline_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_action_plan_priorities_baseline_range" CHECK (baseline_value IS NULL OR baseline_value >= 0), CONSTRAINT "ck_action_plan_priorities_target_range" CHECK (target_value >= 0 AND (target_kind = 'hires' OR target_value <= 100)), CONSTRAINT "ck_action_plan_priorities_hires" CHECK (target_kind <> 'hires' OR role_level_slug IS NOT NULL), CONSTRAINT "ck_action_plan_priorities_skill" CHECK ((target_kind = 'skill-met-share') = (skill_slug IS NOT NULL)), CONSTRAINT "ck_action_plan_priorities_kind" CHECK (target_kind IN ('skill-met-share', 'inclusion-share', 'hires')), CONSTRAINT "pk_action_plan_priorities" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_action_plan_priorities_plan_id" ON "action_plan_priorities"  ("plan_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "action_plan_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "priority_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "learning_item_id" uuid, "description" text NOT NULL, "owner" character varying(200) NOT NULL, "due_on" date NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'open', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_action_plan_actions_owner_length" CHECK (char_length(owner) BETWEEN 1 AND 200), CONSTRAINT "ck_action_plan_actions_description_length" CHECK (char_length(description) BETWEEN 1 AND 2000), CONSTRAINT "ck_action_plan_actions_learning_item" CHECK ((kind = 'learning') = (learning_item_id IS NOT NULL)), CONSTRAINT "ck_action_plan_actions_status" CHECK (status IN ('open', 'done')), CONSTRAINT "ck_action_plan_actions_kind" CHECK (kind IN ('learning', 'shadowing', 'campaign', 'text')), CONSTRAINT "pk_action_plan_actions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_action_plan_actions_learning_item_id" ON "action_plan_actions"  ("learning_item_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_action_plan_actions_priority_id" ON "action_plan_actions"  ("priority_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plans" ADD CONSTRAINT "fk_action_plans_unit_id" FOREIGN KEY ("unit_id") REFERENCES "organisation_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_priorities" ADD CONSTRAINT "fk_action_plan_priorities_plan_id" FOREIGN KEY ("plan_id") REFERENCES "action_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_actions" ADD CONSTRAINT "fk_action_plan_actions_priority_id" FOREIGN KEY ("priority_id") REFERENCES "action_plan_priorities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_actions" ADD CONSTRAINT "fk_action_plan_actions_learning_item_id" FOREIGN KEY ("learning_item_id") REFERENCES "learning_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "action_plan_actions" DROP CONSTRAINT "fk_action_plan_actions_learning_item_id"`,
    );
    await queryRunner.query(`ALTER TABLE "action_plan_actions" DROP CONSTRAINT "fk_action_plan_actions_priority_id"`);
    await queryRunner.query(`ALTER TABLE "action_plan_priorities" DROP CONSTRAINT "fk_action_plan_priorities_plan_id"`);
    await queryRunner.query(`ALTER TABLE "action_plans" DROP CONSTRAINT "fk_action_plans_unit_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_action_plan_actions_priority_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_action_plan_actions_learning_item_id"`);
    await queryRunner.query(`DROP TABLE "action_plan_actions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_action_plan_priorities_plan_id"`);
    await queryRunner.query(`DROP TABLE "action_plan_priorities"`);
    await queryRunner.query(`DROP INDEX "public"."ix_action_plans_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_action_plans_role_family_slug"`);
    await queryRunner.query(`DROP INDEX "public"."ix_action_plans_owner_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_action_plans_unit_id"`);
    await queryRunner.query(`DROP TABLE "action_plans"`);
  }
}
