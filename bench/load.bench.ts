/**
 * Load benchmark: the built API as a process of its own, on a throwaway embedded PostgreSQL holding a
 * generated department, under an autocannon mixed workload (staff list and point reads, framework
 * reads, a review-edit stand-in PATCH with If-Match, a CSV import and the CSV export) at 50 and 200
 * connections; the point read's throughput side by side (ABBA) with a bare node:http + pg server
 * running the same query; and the API's RSS after a forced full GC across three consecutive runs
 * (read through the inspector, so V8's not-yet-collected garbage is not taken for growth). Not a
 * test: `npm run bench:load`
 * (options: --duration=60 --size=5000 --pairs=7 --point-duration=8). Exits 1 when a target is missed.
 */
import { EmbeddedPostgres, projectRoot } from '@capability/platform';
import { DEMO_SEED, generateDemoDepartment, staffCsvLines } from '@capability/workforce';
import type autocannon from 'autocannon';
import { generateKeyPairSync } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ApiProcess, benchApiEnv } from '../test/support/api-process.js';
import { insertOrganisation, roleLevels } from './support/department.js';
import { outcome, run, startFloor, type Outcome } from './support/floor.js';
import { importCsv, login } from './support/http.js';
import { median, printTable, printTargets, ratio, runBenchmark, type Check, type Row } from './support/measure.js';
import { freePort, numericArg, withDatabase } from './support/net.js';

const arg = numericArg;
const DURATION = arg('duration', 60);
const SIZE = arg('size', 5000);
// Seven shorter pairs rather than three long ones: the machine's speed drifts by ±15 % over seconds, and the
// median of more, interleaved pairs is the steadier estimate of the ratio.
const PAIRS = arg('pairs', 7);
const POINT_DURATION = arg('point-duration', Math.min(DURATION, 8));
const POINT_CONNECTIONS = arg('point-connections', 50);
const POOL_MAX = 10;
const ADMIN = { email: 'load.admin@department.example', password: 'load-admin-password' };
const MB = 1024 * 1024;

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;
/** The bare node:http + pg server for the point-read floor. */
const startBare = (databaseUrl: string, prepared: boolean) =>
  startFloor('bare-point-read.js', {
    DATABASE_URL: databaseUrl,
    POOL_MAX: String(POOL_MAX),
    PREPARED: String(prepared),
  });

async function main(): Promise<number> {
  const log = (m: string): boolean => process.stdout.write(`${m}\n`);
  log(
    `Load benchmark: ${SIZE} staff; mixed workload ${DURATION} s per run at 50 and 200 connections; ` +
      `point read ${PAIRS} ABBA pairs of ${POINT_DURATION} s at ${POINT_CONNECTIONS} connections`,
  );
  const dataDir = await mkdtemp(join(tmpdir(), 'ddat-load-'));
  await chmod(dataDir, 0o711); // the postgres user must pass through it when we run as root
  const server = await new EmbeddedPostgres({
    dataDir,
    dataDirExplicit: false,
    port: await freePort(),
    ephemeral: true,
    postgresFlags: ['-c', 'shared_buffers=256MB', '-c', 'work_mem=16MB'],
    logger: { log: () => undefined, warn: (m: string) => log(m), debug: () => undefined },
  }).start();
  let api: ApiProcess | undefined;
  let bare: Awaited<ReturnType<typeof startBare>> | undefined;
  let plain: Awaited<ReturnType<typeof startBare>> | undefined;
  const clients: pg.Client[] = [];
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    clients.push(admin);
    await admin.query('CREATE DATABASE load');
    const databaseUrl = withDatabase(server.url, 'load');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    api = await ApiProcess.start(
      projectRoot(),
      await freePort(),
      {
        ...benchApiEnv({
          databaseUrl,
          dataDir: join(dataDir, 'api'),
          privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          admin: ADMIN,
        }),
        DATABASE_POOL_MAX: String(POOL_MAX),
        RATE_LIMIT_PER_MINUTE: '100000000',
      },
      { inspect: true },
    );
    const token = await login(api.url, ADMIN.email, ADMIN.password);
    const auth = { authorization: `Bearer ${token}` };

    // ---- The department: the demo generator's units and people, imported through the API.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    clients.push(db);
    const department = generateDemoDepartment({ roleLevels: await roleLevels(db), size: SIZE, seed: DEMO_SEED });
    await insertOrganisation(db, department);
    await importCsv(api.url, token, Buffer.from([...staffCsvLines(department.staff)].join('')));
    const ids = (await db.query<{ id: string }>('SELECT id FROM staff ORDER BY staff_number')).rows.map((r) => r.id);
    const readIds = ids.slice(0, Math.ceil(ids.length / 2));
    const editIds = ids.slice(Math.ceil(ids.length / 2));
    log(`Imported ${ids.length} staff`);

    // ---- Mixed workload: one connection's cycle of 50 requests.
    const read = (path: string): autocannon.Request => ({ method: 'GET', path });
    // HR re-sending part of the file: five people of the read half (never the edited half), in file
    // order, as a real re-upload would be; rows that did not change are left alone.
    const [header, ...staffLines] = [
      ...staffCsvLines([...department.staff].sort((a, b) => (a.staff_number < b.staff_number ? -1 : 1))),
    ];
    const readLines = staffLines.slice(0, readIds.length);
    const importBodies = Array.from({ length: 50 }, (_, i) => {
      const at = Math.floor((i / 50) * (readLines.length - 5));
      return [header, ...readLines.slice(at, at + 5)].join('');
    });
    const cycle: autocannon.Request[] = [];
    for (let i = 0; i < 48; i++) {
      const slot = i % 8;
      if (slot === 0) {
        cycle.push(read('/api/v1/staff?limit=20'));
      } else if (slot <= 4) {
        cycle.push({ method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/v1/staff/${pick(readIds)}` }) });
      } else if (slot === 5) {
        cycle.push(read('/api/v1/framework/role-families'));
      } else if (slot === 6) {
        cycle.push(read('/api/v1/framework/skills?limit=20'));
      } else {
        cycle.push({
          method: 'PATCH',
          // A review edit against the version first read: the first edit of a record wins, later ones get 412.
          setupRequest: (r) => ({
            ...r,
            path: `/api/v1/staff/${pick(editIds)}`,
            headers: { ...r.headers, 'content-type': 'application/json', 'if-match': '"1"' },
            body: JSON.stringify({ fullName: 'Edited In Review' }),
          }),
        });
      }
    }
    cycle.push({
      method: 'POST',
      setupRequest: (r) => ({
        ...r,
        path: '/api/v1/staff/import',
        headers: { ...r.headers, 'content-type': 'text/csv' },
        body: pick(importBodies),
      }),
    });
    cycle.push(read('/api/v1/staff/export.csv'));
    const mixed = async (connections: number): Promise<Outcome> =>
      outcome(
        connections,
        await run({ url: api!.url, connections, duration: DURATION, headers: auth, requests: cycle, timeout: 30 }),
      );

    const rows: Row[] = [];
    const checks: Check[] = [];
    const mixedRow = (label: string, o: Outcome, rss: string): void => {
      const codes = Object.entries(o.statuses)
        .map(([c, n]) => `${c}:${n}`)
        .join(' ');
      rows.push({
        measure: `${label}: req/s, p50, p99`,
        value: `${o.rps.toFixed(0)}`,
        detail: `p50 ${o.p50} ms, p99 ${o.p99} ms; ${o.requests} requests (${codes}); errors ${o.errors}; RSS ${rss}`,
      });
      checks.push({
        name: `${label}: unexpected answers (not 2xx, not 412)`,
        value: o.unexpected,
        target: '= 0',
        ok: o.unexpected === 0,
        detail: codes,
      });
    };

    log('Warm-up (5 s at 50 connections)…');
    await run({ url: api.url, connections: 50, duration: 5, headers: auth, requests: cycle.slice(0, 8) });
    log(`Mixed workload at 50 connections for ${DURATION} s…`);
    const mib = (bytes: number): string => `${(bytes / MB).toFixed(0)} MiB`;
    /** RSS as read at the end of a run, and after a forced full collection. */
    const memory = async (): Promise<{ raw: number; afterGc: number }> => {
      const raw = api!.rss();
      return { raw, afterGc: await api!.rssAfterGc() };
    };
    const atFifty = await mixed(50);
    const fiftyMemory = await memory();
    mixedRow('mixed @50', atFifty, `${mib(fiftyMemory.raw)} (${mib(fiftyMemory.afterGc)} after GC)`);
    const rss: { raw: number; afterGc: number }[] = [];
    for (let i = 1; i <= 3; i++) {
      log(`Mixed workload at 200 connections for ${DURATION} s (run ${i} of 3)…`);
      const o = await mixed(200);
      rss.push(await memory());
      mixedRow(`mixed @200 #${i}`, o, `${mib(rss.at(-1)!.raw)} (${mib(rss.at(-1)!.afterGc)} after GC)`);
    }
    const growth = (rss[2]!.afterGc - rss[0]!.afterGc) / rss[0]!.afterGc;
    const rawGrowth = (rss[2]!.raw - rss[0]!.raw) / rss[0]!.raw;
    rows.push({
      measure: 'API RSS after the three 200-connection runs, read as it stood (not judged)',
      value: `${(rawGrowth * 100).toFixed(1)} %`,
      detail: rss.map((r) => mib(r.raw)).join(' → '),
    });
    checks.push({
      name: 'API RSS growth across three consecutive runs (after a full GC)',
      value: growth,
      target: '≤ 10 %',
      ok: growth <= 0.1,
      detail: rss.map((r) => mib(r.afterGc)).join(' → '),
    });

    // ---- Point read: the API against the bare floor, ABBA pairs, same ids, same concurrency, same pool size.
    // The floor: the same SQL through a bare pool, prepared as the API prepares it. The plain floor
    // (parsed and planned on every request) is shown beside it, not judged.
    bare = await startBare(databaseUrl, true);
    plain = await startBare(databaseUrl, false);
    const pointRun = async (base: string, headers: Record<string, string>, prefix: string): Promise<Outcome> =>
      outcome(
        POINT_CONNECTIONS,
        await run({
          url: base,
          connections: POINT_CONNECTIONS,
          duration: POINT_DURATION,
          headers,
          requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `${prefix}/${pick(readIds)}` }) }],
        }),
      );
    const apiPoint = (): Promise<Outcome> => pointRun(api!.url, auth, '/api/v1/staff');
    const barePoint = (): Promise<Outcome> => pointRun(bare!.url, {}, '/staff');
    const plainPoint = (): Promise<Outcome> => pointRun(plain!.url, {}, '/staff');
    log(`Point read: warm-up, then ${PAIRS} ABBA pairs of ${POINT_DURATION} s…`);
    await run({
      url: api.url,
      connections: POINT_CONNECTIONS,
      duration: 3,
      headers: auth,
      requests: [{ method: 'GET', path: `/api/v1/staff/${readIds[0]}` }],
    });
    await run({
      url: bare.url,
      connections: POINT_CONNECTIONS,
      duration: 3,
      requests: [{ method: 'GET', path: `/staff/${readIds[0]}` }],
    });
    const throughput: number[] = [];
    const plainThroughput: number[] = [];
    const p99s: number[] = [];
    let pointUnexpected = 0;
    for (let i = 0; i < PAIRS; i++) {
      let a: Outcome;
      let b: Outcome;
      if (i % 2 === 0) {
        a = await apiPoint();
        b = await barePoint();
      } else {
        b = await barePoint();
        a = await apiPoint();
      }
      const c = await plainPoint();
      pointUnexpected += a.unexpected + b.unexpected + c.unexpected;
      throughput.push(a.rps / b.rps);
      plainThroughput.push(a.rps / c.rps);
      p99s.push(a.p99 / Math.max(b.p99, 1));
      rows.push({
        measure: `point read pair ${i + 1}: API / bare req/s`,
        value: ratio(a.rps / b.rps),
        detail: `API ${a.rps.toFixed(0)} req/s (p50 ${a.p50} ms, p99 ${a.p99} ms); bare ${b.rps.toFixed(0)} req/s (p50 ${b.p50} ms, p99 ${b.p99} ms)`,
      });
      rows.push({
        measure: `  (API / bare, SQL not prepared)`,
        value: ratio(a.rps / c.rps),
        detail: `bare without a prepared statement ${c.rps.toFixed(0)} req/s (p50 ${c.p50} ms, p99 ${c.p99} ms)`,
      });
    }
    // P5 (b): the app's no-database route, to tell framework overhead from database work.
    const live = outcome(
      POINT_CONNECTIONS,
      await run({
        url: api.url,
        connections: POINT_CONNECTIONS,
        duration: POINT_DURATION,
        requests: [read('/health/live')],
      }),
    );
    rows.push({
      measure: 'API GET /health/live (no database) req/s',
      value: live.rps.toFixed(0),
      detail: `p50 ${live.p50} ms, p99 ${live.p99} ms`,
    });
    checks.push({
      name: 'GET /staff/:id throughput / bare node:http + pg, same prepared SQL (median)',
      value: median(throughput),
      target: '≥ 0.6',
      ok: median(throughput) >= 0.6,
      detail: throughput.map((r) => r.toFixed(2)).join(', '),
    });
    rows.push({
      measure: 'API / bare without a prepared statement (median; not judged)',
      value: ratio(median(plainThroughput)),
      detail: plainThroughput.map((r) => r.toFixed(2)).join(', '),
    });
    rows.push({
      measure: 'point read p99 ratio API / bare (median)',
      value: ratio(median(p99s)),
      detail: p99s.map((r) => r.toFixed(2)).join(', '),
    });
    checks.push({
      name: 'point-read runs: unexpected answers',
      value: pointUnexpected,
      target: '= 0',
      ok: pointUnexpected === 0,
      detail: '',
    });

    printTable('Load benchmark', rows);
    return printTargets(checks);
  } finally {
    await bare?.stop();
    await plain?.stop();
    await api?.stop();
    for (const c of clients) await c.end().catch(() => undefined);
    await server.stop();
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

runBenchmark(main);
