import { join } from 'node:path';
import type pg from 'pg';
import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { projectRoot } from '../config/project-root.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export const APPLICATION_NAME = 'ddat-capability-manager';

/** Compiled migrations; `npm run build` writes them (the test command builds first). */
export function migrationsGlob(): string {
  return join(projectRoot(), 'dist', 'migrations', '*.js');
}

/**
 * One set of DataSource options for the app, the worker, the CLI and the migration tooling:
 * snake_case names, no synchronize, a pool that never waits forever and sessions that never hang.
 */
export function dataSourceOptions(
  config: AppConfig,
  url: string,
  entities: MixedList<string | (new () => unknown) | EntitySchema>,
  options: { applicationName?: string; logger?: { warn(message: string): void } } = {},
): DataSourceOptions {
  const { db } = config;
  return {
    type: 'postgres',
    url,
    entities,
    migrations: [migrationsGlob()],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; nothing to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: options.applicationName ?? APPLICATION_NAME,
    ssl: db.ssl ? { rejectUnauthorized: db.sslRejectUnauthorized } : false,
    poolSize: db.poolMax,
    poolErrorHandler: (err: unknown) =>
      options.logger?.warn(`Idle database connection failed: ${err instanceof Error ? err.message : String(err)}`),
    extra: {
      max: db.poolMax,
      connectionTimeoutMillis: db.connectTimeoutMs,
      idleTimeoutMillis: 10_000,
      keepAlive: true,
      statement_timeout: db.statementTimeoutMs,
      // A client-side guard too: a server that accepts connections but never answers cannot hang a request.
      query_timeout: db.statementTimeoutMs + 2_000,
      idle_in_transaction_session_timeout: db.idleInTransactionTimeoutMs,
      lock_timeout: Math.min(db.statementTimeoutMs, 10_000),
      application_name: options.applicationName ?? APPLICATION_NAME,
      // Every session in UTC, so SQL's current_date is the same day the application calls today.
      options: '-c TimeZone=UTC',
    },
  };
}

/**
 * Settings for a pg connection of its own beside the DataSource's pool (the readiness probe, the
 * notification listener): the same server, TLS, session time zone and application name, a bounded
 * connect and TCP keep-alive, so such a connection neither hangs nor differs from the pool's sessions.
 */
export function connectionOptions(
  config: AppConfig,
  url: string,
  options: { applicationName?: string } = {},
): pg.ClientConfig {
  const { db } = config;
  return {
    connectionString: url,
    ssl: db.ssl ? { rejectUnauthorized: db.sslRejectUnauthorized } : false,
    connectionTimeoutMillis: db.connectTimeoutMs,
    keepAlive: true,
    application_name: options.applicationName ?? APPLICATION_NAME,
    options: '-c TimeZone=UTC',
  };
}
