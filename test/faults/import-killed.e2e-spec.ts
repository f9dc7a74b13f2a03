/**
 * A5 R5: the connection dies in the middle of a multi-statement transaction. Made deterministic by a
 * lock: a session of the test's own holds a lock that the transaction's next statement needs, the
 * test waits until the app's backend is blocked there (its transaction open, rows already written),
 * terminates exactly that backend (this file's database, the API's application_name, that pid), then
 * lets the lock go. The client must get a clean 503 problem at once, nothing of the transaction may be
 * visible, and a retry must complete exactly once.
 *
 * - The staff import: COPY into staging, then the set-based merge (INSERT staff, UPDATE staff, role
 *   assignments, audit). Killed after its INSERT INTO staff, while waiting for `role_assignments`.
 *   The import does not take Idempotency-Key (documented: the body is a stream); a retry is safe
 *   because it upserts by staff number, so a third send of the same file changes nothing.
 * - An idempotent create (POST /locations: INSERT, then the audit event) with Idempotency-Key, killed
 *   after its INSERT while waiting for `audit_events`: the key must be released, not left in progress
 *   (409 for ever) nor recorded as completed; the retry with the same key creates it once, and a
 *   third send replays the stored response.
 */
import { staffCsvLines, type StaffCsvRow } from '@capability/workforce';
import type pg from 'pg';
import type { Response } from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { databaseName, lockWaiters, sideConnection, waitUntil, type LockWaiter } from './support/harness.js';

const ROWS = 2000;
/** From the kill to the client's answer, on a busy CI machine. */
const ANSWER_AFTER_KILL_MS = 2000;

const number = (n: number): string => `K${String(n).padStart(5, '0')}`;

function row(n: number): StaffCsvRow {
  return {
    staff_number: number(n),
    full_name: `Person ${n}`,
    work_email: `person${n}@department.example`,
    unit_code: 'KILL-DEPT',
    location_code: 'LON',
    grade_code: 'HEO',
    employment_type: 'permanent',
    line_manager_staff_number: n === 1 ? '' : number(1 + Math.floor((n - 1) / 10)),
    role_level_slug: 'data-engineer',
    start_date: '2020-01-15',
    leaving_date: '',
  };
}

const CSV = [...staffCsvLines(Array.from({ length: ROWS }, (_, i) => row(i + 1)))].join('');

describe('a connection killed mid-transaction (R5)', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let database: string;
  let locker: pg.Client;
  let observer: pg.Client;

  beforeAll(async () => {
    t = await createTestApp();
    database = databaseName(t.databaseUrl);
    locker = await sideConnection(t.databaseUrl, 'ddat-fault-locker');
    observer = await sideConnection(t.databaseUrl, 'ddat-fault-observer');
  });

  beforeEach(async () => {
    await t.reset();
    auth = (await signedIn(t, { roles: ['admin'] })).auth;
    await t.dataSource.query(`INSERT INTO organisation_units (id, code, name, type, parent_id, path)
      SELECT id, 'KILL-DEPT', 'Department', 'department', NULL, ARRAY[id] FROM (SELECT gen_random_uuid() AS id) g`);
    await t.dataSource.query(
      `INSERT INTO locations (code, name, region, is_regional_hub) VALUES ('LON', 'London', 'London', false)`,
    );
  });

  afterAll(async () => {
    await locker?.end().catch(() => undefined);
    await observer?.end().catch(() => undefined);
    await t?.close();
  });

  /** The single number a `SELECT count(*) …` answers, read outside the app. */
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(Object.values((await observer.query<Record<string, string>>(sql, params)).rows[0] ?? {})[0]);

  /** The relations the backend `pid` holds RowExclusiveLock on: the tables its transaction has written. */
  async function written(pid: number): Promise<string[]> {
    const { rows } = await observer.query<{ relname: string }>(
      `SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
       WHERE l.pid = $1 AND l.mode = 'RowExclusiveLock' AND l.granted AND c.relkind = 'r' ORDER BY 1`,
      [pid],
    );
    return rows.map((r) => r.relname);
  }

  /**
   * Holds `lock` while `send()` runs, waits until the app's backend is blocked on a statement like
   * `statement` inside its open transaction, terminates that backend only, lets the lock go, and
   * returns the answer, the backend and the relations it had written.
   */
  async function killMidTransaction(
    lock: string,
    statement: string,
    send: () => PromiseLike<Response>,
  ): Promise<{ res: Response; victim: LockWaiter; wrote: string[]; answeredMs: number }> {
    let locked = false;
    try {
      await locker.query('BEGIN');
      await locker.query(lock);
      locked = true;
      const answer = Promise.resolve(send());
      let victim: LockWaiter | undefined;
      const blocked = await waitUntil(async () => {
        [victim] = await lockWaiters(observer, database, statement);
        return victim !== undefined;
      }, 15_000);
      expect(blocked, `no API backend blocked on ${statement}`).toBe(true);
      expect(victim!.xid, 'the transaction has written nothing yet').not.toBeNull();
      const wrote = await written(victim!.pid);
      const { rows } = await observer.query<{ killed: boolean }>(
        `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE pid = $1 AND datname = $2`,
        [victim!.pid, database],
      );
      expect(rows).toEqual([{ killed: true }]);
      const killedAt = performance.now();
      await locker.query('ROLLBACK');
      locked = false;
      const res = await answer;
      return { res, victim: victim!, wrote, answeredMs: performance.now() - killedAt };
    } finally {
      if (locked) await locker.query('ROLLBACK').catch(() => undefined);
    }
  }

  it('leaves nothing of a staff import whose connection dies in the merge, and the retry imports it once', async () => {
    const KEY = 'r5-import-1';
    const importCsv = (): PromiseLike<Response> =>
      t
        .http({ fault: true })
        .post('/api/v1/staff/import')
        .set(auth)
        .set('Idempotency-Key', KEY)
        .set('Content-Type', 'text/csv')
        .send(CSV);

    // SHARE on role_assignments lets the import read it (classify) but not write it: the merge stops
    // at its first role-assignment statement, after INSERT INTO staff, inside the transaction.
    const { res, victim, wrote, answeredMs } = await killMidTransaction(
      'LOCK TABLE role_assignments IN SHARE MODE',
      'UPDATE role_assignments%',
      importCsv,
    );
    expect(wrote).toContain('staff'); // the batch's rows were written, uncommitted, when the connection died
    expectProblem(res, 503, 'service-unavailable');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(answeredMs).toBeLessThan(ANSWER_AFTER_KILL_MS);
    expect(await lockWaiters(observer, database)).toEqual([]);
    await waitUntil(
      async () => (await count(`SELECT count(*) FROM pg_stat_activity WHERE pid = $1`, [victim.pid])) === 0,
    );

    // Nothing of the batch: no staff, no role assignments, no audit event, no idempotency record.
    expect(await count(`SELECT count(*) FROM staff`)).toBe(0);
    expect(await count(`SELECT count(*) FROM role_assignments`)).toBe(0);
    expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'staff.imported'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM idempotency_keys WHERE key = $1`, [KEY])).toBe(0);

    // The retry with the same key imports the file, once.
    const retry = await t
      .http()
      .post('/api/v1/staff/import')
      .set(auth)
      .set('Idempotency-Key', KEY)
      .set('Content-Type', 'text/csv')
      .send(CSV);
    expect(retry.status, retry.text).toBe(201);
    expect(retry.body).toMatchObject({ dryRun: false, rows: ROWS, created: ROWS, updated: 0, unchanged: 0 });
    expect(await count(`SELECT count(*) FROM staff`)).toBe(ROWS);
    expect(await count(`SELECT count(DISTINCT staff_number) FROM staff WHERE staff_number LIKE 'K%'`)).toBe(ROWS);
    expect(await count(`SELECT count(*) FROM role_assignments`)).toBe(ROWS);
    expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'staff.imported'`)).toBe(1);

    // A third send of the same request changes nothing: no row created, updated or versioned again.
    const third = await t
      .http()
      .post('/api/v1/staff/import')
      .set(auth)
      .set('Idempotency-Key', KEY)
      .set('Content-Type', 'text/csv')
      .send(CSV);
    expect(third.status, third.text).toBe(201);
    expect(third.body).toMatchObject({ rows: ROWS, created: 0, updated: 0, unchanged: ROWS });
    expect(await count(`SELECT count(*) FROM staff`)).toBe(ROWS);
    expect(await count(`SELECT count(*) FROM staff WHERE version <> 1`)).toBe(0);
    expect(await count(`SELECT count(*) FROM role_assignments`)).toBe(ROWS);
    expect(
      await count(
        `SELECT count(*) FROM audit_events WHERE action = 'staff.imported' AND (details->>'created')::int > 0`,
      ),
    ).toBe(1);

    process.stdout.write(
      `[faults] import killed: ${ROWS} rows, backend ${victim.pid} killed in "${victim.query.slice(0, 40).replace(/\s+/g, ' ')}…" ` +
        `after writing ${wrote.join(', ')}; 503 answered ${Math.round(answeredMs)} ms after the kill; nothing left; retry created ${ROWS}\n`,
    );
  });

  it('releases the Idempotency-Key of a create whose connection dies mid-transaction; the retry creates once and then replays', async () => {
    const KEY = 'r5-location-1';
    const body = { code: 'KILL-1', name: 'Killed Office', region: 'Wales' };
    const create = (): PromiseLike<Response> =>
      t.http({ fault: true }).post('/api/v1/locations').set(auth).set('Idempotency-Key', KEY).send(body);

    // SHARE on audit_events: the create's INSERT INTO locations goes through, its audit event waits.
    const { res, wrote, answeredMs } = await killMidTransaction(
      'LOCK TABLE audit_events IN SHARE MODE',
      'INSERT INTO "audit_events"%',
      create,
    );
    expect(wrote).toContain('locations');
    expectProblem(res, 503, 'service-unavailable');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(answeredMs).toBeLessThan(ANSWER_AFTER_KILL_MS);

    expect(await count(`SELECT count(*) FROM locations WHERE code = 'KILL-1'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'location.created'`)).toBe(0);
    // Not recorded as completed, and not left "in progress" (which would answer 409 to every retry).
    expect(await count(`SELECT count(*) FROM idempotency_keys WHERE key = $1`, [KEY])).toBe(0);

    const retry = await t.http().post('/api/v1/locations').set(auth).set('Idempotency-Key', KEY).send(body);
    expect(retry.status, retry.text).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    const replay = await t.http().post('/api/v1/locations').set(auth).set('Idempotency-Key', KEY).send(body);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(retry.body);

    expect(await count(`SELECT count(*) FROM locations WHERE code = 'KILL-1'`)).toBe(1);
    expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'location.created'`)).toBe(1);
    expect(await count(`SELECT count(*) FROM idempotency_keys WHERE key = $1 AND state = 'completed'`, [KEY])).toBe(1);
  });
});
