import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a user row (roles, families, disabled, tokens_valid_after, deletion, a staff record's
 * removal clearing staff_id) is announced on the `users_changed` channel with the user's id, and a
 * TRUNCATE with '*': API processes keep the per-request user check in memory only while they hear these.
 */
export class UsersChangedNotify1795400000000 implements MigrationInterface {
  name = 'UsersChangedNotify1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION users_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('users_changed', '*');
        ELSE
          PERFORM pg_notify('users_changed', COALESCE(NEW.id, OLD.id)::text);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER trg_users_changed AFTER INSERT OR UPDATE OR DELETE ON "users" FOR EACH ROW EXECUTE FUNCTION users_changed_notify()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_users_truncated AFTER TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION users_changed_notify()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_users_truncated ON "users"`);
    await queryRunner.query(`DROP TRIGGER trg_users_changed ON "users"`);
    await queryRunner.query(`DROP FUNCTION users_changed_notify()`);
  }
}
