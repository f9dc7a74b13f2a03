import type { DynamicModule, FactoryProvider } from '@nestjs/common';
import { ConfigModule, registerAs } from '@nestjs/config';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { validateEnvironment, type EnvironmentVariables } from './environment.js';
import { parseNotifyTemplates } from './notify-settings.js';
import { projectRoot } from './project-root.js';

/**
 * Typed, grouped configuration. The only way code reads settings; built once from the validated environment
 * (loadAppConfig) and provided by @nestjs/config (configModule): consumers inject this class.
 */
export class AppConfig {
  readonly env: EnvironmentVariables['NODE_ENV'];
  readonly http: {
    host: string;
    port: number;
    publicUrl: string;
    /** Fastify's `trustProxy`: off, or the proxies' addresses/CIDRs (never "trust everything", nor a hop count). */
    trustProxy: false | string[];
    corsOrigins: string[];
    bodyLimitBytes: number;
    importMaxBytes: number;
    importMaxRows: number;
    rateLimitPerMinute: number;
    loginRateLimit: number;
    shutdownTimeoutMs: number;
    metricsToken?: string;
  };
  readonly db: {
    /** Set when an external server is configured; the embedded server's URL is resolved at start. */
    url?: string;
    embedded: boolean;
    embeddedPort: number;
    ssl: boolean;
    sslRejectUnauthorized: boolean;
    poolMax: number;
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    idleInTransactionTimeoutMs: number;
    runMigrations: boolean;
  };
  /** Where the embedded cluster and generated keys live. `explicit` when DATA_DIR was set. */
  readonly data: { dir: string; explicit: boolean };
  readonly auth: {
    issuer: string;
    audience: string;
    privateKeyPem?: string;
    keyId?: string;
    previousPublicKeys: Record<string, unknown>[];
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    oidc?: { issuer: string; jwksUrl: string; audience: string };
  };
  /** The web pages' sessions: the cookie's signing secret (else generated into DATA_DIR/keys) and their lifetimes. */
  readonly web: {
    departmentName: string;
    sessionSecret?: string;
    idleMinutes: number;
    absoluteHours: number;
    secureCookies: boolean;
  };
  readonly admin: { email?: string; password?: string };
  readonly seed: { demo: boolean };
  readonly worker: { enabled: boolean };
  /** Recruitment: the candidate link and how long unsuccessful candidates are kept. */
  readonly recruitment: { candidateLinkTtlDays: number; candidateLinkRateLimit: number; retentionMonths: number };
  /** Insights: `minGroupSize` is k, the fewest people a reported figure may rest on. */
  readonly insights: { minGroupSize: number };
  readonly logging: { level: EnvironmentVariables['LOG_LEVEL'] };
  /** GOV.UK Notify and the notification outbox. Without `apiKey` queued emails are logged as due, not sent. */
  readonly notify: {
    apiKey?: string;
    baseUrl: string;
    /** Template key (as queued) → Notify template id. */
    templates: Readonly<Record<string, string>>;
    timeoutMs: number;
    maxAttempts: number;
    batchSize: number;
    retentionDays: number;
  };

  constructor(e: EnvironmentVariables) {
    const embedded = !e.DATABASE_URL;
    this.env = e.NODE_ENV;
    this.http = {
      host: e.HOST,
      port: e.PORT,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
      trustProxy: e.TRUST_PROXY,
      corsOrigins: e.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      importMaxBytes: e.IMPORT_MAX_BYTES,
      importMaxRows: e.IMPORT_MAX_ROWS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      loginRateLimit: e.LOGIN_RATE_LIMIT,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      metricsToken: e.METRICS_TOKEN,
    };
    this.db = {
      url: e.DATABASE_URL,
      embedded,
      embeddedPort: e.EMBEDDED_PG_PORT,
      ssl: e.DATABASE_SSL,
      sslRejectUnauthorized: e.DATABASE_SSL_REJECT_UNAUTHORIZED,
      poolMax: e.DATABASE_POOL_MAX,
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      runMigrations: e.RUN_MIGRATIONS ?? embedded,
    };
    const dataDir = e.DATA_DIR ?? '.data';
    this.data = {
      dir: isAbsolute(dataDir) ? dataDir : resolve(projectRoot(), dataDir),
      explicit: e.DATA_DIR !== undefined,
    };
    this.auth = {
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      privateKeyPem: e.AUTH_PRIVATE_KEY?.replace(/\\n/g, '\n'),
      keyId: e.AUTH_KEY_ID,
      previousPublicKeys: e.AUTH_PREVIOUS_PUBLIC_KEYS
        ? (JSON.parse(e.AUTH_PREVIOUS_PUBLIC_KEYS) as Record<string, unknown>[])
        : [],
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
      oidc:
        e.OIDC_ISSUER && e.OIDC_JWKS_URL
          ? { issuer: e.OIDC_ISSUER, jwksUrl: e.OIDC_JWKS_URL, audience: e.OIDC_AUDIENCE ?? e.AUTH_AUDIENCE }
          : undefined,
    };
    this.web = {
      departmentName: e.DEPARTMENT_NAME,
      sessionSecret: e.WEB_SESSION_SECRET,
      idleMinutes: e.WEB_SESSION_IDLE_MINUTES,
      absoluteHours: e.WEB_SESSION_ABSOLUTE_HOURS,
      secureCookies: e.NODE_ENV === 'production',
    };
    this.admin = { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD };
    this.seed = { demo: e.SEED_DEMO };
    this.worker = { enabled: e.RUN_WORKER ?? embedded };
    this.recruitment = {
      candidateLinkTtlDays: e.CANDIDATE_LINK_TTL_DAYS,
      candidateLinkRateLimit: e.CANDIDATE_LINK_RATE_LIMIT,
      retentionMonths: e.CANDIDATE_RETENTION_MONTHS,
    };
    this.insights = { minGroupSize: e.INSIGHTS_MIN_GROUP_SIZE };
    this.logging = { level: e.LOG_LEVEL };
    const templates = e.NOTIFY_TEMPLATES === undefined ? { templates: {} } : parseNotifyTemplates(e.NOTIFY_TEMPLATES);
    this.notify = {
      apiKey: e.NOTIFY_API_KEY,
      baseUrl: e.NOTIFY_BASE_URL.replace(/\/$/, ''),
      templates: 'templates' in templates ? templates.templates : {},
      timeoutMs: e.NOTIFY_TIMEOUT_MS,
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      batchSize: e.NOTIFY_BATCH_SIZE,
      retentionDays: e.NOTIFICATION_RETENTION_DAYS,
    };
  }

  keysDir(): string {
    return join(this.data.dir, 'keys');
  }
}

let envFileLoaded = false;

/**
 * The one place that reads `process.env`. `overrides` win over the process environment
 * (tests and scripts pass their database URL this way).
 */
export function loadAppConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  const envFile = join(projectRoot(), '.env');
  // The single sanctioned reader of the environment (the lint rule n/no-process-env is off for this file only).
  const env = process.env;
  if (!envFileLoaded && env.NODE_ENV !== 'test' && existsSync(envFile)) {
    process.loadEnvFile(envFile); // never overrides variables already set
    envFileLoaded = true;
  }
  const raw: Record<string, unknown> = { ...env, ...overrides };
  return new AppConfig(validateEnvironment(raw));
}

/**
 * @nestjs/config's module, global, holding `config` as its `app` namespace (registerAs), and the provider
 * that hands that namespace out under the AppConfig class token. The environment is read and validated by
 * loadAppConfig() with ConfigModule's `validate` contract, before Nest starts (the embedded database has to
 * start first), so the module neither reads .env nor validates again: ConfigModule would copy a validated
 * environment into process.env, carrying one test app's overrides into the next.
 */
export function configModule(config: AppConfig): { module: Promise<DynamicModule>; provider: FactoryProvider } {
  const app = registerAs('app', () => config);
  return {
    module: ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validatePredefined: false, load: [app] }),
    provider: { provide: AppConfig, useFactory: (c: AppConfig) => c, inject: [app.KEY] },
  };
}
