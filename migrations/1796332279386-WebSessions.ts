import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebSessions1796332279386 implements MigrationInterface {
  name = 'WebSessions1796332279386';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "web_sessions" ("id_hash" character(64) NOT NULL, "user_id" uuid, "data" jsonb NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "idle_expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "absolute_expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "pk_web_sessions" PRIMARY KEY ("id_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_web_sessions_idle_expires_at" ON "web_sessions"  ("idle_expires_at") `);
    await queryRunner.query(`CREATE INDEX "ix_web_sessions_user_id" ON "web_sessions"  ("user_id") `);
    await queryRunner.query(
      `ALTER TABLE "web_sessions" ADD CONSTRAINT "fk_web_sessions_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "web_sessions" DROP CONSTRAINT "fk_web_sessions_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_web_sessions_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_web_sessions_idle_expires_at"`);
    await queryRunner.query(`DROP TABLE "web_sessions"`);
  }
}
