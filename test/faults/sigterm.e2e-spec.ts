/**
 * A5 R7: SIGTERM to the real built server (dist/apps/api/src/main.js) while a long CSV export streams
 * and short requests keep coming. The export finishes intact, new connections are refused (or told
 * 503), the process exits 0 within its shutdown budget, and it leaves no session in PostgreSQL.
 */
import { projectRoot } from '@capability/platform';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiProcess } from '../support/api-process.js';
import {
  API_APPLICATION_NAME,
  FaultCluster,
  freePort,
  privateKeyPem,
  sleep,
  timed,
  type Timed,
} from './support/harness.js';

const STAFF = 100_000;
const SHUTDOWN_TIMEOUT_MS = 5000;
const ADMIN = { email: 'sigterm.admin@department.example', password: 'sigterm-admin-password' };

describe('SIGTERM under load', () => {
  let cluster: FaultCluster;
  let api: ApiProcess | undefined;
  let dataDir: string;
  let url: string;

  beforeAll(async () => {
    cluster = await FaultCluster.start();
    await cluster.query('CREATE DATABASE shutdown');
    dataDir = await mkdtemp(join(tmpdir(), 'ddat-fault-sigterm-'));
    const port = await freePort();
    api = await ApiProcess.start(
      projectRoot(),
      port,
      {
        // eslint-disable-next-line n/no-process-env -- the child needs the PATH it was started with
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        NODE_ENV: 'production',
        DATABASE_URL: cluster.databaseUrl('shutdown'),
        RUN_MIGRATIONS: 'true',
        RUN_WORKER: 'false',
        DATA_DIR: dataDir,
        AUTH_PRIVATE_KEY: privateKeyPem(),
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: 'warn',
        METRICS_TOKEN: 'metrics-token-of-a-test-api-process',
        WEB_SESSION_SECRET: 'web-session-secret-of-a-test-api-process',
        RATE_LIMIT_PER_MINUTE: '1000000',
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      },
      { readyTimeoutMs: 60_000 },
    );
    url = api.url;
    // Enough staff that the export is still streaming when the signal comes (the test also stops reading).
    await cluster.query(
      `WITH unit AS (
         INSERT INTO organisation_units (id, code, name, type, path)
         SELECT u, 'SIG-DEPT', 'Shutdown Department', 'department', ARRAY[u] FROM gen_random_uuid() AS u
         RETURNING id)
       INSERT INTO staff (staff_number, full_name, work_email, unit_id, employment_type)
       SELECT 'S' || lpad(n::text, 6, '0'), 'Person ' || n, 'person' || n || '@department.example', unit.id, 'permanent'
       FROM unit, generate_series(1, $1::int) AS n`,
      [STAFF],
      'shutdown',
    );
  });

  afterAll(async () => {
    api?.kill();
    await cluster?.destroy();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes the export in flight, refuses new work, exits 0 within the budget and leaves no session', async () => {
    const login = await timed(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status, login.body).toBe(200);
    const token = (JSON.parse(login.body) as { accessToken: string }).accessToken;
    const auth = { authorization: `Bearer ${token}` };

    // The export: read the first chunk, then stop reading so it is certainly still in flight.
    const target = new URL(`${url}/api/v1/staff/export.csv`);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(target, { headers: auth, agent: false }, resolve);
      req.on('error', reject);
      req.end();
    });
    expect(response.statusCode).toBe(200);
    const chunks: Buffer[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      response.on('end', resolve);
      response.on('error', reject);
      response.on('aborted', () => reject(new Error('export aborted')));
    });
    await new Promise<void>((resolve) => {
      response.once('data', (chunk: Buffer) => {
        chunks.push(chunk);
        response.pause();
        resolve();
      });
    });

    // A stream of short requests on their own connections, before and after the signal.
    let running = true;
    const shorts: (Timed & { at: number })[] = [];
    const shortLoop = (async () => {
      while (running) {
        const at = performance.now();
        shorts.push({
          ...(await timed(`${url}/api/v1/locations?limit=5`, {
            headers: { ...auth, connection: 'close' },
            timeoutMs: 10_000,
          })),
          at,
        });
        await sleep(20);
      }
    })();
    await sleep(300);

    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      api!.child.once('exit', (code) => resolve({ code, at: performance.now() })),
    );
    // The export is still in flight in the app: its COPY's transaction stays open until the stream has been read.
    const copying = await cluster.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE application_name = $1 AND state IN ('active', 'idle in transaction') AND query LIKE 'COPY%'`,
      [API_APPLICATION_NAME],
    );
    expect(copying[0]!.n).toBe(1);
    const signalledAt = performance.now();
    api!.child.kill('SIGTERM');
    await sleep(500);
    // A new connection now is refused, or answered 503.
    const late = await timed(`${url}/api/v1/locations?limit=5`, { headers: { ...auth, connection: 'close' } });
    expect(late.status === 0 || late.status === 503, `${late.status} ${late.body}`).toBe(true);

    // Read the rest of the export.
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.resume();
    await ended;
    const csv = Buffer.concat(chunks).toString('utf8');
    const lines = csv.split('\n');
    expect(lines.at(-1)).toBe(''); // ends with a newline: not cut off mid-row
    expect(lines.length - 2).toBe(STAFF); // header + rows + the empty tail
    expect(lines[1]).toMatch(/^S000001,/);
    expect(lines.at(-2)).toMatch(new RegExp(`^S${String(STAFF).padStart(6, '0')},`));

    const exit = await exited;
    running = false;
    await shortLoop;
    expect(exit.code, api!.lastOutput()).toBe(0);
    const shutdownMs = exit.at - signalledAt;
    expect(shutdownMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 2000);

    // Short requests: answered 200 before the signal, and refused or 503 after; none hung or failed otherwise. "Before"
    // is answered before it: one sent a moment before the signal may reach a server already shutting down (503).
    const before = shorts.filter((s) => s.at + s.ms < signalledAt);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((s) => s.status === 200)).toBe(true);
    for (const s of shorts) {
      expect([0, 200, 503], `${s.status} ${s.error ?? ''} ${s.body}`).toContain(s.status);
      expect(s.ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
      if (s.status === 0) expect(s.error).toMatch(/fetch failed|ECONNREFUSED|ECONNRESET|socket/i);
    }

    const sessions = await cluster.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`,
      [API_APPLICATION_NAME],
    );
    expect(sessions[0]!.n).toBe(0);

    process.stdout.write(
      `[faults] SIGTERM: exited 0 ${Math.round(shutdownMs)} ms after the signal, with a ${STAFF}-row export ` +
        `(${(csv.length / 1024 / 1024).toFixed(1)} MiB) completing in flight; ${shorts.length} short requests ` +
        `(${shorts.filter((s) => s.at >= signalledAt).length} after the signal: ` +
        `${[...new Set(shorts.filter((s) => s.at >= signalledAt).map((s) => s.status))].join('/')})\n`,
    );
  });
});
