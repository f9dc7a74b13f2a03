import { EmbeddedPostgres, loadAppConfig, SeedersService, type RunningDatabase } from '@capability/platform';
import { generateKeyPairSync } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createApp } from '../../apps/api/src/create-app.js';
import { createDataSource } from '../../scripts/data-source.js';
import { withDatabase } from './db-url.js';
import { freePort } from './net.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL on the test server (database `postgres`). */
    adminDatabaseUrl: string;
    /** The migrated template each test file clones. */
    templateDatabase: string;
    /** The key every test app signs with, so tests can mint tokens of their own. */
    privateKeyPem: string;
  }
}

/**
 * Once per run: a PostgreSQL server (TEST_DATABASE_URL, or a throwaway embedded one), and a template
 * database with every migration applied. Each test file clones the template (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // eslint-disable-next-line n/no-process-env -- the test harness picks its server before any config exists
  const external = process.env.TEST_DATABASE_URL;
  let server: RunningDatabase | undefined;
  let dataDir: string | undefined;
  if (external) {
    server = { url: external, stop: () => Promise.resolve() };
  } else {
    dataDir = await mkdtemp(join(tmpdir(), 'ddat-test-pg-'));
    await chmod(dataDir, 0o711); // mkdtemp makes it 700; the postgres user must pass through it
    const embedded = new EmbeddedPostgres({
      dataDir,
      dataDirExplicit: false,
      port: await freePort(),
      ephemeral: true,
      logger: { log: () => undefined, warn: (m: string) => process.stderr.write(`${m}\n`), debug: () => undefined },
    });
    server = await embedded.start();
  }
  const template = `ddat_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const templateUrl = withDatabase(server.url, template);
  const config = loadAppConfig({ DATABASE_URL: templateUrl, NODE_ENV: 'test' });
  const dataSource = createDataSource(config, templateUrl, 'ddat-test-setup');
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();

  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  // Reference data (the shipped framework, the grades) goes into the template once, as `npm start` seeds it.
  const keysDir = await mkdtemp(join(tmpdir(), 'ddat-test-seed-'));
  const app = await createApp({
    config: loadAppConfig({
      NODE_ENV: 'test',
      DATABASE_URL: templateUrl,
      DATA_DIR: keysDir,
      AUTH_PRIVATE_KEY: privateKeyPem,
      LOG_LEVEL: 'silent',
      RUN_WORKER: 'false',
      RUN_MIGRATIONS: 'false',
    }),
    databaseUrl: templateUrl,
  });
  await app.init();
  await app.get(SeedersService).run({ demo: false });
  await app.close();
  await rm(keysDir, { recursive: true, force: true });

  project.provide('adminDatabaseUrl', server.url);
  project.provide('templateDatabase', template);
  project.provide('privateKeyPem', privateKeyPem);

  return async () => {
    const cleanup = new pg.Client({ connectionString: server.url });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    await cleanup.end();
    await server.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  };
}
