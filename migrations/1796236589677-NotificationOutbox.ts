import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification outbox: emails queued in the transaction of the event that causes them, sent to GOV.UK
 * Notify after commit by the send-notifications job, each dedupe key at most once. The partial index
 * serves the sender's claim of due pending messages; the address and personalisation are nullable because
 * the purge blanks them after the retention period.
 */
export class NotificationOutbox1796236589677 implements MigrationInterface {
  name = 'NotificationOutbox1796236589677';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "template" character varying(100) NOT NULL, "recipient_staff_id" uuid, "email_address" character varying(320), "personalisation" jsonb, "dedupe_key" character varying(300) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "state" character varying(10) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP(3) WITH TIME ZONE, "notify_id" uuid, "last_error" character varying(500), CONSTRAINT "uq_notification_outbox_dedupe_key" UNIQUE ("dedupe_key"), CONSTRAINT "ck_notification_outbox_pending_address" CHECK ("state" <> 'pending' OR "email_address" IS NOT NULL), CONSTRAINT "ck_notification_outbox_attempts" CHECK ("attempts" >= 0), CONSTRAINT "ck_notification_outbox_state" CHECK ("state" IN ('pending', 'sent', 'failed', 'skipped')), CONSTRAINT "pk_notification_outbox" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_outbox_recipient_staff_id" ON "notification_outbox"  ("recipient_staff_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_outbox_due" ON "notification_outbox"  ("next_attempt_at") WHERE "state" = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_notification_outbox_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_outbox_recipient_staff_id"`);
    await queryRunner.query(`DROP TABLE "notification_outbox"`);
  }
}
