import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser, signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/** The labels of every sample of a metric in Prometheus text format. */
function samples(text: string, metric: string): { labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `))
    .map((line) => {
      const match = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
      const labels = Object.fromEntries(
        [...(match?.[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      );
      return { labels: labels as Record<string, string>, value: Number(match?.[2]) };
    });
}

describe('health, metrics and docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  describe('health', () => {
    it('answers liveness with 200 {status: ok}, without a token', async () => {
      const res = await t.http().get('/health/live');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('answers readiness with 200 when the database answers', async () => {
      const res = await t.http().get('/health/ready');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    });

    it('is not under the API prefix', async () => {
      expectProblem(await t.http().get('/api/v1/health/live'), 404, 'route-not-found');
    });
  });

  describe('a database outage', () => {
    const admin = (): pg.Client => new pg.Client({ connectionString: inject('adminDatabaseUrl') });
    const databaseName = (): string => decodeURIComponent(new URL(t.databaseUrl).pathname.slice(1));

    async function setConnections(allowed: boolean): Promise<void> {
      const client = admin();
      await client.connect();
      try {
        const name = client.escapeIdentifier(databaseName());
        await client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${allowed ? 'true' : 'false'}`);
        if (!allowed) {
          await client.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
            [databaseName()],
          );
        }
      } finally {
        await client.end();
      }
    }

    it('makes readiness and API requests 503 while liveness stays 200, and recovers without a restart', async () => {
      const { auth } = await signedIn(t, { roles: ['admin'] });
      expect((await t.http().get('/api/v1/users').set(auth)).status).toBe(200);

      await setConnections(false);
      try {
        // The pool drops its killed sessions as it notices them; from then on every request needs a new one.
        expect(await waitFor(async () => (await t.http().get('/health/ready')).status === 503, 5000)).toBe(true);

        const ready = await t.http().get('/health/ready');
        const body = expectProblem(ready, 503, 'service-unavailable');
        expect(body.checks).toEqual({ database: { status: 'down' } });
        expect(ready.text).not.toContain(databaseName()); // no driver messages on a public endpoint
        expect(Number(ready.headers['retry-after'])).toBeGreaterThan(0);

        const live = await t.http().get('/health/live');
        expect(live.status).toBe(200);
        expect(live.body).toEqual({ status: 'ok' });

        const api = await t.http().get('/api/v1/users').set(auth);
        expectProblem(api, 503, 'service-unavailable');
        expect(Number(api.headers['retry-after'])).toBeGreaterThan(0);
        expect(api.text).not.toContain(databaseName());

        const write = await t
          .http()
          .post('/api/v1/auth/login')
          .send({ email: 'jo@department.example', password: 'whatever-it-is' });
        expectProblem(write, 503, 'service-unavailable');
        expect(Number(write.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await setConnections(true);
      }

      const recovered = await waitFor(async () => (await t.http().get('/health/ready')).status === 200, 5000);
      expect(recovered).toBe(true);
      const after = await t.http().get('/api/v1/users').set(auth);
      expect(after.status).toBe(200);
      expect((after.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
    });
  });

  describe('GET /metrics', () => {
    it('serves Prometheus text with request counts by route template, latency buckets and process metrics', async () => {
      const { auth } = await signedIn(t, { roles: ['admin'] });
      const user = await createUser(t);
      await t.http().get(`/api/v1/users/${user.id}`).set(auth).expect(200);
      await t.http().get(`/api/v1/users/${user.id}`).set(auth).expect(200);
      await t.http().get('/api/v1/users/00000000-0000-4000-8000-000000000000').set(auth).expect(404);
      await t.http().get(`/api/v1/no-such-route/${user.id}`).expect(404);

      const res = await t.http().get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toContain('# TYPE http_requests_total counter');
      expect(res.text).toContain('# TYPE http_request_duration_seconds histogram');

      const requests = samples(res.text, 'http_requests_total');
      const byUser = requests.filter((s) => s.labels.route === '/api/v1/users/:id');
      expect(byUser.find((s) => s.labels.method === 'GET' && s.labels.status === '200')?.value).toBeGreaterThanOrEqual(
        2,
      );
      expect(byUser.find((s) => s.labels.method === 'GET' && s.labels.status === '404')?.value).toBeGreaterThanOrEqual(
        1,
      );
      // Never a concrete id or an unmatched path as a label: that would explode the series count.
      for (const s of requests) {
        expect(s.labels.route).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
        expect(s.labels.route).not.toContain('no-such-route');
      }

      const buckets = samples(res.text, 'http_request_duration_seconds_bucket').filter(
        (s) => s.labels.route === '/api/v1/users/:id',
      );
      expect(buckets.map((b) => b.labels.le)).toEqual(expect.arrayContaining(['0.005', '0.1', '1', '+Inf']));
      expect(
        samples(res.text, 'http_request_duration_seconds_count').some((s) => s.labels.route === '/api/v1/users/:id'),
      ).toBe(true);

      expect(samples(res.text, 'process_cpu_seconds_total')).toHaveLength(1);
      // No pool gauges: TypeORM offers no public accessor for its pool (they read a private field).
      expect(res.text).not.toContain('db_pool_');
    });

    it('is open when no METRICS_TOKEN is set', async () => {
      expect((await t.http().get('/metrics')).status).toBe(200);
    });
  });

  describe('OpenAPI and docs', () => {
    const PUBLIC_OPERATIONS = new Set([
      'post /api/v1/auth/login',
      'post /api/v1/auth/refresh',
      'get /health/live',
      'get /health/ready',
      'get /metrics',
      'get /.well-known/jwks.json',
    ]);
    const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

    interface Operation {
      operationId?: string;
      tags?: string[];
      security?: Record<string, string[]>[];
    }

    it('serves an OpenAPI 3 document describing the API', async () => {
      const res = await t.http().get('/api/openapi.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const doc = res.body as {
        openapi: string;
        info: { title: string; description: string };
        paths: Record<string, Record<string, Operation>>;
        components: { securitySchemes: Record<string, { type: string; scheme: string }> };
      };
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.description).toContain('Open Government Licence v3.0');
      expect(doc.info.description).toContain('CDDO');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users/{id}', '/health/ready', '/.well-known/jwks.json']),
      );
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });

      const operationIds: string[] = [];
      const publicSeen: string[] = [];
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item).filter(([m]) => METHODS.includes(m))) {
          const name = `${method} ${path}`;
          expect(op.operationId, name).toMatch(/^\w+$/);
          operationIds.push(op.operationId as string);
          expect(op.tags?.length, name).toBeGreaterThan(0);
          if (PUBLIC_OPERATIONS.has(name)) {
            publicSeen.push(name);
            expect(op.security ?? [], name).toEqual([]);
          } else if (path.startsWith('/api/v1/candidate-link')) {
            // The candidate link's routes take the candidate's link token, and no access token.
            expect(op.security, name).toEqual([{ 'candidate-link': [] }]);
          } else {
            expect(op.security, name).toEqual(expect.arrayContaining([{ bearer: [] }]));
          }
        }
      }
      expect(new Set(operationIds).size).toBe(operationIds.length);
      expect(publicSeen.sort()).toEqual([...PUBLIC_OPERATIONS].sort());
    });

    it('serves Swagger UI at /api/docs', async () => {
      const res = await t.http().get('/api/docs');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<html');
      expect(res.text).toContain('DDaT Capability Manager API');
    });
  });
});

describe('metrics behind a token', () => {
  const TOKEN = 'a-long-metrics-token-123';
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(async () => t.close());

  it('answers 401 without the token, or with a wrong one', async () => {
    for (const header of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, `Basic ${TOKEN}`]) {
      const req = t.http().get('/metrics');
      const res = header ? await req.set('Authorization', header) : await req;
      expectProblem(res, 401, 'unauthenticated');
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.text).not.toContain('http_requests_total');
    }
  });

  it('answers 200 with "Authorization: Bearer <METRICS_TOKEN>"', async () => {
    const res = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('http_requests_total');
  });

  it('does not take a user access token instead', async () => {
    const { auth } = await signedIn(t, { roles: ['admin'] });
    expectProblem(await t.http().get('/metrics').set(auth), 401, 'unauthenticated');
  });
});
