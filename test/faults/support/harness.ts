import { Tokens, User } from '@capability/auth';
import { EmbeddedPostgres, loadAppConfig, SeedersService, type AppConfig } from '@capability/platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { generateKeyPairSync } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../../../apps/api/src/create-app.js';
import { createDataSource } from '../../../scripts/data-source.js';

/** The application_name the API's pool sets on every session (ApiModule). */
export const API_APPLICATION_NAME = 'ddat-capability-api';

import { freePort } from '../../support/net.js';

export { freePort };

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const quiet = {
  log: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
};

/**
 * A throwaway PostgreSQL cluster of the fault test's own (never the shared per-run server, which
 * other test files are using): its own data folder and port, so it can be stopped and started again.
 */
export class FaultCluster {
  private server?: EmbeddedPostgres;
  /** Superuser URL of database `postgres`. */
  url = '';

  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<FaultCluster> {
    const dataDir = await mkdtemp(join(tmpdir(), 'ddat-fault-pg-'));
    await chmod(dataDir, 0o711); // mkdtemp makes it 700; the postgres user must pass through it
    const cluster = new FaultCluster(dataDir, await freePort());
    await cluster.up();
    return cluster;
  }

  /** Starts (again) on the same data folder and port. */
  async up(): Promise<void> {
    // A fresh instance each time: an EmbeddedPostgres remembers that it was stopped.
    this.server = new EmbeddedPostgres({
      dataDir: this.dataDir,
      dataDirExplicit: false,
      port: this.port,
      ephemeral: true,
      logger: quiet,
    });
    this.url = (await this.server.start()).url;
  }

  /** A fast shutdown: open transactions roll back, sessions end. */
  async down(): Promise<void> {
    await this.server?.stop();
  }

  /** The URL of another database on this cluster. */
  databaseUrl(database: string): string {
    const u = new URL(this.url);
    u.pathname = `/${database}`;
    return u.toString();
  }

  async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], database = 'postgres'): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.databaseUrl(database), connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** A migrated database with the reference data, as `npm start` leaves it. */
  async createDatabase(name: string): Promise<string> {
    await this.query(`CREATE DATABASE ${name}`);
    const url = this.databaseUrl(name);
    const config = loadAppConfig({ DATABASE_URL: url, NODE_ENV: 'test' });
    const dataSource = createDataSource(config, url, 'ddat-fault-setup');
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    return url;
  }

  async destroy(): Promise<void> {
    await this.down();
    await rm(this.dataDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

export function privateKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export interface ListeningApp {
  app: NestFastifyApplication;
  config: AppConfig;
  dataSource: DataSource;
  /** http://127.0.0.1:port */
  url: string;
  /** Bearer header of an admin user. */
  auth: { authorization: string };
  close: () => Promise<void>;
}

/**
 * The real application (createApp, as main.ts builds it) on `databaseUrl`, listening on a free port so
 * the test can send concurrent HTTP. Seeds the reference data and an admin on the first call per database.
 */
export async function startApp(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: { seed?: boolean } = {},
): Promise<ListeningApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ddat-fault-app-'));
  const config = loadAppConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    AUTH_PRIVATE_KEY: privateKeyPem(),
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_RATE_LIMIT: '1000',
    RUN_WORKER: 'false',
    RUN_MIGRATIONS: 'false',
    // eslint-disable-next-line n/no-process-env -- lets a developer see the app's logs while debugging a fault test
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const app = await createApp({ config, databaseUrl });
  await app.init();
  if (options.seed !== false) await app.get(SeedersService).run({ demo: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const dataSource = app.get(DataSource);
  const users = dataSource.getRepository(User);
  const admin = await users.save(
    users.create({
      email: `fault-admin-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@department.example`,
      displayName: 'Fault Admin',
      roles: ['admin'],
      roleFamilies: [],
      staffId: null,
      passwordHash: null,
      disabledAt: null,
    }),
  );
  return {
    app,
    config,
    dataSource,
    url: `http://127.0.0.1:${port}`,
    auth: { authorization: `Bearer ${app.get(Tokens).issueAccessToken(admin)}` },
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Timed {
  status: number;
  ms: number;
  headers: Headers;
  body: string;
  /** The request failed at the transport (connection refused or reset), or was aborted. */
  error?: string;
}

/** One HTTP request with a hard bound, its status, time and body; transport failures come back as status 0. */
export async function timed(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Timed> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 15_000) });
    const body = await res.text();
    return { status: res.status, ms: performance.now() - started, headers: res.headers, body };
  } catch (err) {
    return {
      status: 0,
      ms: performance.now() - started,
      headers: new Headers(),
      body: '',
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    };
  }
}

/** The `type` of a problem+json body, if it is one. */
export function problemType(r: Timed): string | undefined {
  try {
    return (JSON.parse(r.body) as { type?: string }).type;
  } catch {
    return undefined;
  }
}

export interface LockWaiter {
  pid: number;
  query: string;
  /** The transaction's id: set once it has written something. */
  xid: string | null;
}

/**
 * The API's sessions in `database` (this test's own; never another file's) that are running a
 * statement and waiting for a lock, optionally only those whose statement matches `queryLike`.
 * Ask on a connection outside any transaction: pg_stat_activity is a snapshot taken once per transaction.
 */
export async function lockWaiters(client: pg.Client, database: string, queryLike = '%'): Promise<LockWaiter[]> {
  const { rows } = await client.query<LockWaiter>(
    `SELECT pid, query, backend_xid::text AS xid FROM pg_stat_activity
     WHERE datname = $1 AND application_name = $2 AND state = 'active' AND wait_event_type = 'Lock' AND query LIKE $3
     ORDER BY pid`,
    [database, API_APPLICATION_NAME, queryLike],
  );
  return rows;
}

/** Polls `probe` every 10 ms until it returns true, for at most `ms`; whether it did. */
export async function waitUntil(probe: () => boolean | Promise<boolean>, ms = 5000): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (await probe()) return true;
    await sleep(10);
  }
  return probe();
}

/** The database name of a connection URL. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** A session of the test's own on `url` (superuser on the test server), for locks and observation. */
export async function sideConnection(url: string, name: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: name, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
