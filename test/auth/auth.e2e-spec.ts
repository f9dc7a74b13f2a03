import { permissionsFor } from '@capability/auth';
import jwt from 'jsonwebtoken';
import { createHash, createPublicKey, type JsonWebKey } from 'node:crypto';
import type { Response } from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { createUser, signedIn, TEST_PASSWORD, tokenFor } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const LOGIN = '/api/v1/auth/login';
const REFRESH = '/api/v1/auth/refresh';
const LOGOUT = '/api/v1/auth/logout';
const ME = '/api/v1/me';

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

interface TokenBody {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: string;
}

async function login(t: TestApp, email: string, password = TEST_PASSWORD): Promise<TokenBody> {
  const res = await t.http().post(LOGIN).send({ email, password });
  expect(res.status).toBe(200);
  return res.body as TokenBody;
}

const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  describe('POST /auth/login', () => {
    it('returns a token pair whose access token reads /me, and records the sign-in', async () => {
      const user = await createUser(t, { email: 'jo@department.example' });

      const res = await t.http().post(LOGIN).send({ email: 'jo@department.example', password: TEST_PASSWORD });

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken', 'tokenType']);
      expect(res.body).toMatchObject({ expiresIn: 900, tokenType: 'Bearer' });
      expect(res.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(typeof res.body.refreshToken).toBe('string');

      const me = await t.http().get(ME).set(bearer(res.body.accessToken));
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(user.id);

      // Only the hash of the refresh token is stored, in a fresh family.
      const stored: { token_hash: string; used_at: Date | null; revoked_at: Date | null }[] = await t.dataSource.query(
        'SELECT token_hash, used_at, revoked_at FROM refresh_tokens WHERE user_id = $1',
        [user.id],
      );
      expect(stored).toEqual([{ token_hash: sha256(res.body.refreshToken), used_at: null, revoked_at: null }]);
      const [row]: { last_login_at: Date | null }[] = await t.dataSource.query(
        'SELECT last_login_at FROM users WHERE id = $1',
        [user.id],
      );
      expect(row?.last_login_at).toBeInstanceOf(Date);
      const logins = await auditRows(t, 'auth.login');
      expect(logins).toMatchObject([{ actor_user_id: user.id, entity_type: 'user', entity_id: user.id }]);
    });

    it('matches the email case-insensitively', async () => {
      const user = await createUser(t, { email: 'Sam.Jones@Department.Example' });

      const res = await t.http().post(LOGIN).send({ email: 'SAM.JONES@department.EXAMPLE', password: TEST_PASSWORD });

      expect(res.status).toBe(200);
      const me = await t.http().get(ME).set(bearer(res.body.accessToken));
      expect(me.body.id).toBe(user.id);
    });

    it('answers an unknown email and a wrong password identically', async () => {
      await createUser(t, { email: 'known@department.example' });

      const unknown = await t.http().post(LOGIN).send({ email: 'nobody@department.example', password: TEST_PASSWORD });
      const wrong = await t
        .http()
        .post(LOGIN)
        .send({ email: 'known@department.example', password: 'not-the-password' });

      expectProblem(unknown, 401, 'invalid-credentials');
      expectProblem(wrong, 401, 'invalid-credentials');
      const comparable = (r: Response): unknown => ({ ...r.body, requestId: undefined });
      expect(comparable(unknown)).toEqual(comparable(wrong));
      expect(unknown.body.detail).toBe('The email or password is not right');
      expect(unknown.headers['www-authenticate']).toBe('Bearer');
    });

    it('refuses a disabled user even with the right password', async () => {
      const user = await createUser(t, { email: 'leaver@department.example', disabled: true });

      const res = await t.http().post(LOGIN).send({ email: 'leaver@department.example', password: TEST_PASSWORD });

      expectProblem(res, 401, 'invalid-credentials');
      expect(await t.dataSource.query('SELECT 1 FROM refresh_tokens WHERE user_id = $1', [user.id])).toEqual([]);
      expect(await auditRows(t, 'auth.login-failed')).toMatchObject([{ entity_id: user.id }]);
    });

    it('refuses a user who has no password (identity provider only)', async () => {
      await createUser(t, { email: 'sso@department.example', password: null });

      const res = await t.http().post(LOGIN).send({ email: 'sso@department.example', password: TEST_PASSWORD });

      expectProblem(res, 401, 'invalid-credentials');
    });

    it.each([
      ['a malformed email', { email: 'not-an-email', password: TEST_PASSWORD }, 'email'],
      ['a missing password', { email: 'jo@department.example' }, 'password'],
      ['an empty password', { email: 'jo@department.example', password: '' }, 'password'],
      ['a non-string password', { email: 'jo@department.example', password: 12345 }, 'password'],
      ['an unknown extra field', { email: 'jo@department.example', password: TEST_PASSWORD, role: 'admin' }, 'role'],
    ])('answers 400 with field errors for %s', async (_name, body, field) => {
      await createUser(t, { email: 'jo@department.example' });

      const res = await t.http().post(LOGIN).send(body);

      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
      expect((res.body.errors as { field: string }[]).every((e) => e.field === field)).toBe(true);
      expect(await auditRows(t)).toEqual([]);
    });

    it('names an unknown field in words', async () => {
      const res = await t
        .http()
        .post(LOGIN)
        .send({ email: 'jo@department.example', password: TEST_PASSWORD, role: 'admin' });

      expect(res.body.errors).toEqual([{ field: 'role', message: 'role is not a known field' }]);
    });

    it('audits a failed login of a known user without the password or email', async () => {
      const user = await createUser(t, { email: 'target@department.example' });
      const attempted = 'Guess-Number-One-2024!';

      const res = await t.http().post(LOGIN).send({ email: 'target@department.example', password: attempted });

      expectProblem(res, 401, 'invalid-credentials');
      const rows = await auditRows(t, 'auth.login-failed');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_user_id: null,
        entity_type: 'user',
        entity_id: user.id,
        request_id: res.headers['x-request-id'],
      });
      for (const row of await auditRows(t)) {
        expect(row.json).not.toContain(attempted);
        expect(row.json).not.toContain('target@department.example');
      }
    });

    it('never writes an unknown email or its password into the audit trail', async () => {
      const attempted = 'Guess-Number-Two-2024!';

      await t.http().post(LOGIN).send({ email: 'stranger@department.example', password: attempted });

      for (const row of await auditRows(t)) {
        expect(row.json).not.toContain(attempted);
        expect(row.json).not.toContain('stranger@department.example');
      }
    });
  });

  describe('POST /auth/refresh', () => {
    it('exchanges a refresh token for a new pair and uses the old one up', async () => {
      const user = await createUser(t, { email: 'jo@department.example' });
      const first = await login(t, 'jo@department.example');

      const res = await t.http().post(REFRESH).send({ refreshToken: first.refreshToken });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ expiresIn: 900, tokenType: 'Bearer' });
      expect(res.body.refreshToken).not.toBe(first.refreshToken);
      expect(res.body.accessToken).not.toBe(first.accessToken);
      const me = await t.http().get(ME).set(bearer(res.body.accessToken));
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(user.id);

      const rows: { token_hash: string; family_id: string; used_at: Date | null; revoked_at: Date | null }[] =
        await t.dataSource.query(
          'SELECT token_hash, family_id, used_at, revoked_at FROM refresh_tokens WHERE user_id = $1',
          [user.id],
        );
      const old = rows.find((r) => r.token_hash === sha256(first.refreshToken));
      const next = rows.find((r) => r.token_hash === sha256(res.body.refreshToken));
      expect(old?.used_at).toBeInstanceOf(Date);
      expect(next).toMatchObject({ used_at: null, revoked_at: null, family_id: old?.family_id });
    });

    it('treats a used refresh token as theft: 401 and the whole family is revoked', async () => {
      const user = await createUser(t, { email: 'jo@department.example' });
      const first = await login(t, 'jo@department.example');
      const second = (await t.http().post(REFRESH).send({ refreshToken: first.refreshToken })).body as TokenBody;

      const replay = await t.http().post(REFRESH).send({ refreshToken: first.refreshToken });

      expectProblem(replay, 401, 'invalid-refresh-token');
      const newest = await t.http().post(REFRESH).send({ refreshToken: second.refreshToken });
      expectProblem(newest, 401, 'invalid-refresh-token');
      const live: unknown[] = await t.dataSource.query(
        'SELECT 1 FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL',
        [user.id],
      );
      expect(live).toEqual([]);
      const reused = await auditRows(t, 'auth.refresh-reused');
      expect(reused[0]).toMatchObject({
        actor_user_id: user.id,
        entity_id: user.id,
        request_id: replay.headers['x-request-id'],
      });
    });

    it("leaves the user's other sessions alone when one family is revoked", async () => {
      await createUser(t, { email: 'jo@department.example' });
      const laptop = await login(t, 'jo@department.example');
      const phone = await login(t, 'jo@department.example');
      await t.http().post(REFRESH).send({ refreshToken: laptop.refreshToken }).expect(200);

      await t.http().post(REFRESH).send({ refreshToken: laptop.refreshToken }).expect(401);

      const res = await t.http().post(REFRESH).send({ refreshToken: phone.refreshToken });
      expect(res.status).toBe(200);
    });

    it('lets only one of two concurrent refreshes of the same token through, and ends that session', async () => {
      const user = await createUser(t, { email: 'jo@department.example' });
      const pair = await login(t, 'jo@department.example');

      const responses = await Promise.all([
        t.http().post(REFRESH).send({ refreshToken: pair.refreshToken }),
        t.http().post(REFRESH).send({ refreshToken: pair.refreshToken }),
      ]);

      expect(responses.map((r) => r.status).sort()).toEqual([200, 401]);
      const live: unknown[] = await t.dataSource.query(
        'SELECT 1 FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL AND used_at IS NULL',
        [user.id],
      );
      expect(live).toEqual([]);
    });

    it('refuses a refresh token it never issued', async () => {
      await createUser(t, { email: 'jo@department.example' });
      await login(t, 'jo@department.example');

      const res = await t
        .http()
        .post(REFRESH)
        .send({ refreshToken: 'A'.repeat(43) });

      expectProblem(res, 401, 'invalid-refresh-token');
      expect(res.body.detail).toBe('The refresh token is not valid; sign in again');
    });

    it.each([
      ['missing', {}],
      ['too short', { refreshToken: 'short' }],
      ['not a string', { refreshToken: 42 }],
    ])('answers 400 for a refresh token that is %s', async (_name, body) => {
      const res = await t.http().post(REFRESH).send(body);

      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([{ field: 'refreshToken', message: expect.any(String) }]));
    });

    it('refuses the refresh token of a user disabled since, and revokes its family', async () => {
      const user = await createUser(t, { email: 'jo@department.example' });
      const pair = await login(t, 'jo@department.example');
      await t.dataSource.query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id]);

      const res = await t.http().post(REFRESH).send({ refreshToken: pair.refreshToken });

      expectProblem(res, 401, 'invalid-refresh-token');
      const live: unknown[] = await t.dataSource.query(
        'SELECT 1 FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL',
        [user.id],
      );
      expect(live).toEqual([]);
      // Enabling the user again does not bring the old session back.
      await t.dataSource.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [user.id]);
      await t.http().post(REFRESH).send({ refreshToken: pair.refreshToken }).expect(401);
    });

    it('refuses an expired refresh token', async () => {
      await createUser(t, { email: 'jo@department.example' });
      const pair = await login(t, 'jo@department.example');
      await t.dataSource.query(
        `UPDATE refresh_tokens SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`,
        [sha256(pair.refreshToken)],
      );

      const res = await t.http().post(REFRESH).send({ refreshToken: pair.refreshToken });

      expectProblem(res, 401, 'invalid-refresh-token');
    });
  });

  describe('POST /auth/logout', () => {
    it('needs an access token', async () => {
      const res = await t.http().post(LOGOUT).send({});

      expectProblem(res, 401, 'unauthenticated');
    });

    it('with a refresh token ends that session only', async () => {
      await createUser(t, { email: 'jo@department.example' });
      const laptop = await login(t, 'jo@department.example');
      const phone = await login(t, 'jo@department.example');

      const res = await t
        .http()
        .post(LOGOUT)
        .set(bearer(laptop.accessToken))
        .send({ refreshToken: laptop.refreshToken });

      expect(res.status).toBe(204);
      expectProblem(
        await t.http().post(REFRESH).send({ refreshToken: laptop.refreshToken }),
        401,
        'invalid-refresh-token',
      );
      expect((await t.http().post(REFRESH).send({ refreshToken: phone.refreshToken })).status).toBe(200);
      expect(await auditRows(t, 'auth.logout')).toHaveLength(1);
    });

    it("does not end another user's session when given their refresh token", async () => {
      await createUser(t, { email: 'jo@department.example' });
      await createUser(t, { email: 'sam@department.example' });
      const jo = await login(t, 'jo@department.example');
      const sam = await login(t, 'sam@department.example');

      const res = await t.http().post(LOGOUT).set(bearer(jo.accessToken)).send({ refreshToken: sam.refreshToken });

      expect(res.status).toBe(204);
      expect((await t.http().post(REFRESH).send({ refreshToken: sam.refreshToken })).status).toBe(200);
    });

    it('with everywhere ends every access and refresh token of the user at once; signing in again works', async () => {
      const user = await createUser(t, { email: 'jo@department.example' });
      const laptop = await login(t, 'jo@department.example');
      const phone = await login(t, 'jo@department.example');
      const minted = tokenFor(t, user);
      const other = await signedIn(t);
      for (const token of [laptop.accessToken, phone.accessToken, minted]) {
        expect((await t.http().get(ME).set(bearer(token))).status).toBe(200);
      }

      const res = await t.http().post(LOGOUT).set(bearer(phone.accessToken)).send({ everywhere: true });

      expect(res.status).toBe(204);
      for (const token of [laptop.accessToken, phone.accessToken, minted]) {
        expectProblem(await t.http().get(ME).set(bearer(token)), 401, 'unauthenticated');
      }
      for (const refreshToken of [laptop.refreshToken, phone.refreshToken]) {
        expectProblem(await t.http().post(REFRESH).send({ refreshToken }), 401, 'invalid-refresh-token');
      }
      expect((await t.http().get(ME).set(other.auth)).status).toBe(200);
      expect(await auditRows(t, 'auth.logout-everywhere')).toMatchObject([
        { actor_user_id: user.id, entity_id: user.id },
      ]);

      const again = await login(t, 'jo@department.example');
      expect((await t.http().get(ME).set(bearer(again.accessToken))).status).toBe(200);
      expect((await t.http().post(REFRESH).send({ refreshToken: again.refreshToken })).status).toBe(200);
    });

    it('rejects unknown fields', async () => {
      const { auth } = await signedIn(t);

      const res = await t.http().post(LOGOUT).set(auth).send({ everywhere: 'yes' });

      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors).toEqual([{ field: 'everywhere', message: expect.any(String) }]);
    });
  });

  describe('disabled users', () => {
    it('lose access on the very next request when an admin disables them', async () => {
      const admin = await signedIn(t, { roles: ['admin'] });
      await createUser(t, { email: 'leaver@department.example' });
      const pair = await login(t, 'leaver@department.example');
      const me = await t.http().get(ME).set(bearer(pair.accessToken));
      expect(me.status).toBe(200);

      const patch = await t
        .http()
        .patch(`/api/v1/users/${me.body.id}`)
        .set(admin.auth)
        .set('If-Match', `"${me.body.version}"`)
        .send({ disabled: true });
      expect(patch.status).toBe(200);
      expect(patch.body.disabled).toBe(true);

      expectProblem(await t.http().get(ME).set(bearer(pair.accessToken)), 401, 'unauthenticated');
      expectProblem(
        await t.http().post(REFRESH).send({ refreshToken: pair.refreshToken }),
        401,
        'invalid-refresh-token',
      );
      expectProblem(
        await t.http().post(LOGIN).send({ email: 'leaver@department.example', password: TEST_PASSWORD }),
        401,
        'invalid-credentials',
      );
    });

    it('lose access as soon as the change is announced when disabled_at is set directly in the database', async () => {
      const { user, auth } = await signedIn(t);
      expect((await t.http().get(ME).set(auth)).status).toBe(200);

      await t.dataSource.query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id]);
      await t.notified();

      const res = await t.http().get(ME).set(auth);
      expectProblem(res, 401, 'unauthenticated');
      expect(res.body.detail).toBe('The access token is not valid; sign in again');
    });
  });

  describe('GET /me', () => {
    it('returns the user with permissions and nothing secret', async () => {
      const { user, auth } = await signedIn(t, {
        email: 'hop@department.example',
        roles: ['head_of_profession'],
        roleFamilies: ['data'],
      });

      const res = await t.http().get(ME).set(auth);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: user.id,
        email: 'hop@department.example',
        displayName: user.displayName,
        roles: ['head_of_profession'],
        roleFamilies: ['data'],
        staffId: null,
        disabled: false,
        hasPassword: true,
        lastLoginAt: null,
        createdAt: user.createdAt.toISOString(),
        updatedAt: user.updatedAt.toISOString(),
        version: 1,
        permissions: Object.entries(permissionsFor(['head_of_profession'])).map(([permission, scopes]) => ({
          permission,
          scopes,
        })),
      });
      for (const secret of ['passwordHash', 'tokensValidAfter', 'oidcIssuer']) {
        expect(res.body).not.toHaveProperty(secret);
      }
      expect(res.text).not.toMatch(/passwordHash|password_hash|\$argon2/);
    });

    it("lists an admin's permissions", async () => {
      const { auth } = await signedIn(t, { roles: ['admin'] });

      const res = await t.http().get(ME).set(auth);

      const permissions = (res.body.permissions as { permission: string }[]).map((p) => p.permission).sort();
      expect(permissions).toEqual(Object.keys(permissionsFor(['admin'])).sort());
      expect(permissions).toEqual(
        expect.arrayContaining(['audit:read', 'user:create', 'user:update', 'framework:manage']),
      );
      expect(res.text).not.toMatch(/passwordHash|\$argon2/);
    });

    it('answers 401 problem+json without a token', async () => {
      const res = await t.http().get(ME);

      expectProblem(res, 401, 'unauthenticated');
      expect(res.headers['www-authenticate']).toBe('Bearer');
    });
  });

  describe('GET /.well-known/jwks.json', () => {
    it('publishes the public signing key, without private parts, under the kid tokens carry', async () => {
      await createUser(t, { email: 'jo@department.example' });
      const { accessToken } = await login(t, 'jo@department.example');

      const res = await t.http().get('/.well-known/jwks.json');

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      const keys = res.body.keys as Record<string, unknown>[];
      expect(keys.length).toBeGreaterThanOrEqual(1);
      for (const key of keys) {
        expect(key).toMatchObject({ kid: expect.any(String), kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
        expect(key).not.toHaveProperty('d');
      }
      const header = jwt.decode(accessToken, { complete: true })?.header;
      expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
      const published = keys.find((k) => k.kid === header?.kid);
      expect(published).toBeDefined();

      // The published key is the public half of the service's key, and it verifies the token.
      const ours = createPublicKey(inject('privateKeyPem')).export({ format: 'jwk' });
      expect({ x: published?.x, y: published?.y }).toEqual({ x: ours.x, y: ours.y });
      const verifier = createPublicKey({ key: published as JsonWebKey, format: 'jwk' });
      expect(() => jwt.verify(accessToken, verifier, { algorithms: ['ES256'] })).not.toThrow();
    });
  });
});

// Failed sign-ins are counted in PostgreSQL (login_failures), which t.reset() empties: one app for all.
// More (successes, the lock's window, normalised emails, two replicas, the purge): login-limits.e2e-spec.ts.
describe('login failure limits (LOGIN_RATE_LIMIT=3, so 9 per client)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  it('stops one account after 3 failures while another account can still sign in', async () => {
    await createUser(t, { email: 'target@department.example' });
    await createUser(t, { email: 'bystander@department.example' });
    for (let i = 0; i < 3; i++) {
      const res = await t
        .http()
        .post(LOGIN)
        .send({ email: 'target@department.example', password: `wrong-${i}` });
      expectProblem(res, 401, 'invalid-credentials');
    }

    const blocked = await t.http().post(LOGIN).send({ email: 'target@department.example', password: 'wrong-3' });
    expectProblem(blocked, 429, 'rate-limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The right password does not help, nor does a change of case.
    expectProblem(
      await t.http().post(LOGIN).send({ email: 'TARGET@department.example', password: TEST_PASSWORD }),
      429,
      'rate-limited',
    );

    const other = await t.http().post(LOGIN).send({ email: 'bystander@department.example', password: TEST_PASSWORD });
    expect(other.status).toBe(200);
  });

  // The lock lasts until the 15-minute window of the first failure ends; Retry-After says so, not a generic 60 s.
  it('tells a blocked account how long the block really lasts in Retry-After', async () => {
    await createUser(t, { email: 'target@department.example' });
    for (let i = 0; i < 3; i++) {
      await t
        .http()
        .post(LOGIN)
        .send({ email: 'target@department.example', password: `wrong-${i}` });
    }

    const blocked = await t.http().post(LOGIN).send({ email: 'target@department.example', password: 'wrong-3' });

    expectProblem(blocked, 429, 'rate-limited');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(15 * 60 - 5);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.body).not.toHaveProperty('retryAfterSeconds');
  });

  it('stops a client after 9 failures spread over different accounts, and only on login', async () => {
    const { auth } = await signedIn(t, { email: 'real@department.example' });
    for (let i = 1; i <= 9; i++) {
      const res = await t
        .http()
        .post(LOGIN)
        .send({ email: `probe${i}@department.example`, password: 'guess' });
      expectProblem(res, 401, 'invalid-credentials');
    }

    const blocked = await t.http().post(LOGIN).send({ email: 'real@department.example', password: TEST_PASSWORD });

    expectProblem(blocked, 429, 'rate-limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(15 * 60 - 5);
    expect((await t.http().get(ME).set(auth)).status).toBe(200);
  });
});
