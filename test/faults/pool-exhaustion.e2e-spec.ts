/**
 * A5 R6: more concurrent slow requests than the pool has connections. The slowness is made
 * deterministic by a lock: a session of the test's own holds ACCESS EXCLUSIVE on `locations`, so
 * every `GET /api/v1/locations` that reaches its query sits on a pooled connection until the lock
 * goes. The pool fills; the requests beyond it must be refused (503 problem with Retry-After) within
 * DATABASE_CONNECT_TIMEOUT_MS, never queue for ever; liveness still answers at once, 200. Readiness
 * pings the database through the app's own pool (Terminus's TypeOrmHealthIndicator), so while the pool
 * is exhausted it answers 503 within its one-second timeout: this replica cannot serve, and says so,
 * rather than reporting "ready" from a side connection no request can use. Once the lock goes, the held
 * requests finish and everything, readiness included, answers 200 again at once.
 */
import type pg from 'pg';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { databaseName, lockWaiters, sideConnection, sleep, waitUntil } from './support/harness.js';

const POOL_MAX = 3;
const CONNECT_TIMEOUT_MS = 1000;
const MARGIN_MS = 500;
/** Requests fired at once: the pool's worth are held by the lock, the rest must be refused. */
const CONCURRENT = 10;
/** Bound on a liveness answer on a busy CI machine. */
const HEALTH_MS = 500;
/** Readiness's own bound on its database ping (apps/api/src/system/health.controller.ts). */
const READY_TIMEOUT_MS = 1000;

interface Answer {
  res: Response;
  ms: number;
}

async function timedRequest(send: () => PromiseLike<Response>): Promise<Answer> {
  const started = performance.now();
  const res = await send();
  return { res, ms: performance.now() - started };
}

describe('pool exhaustion (R6)', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let database: string;
  let locker: pg.Client;
  let observer: pg.Client;

  beforeAll(async () => {
    t = await createTestApp({
      DATABASE_POOL_MAX: String(POOL_MAX),
      DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      // lock_timeout is min(statement timeout, 10 s): the held requests wait for the lock, not for a timeout.
      DATABASE_STATEMENT_TIMEOUT_MS: '15000',
    });
    auth = (await signedIn(t, { roles: ['admin'] })).auth;
    database = databaseName(t.databaseUrl);
    await t.dataSource.query(`INSERT INTO locations (code, name, region, is_regional_hub) VALUES
      ('LON', 'London', 'London', false), ('MAN', 'Manchester hub', 'North West', true)`);
    locker = await sideConnection(t.databaseUrl, 'ddat-fault-locker');
    observer = await sideConnection(t.databaseUrl, 'ddat-fault-observer');
  });

  afterAll(async () => {
    await locker?.end().catch(() => undefined);
    await observer?.end().catch(() => undefined);
    await t?.close();
  });

  it('refuses the requests beyond the pool with 503 within the connect timeout, keeps liveness answering and readiness reporting 503, and recovers at once', async () => {
    const list = (): PromiseLike<Response> => t.http({ fault: true }).get('/api/v1/locations?limit=5').set(auth);
    const health = async (path: string, samples = 3): Promise<Answer[]> => {
      const out: Answer[] = [];
      for (let i = 0; i < samples; i++) out.push(await timedRequest(() => t.http().get(path)));
      return out;
    };
    // Warm: the pool opens its connections; no lock yet.
    const warm = await Promise.all(Array.from({ length: POOL_MAX }, () => list()));
    expect(warm.map((r) => r.status)).toEqual(Array.from({ length: POOL_MAX }, () => 200));
    expect((await t.http().get('/health/ready')).status).toBe(200);

    let locked = false;
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE locations IN ACCESS EXCLUSIVE MODE');
      locked = true;

      const started = performance.now();
      const settled: (Answer | undefined)[] = Array.from({ length: CONCURRENT }, () => undefined);
      const requests = Array.from({ length: CONCURRENT }, (_, i) => timedRequest(list).then((a) => (settled[i] = a)));
      const done = (): Answer[] => settled.filter((a): a is Answer => a !== undefined);

      // Every pooled connection ends up waiting on the lock: the pool is exhausted, deterministically.
      const exhausted = await waitUntil(async () => (await lockWaiters(observer, database)).length === POOL_MAX);
      expect(exhausted).toBe(true);
      const exhaustedAfter = performance.now() - started;

      // Health during the exhaustion: liveness never touches the database; readiness is refused in its own
      // time, as no pooled connection is free (no driver detail in the problem).
      const live = await health('/health/live');
      const ready = await health('/health/ready', 1);
      for (const a of live) {
        expect(a.res.status).toBe(200);
        expect(a.ms).toBeLessThan(HEALTH_MS);
      }
      for (const a of ready) {
        const body = expectProblem(a.res, 503, 'service-unavailable');
        expect(body.checks).toEqual({ database: { status: 'down' } });
        expect(a.ms).toBeLessThan(READY_TIMEOUT_MS + MARGIN_MS);
      }

      // The excess is refused within the connect timeout; the pool's worth stay held by the lock.
      const excess = CONCURRENT - POOL_MAX;
      await waitUntil(() => done().length >= excess, CONNECT_TIMEOUT_MS + MARGIN_MS + 2000);
      const refused = done();
      expect(refused).toHaveLength(excess);
      for (const { res, ms } of refused) {
        expectProblem(res, 503, 'service-unavailable');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(ms).toBeLessThan(CONNECT_TIMEOUT_MS + MARGIN_MS);
      }
      await sleep(200);
      expect(done()).toHaveLength(excess); // still held: neither refused nor answered while the lock is there
      expect(await lockWaiters(observer, database)).toHaveLength(POOL_MAX);

      await locker.query('ROLLBACK');
      locked = false;
      const releasedAt = performance.now();
      const all = await Promise.all(requests);
      const heldDoneMs = performance.now() - releasedAt;
      const held = all.filter((a) => !refused.includes(a));
      expect(held.map((a) => a.res.status)).toEqual(Array.from({ length: POOL_MAX }, () => 200));
      expect(heldDoneMs).toBeLessThan(1000);

      // Everything succeeds again at once, and nothing is left waiting for a connection.
      const after = await Promise.all(Array.from({ length: CONCURRENT }, () => list()));
      expect(after.map((r) => r.status)).toEqual(Array.from({ length: CONCURRENT }, () => 200));
      const readyAgain = await t.http().get('/health/ready');
      expect(readyAgain.status).toBe(200);
      expect(readyAgain.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
      expect(await lockWaiters(observer, database)).toEqual([]);

      const ms = (xs: Answer[]): string =>
        `${Math.round(Math.min(...xs.map((a) => a.ms)))}-${Math.round(Math.max(...xs.map((a) => a.ms)))} ms`;
      process.stdout.write(
        `[faults] pool exhaustion: pool ${POOL_MAX}, ${CONCURRENT} concurrent, exhausted after ` +
          `${Math.round(exhaustedAfter)} ms; ${refused.length} refused with 503 in ${ms(refused)} ` +
          `(connect timeout ${CONNECT_TIMEOUT_MS} ms); during it /health/live ${ms(live)}, /health/ready ` +
          `${ms(ready)} (503); held requests answered 200 ${Math.round(heldDoneMs)} ms after the lock went\n`,
      );
    } finally {
      if (locked) await locker.query('ROLLBACK').catch(() => undefined);
    }
  });
});
