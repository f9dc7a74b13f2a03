import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LearningRecords1796282906390 implements MigrationInterface {
  name = 'LearningRecords1796282906390';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "learning_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid NOT NULL, "learning_item_id" uuid, "title" character varying(200), "provider" character varying(200), "skill_slugs" text array NOT NULL DEFAULT '{}', "completed_on" date NOT NULL, "hours" numeric(6,2) NOT NULL, "evidence_url" character varying(2000), "evidence_note" text, "state" character varying(20) NOT NULL DEFAULT 'submitted', "recorded_by_user_id" uuid, "verified_at" TIMESTAMP(3) WITH TIME ZONE, "verified_by_user_id" uuid, "rejected_at" TIMESTAMP(3) WITH TIME ZONE, "rejected_by_user_id" uuid, "reject_reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_learning_records_reject_reason_length" CHECK (reject_reason IS NULL OR char_length(reject_reason) <= 2000), CONSTRAINT "ck_learning_records_rejected" CHECK ((state = 'rejected') = (rejected_at IS NOT NULL AND reject_reason IS NOT NULL)), CONSTRAINT "ck_learning_records_verified" CHECK ((state = 'verified') = (verified_at IS NOT NULL)), CONSTRAINT "ck_learning_records_evidence_note_length" CHECK (evidence_note IS NULL OR char_length(evidence_note) <= 2000), CONSTRAINT "ck_learning_records_evidence" CHECK (evidence_url IS NOT NULL OR evidence_note IS NOT NULL), CONSTRAINT "ck_learning_records_hours_range" CHECK (hours > 0 AND hours <= 1000), CONSTRAINT "ck_learning_records_provider_length" CHECK (provider IS NULL OR char_length(provider) <= 200), CONSTRAINT "ck_learning_records_title_length" CHECK (title IS NULL OR char_length(title) BETWEEN 1 AND 200), CONSTRAINT "ck_learning_records_item_or_external" CHECK ((learning_item_id IS NULL) = (title IS NOT NULL) AND (learning_item_id IS NULL OR provider IS NULL)), CONSTRAINT "ck_learning_records_state" CHECK (state IN ('submitted', 'verified', 'rejected')), CONSTRAINT "pk_learning_records" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_learning_records_learning_item_id" ON "learning_records"  ("learning_item_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_learning_records_state_created_at_id" ON "learning_records"  ("state", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_learning_records_staff_id_completed_on" ON "learning_records"  ("staff_id", "completed_on", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_records" ADD CONSTRAINT "fk_learning_records_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_records" ADD CONSTRAINT "fk_learning_records_learning_item_id" FOREIGN KEY ("learning_item_id") REFERENCES "learning_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "learning_records" DROP CONSTRAINT "fk_learning_records_learning_item_id"`);
    await queryRunner.query(`ALTER TABLE "learning_records" DROP CONSTRAINT "fk_learning_records_staff_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_learning_records_staff_id_completed_on"`);
    await queryRunner.query(`DROP INDEX "public"."ix_learning_records_state_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_learning_records_learning_item_id"`);
    await queryRunner.query(`DROP TABLE "learning_records"`);
  }
}
