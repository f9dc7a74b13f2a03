/**
 * A5 R1–R3: the database's connections die, or the whole server stops and comes back, while requests
 * run. On a cluster of this file's own (the shared test server is never stopped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_APPLICATION_NAME,
  FaultCluster,
  problemType,
  sleep,
  startApp,
  timed,
  type ListeningApp,
  type Timed,
} from './support/harness.js';

const CONNECT_TIMEOUT_MS = 1000;
const UNAVAILABLE = 'urn:ddat-capability:problem:service-unavailable';

interface Sample extends Timed {
  at: number;
  kind: 'read' | 'write';
  code?: string;
}

/**
 * `workers` loops of requests (reads of the locations list, and creates of a location with a unique
 * code) until `stop()`; every answer is kept with the time it was sent.
 */
function load(t: ListeningApp, workers: number, prefix: string): { samples: Sample[]; stop: () => Promise<void> } {
  const samples: Sample[] = [];
  let running = true;
  let n = 0;
  const loop = async (w: number): Promise<void> => {
    while (running) {
      const at = performance.now();
      if (w % 2 === 0) {
        const code = `${prefix}-${w}-${++n}`;
        const r = await timed(`${t.url}/api/v1/locations`, {
          method: 'POST',
          headers: { ...t.auth, 'content-type': 'application/json' },
          body: JSON.stringify({ code, name: `Office ${code}`, region: 'Test' }),
        });
        samples.push({ ...r, at, kind: 'write', code });
      } else {
        const r = await timed(`${t.url}/api/v1/locations?limit=5`, { headers: t.auth });
        samples.push({ ...r, at, kind: 'read' });
      }
      await sleep(5);
    }
  };
  const loops = Array.from({ length: workers }, (_, w) => loop(w));
  return {
    samples,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

function expectUnavailable(r: Timed): void {
  expect(r.status, r.body).toBe(503);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(problemType(r)).toBe(UNAVAILABLE);
  expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(r.body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|\bstack\b|SELECT|INSERT/);
}

describe('database faults under load', () => {
  let cluster: FaultCluster;
  let t: ListeningApp;

  beforeAll(async () => {
    cluster = await FaultCluster.start();
    const url = await cluster.createDatabase('faults');
    t = await startApp(url, {
      DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      DATABASE_STATEMENT_TIMEOUT_MS: '3000',
      DATABASE_POOL_MAX: '5',
    });
  });

  afterAll(async () => {
    await t?.close();
    await cluster?.destroy();
  });

  it('survives its connections being killed mid-load, and answers 200 again at once (R1)', async () => {
    const run = load(t, 4, 'kill');
    await sleep(400);
    const killed = await cluster.query<{ pid: number }>(
      `SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity WHERE application_name = $1`,
      [API_APPLICATION_NAME],
    );
    const killedAt = performance.now();
    await sleep(400);
    await run.stop();

    expect(killed.length).toBeGreaterThan(0);
    for (const s of run.samples) {
      expect(s.error, s.error).toBeUndefined();
      expect(s.ms).toBeLessThan(CONNECT_TIMEOUT_MS + 2000);
      if (s.status !== 503) expect(s.status, s.body).toBe(s.kind === 'write' ? 201 : 200);
      else expectUnavailable(s);
    }
    // At most one failed request per connection that was killed; none once the kill is over.
    const failed = run.samples.filter((s) => s.status === 503);
    expect(failed.length).toBeLessThanOrEqual(killed.length);
    expect(run.samples.filter((s) => s.at > killedAt + 50 && s.status !== 200 && s.status !== 201)).toEqual([]);
    const after = await Promise.all(
      Array.from({ length: 20 }, () => timed(`${t.url}/api/v1/locations?limit=5`, { headers: t.auth })),
    );
    expect(after.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 200));
  });

  it('answers 503 with Retry-After while the database is down, recovers without a restart, and loses no acknowledged write (R2, R3)', async () => {
    const run = load(t, 4, 'outage');
    await sleep(500);

    const stoppedAt = performance.now();
    await cluster.down();
    const downAt = performance.now();

    // Health while down: readiness fails, liveness does not depend on the database.
    let readyFailedAfter: number | undefined;
    while (readyFailedAfter === undefined && performance.now() - downAt < 5000) {
      const ready = await timed(`${t.url}/health/ready`);
      if (ready.status === 503) readyFailedAfter = performance.now() - stoppedAt;
      else await sleep(50);
    }
    expect(readyFailedAfter).toBeDefined();
    const live = await timed(`${t.url}/health/live`);
    expect(live.status).toBe(200);
    expect(live.ms).toBeLessThan(500);
    const ready = await timed(`${t.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(CONNECT_TIMEOUT_MS + 500);
    await sleep(1000);

    const upStarted = performance.now();
    await cluster.up();
    const upAt = performance.now();

    // Recovery: the first moment after which every request succeeds.
    let recoveredAt: number | undefined;
    while (performance.now() - upAt < 10_000) {
      const r = await timed(`${t.url}/api/v1/locations?limit=5`, { headers: t.auth });
      if (r.status === 200) {
        recoveredAt = performance.now();
        break;
      }
      await sleep(50);
    }
    await sleep(500);
    await run.stop();

    const during = run.samples.filter((s) => s.at >= downAt && s.at + s.ms <= upStarted);
    expect(during.length).toBeGreaterThan(5);
    for (const s of during) {
      expectUnavailable(s);
      expect(s.ms).toBeLessThan(CONNECT_TIMEOUT_MS + 500);
    }
    for (const s of run.samples) {
      expect(s.error, s.error).toBeUndefined();
      expect([200, 201, 503], `${s.kind} ${s.body}`).toContain(s.status);
    }
    expect(recoveredAt).toBeDefined();
    const recovery = recoveredAt! - upAt;
    expect(recovery).toBeLessThan(5000);
    const afterRecovery = run.samples.filter((s) => s.at > recoveredAt!);
    expect(afterRecovery.length).toBeGreaterThan(0);
    expect(afterRecovery.filter((s) => s.status === 503)).toEqual([]);

    // Every write acknowledged with 201 is in the database.
    const acknowledged = run.samples.filter((s) => s.kind === 'write' && s.status === 201).map((s) => s.code!);
    expect(acknowledged.length).toBeGreaterThan(0);
    const stored = await cluster.query<{ code: string }>(
      `SELECT code FROM locations WHERE code = ANY($1::text[])`,
      [acknowledged],
      'faults',
    );
    expect(stored.map((r) => r.code).sort()).toEqual([...acknowledged].sort());

    const firstFailure = run.samples.find((s) => s.at >= stoppedAt && s.status === 503);
    process.stdout.write(
      `[faults] outage: ready 503 after ${Math.round(readyFailedAfter!)} ms; first 503 answered in ` +
        `${Math.round(firstFailure?.ms ?? NaN)} ms; ${during.length} requests during the outage, slowest ` +
        `${Math.round(Math.max(...during.map((s) => s.ms)))} ms; cluster restart ${Math.round(upAt - upStarted)} ms; ` +
        `recovered ${Math.round(recovery)} ms after the database accepted connections; ` +
        `${acknowledged.length} acknowledged writes all stored\n`,
    );
  });
});
