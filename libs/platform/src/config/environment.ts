import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  isIP,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  validateSync,
  type ValidationError,
} from 'class-validator';

import { NOTIFY_API_KEY_FORMAT, parseNotifyTemplates } from './notify-settings.js';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
/** `false` (unset, false, 0) or the list of trusted proxies; anything else is left for the validator to refuse. */
const toTrustProxy = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim();
  if (v === '' || /^(false|off|no|0)$/i.test(v)) return false;
  return /^(true|on|yes|\d+)$/i.test(v) ? value : v.split(',').map((a) => a.trim());
};
/** What @fastify/proxy-addr trusts: an address, a CIDR, or one of its named ranges. */
const isProxy = (a: string): boolean => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(a)) return true;
  const [address = '', prefix, ...rest] = a.split('/');
  const bits = isIP(address, 4) ? 32 : isIP(address, 6) ? 128 : 0;
  return bits > 0 && rest.length === 0 && (prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= bits));
};
/**
 * Fastify's `trustProxy` as the proxies' addresses: never `true`, which believes any client's X-Forwarded-For,
 * nor a hop count, which cannot tell a proxy from a client reaching the server directly (Fastify 5 ignores one).
 */
const IsTrustedProxies = (): PropertyDecorator =>
  ValidateBy({
    name: 'isTrustedProxies',
    validator: {
      validate: (v: unknown) =>
        v === false || (Array.isArray(v) && v.every((a) => typeof a === 'string' && isProxy(a))),
      defaultMessage: () =>
        "give the reverse proxies' addresses/CIDRs, comma-separated (e.g. 10.0.0.0/8 or uniquelocal); true would trust any client's X-Forwarded-For, and a hop count cannot tell a proxy from a client",
    },
  });
const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** Metadata for `.env.example` and the README table: one line each, secrets marked. */
export interface VariableInfo {
  description: string;
  sensitive?: boolean;
  example?: string;
}

export const VARIABLES: Record<keyof EnvironmentVariables, VariableInfo> = {
  NODE_ENV: { description: 'development, test or production (production refuses unsafe defaults)' },
  HOST: { description: 'Interface the HTTP server binds to (default 0.0.0.0)' },
  PORT: { description: 'HTTP port (default 3000)' },
  PUBLIC_URL: { description: 'Base URL printed at start and used in links (default http://localhost:PORT)' },
  TRUST_PROXY: {
    description:
      'Reverse proxies whose X-Forwarded-For is believed: their addresses/CIDRs, comma-separated (or loopback, linklocal, uniquelocal); the client is the right-most X-Forwarded-For entry not among them. Never true or a hop count (default: none)',
  },
  CORS_ORIGINS: { description: 'Comma-separated origins allowed by CORS (default: none)' },
  BODY_LIMIT_BYTES: { description: 'Largest JSON request body accepted, in bytes (default 1048576); larger gets 413' },
  IMPORT_MAX_BYTES: {
    description: 'Largest CSV import accepted, in bytes (default 104857600 = 100 MiB); larger gets 413',
  },
  IMPORT_MAX_ROWS: { description: 'Most data rows one CSV import may hold (default 200000)' },
  RATE_LIMIT_PER_MINUTE: {
    description:
      'Requests per client address per minute before 429, counted by each replica on its own: with N replicas a client may get up to N times as many (default 1200)',
  },
  LOGIN_RATE_LIMIT: {
    description:
      'Failed sign-ins per account in 15 minutes (three times as many per client address, over every account) before sign-in is refused with 429 until those 15 minutes end; counted in the database, so shared by every replica; a successful sign-in clears its account (default 10)',
  },
  CANDIDATE_LINK_RATE_LIMIT: {
    description:
      'Refused candidate-link tokens (unknown, expired or revoked) per client address in 15 minutes before the candidate-link routes answer 429 until those 15 minutes end; counted in the database, so shared by every replica (default 30)',
  },
  CANDIDATE_LINK_TTL_DAYS: {
    description:
      'Days a candidate link (the single-purpose token HR sends a candidate) works after it is issued (default 14)',
  },
  CANDIDATE_RETENTION_MONTHS: {
    description:
      "Months after a vacancy closes that an unsuccessful candidate's personal data is kept before the retention job anonymises it, unless they consented to be kept (default 6)",
  },
  INSIGHTS_MIN_GROUP_SIZE: {
    description:
      'k: the fewest people a figure in an insights report may rest on; smaller groups are suppressed, with a second cell where a total would give one away (default 5, never below 3)',
  },
  DATABASE_URL: {
    description: 'PostgreSQL connection string; unset = embedded PostgreSQL under DATA_DIR',
    sensitive: true,
    example: 'postgres://capability:secret@db.internal:5432/capability',
  },
  DATABASE_SSL: { description: 'Use TLS to the database (true/false, default false)' },
  DATABASE_SSL_REJECT_UNAUTHORIZED: {
    description: 'Verify the database certificate when DATABASE_SSL is on (default true)',
  },
  DATABASE_POOL_MAX: {
    description:
      "Largest number of pooled connections (default 10); the API's database-notification listener keeps one more of its own (readiness pings through the pool)",
  },
  DATABASE_CONNECT_TIMEOUT_MS: { description: 'Wait at most this long for a pooled connection (default 3000)' },
  DATABASE_STATEMENT_TIMEOUT_MS: { description: 'statement_timeout for every session (default 30000)' },
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: { description: 'idle_in_transaction_session_timeout (default 60000)' },
  DATA_DIR: { description: 'Folder for the embedded PostgreSQL cluster and generated keys (default ./.data)' },
  EMBEDDED_PG_PORT: { description: 'Port of the embedded PostgreSQL on 127.0.0.1 (default 54329)' },
  RUN_MIGRATIONS: { description: 'Run pending migrations at start (default: true on the embedded database only)' },
  RUN_WORKER: { description: 'Run background jobs in the API process (default: true on the embedded database only)' },
  AUTH_ISSUER: { description: 'iss of the access tokens this service issues (default ddat-capability-manager)' },
  AUTH_AUDIENCE: {
    description: 'aud of the access tokens this service issues and accepts (default ddat-capability-api)',
  },
  AUTH_PRIVATE_KEY: {
    description: 'PEM (PKCS#8) EC P-256 private key that signs access tokens; unset = generated into DATA_DIR/keys',
    sensitive: true,
  },
  AUTH_KEY_ID: { description: 'kid of AUTH_PRIVATE_KEY in the JWKS (default: its JWK thumbprint)' },
  AUTH_PREVIOUS_PUBLIC_KEYS: {
    description: 'JSON array of public JWKs still accepted during key rotation (default none)',
  },
  ACCESS_TOKEN_TTL_SECONDS: { description: 'Access token lifetime (default 900 = 15 minutes)' },
  REFRESH_TOKEN_TTL_SECONDS: { description: 'Refresh token lifetime (default 1209600 = 14 days)' },
  DEPARTMENT_NAME: { description: "The department's name in the web pages' header (default Your department)" },
  WEB_SESSION_SECRET: {
    description:
      "Signs the web pages' session cookie (32+ characters); unset = generated into DATA_DIR/keys (required in production on an external database)",
    sensitive: true,
  },
  WEB_SESSION_IDLE_MINUTES: { description: 'A web session ends after this long without a request (default 30)' },
  WEB_SESSION_ABSOLUTE_HOURS: {
    description: 'A web session ends this long after sign-in, however active (default 12)',
  },
  OIDC_ISSUER: { description: "Also accept access tokens from this identity provider's issuer (optional)" },
  OIDC_JWKS_URL: { description: 'JWKS URL of OIDC_ISSUER (required with OIDC_ISSUER)' },
  OIDC_AUDIENCE: { description: 'aud required on identity-provider tokens (default AUTH_AUDIENCE)' },
  ADMIN_EMAIL: { description: 'Email of the first admin, created at first start if no admin exists' },
  ADMIN_PASSWORD: {
    description:
      'Password of the first admin (min 12 chars); unset = a strong one is generated and printed once (in production written to DATA_DIR/keys/first-admin-password, mode 600, and only its path printed)',
    sensitive: true,
  },
  SEED_DEMO: { description: 'Load the demo department on the embedded database (default true)' },
  LOG_LEVEL: { description: 'fatal, error, warn, info, debug or trace (default info)' },
  METRICS_TOKEN: {
    description: 'GET /metrics needs "Authorization: Bearer <token>" when set (min 16 chars); required in production',
    sensitive: true,
  },
  SHUTDOWN_TIMEOUT_MS: { description: 'Longest wait for in-flight requests on SIGTERM (default 10000)' },
  NOTIFY_API_KEY: {
    description:
      'GOV.UK Notify API key (`{key name}-{service id}-{secret}`); unset = queued emails are not sent, only logged as due (template key and message id) and marked sent',
    sensitive: true,
  },
  NOTIFY_BASE_URL: { description: 'GOV.UK Notify API base URL (default https://api.notifications.service.gov.uk)' },
  NOTIFY_TEMPLATES: {
    description:
      'Notify template ids by template key: a JSON object or `key=templateId,…` (e.g. review-reminder-7-days=<uuid>; the candidate link goes as candidate-link); a key without a template id is logged as due, not sent (default none)',
    example: 'review-reminder-7-days=f33517ff-2a88-4f6e-b855-c550268ce08a',
  },
  NOTIFY_TIMEOUT_MS: {
    description: 'Longest wait for one GOV.UK Notify request before it is retried later (default 10000)',
  },
  NOTIFY_MAX_ATTEMPTS: {
    description:
      'Sends of one email tried before it is marked failed, on rate limits (429), Notify errors (5xx) and network failures; retries back off from 1 minute, doubling, up to 1 hour (default 8)',
  },
  NOTIFY_BATCH_SIZE: { description: 'Queued emails one sender claims at a time (default 50)' },
  NOTIFICATION_RETENTION_DAYS: {
    description:
      'Days a sent, failed or skipped email keeps its address and personalisation before they are blanked (default 90)',
  },
};

export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsOptional()
  @IsString()
  HOST = '0.0.0.0';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

  @IsOptional()
  @Transform(toTrustProxy)
  @IsTrustedProxies()
  TRUST_PROXY: false | string[] = false;

  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(104_857_600)
  BODY_LIMIT_BYTES = 1_048_576;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  IMPORT_MAX_BYTES = 104_857_600;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  IMPORT_MAX_ROWS = 200_000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 1200;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 10;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CANDIDATE_LINK_RATE_LIMIT = 30;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  CANDIDATE_LINK_TTL_DAYS = 14;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(120)
  CANDIDATE_RETENTION_MONTHS = 6;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(3)
  @Max(100)
  INSIGHTS_MIN_GROUP_SIZE = 5;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  DATABASE_SSL = false;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  DATABASE_SSL_REJECT_UNAUTHORIZED = true;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_MAX = 10;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DATABASE_CONNECT_TIMEOUT_MS = 3000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  RUN_MIGRATIONS?: boolean;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  RUN_WORKER?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(1)
  AUTH_ISSUER = 'ddat-capability-manager';

  @IsOptional()
  @IsString()
  @MinLength(1)
  AUTH_AUDIENCE = 'ddat-capability-api';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  AUTH_PRIVATE_KEY?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MaxLength(100)
  AUTH_KEY_ID?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  AUTH_PREVIOUS_PUBLIC_KEYS?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(300)
  REFRESH_TOKEN_TTL_SECONDS = 1_209_600;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  DEPARTMENT_NAME = 'Your department';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(32)
  WEB_SESSION_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  WEB_SESSION_IDLE_MINUTES = 30;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 24)
  WEB_SESSION_ABSOLUTE_HOURS = 12;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, require_protocol: true })
  OIDC_ISSUER?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['https', 'http'] })
  OIDC_JWKS_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  OIDC_AUDIENCE?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsEmail()
  ADMIN_EMAIL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SEED_DEMO = true;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @Matches(NOTIFY_API_KEY_FORMAT, {
    message: 'must be a GOV.UK Notify API key: {key name}-{service id (uuid)}-{secret (uuid)}',
  })
  NOTIFY_API_KEY?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['https', 'http'] })
  NOTIFY_BASE_URL = 'https://api.notifications.service.gov.uk';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  NOTIFY_TEMPLATES?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  NOTIFY_TIMEOUT_MS = 10_000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  NOTIFY_MAX_ATTEMPTS = 8;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  NOTIFY_BATCH_SIZE = 50;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  NOTIFICATION_RETENTION_DAYS = 90;
}

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => `${e.property}: ${message}`));
}

/** Validates the whole environment at once and lists every problem (a bad environment never half-starts). */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const known = Object.fromEntries(
    Object.keys(VARIABLES)
      .filter((k) => raw[k] !== undefined)
      .map((k) => [k, raw[k]]),
  );
  const env = plainToInstance(EnvironmentVariables, known, { exposeDefaultValues: true });
  const problems = flatten(validateSync(env, { whitelist: true, forbidUnknownValues: true }));
  if (env.OIDC_ISSUER && !env.OIDC_JWKS_URL) problems.push('OIDC_JWKS_URL: required when OIDC_ISSUER is set');
  if (env.OIDC_JWKS_URL && !env.OIDC_ISSUER) problems.push('OIDC_ISSUER: required when OIDC_JWKS_URL is set');
  if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.AUTH_PRIVATE_KEY) {
    problems.push('AUTH_PRIVATE_KEY: required in production on an external database (replicas must share one key)');
  }
  if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.WEB_SESSION_SECRET) {
    problems.push(
      'WEB_SESSION_SECRET: required in production on an external database (replicas must share one secret)',
    );
  }
  if (env.NODE_ENV === 'production' && !env.METRICS_TOKEN) {
    problems.push('METRICS_TOKEN: required in production (GET /metrics would be public without it)');
  }
  if (env.AUTH_PREVIOUS_PUBLIC_KEYS) {
    try {
      const parsed: unknown = JSON.parse(env.AUTH_PREVIOUS_PUBLIC_KEYS);
      if (!Array.isArray(parsed)) problems.push('AUTH_PREVIOUS_PUBLIC_KEYS: must be a JSON array of JWKs');
    } catch {
      problems.push('AUTH_PREVIOUS_PUBLIC_KEYS: must be valid JSON');
    }
  }
  if (env.NOTIFY_TEMPLATES !== undefined) {
    const parsed = parseNotifyTemplates(env.NOTIFY_TEMPLATES);
    if ('problems' in parsed) problems.push(...parsed.problems.map((p) => `NOTIFY_TEMPLATES: ${p}`));
  }
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return env;
}
