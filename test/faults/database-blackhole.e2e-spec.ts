/**
 * A5 R4: a database that accepts connections but never answers (a TCP proxy in black-hole mode
 * between the app and its own cluster). Requests end with 503 within the timeouts, never hang, and
 * the event loop stays free: liveness answers at once throughout.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultCluster, problemType, sleep, startApp, timed, type ListeningApp } from './support/harness.js';
import { TcpProxy } from './support/tcp-proxy.js';

const CONNECT_TIMEOUT_MS = 1000;
const STATEMENT_TIMEOUT_MS = 1000;
/** The pool's client-side guard (data-source-options): statement_timeout + 2 s. */
const QUERY_TIMEOUT_MS = STATEMENT_TIMEOUT_MS + 2000;
const MARGIN_MS = 1500;

describe('a database that never answers', () => {
  let cluster: FaultCluster;
  let proxy: TcpProxy;
  let t: ListeningApp;

  beforeAll(async () => {
    cluster = await FaultCluster.start();
    await cluster.createDatabase('blackhole');
    proxy = await TcpProxy.start(cluster.port);
    const viaProxy = new URL(cluster.databaseUrl('blackhole'));
    viaProxy.port = String(proxy.port);
    t = await startApp(viaProxy.toString(), {
      DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      DATABASE_POOL_MAX: '4',
    });
  });

  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await cluster?.destroy();
  });

  it('answers 503 within the timeouts, keeps liveness and the event loop free, and recovers when the network does (R4)', async () => {
    // Warm the pool so both kinds of stall happen: pooled connections that go silent, and new ones that never answer.
    const warm = await Promise.all(
      Array.from({ length: 4 }, () => timed(`${t.url}/api/v1/locations?limit=5`, { headers: t.auth })),
    );
    expect(warm.map((r) => r.status)).toEqual([200, 200, 200, 200]);

    proxy.setMode('blackhole');
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const requests = Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        timed(`${t.url}/api/v1/locations?limit=${i + 1}`, { headers: t.auth, timeoutMs: 20_000 }),
      ),
    );
    const ready = timed(`${t.url}/health/ready`, { timeoutMs: 20_000 });
    // Liveness while the database requests hang.
    const lives = [];
    for (let i = 0; i < 10; i++) {
      lives.push(await timed(`${t.url}/health/live`, { timeoutMs: 2000 }));
      await sleep(200);
    }
    const answers = await requests;
    lag.disable();

    for (const live of lives) {
      expect(live.status).toBe(200);
      expect(live.ms).toBeLessThan(500);
    }
    const readiness = await ready;
    expect(readiness.status).toBe(503);
    expect(readiness.ms).toBeLessThan(1000 + MARGIN_MS);
    for (const r of answers) {
      expect(r.error, r.error).toBeUndefined();
      expect(r.status, r.body).toBe(503);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(problemType(r)).toBe('urn:ddat-capability:problem:service-unavailable');
      expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
      // A pool wait is bounded by the connect timeout, a silent query by query_timeout; at worst one after the other.
      expect(r.ms).toBeLessThan(CONNECT_TIMEOUT_MS + QUERY_TIMEOUT_MS + MARGIN_MS);
    }
    expect(lag.max / 1e6).toBeLessThan(250);

    // The network comes back (held connections are reset): the service recovers without a restart.
    proxy.setMode('pass-through');
    proxy.resetAll();
    const healed = performance.now();
    let recoveredAfter: number | undefined;
    while (performance.now() - healed < 8000) {
      const r = await timed(`${t.url}/api/v1/locations?limit=5`, { headers: t.auth });
      if (r.status === 200) {
        recoveredAfter = performance.now() - healed;
        break;
      }
      await sleep(50);
    }
    expect(recoveredAfter).toBeDefined();
    expect(recoveredAfter!).toBeLessThan(5000);
    const after = await Promise.all(
      Array.from({ length: 10 }, () => timed(`${t.url}/api/v1/locations?limit=5`, { headers: t.auth })),
    );
    expect(after.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 200));

    process.stdout.write(
      `[faults] blackhole: requests ended 503 in ${Math.round(Math.min(...answers.map((r) => r.ms)))}–` +
        `${Math.round(Math.max(...answers.map((r) => r.ms)))} ms; readiness 503 in ${Math.round(readiness.ms)} ms; ` +
        `liveness max ${Math.round(Math.max(...lives.map((r) => r.ms)))} ms; event-loop lag max ` +
        `${(lag.max / 1e6).toFixed(0)} ms; recovered ${Math.round(recoveredAfter!)} ms after the network came back\n`,
    );
  });
});
