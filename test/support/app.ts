import { USERS_CHANGED_CHANNEL } from '@capability/auth';
import { DatabaseNotifications, loadAppConfig, SeedersService, type AppConfig } from '@capability/platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { createApp } from '../../apps/api/src/create-app.js';
import { assertContract, type ContractOptions } from './contract.js';
import { withDatabase } from './db-url.js';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  dataSource: DataSource;
  databaseUrl: string;
  /**
   * supertest against the in-process server. Every response is checked against openapi.json
   * (test/support/contract.ts): a status or body the document does not give fails the test.
   * `{ malformed: true }` / `{ fault: true }` only for deliberately malformed requests and injected
   * faults: the status is then not looked up, but an error must still be a valid problem.
   */
  http: (options?: ContractOptions) => ReturnType<typeof request>;
  /** Empties every table but the reference data (audit trail included), for per-test isolation. */
  reset: () => Promise<void>;
  /**
   * Waits until the app has heard of every change committed so far (DatabaseNotifications.sync): after
   * a test changes users with SQL rather than through the API, as another process would.
   */
  notified: () => Promise<void>;
  close: () => Promise<void>;
}

/** A fresh database for this file, cloned from the migrated template in ~50 ms. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `ddat_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestAppOptions {
  /** Boots another replica on this app's database (closing it leaves the database to that app). */
  sameDatabaseAs?: TestApp;
}

/**
 * Boots the real application (the same `createApp()` as `main.ts`) on its own database.
 * `env` overrides configuration for this file (e.g. a low rate limit).
 */
export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const shared = options.sameDatabaseAs;
  const database = shared ? { url: shared.databaseUrl, drop: async () => {} } : await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'ddat-test-data-'));
  const config = loadAppConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    AUTH_PRIVATE_KEY: inject('privateKeyPem'),
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT: '1000',
    RUN_WORKER: 'false',
    RUN_MIGRATIONS: 'false',
    // eslint-disable-next-line n/no-process-env -- lets a developer see the app's logs while debugging a test
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_STATEMENT_TIMEOUT_MS: '10000',
    ...env,
  });
  const app = await createApp({ config, databaseUrl: database.url });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const dataSource = app.get(DataSource);
  const notifications = app.get(DatabaseNotifications);
  // Reference data (framework, grades) stays: it came with the template, as it comes with every start.
  const keep = new Set(['migrations', ...app.get(SeedersService).referenceTables()]);
  const tables = (
    await dataSource.query<{ tablename: string }[]>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)
  )
    .filter((t) => !keep.has(t.tablename))
    .map((t) => `"${t.tablename}"`);
  return {
    app,
    config,
    dataSource,
    databaseUrl: database.url,
    http: (options?: ContractOptions) => withContract(request(app.getHttpServer()), options),
    reset: async () => {
      // The audit trail refuses TRUNCATE by trigger; replica mode skips triggers for this session only.
      await dataSource.transaction(async (m) => {
        await m.query(`SET LOCAL session_replication_role = replica`);
        await m.query(`TRUNCATE ${tables.join(', ')} CASCADE`);
        // Replica mode skips the users trigger too: announce the emptying by hand.
        await m.query(`SELECT pg_notify($1, '*')`, [USERS_CHANGED_CHANNEL]);
      });
      await notifications.sync();
    },
    notified: () => notifications.sync(),
    close: async () => {
      await app.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

type Agent = ReturnType<typeof request>;
type Test = ReturnType<Agent['get']>;

/** Makes every request of `agent` fail when its response breaks the OpenAPI contract. */
function withContract(agent: Agent, options: ContractOptions = {}): Agent {
  const wrapped: Agent = { ...agent } as Agent;
  for (const [name, make] of Object.entries(agent) as [keyof Agent, (url: string) => Test][]) {
    if (typeof make !== 'function') continue;
    (wrapped as unknown as Record<string, unknown>)[name] = (url: string): Test => {
      const test = make(url);
      const end = test.end.bind(test);
      test.end = (callback) =>
        end((err, res) => {
          if (!err && res) {
            try {
              assertContract(test.method, test.url, res, options);
            } catch (violation) {
              callback?.(violation, res);
              return;
            }
          }
          callback?.(err, res);
        });
      return test;
    };
  }
  return wrapped;
}
