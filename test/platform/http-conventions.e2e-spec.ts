import type { Response } from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser, signedIn, TEST_PASSWORD } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function auditCount(t: TestApp): Promise<number> {
  const [row] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_events');
  return row?.n ?? 0;
}

describe('HTTP conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  describe('errors are problem+json', () => {
    it('answers an unknown route with 404 route-not-found', async () => {
      const body = expectProblem(await t.http().get('/api/v1/no-such-thing'), 404, 'route-not-found');
      expect(body.instance).toBe('/api/v1/no-such-thing');
    });

    it('answers an unknown route outside the prefix, and one with a query string, the same way', async () => {
      expectProblem(await t.http().get('/no-such-thing'), 404, 'route-not-found');
      const body = expectProblem(await t.http().get('/api/v1/no-such-thing?name=Jo+Bloggs'), 404, 'route-not-found');
      expect(body.instance).toBe('/api/v1/no-such-thing'); // the query (which may hold names) is not echoed
    });

    it('answers a method that is not routed with a 404 problem', async () => {
      const { auth } = await signedIn(t);
      expectProblem(await t.http().delete('/api/v1/me').set(auth), 404, 'route-not-found');
      expectProblem(await t.http().put('/api/v1/me').set(auth).send({}), 404, 'route-not-found');
    });

    it('lists every validation failure with its field', async () => {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'not-an-email', password: 'x', isAdmin: true });
      const body = expectProblem(res, 400, 'validation-failed');
      const errors = body.errors as { field: string; message: string }[];
      expect(errors).toEqual(
        expect.arrayContaining([
          { field: 'email', message: expect.stringContaining('email') },
          { field: 'isAdmin', message: 'isAdmin is not a known field' },
        ]),
      );
      for (const e of errors) expect(Object.keys(e).sort()).toEqual(['field', 'message']);
      expect(res.text).not.toContain('not-an-email'); // values are not echoed back
    });

    it('reports missing required fields', async () => {
      const body = expectProblem(await t.http().post('/api/v1/auth/login').send({}), 400, 'validation-failed');
      const fields = new Set((body.errors as { field: string }[]).map((e) => e.field));
      expect(fields).toEqual(new Set(['email', 'password']));
    });

    it('answers malformed JSON with 400', async () => {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email": "a@b.example",');
      expectProblem(res, 400, 'bad-request');
      expect(res.text).not.toContain('a@b.example');
    });

    it('answers an empty body labelled JSON with 400', async () => {
      const res = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('answers a body over BODY_LIMIT_BYTES with 413 payload-too-large', async () => {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'jo@department.example', password: 'x'.repeat(3000) });
      expectProblem(res, 413, 'payload-too-large');
    });

    it('accepts a body just under the limit', async () => {
      await createUser(t, { email: 'jo@department.example' });
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'jo@department.example', password: TEST_PASSWORD, pad: 'x'.repeat(1800) });
      // Read and validated (the unknown field is refused), not cut off as too large.
      expectProblem(res, 400, 'validation-failed');
    });

    it.each([
      ['text/plain', 'email=jo@department.example'],
      ['application/xml', '<login><email>jo@department.example</email></login>'],
      ['application/octet-stream', 'binary'],
      ['application/x-www-form-urlencoded', 'email=jo%40department.example&password=x'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\njo\r\n--x--'],
    ])('answers a %s body to a JSON route with 415 unsupported-media-type', async (type, payload) => {
      await createUser(t, { email: 'jo@department.example' });
      const res = await t.http().post('/api/v1/auth/login').set('Content-Type', type).send(payload);
      expectProblem(res, 415, 'unsupported-media-type');
    });
  });

  describe('request ids', () => {
    it('issues a fresh uuid per request when the caller sends none', async () => {
      const a = await t.http().get('/api/v1/no-such-thing');
      const b = await t.http().get('/health/live');
      expect(a.headers['x-request-id']).toMatch(UUID);
      expect(b.headers['x-request-id']).toMatch(UUID);
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    });

    it('echoes a sane caller-supplied X-Request-Id in the header and the problem body', async () => {
      const id = 'trace-2026.01:abc_DEF-123';
      const res = await t.http().get('/api/v1/no-such-thing').set('X-Request-Id', id);
      expect(res.headers['x-request-id']).toBe(id);
      expect(expectProblem(res, 404, 'route-not-found').requestId).toBe(id);
    });

    it('records the request id in the audit trail', async () => {
      const { user, auth } = await signedIn(t, { roles: ['admin'] });
      const res = await t
        .http()
        .patch(`/api/v1/users/${user.id}`)
        .set(auth)
        .set('If-Match', '"1"')
        .set('X-Request-Id', 'audit-trace-1')
        .send({ displayName: 'Renamed' });
      expect(res.status).toBe(200);
      const rows = await t.dataSource.query<{ request_id: string }[]>(
        `SELECT request_id FROM audit_events WHERE action = 'user.updated'`,
      );
      expect(rows).toEqual([{ request_id: 'audit-trace-1' }]);
    });

    it.each([
      ['spaces', 'has some spaces'],
      ['300 characters', 'a'.repeat(300)],
      ['101 characters', 'b'.repeat(101)],
      ['a newline-ish control', 'abc\tdef'],
      ['markup', '<script>alert(1)</script>'],
    ])('replaces an insane X-Request-Id (%s) with a generated one', async (_name, given) => {
      const res = await t.http().get('/api/v1/no-such-thing').set('X-Request-Id', given);
      expect(res.headers['x-request-id']).toMatch(UUID);
      expect(res.headers['x-request-id']).not.toBe(given);
      expect(expectProblem(res, 404, 'route-not-found').requestId).toBe(res.headers['x-request-id']);
      expect(res.text).not.toContain(given);
    });

    it('keeps a 100-character id (the longest allowed)', async () => {
      const id = 'c'.repeat(100);
      const res = await t.http().get('/health/live').set('X-Request-Id', id);
      expect(res.headers['x-request-id']).toBe(id);
    });
  });

  describe('headers', () => {
    function expectSecurityHeaders(res: Response): void {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }

    it('sets the security headers on every kind of response', async () => {
      const { auth } = await signedIn(t);
      const responses = [
        await t.http().get('/api/v1/me').set(auth), // 200 JSON
        await t.http().get('/api/v1/me'), // 401 problem
        await t.http().get('/api/v1/no-such-thing'), // 404 problem
        await t.http().post('/api/v1/auth/login').send({}), // 400 problem
        await t.http().get('/health/live'),
        await t.http().get('/.well-known/jwks.json'),
        await t.http().get('/metrics'),
      ];
      expect(responses.map((r) => r.status)).toEqual([200, 401, 404, 400, 200, 200, 200]);
      for (const res of responses) expectSecurityHeaders(res);
    });

    it('marks API responses, success and problem alike, Cache-Control: no-store', async () => {
      const { user, auth } = await signedIn(t, { roles: ['admin'] });
      for (const res of [
        await t.http().get('/api/v1/me').set(auth),
        await t.http().get(`/api/v1/users/${user.id}`).set(auth),
        await t.http().get('/api/v1/users').set(auth),
        await t.http().get('/api/v1/me'),
        await t.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }),
      ]) {
        expect(res.headers['cache-control'], `${res.status} ${res.text.slice(0, 80)}`).toBe('no-store');
      }
    });

    it('lets caches keep the JWKS for a while', async () => {
      const res = await t.http().get('/.well-known/jwks.json');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
      expect(res.headers['cache-control']).not.toContain('no-store');
    });
  });

  describe('hostile and confused input', () => {
    it('refuses a repeated query parameter', async () => {
      const { auth } = await signedIn(t, { roles: ['admin'] });
      const body = expectProblem(
        await t.http().get('/api/v1/users?limit=1&limit=2').set(auth),
        400,
        'validation-failed',
      );
      expect((body.errors as { field: string }[]).every((e) => e.field === 'limit')).toBe(true);
    });

    it.each(['3abc', '1e1', '0x10', ' 5', 'true'])('refuses limit=%j', async (limit) => {
      const { auth } = await signedIn(t, { roles: ['admin'] });
      const res = await t.http().get('/api/v1/users').query({ limit }).set(auth);
      expectProblem(res, 400, 'validation-failed');
    });

    it('refuses an unknown query parameter', async () => {
      const { auth } = await signedIn(t, { roles: ['admin'] });
      const body = expectProblem(await t.http().get('/api/v1/users?isAdmin=true').set(auth), 400, 'validation-failed');
      expect(body.errors).toEqual([{ field: 'isAdmin', message: 'isAdmin is not a known field' }]);
    });

    it('refuses a __proto__ body, changes nothing and pollutes nothing', async () => {
      const { user, auth } = await signedIn(t, { roles: ['admin'] });
      const target = await createUser(t);
      const before = await auditCount(t);
      const res = await t
        .http()
        .patch(`/api/v1/users/${target.id}`)
        .set(auth)
        .set('If-Match', '"1"')
        .set('Content-Type', 'application/json')
        .send('{"displayName": "Polluted", "__proto__": {"isAdmin": true, "roles": ["admin"]}}');
      expectProblem(res, 400, 'bad-request');
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(({} as Record<string, unknown>).roles).toBeUndefined();
      const read = await t.http().get(`/api/v1/users/${target.id}`).set(auth);
      expect(read.body).toMatchObject({ displayName: target.displayName, roles: ['staff'], version: 1 });
      expect(await auditCount(t)).toBe(before);
      expect(user.id).not.toBe(target.id);
    });

    it('refuses a constructor.prototype body', async () => {
      const { auth } = await signedIn(t, { roles: ['admin'] });
      const target = await createUser(t);
      const res = await t
        .http()
        .patch(`/api/v1/users/${target.id}`)
        .set(auth)
        .set('If-Match', '"1"')
        .set('Content-Type', 'application/json')
        .send('{"constructor": {"prototype": {"isAdmin": true}}}');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    });

    it('refuses a __proto__ on create and creates nobody', async () => {
      const { auth } = await signedIn(t, { roles: ['admin'] });
      const res = await t
        .http()
        .post('/api/v1/users')
        .set(auth)
        .set('Content-Type', 'application/json')
        .send(
          '{"email": "new@department.example", "displayName": "New", "roles": ["staff"], "__proto__": {"roles": ["admin"]}}',
        );
      expectProblem(res, 400, 'bad-request');
      const rows = await t.dataSource.query<unknown[]>(`SELECT 1 FROM users WHERE email = 'new@department.example'`);
      expect(rows).toHaveLength(0);
    });

    it.each([
      ['roles as a string', { roles: 'admin' }, 'roles'],
      ['roles with a non-string', { roles: [1] }, 'roles'],
      ['roles with an unknown role', { roles: ['superuser'] }, 'roles'],
      ['disabled as a string', { disabled: 'true' }, 'disabled'],
      ['displayName as a number', { displayName: 42 }, 'displayName'],
      ['displayName as an object', { displayName: { $ne: null } }, 'displayName'],
      ['staffId not a uuid', { staffId: "1' OR '1'='1" }, 'staffId'],
    ])('refuses type confusion (%s) and changes nothing', async (_name, patch, field) => {
      const { auth } = await signedIn(t, { roles: ['admin'] });
      const target = await createUser(t);
      const before = await auditCount(t);
      const res = await t.http().patch(`/api/v1/users/${target.id}`).set(auth).set('If-Match', '"1"').send(patch);
      const body = expectProblem(res, 400, 'validation-failed');
      expect((body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
      const [row] = await t.dataSource.query<
        {
          roles: string[];
          display_name: string;
          disabled_at: Date | null;
          version: number;
        }[]
      >('SELECT roles, display_name, disabled_at, version FROM users WHERE id = $1', [target.id]);
      expect(row).toEqual({ roles: ['staff'], display_name: target.displayName, disabled_at: null, version: 1 });
      expect(await auditCount(t)).toBe(before);
    });

    it('refuses an array where the login expects a string', async () => {
      const user = await createUser(t);
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: [user.email], password: TEST_PASSWORD });
      expectProblem(res, 400, 'validation-failed');
    });

    it('refuses a body that is a JSON array or a bare value', async () => {
      const { auth } = await signedIn(t, { roles: ['admin'] });
      const target = await createUser(t);
      for (const raw of ['[{"displayName": "x"}]', '"x"', '42', 'true']) {
        const res = await t
          .http()
          .patch(`/api/v1/users/${target.id}`)
          .set(auth)
          .set('If-Match', '"1"')
          .set('Content-Type', 'application/json')
          .send(raw);
        expect(res.status, raw).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      const [row] = await t.dataSource.query<{ version: number }[]>('SELECT version FROM users WHERE id = $1', [
        target.id,
      ]);
      expect(row?.version).toBe(1);
    });

    it('answers a path id that is not a uuid with 400, not a database error', async () => {
      const { auth } = await signedIn(t, { roles: ['admin'] });
      const res = await t.http().get("/api/v1/users/1'%20OR%20'1'='1").set(auth);
      expectProblem(res, 400, 'bad-request');
    });
  });
});

describe('global rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => t.close());

  it('answers the sixth request in a minute with 429 rate-limited and Retry-After', async () => {
    const { auth } = await signedIn(t);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.http().get('/api/v1/me').set(auth)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const res = await t.http().get('/api/v1/me').set(auth);
    expectProblem(res, 429, 'rate-limited');
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Counted before authentication: an anonymous caller is limited too, not told 401.
    expectProblem(await t.http().get('/api/v1/me'), 429, 'rate-limited');
  });
});
