import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins per account and per client address, counted in the database so that every API
 * replica shares the counts (they were in each process's memory, so limits multiplied by replicas).
 */
export class LoginFailures1796224243595 implements MigrationInterface {
  name = 'LoginFailures1796224243595';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_failures" ("scope" character varying(7) NOT NULL, "subject" character varying(254) NOT NULL, "failures" integer NOT NULL, "window_ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "ck_login_failures_failures" CHECK (failures > 0), CONSTRAINT "ck_login_failures_scope" CHECK (scope IN ('account', 'client')), CONSTRAINT "pk_login_failures" PRIMARY KEY ("scope", "subject"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_login_failures_window_ends_at" ON "login_failures"  ("window_ends_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_login_failures_window_ends_at"`);
    await queryRunner.query(`DROP TABLE "login_failures"`);
  }
}
