/**
 * The built API (dist/apps/api/src/main.js) on its embedded PostgreSQL, as `npm start` runs it:
 * - Ctrl-C (SIGINT to the whole process group, as a terminal sends it) lets 40 exports in flight finish;
 *   the database, in a process group of its own, is stopped only after them.
 * - SHUTDOWN_TIMEOUT_MS is enforced: an export the client stops reading and a request blocked on a row
 *   lock are cut when it expires, and the process exits 0 within timeout + 2 s.
 * - A SIGKILLed service leaves no server behind: its watchdog stops it; and a server left running anyway
 *   (watchdog killed too) is stopped by the next start, which then serves normally.
 */
import { projectRoot } from '@capability/platform';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METRICS_TOKEN, ApiProcess } from '../support/api-process.js';
import { freePortBelowEphemeral } from '../support/net.js';
import { API_APPLICATION_NAME, lockWaiters, sleep, timed, waitUntil } from './support/harness.js';

const ADMIN = { email: 'ctrl-c.admin@department.example', password: 'ctrl-c-admin-password' };
const EXPORTS = 40;
const CUT_TIMEOUT_MS = 1000;
/** Staff added for the cut test, so that an export is far larger than the sockets' buffers. */
const EXTRA_STAFF = 100_000;

/** Staff added for the Ctrl-C test (beside the ~2,000 of the demo department). */
const CTRL_C_STAFF = 20_000;

/** `count` more staff in a new department whose code starts with `prefix`. */
async function addStaff(db: pg.Client, prefix: string, count: number): Promise<void> {
  await db.query(
    `WITH unit AS (
       INSERT INTO organisation_units (id, code, name, type, path)
       SELECT u, $2 || '-DEPT', $2 || ' Department', 'department', ARRAY[u] FROM gen_random_uuid() AS u
       RETURNING id)
     INSERT INTO staff (staff_number, full_name, work_email, unit_id, employment_type)
     SELECT $2 || lpad(n::text, 6, '0'), 'Person ' || n, lower($2) || n || '@department.example', unit.id, 'permanent'
     FROM unit, generate_series(1, $1::int) AS n`,
    [count, prefix],
  );
}

/** Processes whose command line names `text` (Linux /proc): the server and watchdog of a data folder. */
function processesNaming(text: string): { pid: number; args: string }[] {
  const found: { pid: number; args: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (args.includes(text)) found.push({ pid: Number(entry), args });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe('the embedded PostgreSQL at shutdown', () => {
  let dataDir: string;
  let pgData: string;
  let pgPort: number;
  let port: number;
  const started: ApiProcess[] = [];

  const servers = (): { pid: number; args: string }[] =>
    processesNaming(pgData).filter((p) => /\/postgres -D /.test(p.args));
  const watchdogs = (): { pid: number; args: string }[] =>
    processesNaming(pgData).filter((p) => p.args.includes('ddat-embedded-postgres-watchdog'));

  async function startApi(env: Record<string, string> = {}): Promise<ApiProcess> {
    const api = await ApiProcess.start(
      projectRoot(),
      port,
      {
        // eslint-disable-next-line n/no-process-env -- the child needs the PATH it was started with
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        NODE_ENV: 'production',
        METRICS_TOKEN: API_METRICS_TOKEN,
        DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(pgPort),
        SEED_DEMO: 'true',
        RUN_WORKER: 'false',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '1000000',
        ...env,
      },
      { detached: true, readyTimeoutMs: 240_000, keepAllOutput: true },
    );
    started.push(api);
    return api;
  }

  async function bearer(api: ApiProcess): Promise<{ authorization: string }> {
    const login = await timed(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status, login.body).toBe(200);
    return { authorization: `Bearer ${(JSON.parse(login.body) as { accessToken: string }).accessToken}` };
  }

  /** A superuser session on the embedded server (its credentials file), for locks and observation. */
  async function side(name: string): Promise<pg.Client> {
    const { user, password } = JSON.parse(await readFile(join(dataDir, 'embedded-postgres.json'), 'utf8')) as {
      user: string;
      password: string;
    };
    const client = new pg.Client({
      host: '127.0.0.1',
      port: pgPort,
      user,
      password,
      database: 'postgres',
      application_name: name,
      connectionTimeoutMillis: 5000,
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ddat-fault-embedded-'));
    await chmod(dataDir, 0o711); // mkdtemp makes it 700; the postgres user must pass through it
    pgData = join(dataDir, 'pg');
    // Below the ephemeral range: another test file's freePort() cannot take them while this one starts up.
    pgPort = await freePortBelowEphemeral();
    port = await freePortBelowEphemeral();
  });

  afterAll(async () => {
    for (const api of started) api.kill();
    // Only this test's own server and watchdog: found by its temporary data folder.
    for (const p of processesNaming(pgData)) process.kill(p.pid, 'SIGKILL');
    await sleep(200);
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`finishes ${EXPORTS} exports in flight when Ctrl-C signals the whole process group`, async () => {
    const api = await startApi({ SHUTDOWN_TIMEOUT_MS: '60000' });
    const auth = await bearer(api);
    const db = await side('ctrl-c-test');
    // A department large enough that 40 exports take seconds, whatever the machine.
    await addStaff(db, 'CTRL-C', CTRL_C_STAFF);
    const staff = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM staff')).rows[0]!.n);
    await db.end();
    const reference = await timed(`${api.url}/api/v1/staff/export.csv`, { headers: auth, timeoutMs: 60_000 });
    expect(reference.status).toBe(200);
    expect(reference.body.split('\n').length).toBe(staff + 2); // header, rows, the empty tail
    expect(staff).toBeGreaterThan(CTRL_C_STAFF);

    // Each on a connection of its own, kept alive afterwards as browsers and HTTP clients do.
    const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
    let sent = 0;
    let headers = 0;
    let finished = 0;
    const exports = Array.from(
      { length: EXPORTS },
      () =>
        new Promise<{ status: number; body: string; error: string; at: number }>((resolve) => {
          const failed = (err: Error): void =>
            resolve({ status: 0, body: '', error: err.message, at: performance.now() });
          const req = httpRequest(`${api.url}/api/v1/staff/export.csv`, { headers: auth, agent }, (res) => {
            headers++;
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', failed);
            res.on('end', () => {
              finished++;
              const body = Buffer.concat(chunks).toString('utf8');
              resolve({ status: res.statusCode ?? 0, body, error: '', at: performance.now() });
            });
          });
          req.on('finish', () => sent++);
          req.on('error', failed);
          req.end();
        }),
    );
    // In flight: every request sent, the first exports streaming (the rest wait for an export slot in the handler).
    expect(await waitUntil(() => sent === EXPORTS && headers > 0, 30_000)).toBe(true);
    await sleep(500);
    const inFlight = EXPORTS - finished;
    const signalledAt = performance.now();
    api.signalGroup('SIGINT'); // what a terminal's Ctrl-C does: the service, not its database, gets it
    const results = await Promise.all(exports);
    const exit = await api.exited;
    agent.destroy();

    expect(inFlight, 'the signal came while most exports were still running').toBeGreaterThanOrEqual(EXPORTS / 2);
    const outcomes = results.map((r) =>
      r.status === 200
        ? '200'
        : `${r.status} ${r.error} ${r.body.slice(0, 300)} at ${Math.round(r.at - signalledAt)} ms`,
    );
    expect(outcomes, api.lastOutput()).toEqual(results.map(() => '200'));
    expect(results.filter((r) => r.body === reference.body)).toHaveLength(EXPORTS);
    expect(exit.code, api.lastOutput()).toBe(0);
    // Each export's audit record was written before its response ended, so before the pool closed.
    expect(api.lastOutput()).not.toContain('Could not audit');
    expect(servers()).toEqual([]);
    expect(watchdogs()).toEqual([]);
    process.stdout.write(
      `[faults] Ctrl-C: ${inFlight} of ${EXPORTS} exports (${staff} rows each) in flight at the signal, ` +
        `all ${EXPORTS} complete; exited 0 ${Math.round(exit.at - signalledAt)} ms after the signal\n`,
    );
  }, 360_000);

  it(`cuts what is still running after SHUTDOWN_TIMEOUT_MS=${CUT_TIMEOUT_MS} and exits within it + 2 s`, async () => {
    const api = await startApi({ SHUTDOWN_TIMEOUT_MS: String(CUT_TIMEOUT_MS) });
    const auth = await bearer(api);
    const db = await side('cut-test');
    await addStaff(db, 'CUT', EXTRA_STAFF);
    // Its fast shutdown then has little to write: the margin below is for the cut, not for a checkpoint.
    await db.query('CHECKPOINT');

    // An export the client stops reading after its first chunk.
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(`${api.url}/api/v1/staff/export.csv`, { headers: auth, agent: false }, resolve);
      req.on('error', reject);
      req.end();
    });
    expect(response.statusCode).toBe(200);
    let received = 0;
    const exportEnd = new Promise<string>((resolve) => {
      response.on('end', () => resolve('end'));
      response.on('aborted', () => resolve('aborted'));
      response.on('error', (err) => resolve(`error: ${err.message}`));
    });
    await new Promise<void>((resolve) =>
      response.once('data', (chunk: Buffer) => {
        received += chunk.length;
        response.pause();
        resolve();
      }),
    );

    // A change blocked on a row lock held by a session of the test's own.
    const { items } = JSON.parse((await timed(`${api.url}/api/v1/locations?limit=1`, { headers: auth })).body) as {
      items: { id: string }[];
    };
    const location = await timed(`${api.url}/api/v1/locations/${items[0]!.id}`, { headers: auth });
    await db.query('BEGIN');
    await db.query('SELECT id FROM locations WHERE id = $1 FOR UPDATE', [items[0]!.id]);
    const patch = timed(`${api.url}/api/v1/locations/${items[0]!.id}`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json', 'if-match': location.headers.get('etag') ?? '' },
      body: JSON.stringify({ name: 'Never Renamed' }),
      timeoutMs: 30_000,
    });
    const observer = await side('cut-observer');
    expect(await waitUntil(async () => (await lockWaiters(observer, 'postgres')).length === 1, 10_000)).toBe(true);
    const copying = await observer.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'COPY%'`,
      [API_APPLICATION_NAME],
    );
    expect(copying.rows[0]!.n).toBe(1);
    await observer.end();

    const signalledAt = performance.now();
    api.child.kill('SIGTERM');
    const exit = await api.exited;
    const shutdownMs = exit.at - signalledAt;
    // Read what reached the client: had the export not been cut, it would now end.
    response.on('data', (chunk: Buffer) => (received += chunk.length));
    response.resume();
    const [exportOutcome, patched] = await Promise.all([exportEnd, patch]);

    expect(exit.code, api.lastOutput()).toBe(0);
    expect(shutdownMs).toBeGreaterThanOrEqual(CUT_TIMEOUT_MS - 50);
    expect(shutdownMs).toBeLessThan(CUT_TIMEOUT_MS + 2000);
    expect(api.lastOutput()).toContain('Requests still running at the shutdown deadline (SHUTDOWN_TIMEOUT_MS)');
    expect(exportOutcome, `export of ${received} bytes`).not.toBe('end');
    expect(patched.status, patched.body).toBe(0); // its connection was closed: no answer at all
    expect(servers()).toEqual([]);
    expect(watchdogs()).toEqual([]);
    // The row lock's holder went with the database's fast shutdown (nothing kept it running).
    await expect(db.query('SELECT 1')).rejects.toThrow();
    process.stdout.write(
      `[faults] shutdown timeout: ${CUT_TIMEOUT_MS} ms; a paused ${EXTRA_STAFF}-row export (${exportOutcome} after ` +
        `${(received / 1024).toFixed(0)} kB) and a PATCH blocked on a row lock were cut; ` +
        `exited 0 ${Math.round(shutdownMs)} ms after SIGTERM\n`,
    );
  }, 360_000);

  it('leaves no server behind a SIGKILLed service, and the next start stops one left running anyway', async () => {
    // Killed outright: the watchdog stops the server.
    const first = await startApi();
    const firstServer = servers();
    expect(firstServer).toHaveLength(1);
    first.child.kill('SIGKILL');
    const killedAt = performance.now();
    expect(await waitUntil(() => servers().length === 0 && watchdogs().length === 0, 15_000)).toBe(true);
    const watchdogMs = performance.now() - killedAt;

    // Killed with its watchdog: the server is left running, until the next start.
    const second = await startApi();
    const orphan = servers();
    expect(orphan).toHaveLength(1);
    expect(watchdogs()).toHaveLength(1);
    for (const p of [second.pid, ...watchdogs().map((w) => w.pid)]) process.kill(p, 'SIGKILL');
    await second.exited;
    await sleep(1000);
    expect(servers()).toEqual(orphan);

    const third = await startApi();
    expect(third.lastOutput()).toContain(
      `Stopping the embedded PostgreSQL left running on port ${pgPort} (pid ${orphan[0]!.pid})`,
    );
    const now = servers();
    expect(now).toHaveLength(1);
    expect(now[0]!.pid).not.toBe(orphan[0]!.pid);
    const auth = await bearer(third);
    const locations = await timed(`${third.url}/api/v1/locations?limit=5`, { headers: auth });
    expect(locations.status, locations.body).toBe(200);
    await third.stop();
    expect((await third.exited).code, third.lastOutput()).toBe(0);
    expect(servers()).toEqual([]);
    expect(watchdogs()).toEqual([]);
    process.stdout.write(
      `[faults] SIGKILL: the watchdog stopped the server within ${Math.round(watchdogMs)} ms; ` +
        `an orphan server (watchdog killed too) was stopped by the next start, which served and stopped cleanly\n`,
    );
  }, 600_000);
});
