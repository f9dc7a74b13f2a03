import { JobsService, translateDatabaseError, type ProblemDetails } from '@capability/platform';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser } from '../support/factories.js';

/** The error a promise rejects with (fails the test if it resolves). */
async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; driverError?: { code?: string } }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected the database to refuse this');
}

function sqlState(err: { code?: string; driverError?: { code?: string } }): string | undefined {
  return err.driverError?.code ?? err.code;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  describe('audit_events is append-only', () => {
    async function insertEvent(): Promise<string> {
      const rows = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO audit_events (action, entity_type, entity_id, changed_fields) VALUES ('user.updated', 'user', $1, '{displayName}') RETURNING id`,
        [randomUUID()],
      );
      return rows[0]?.id as string;
    }

    async function events(): Promise<{ id: string; action: string }[]> {
      return await t.dataSource.query<{ id: string; action: string }[]>(
        'SELECT id, action FROM audit_events ORDER BY id',
      );
    }

    it('accepts INSERT', async () => {
      const id = await insertEvent();
      expect(await events()).toEqual([{ id, action: 'user.updated' }]);
    });

    it.each([
      ['UPDATE', `UPDATE audit_events SET action = 'user.deleted'`],
      [
        'UPDATE of one row',
        `UPDATE audit_events SET changed_fields = '{}' WHERE id = (SELECT min(id::text)::uuid FROM audit_events)`,
      ],
      ['DELETE', 'DELETE FROM audit_events'],
      ['TRUNCATE', 'TRUNCATE audit_events'],
      ['TRUNCATE … CASCADE', 'TRUNCATE audit_events CASCADE'],
    ])('refuses %s', async (_name, sql) => {
      const id = await insertEvent();
      const err = await rejectionOf(t.dataSource.query(sql));
      expect(err.message).toContain('append-only');
      expect(sqlState(err)).toBe('42501');
      expect(await events()).toEqual([{ id, action: 'user.updated' }]);
    });

    it('refuses the change inside a transaction too, rolling it back', async () => {
      const id = await insertEvent();
      const err = await rejectionOf(
        t.dataSource.transaction(async (m) => {
          await m.query(`INSERT INTO audit_events (action, entity_type) VALUES ('x.y', 'x')`);
          await m.query('DELETE FROM audit_events');
        }),
      );
      expect(err.message).toContain('append-only');
      expect(await events()).toEqual([{ id, action: 'user.updated' }]);
    });
  });

  describe('schema conventions', () => {
    it('names every primary key, foreign key, unique and check constraint pk_/fk_/uq_/ck_', async () => {
      const rows = await t.dataSource.query<{ name: string; type: string; table: string }[]>(`
        SELECT c.conname AS name, c.contype AS type, r.relname AS "table"
        FROM pg_constraint c
        JOIN pg_class r ON r.oid = c.conrelid
        JOIN pg_namespace n ON n.oid = r.relnamespace
        WHERE n.nspname = 'public' AND c.contype IN ('p', 'f', 'u', 'c', 'x')`);
      const prefix: Record<string, string> = { p: 'pk_', f: 'fk_', u: 'uq_', c: 'ck_', x: 'ex_' };
      const misnamed = rows.filter((r) => !r.name.startsWith(prefix[r.type] ?? '?') || r.name.length > 63);
      expect(misnamed).toEqual([]);
      // The check above must have something to check: each kind the schema uses is present.
      const types = new Set(rows.map((r) => r.type));
      for (const type of ['p', 'f', 'c']) expect(types.has(type), type).toBe(true);
      const tables = await t.dataSource.query<{ tablename: string }[]>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
      );
      for (const { tablename } of tables) {
        expect(
          rows.some((r) => r.table === tablename && r.type === 'p'),
          tablename,
        ).toBe(true);
      }
      for (const table of tables) {
        expect(rows.find((r) => r.table === table.tablename && r.type === 'p')?.name).toBe(`pk_${table.tablename}`);
      }
    });

    it('names every index pk_/uq_/ix_ (or ex_, the index behind an exclusion constraint of that name)', async () => {
      const rows = await t.dataSource.query<{ name: string; table: string; exclusion: boolean }[]>(
        `SELECT i.indexname AS name, i.tablename AS "table",
                EXISTS (SELECT 1 FROM pg_constraint c WHERE c.contype = 'x' AND c.conname = i.indexname) AS exclusion
           FROM pg_indexes i WHERE i.schemaname = 'public' AND i.tablename <> 'migrations'`,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => !/^(pk|uq|ix)_/.test(r.name) && !(r.exclusion && r.name.startsWith('ex_')))).toEqual(
        [],
      );
    });

    it('stores every timestamp as timestamptz', async () => {
      const rows = await t.dataSource.query<{ table_name: string; column_name: string; data_type: string }[]>(`
        SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type LIKE 'timestamp%'`);
      expect(rows.length).toBeGreaterThan(5);
      expect(rows.filter((r) => r.data_type !== 'timestamp with time zone')).toEqual([]);
      const plain = await t.dataSource.query<unknown[]>(`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('timestamp without time zone', 'time without time zone')`);
      expect(plain).toEqual([]);
    });

    it('has every migration applied and the entities in step with the schema', async () => {
      expect(await t.dataSource.showMigrations()).toBe(false); // false: nothing pending
      const sync = await t.dataSource.driver.createSchemaBuilder().log();
      expect(sync.upQueries.map((q) => q.query)).toEqual([]);
    });
  });

  describe('purge jobs', () => {
    it('purges expired refresh tokens and keeps live ones', async () => {
      const user = await createUser(t);
      const family = randomUUID();
      const insert = (hash: string, expiresAt: string): Promise<unknown> =>
        t.dataSource.query(
          `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + $4::interval)`,
          [user.id, family, sha256(hash), expiresAt],
        );
      await insert('expired', '-1 hour');
      await insert('expired-long-ago', '-30 days');
      await insert('live', '1 hour');
      await insert('live-used', '1 day');
      await t.dataSource.query(`UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1`, [
        sha256('live-used'),
      ]);

      await t.app.get(JobsService).runNow('purge-expired-refresh-tokens');

      const left = await t.dataSource.query<{ token_hash: string }[]>(
        'SELECT token_hash FROM refresh_tokens ORDER BY token_hash',
      );
      expect(left.map((r) => r.token_hash)).toEqual([sha256('live'), sha256('live-used')].sort());
      const users = await t.dataSource.query<unknown[]>('SELECT id FROM users WHERE id = $1', [user.id]);
      expect(users).toHaveLength(1);
    });

    it('purges expired idempotency keys and keeps live ones', async () => {
      const userId = randomUUID();
      const insert = (key: string, expiresAt: string): Promise<unknown> =>
        t.dataSource.query(
          `INSERT INTO idempotency_keys (user_id, key, request_hash, state, response_status, response_body, expires_at)
           VALUES ($1, $2, $3, 'completed', 201, '{}', now() + $4::interval)`,
          [userId, key, sha256(key), expiresAt],
        );
      await insert('expired', '-1 minute');
      await insert('expired-long-ago', '-7 days');
      await insert('live', '23 hours');

      await t.app.get(JobsService).runNow('purge-expired-idempotency-keys');

      const left = await t.dataSource.query<{ key: string }[]>('SELECT key FROM idempotency_keys');
      expect(left).toEqual([{ key: 'live' }]);
    });

    it('registers both purge jobs with an hourly schedule, and refuses an unknown job', async () => {
      const jobs = t.app.get(JobsService).registered();
      expect(jobs).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: 'purge-expired-refresh-tokens',
            cron: expect.stringMatching(/^\d+ \* \* \* \*$/),
          }),
          expect.objectContaining({
            name: 'purge-expired-idempotency-keys',
            cron: expect.stringMatching(/^\d+ \* \* \* \*$/),
          }),
        ]),
      );
      await expect(t.app.get(JobsService).runNow('no-such-job')).rejects.toThrow('No job named no-such-job');
    });
  });

  describe('the connection pool', () => {
    it('sets statement_timeout and the other session guards from the configuration', async () => {
      expect(t.config.db.statementTimeoutMs).toBe(10_000);
      const [shown] = await t.dataSource.query<{ statement_timeout: string }[]>('SHOW statement_timeout');
      expect(shown?.statement_timeout).toBe('10s');
      const settings = await t.dataSource.query<{ name: string; setting: string }[]>(
        `SELECT name, setting FROM pg_settings WHERE name IN ('statement_timeout', 'idle_in_transaction_session_timeout', 'lock_timeout') ORDER BY name`,
      );
      expect(settings).toEqual([
        { name: 'idle_in_transaction_session_timeout', setting: String(t.config.db.idleInTransactionTimeoutMs) },
        { name: 'lock_timeout', setting: String(Math.min(t.config.db.statementTimeoutMs, 10_000)) },
        { name: 'statement_timeout', setting: String(t.config.db.statementTimeoutMs) },
      ]);
    });

    it("names its sessions 'ddat-capability-api' in pg_stat_activity", async () => {
      const rows = await t.dataSource.query<{ application_name: string }[]>(
        'SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()',
      );
      expect(rows).toEqual([{ application_name: 'ddat-capability-api' }]);
      const others = await t.dataSource.query<{ application_name: string }[]>(
        `SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`,
      );
      expect(others.map((r) => r.application_name)).toContain('ddat-capability-api');
    });
  });
});

describe('a statement that runs past statement_timeout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: '200' });
  });
  afterAll(async () => t.close());

  it('is cancelled by the server and maps to 503 service-unavailable', async () => {
    const [shown] = await t.dataSource.query<{ statement_timeout: string }[]>('SHOW statement_timeout');
    expect(shown?.statement_timeout).toBe('200ms');
    const started = Date.now();
    const err = await rejectionOf(t.dataSource.query('SELECT pg_sleep(1)'));
    expect(Date.now() - started).toBeLessThan(900);
    expect(sqlState(err)).toBe('57014');
    const problem = translateDatabaseError(err) as ProblemDetails;
    expect(problem).toMatchObject({ status: 503, type: 'urn:ddat-capability:problem:service-unavailable' });
    expect(JSON.stringify(problem)).not.toContain('pg_sleep');
    // The pool is still usable afterwards.
    expect(await t.dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

describe('the worker (RUN_WORKER=true)', () => {
  let t: TestApp | undefined;
  afterAll(async () => t?.close());

  it('starts pg-boss with both purge schedules, and closes cleanly', async () => {
    t = await createTestApp({ RUN_WORKER: 'true' });
    expect(t.app.get(JobsService).runsJobs).toBe(true);
    const schedules = await t.dataSource.query<{ name: string; cron: string }[]>(
      'SELECT name, cron FROM pgboss.schedule ORDER BY name',
    );
    expect(schedules.map((s) => s.name)).toEqual(
      expect.arrayContaining(['purge-expired-idempotency-keys', 'purge-expired-refresh-tokens']),
    );
    const workers = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'ddat-capability-worker'`,
    );
    expect(workers[0]?.n).toBeGreaterThan(0);

    const closing = t;
    t = undefined;
    await expect(closing.close()).resolves.toBeUndefined();
  });
});
