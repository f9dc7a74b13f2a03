import { describe, expect, it } from 'vitest';
import { AppConfig } from './app-config.js';
import { InvalidEnvironmentError, validateEnvironment, VARIABLES } from './environment.js';

const METRICS = 'a-metrics-token-of-32-characters';
const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';

function problemsOf(raw: Record<string, unknown>): string[] {
  try {
    validateEnvironment(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidEnvironmentError);
    return (err as InvalidEnvironmentError).problems;
  }
  throw new Error('expected the environment to be refused');
}

describe('validateEnvironment', () => {
  it('lists every problem at once', () => {
    const problems = problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud', OIDC_ISSUER: 'https://idp.example' });
    // One variable may break several rules (PORT=abc is neither an integer nor in range); all are listed.
    expect([...new Set(problems.map((p) => p.split(':')[0]))].sort()).toEqual(['LOG_LEVEL', 'OIDC_JWKS_URL', 'PORT']);
    expect(problems).toContain('OIDC_JWKS_URL: required when OIDC_ISSUER is set');
  });

  it('names every problem in the error message', () => {
    try {
      validateEnvironment({ PORT: '70000', BODY_LIMIT_BYTES: '10' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toContain('PORT');
      expect((err as Error).message).toContain('BODY_LIMIT_BYTES');
    }
  });

  it('gives the documented defaults for an empty environment', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      HOST: '0.0.0.0',
      PORT: 3000,
      TRUST_PROXY: false,
      CORS_ORIGINS: '',
      BODY_LIMIT_BYTES: 1_048_576,
      RATE_LIMIT_PER_MINUTE: 1200,
      LOGIN_RATE_LIMIT: 10,
      DATABASE_SSL: false,
      DATABASE_SSL_REJECT_UNAUTHORIZED: true,
      DATABASE_POOL_MAX: 10,
      DATABASE_CONNECT_TIMEOUT_MS: 3000,
      DATABASE_STATEMENT_TIMEOUT_MS: 30_000,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 60_000,
      EMBEDDED_PG_PORT: 54329,
      AUTH_ISSUER: 'ddat-capability-manager',
      AUTH_AUDIENCE: 'ddat-capability-api',
      ACCESS_TOKEN_TTL_SECONDS: 900,
      REFRESH_TOKEN_TTL_SECONDS: 1_209_600,
      SEED_DEMO: true,
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: 10_000,
      NOTIFY_BASE_URL: 'https://api.notifications.service.gov.uk',
      NOTIFY_TIMEOUT_MS: 10_000,
      NOTIFY_MAX_ATTEMPTS: 8,
      NOTIFY_BATCH_SIZE: 50,
      NOTIFICATION_RETENTION_DAYS: 90,
    });
    expect(env.NOTIFY_API_KEY).toBeUndefined();
    expect(env.NOTIFY_TEMPLATES).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.RUN_MIGRATIONS).toBeUndefined();
    expect(env.RUN_WORKER).toBeUndefined();
    expect(env.METRICS_TOKEN).toBeUndefined();
  });

  it('parses numbers from strings', () => {
    const env = validateEnvironment({ PORT: ' 8080 ', DATABASE_POOL_MAX: '25' });
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_POOL_MAX).toBe(25);
  });

  it('refuses fractional and out-of-range numbers', () => {
    const problems = problemsOf({ PORT: '3000.5', DATABASE_POOL_MAX: '0', ACCESS_TOKEN_TTL_SECONDS: '7200' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['PORT', 'DATABASE_POOL_MAX', 'ACCESS_TOKEN_TTL_SECONDS']),
    );
  });

  it.each([
    ['true', true],
    ['false', false],
    ['TRUE', true],
    ['False', false],
    ['1', true],
    ['0', false],
  ])('parses the boolean %j as %s', (raw, expected) => {
    const env = validateEnvironment({ SEED_DEMO: raw, RUN_WORKER: raw, DATABASE_SSL: raw });
    expect(env.SEED_DEMO).toBe(expected);
    expect(env.RUN_WORKER).toBe(expected);
    expect(env.DATABASE_SSL).toBe(expected);
  });

  it('refuses a boolean it cannot read', () => {
    const problems = problemsOf({ DATABASE_SSL: 'maybe' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_SSL:/);
  });

  it.each([
    ['', false],
    ['false', false],
    ['0', false],
    ['10.0.0.7', ['10.0.0.7']],
    ['10.0.0.0/8, 192.168.1.1,::1, fd00::/8', ['10.0.0.0/8', '192.168.1.1', '::1', 'fd00::/8']],
    ['uniquelocal,loopback', ['uniquelocal', 'loopback']],
  ])('reads TRUST_PROXY=%j as %j, for Fastify as it is', (raw, expected) => {
    expect(validateEnvironment({ TRUST_PROXY: raw }).TRUST_PROXY).toEqual(expected);
  });

  it.each([
    'true',
    'TRUE',
    'yes',
    'on',
    '1',
    '2',
    'maybe',
    '10.0.0.0/33',
    '10.0.0.1,',
    '1.5',
    'fd00::/129',
    '10.0.0.0/8/1',
  ])('refuses TRUST_PROXY=%j: it never trusts a client to name its own address', (raw) => {
    expect(problemsOf({ TRUST_PROXY: raw })).toEqual([
      "TRUST_PROXY: give the reverse proxies' addresses/CIDRs, comma-separated (e.g. 10.0.0.0/8 or uniquelocal); true would trust any client's X-Forwarded-For, and a hop count cannot tell a proxy from a client",
    ]);
  });

  it('treats empty optional strings as unset', () => {
    const env = validateEnvironment({ DATABASE_URL: '', PUBLIC_URL: '  ', METRICS_TOKEN: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PUBLIC_URL).toBeUndefined();
    expect(env.METRICS_TOKEN).toBeUndefined();
  });

  it('ignores variables it does not know (the process environment is full of them)', () => {
    const env = validateEnvironment({ PATH: '/usr/bin', HOME: '/root', PORT: '3001' });
    expect(env.PORT).toBe(3001);
    expect((env as unknown as Record<string, unknown>).PATH).toBeUndefined();
  });

  it('requires OIDC_ISSUER and OIDC_JWKS_URL together', () => {
    expect(problemsOf({ OIDC_JWKS_URL: 'https://idp.example/jwks' })).toEqual([
      'OIDC_ISSUER: required when OIDC_JWKS_URL is set',
    ]);
    const env = validateEnvironment({ OIDC_ISSUER: 'https://idp.example', OIDC_JWKS_URL: 'https://idp.example/jwks' });
    expect(env.OIDC_ISSUER).toBe('https://idp.example');
  });

  it('accepts only postgres URLs for DATABASE_URL', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://u:p@db/x' })[0]).toMatch(/^DATABASE_URL:/);
    expect(validateEnvironment({ DATABASE_URL: 'postgres://u:p@localhost:5432/x' }).DATABASE_URL).toBe(
      'postgres://u:p@localhost:5432/x',
    );
  });

  it('refuses a short metrics token and a short admin password', () => {
    const problems = problemsOf({ METRICS_TOKEN: 'short', ADMIN_PASSWORD: 'short' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['ADMIN_PASSWORD', 'METRICS_TOKEN']);
  });

  it('needs AUTH_PRIVATE_KEY and WEB_SESSION_SECRET in production on an external database (replicas share them)', () => {
    expect(
      problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/x', METRICS_TOKEN: METRICS }),
    ).toEqual([expect.stringMatching(/^AUTH_PRIVATE_KEY:/), expect.stringMatching(/^WEB_SESSION_SECRET:/)]);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://u:p@db:5432/x',
        METRICS_TOKEN: METRICS,
        WEB_SESSION_SECRET: 'short',
      }),
    ).toEqual([expect.stringMatching(/^WEB_SESSION_SECRET:/), expect.stringMatching(/^AUTH_PRIVATE_KEY:/)]);
  });

  it('needs METRICS_TOKEN in production, listed with the other problems', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'abc' });
    expect([...new Set(problems.map((p) => p.split(':')[0]))].sort()).toEqual(['METRICS_TOKEN', 'PORT']);
    expect(problems).toContain('METRICS_TOKEN: required in production (GET /metrics would be public without it)');
    expect(problemsOf({ NODE_ENV: 'production', METRICS_TOKEN: '' })).toEqual([
      'METRICS_TOKEN: required in production (GET /metrics would be public without it)',
    ]);
    expect(validateEnvironment({ NODE_ENV: 'production', METRICS_TOKEN: METRICS }).METRICS_TOKEN).toBe(METRICS);
    // Outside production /metrics may stay open (local development, tests).
    expect(validateEnvironment({ NODE_ENV: 'development' }).METRICS_TOKEN).toBeUndefined();
  });

  it('checks AUTH_PREVIOUS_PUBLIC_KEYS is a JSON array', () => {
    expect(problemsOf({ AUTH_PREVIOUS_PUBLIC_KEYS: '{nope' })).toEqual([
      'AUTH_PREVIOUS_PUBLIC_KEYS: must be valid JSON',
    ]);
    expect(problemsOf({ AUTH_PREVIOUS_PUBLIC_KEYS: '{}' })).toEqual([
      'AUTH_PREVIOUS_PUBLIC_KEYS: must be a JSON array of JWKs',
    ]);
    expect(validateEnvironment({ AUTH_PREVIOUS_PUBLIC_KEYS: '[]' }).AUTH_PREVIOUS_PUBLIC_KEYS).toBe('[]');
  });

  it('describes every variable, and marks the secrets', () => {
    for (const info of Object.values(VARIABLES)) expect(info.description.length).toBeGreaterThan(10);
    for (const secret of [
      'DATABASE_URL',
      'AUTH_PRIVATE_KEY',
      'ADMIN_PASSWORD',
      'METRICS_TOKEN',
      'NOTIFY_API_KEY',
      'WEB_SESSION_SECRET',
    ] as const) {
      expect(VARIABLES[secret].sensitive).toBe(true);
    }
  });

  it('checks the format of a GOV.UK Notify API key, without repeating it', () => {
    const key = `capability_live-${SERVICE_ID}-${SECRET}`;
    expect(validateEnvironment({ NOTIFY_API_KEY: key }).NOTIFY_API_KEY).toBe(key);
    for (const bad of [SECRET, `${SERVICE_ID}-${SECRET}`, `name-${SERVICE_ID}-not-a-uuid`, `name-${SERVICE_ID}`]) {
      const problems = problemsOf({ NOTIFY_API_KEY: bad });
      expect(problems).toEqual([
        'NOTIFY_API_KEY: must be a GOV.UK Notify API key: {key name}-{service id (uuid)}-{secret (uuid)}',
      ]);
      expect(problems.join()).not.toContain(bad);
    }
  });

  it('reads NOTIFY_TEMPLATES as key=uuid pairs or a JSON object, and lists what is wrong with it', () => {
    const id = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
    const other = '0b4a3a4e-6f0c-4a1e-9a55-3c1d2b9e7f10';
    for (const raw of [
      `review-reminder-7-days=${id}, learning-nudge=${other}`,
      JSON.stringify({ 'review-reminder-7-days': id, 'learning-nudge': other }),
    ]) {
      const config = new AppConfig(validateEnvironment({ NOTIFY_TEMPLATES: raw }));
      expect(config.notify.templates).toEqual({ 'review-reminder-7-days': id, 'learning-nudge': other });
    }
    expect(new AppConfig(validateEnvironment({})).notify.templates).toEqual({});
    expect(problemsOf({ NOTIFY_TEMPLATES: `Review Reminder=${id},learning-nudge=nope,x=${id},x=${other}` })).toEqual([
      'NOTIFY_TEMPLATES: "Review Reminder" is not a template key (lower-case letters, digits and dashes)',
      'NOTIFY_TEMPLATES: the template id of learning-nudge must be a uuid (the id Notify shows for the template)',
      'NOTIFY_TEMPLATES: x is given twice',
    ]);
    expect(problemsOf({ NOTIFY_TEMPLATES: 'review-reminder-7-days' })).toEqual([
      'NOTIFY_TEMPLATES: "review-reminder-7-days" is not key=templateId',
    ]);
    expect(problemsOf({ NOTIFY_TEMPLATES: '{"a": ' })).toHaveLength(1);
    expect(problemsOf({ NOTIFY_TEMPLATES: '["a"]' })).toEqual([
      'NOTIFY_TEMPLATES: must be a JSON object of template key → template id',
    ]);
  });
});
