import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795248847299 implements MigrationInterface {
  name = 'Foundation1795248847299';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" uuid, "action" character varying(100) NOT NULL, "entity_type" character varying(100) NOT NULL, "entity_id" uuid, "changed_fields" text array NOT NULL DEFAULT '{}', "request_id" character varying(100), "details" jsonb, CONSTRAINT "pk_audit_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_actor_user_id" ON "audit_events"  ("actor_user_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_entity" ON "audit_events"  ("entity_type", "entity_id", "occurred_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_events_occurred_at_id" ON "audit_events"  ("occurred_at", "id") `);
    // The audit trail is append-only: the table itself refuses UPDATE, DELETE and TRUNCATE.
    await queryRunner.query(`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER trg_audit_events_no_update_delete BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_audit_events_no_truncate BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" character varying(255) NOT NULL, "request_hash" character(64) NOT NULL, "state" character varying(20) NOT NULL, "response_status" smallint, "response_body" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "ck_idempotency_keys_state" CHECK ("state" IN ('processing', 'completed')), CONSTRAINT "pk_idempotency_keys" PRIMARY KEY ("user_id", "key"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_idempotency_keys_expires_at" ON "idempotency_keys"  ("expires_at") `);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "display_name" character varying(200) NOT NULL, "password_hash" character varying(255), "roles" character varying(30) array NOT NULL, "role_families" character varying(100) array NOT NULL DEFAULT '{}', "staff_id" uuid, "oidc_issuer" character varying(500), "oidc_subject" character varying(255), "disabled_at" TIMESTAMP(3) WITH TIME ZONE, "tokens_valid_after" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "last_login_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_users_oidc_pair" CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL)), CONSTRAINT "ck_users_roles" CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['admin', 'hr', 'head_of_profession', 'staff']::varchar[]), CONSTRAINT "ck_users_email_lowercase" CHECK (email = lower(email)), CONSTRAINT "pk_users" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_users_created_at_id" ON "users"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_users_oidc_subject" ON "users"  ("oidc_issuer", "oidc_subject") WHERE oidc_subject IS NOT NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users"  ("email") `);
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "pk_refresh_tokens" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_expires_at" ON "refresh_tokens"  ("expires_at") `);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_user_id" ON "refresh_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_family_id" ON "refresh_tokens"  ("family_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_refresh_tokens_token_hash" ON "refresh_tokens"  ("token_hash") `);
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "fk_refresh_tokens_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_refresh_tokens_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_family_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_expires_at"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_email"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_oidc_subject"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_created_at_id"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."ix_idempotency_keys_expires_at"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_occurred_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_entity"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_actor_user_id"`);
    await queryRunner.query(`DROP TRIGGER trg_audit_events_no_truncate ON "audit_events"`);
    await queryRunner.query(`DROP TRIGGER trg_audit_events_no_update_delete ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only()`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
