import type { Role } from '@capability/auth';
import type { Response } from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CreateUserDto, UpdateUserDto } from '../../apps/api/src/users/users.dto.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { createUser, signedIn, TEST_PASSWORD } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const USERS = '/api/v1/users';
const AUDIT = '/api/v1/audit-events';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const NEW_PASSWORD = 'a-brand-new-passphrase';

type Auth = { Authorization: string };

const newUser = (overrides: Partial<CreateUserDto> = {}): CreateUserDto =>
  ({
    email: 'new.person@department.example',
    displayName: 'New Person',
    roles: ['staff'],
    password: 'a-long-enough-password',
    ...overrides,
  }) satisfies CreateUserDto;

async function countUsers(t: TestApp, email: string): Promise<number> {
  const [row]: { n: number }[] = await t.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [
    email.toLowerCase(),
  ]);
  return row?.n ?? 0;
}

/**
 * Runs `requests` while this test holds a lock that stops every insert into audit_events, and lets go
 * once `waiters` sessions are blocked on a lock: every transaction has then done all it does before
 * its audit row, and none has committed.
 */
async function withAuditBlocked<T>(t: TestApp, waiters: number, requests: () => Promise<T>): Promise<T> {
  const holder = t.dataSource.createQueryRunner();
  await holder.connect();
  try {
    await holder.startTransaction();
    await holder.query('LOCK TABLE audit_events IN SHARE ROW EXCLUSIVE MODE');
    const pending = requests();
    for (let attempt = 0; attempt < 300; attempt++) {
      const [row]: { n: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if ((row?.n ?? 0) >= waiters) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await holder.commitTransaction();
    return await pending;
  } finally {
    await holder.release();
  }
}

describe('users (admin)', () => {
  let t: TestApp;
  let admin: { user: { id: string }; auth: Auth };
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    admin = await signedIn(t, { email: 'admin@department.example', roles: ['admin'] });
  });

  const patch = (id: string, version: number | string | undefined, body: UpdateUserDto, auth: Auth = admin.auth) => {
    const req = t.http().patch(`${USERS}/${id}`).set(auth);
    if (version !== undefined) req.set('If-Match', typeof version === 'number' ? `"${version}"` : version);
    return req.send(body);
  };

  describe('access', () => {
    const ROUTES: [
      string,
      (id: string) => { method: 'get' | 'post' | 'patch'; path: string; body?: object; ifMatch?: boolean },
    ][] = [
      ['GET /users', () => ({ method: 'get', path: USERS })],
      ['POST /users', () => ({ method: 'post', path: USERS, body: newUser() })],
      ['GET /users/:id', (id) => ({ method: 'get', path: `${USERS}/${id}` })],
      [
        'PATCH /users/:id',
        (id) => ({ method: 'patch', path: `${USERS}/${id}`, body: { roles: ['admin'] }, ifMatch: true }),
      ],
      ['GET /audit-events', () => ({ method: 'get', path: AUDIT })],
    ];

    const send = (route: ReturnType<(typeof ROUTES)[number][1]>, auth?: Auth) => {
      const req = t.http()[route.method](route.path);
      if (auth) req.set(auth);
      if (route.ifMatch) req.set('If-Match', '"1"');
      return route.body ? req.send(route.body) : req;
    };

    it.each(ROUTES)('%s answers 401 without a token', async (_name, route) => {
      const res = await send(route(admin.user.id));

      expectProblem(res, 401, 'unauthenticated');
    });

    it.each(
      ROUTES.flatMap(([name, route]) =>
        (['staff', 'hr', 'head_of_profession'] as Role[]).map((role) => [name, role, route] as const),
      ),
    )('%s answers 403 for a %s user', async (_name, role, route) => {
      const { user, auth } = await signedIn(t, { roles: [role] });

      const res = await send(route(user.id), auth);

      expectProblem(res, 403, 'forbidden');
      expect(await countUsers(t, newUser().email)).toBe(0);
      const [row]: { roles: string[]; version: number }[] = await t.dataSource.query(
        'SELECT roles, version FROM users WHERE id = $1',
        [user.id],
      );
      expect(row).toEqual({ roles: [role], version: 1 });
    });
  });

  describe('GET /users', () => {
    it('lists users oldest first, without secrets', async () => {
      const hr = await createUser(t, { email: 'hr@department.example', roles: ['hr'] });

      const res = await t.http().get(USERS).set(admin.auth);

      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      expect((res.body.items as { id: string }[]).map((u) => u.id)).toEqual([admin.user.id, hr.id]);
      expect(res.body.items[1]).toMatchObject({
        email: 'hr@department.example',
        roles: ['hr'],
        disabled: false,
        hasPassword: true,
        version: 1,
      });
      expect(res.text).not.toMatch(/passwordHash|password_hash|\$argon2/);
    });

    it('filters by role, disabled and email prefix', async () => {
      const hr = await createUser(t, { email: 'hr.person@department.example', roles: ['hr'] });
      const hop = await createUser(t, { email: 'hop@department.example', roles: ['head_of_profession', 'hr'] });
      const leaver = await createUser(t, { email: 'leaver@department.example', disabled: true });
      const ids = async (query: string): Promise<string[]> => {
        const res = await t.http().get(`${USERS}?${query}`).set(admin.auth);
        expect(res.status).toBe(200);
        return (res.body.items as { id: string }[]).map((u) => u.id);
      };

      expect(await ids('role=hr')).toEqual([hr.id, hop.id]);
      expect(await ids('role=head_of_profession')).toEqual([hop.id]);
      expect(await ids('disabled=true')).toEqual([leaver.id]);
      expect(await ids('disabled=false')).toEqual([admin.user.id, hr.id, hop.id]);
      expect(await ids('email=HR.')).toEqual([hr.id]);
      expect(await ids('email=h')).toEqual([hr.id, hop.id]);
      expect(await ids('role=staff&disabled=false')).toEqual([]);
      // LIKE wildcards in the filter are taken literally.
      expect(await ids('email=%25')).toEqual([]);
      expect(await ids('email=_')).toEqual([]);
    });

    it('pages with a cursor', async () => {
      const a = await createUser(t);
      const b = await createUser(t);

      const first = await t.http().get(`${USERS}?limit=2`).set(admin.auth);
      const second = await t.http().get(`${USERS}?limit=2&cursor=${first.body.nextCursor}`).set(admin.auth);

      expect((first.body.items as { id: string }[]).map((u) => u.id)).toEqual([admin.user.id, a.id]);
      expect((second.body.items as { id: string }[]).map((u) => u.id)).toEqual([b.id]);
      expect(second.body.nextCursor).toBeNull();
    });

    it.each([
      ['role=wizard', 'role'],
      ['disabled=maybe', 'disabled'],
      ['limit=0', 'limit'],
      ['surname=x', 'surname'],
    ])('answers 400 for ?%s', async (query, field) => {
      const res = await t.http().get(`${USERS}?${query}`).set(admin.auth);

      expectProblem(res, 400, 'validation-failed');
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    });
  });

  describe('POST /users', () => {
    it('creates a user (201) who can then sign in', async () => {
      const res = await t
        .http()
        .post(USERS)
        .set(admin.auth)
        .send(newUser({ email: 'New.Person@Department.Example', roles: ['hr', 'staff'] }));

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        email: 'new.person@department.example',
        displayName: 'New Person',
        roles: ['hr', 'staff'],
        roleFamilies: [],
        staffId: null,
        disabled: false,
        hasPassword: true,
        lastLoginAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        version: 1,
      });
      expect(res.body).not.toHaveProperty('passwordHash');
      expect(res.body).not.toHaveProperty('tokensValidAfter');
      const [row]: { email: string; password_hash: string }[] = await t.dataSource.query(
        'SELECT email, password_hash FROM users WHERE id = $1',
        [res.body.id],
      );
      expect(row?.email).toBe('new.person@department.example');
      expect(row?.password_hash).toMatch(/^\$argon2id\$/);
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'new.person@department.example', password: 'a-long-enough-password' });
      expect(login.status).toBe(200);
    });

    it('creates an identity-provider-only user without a password', async () => {
      const res = await t
        .http()
        .post(USERS)
        .set(admin.auth)
        .send(newUser({ password: undefined }));

      expect(res.status).toBe(201);
      expect(res.body.hasPassword).toBe(false);
    });

    it.each([
      ['the same email', 'new.person@department.example'],
      ['the same email in another case', 'NEW.Person@department.EXAMPLE'],
    ])('answers 409 for %s', async (_name, email) => {
      await t.http().post(USERS).set(admin.auth).send(newUser()).expect(201);

      const res = await t
        .http()
        .post(USERS)
        .set(admin.auth)
        .send(newUser({ email, displayName: 'Duplicate' }));

      expectProblem(res, 409, 'conflict');
      expect(res.body.detail).toBe('A user with this email already exists');
      expect(await countUsers(t, 'new.person@department.example')).toBe(1);
      expect(await auditRows(t, 'user.created')).toHaveLength(1);
    });

    it.each([
      ['an unknown role', { roles: ['wizard'] }, 'roles'],
      ['no roles', { roles: [] }, 'roles'],
      ['a repeated role', { roles: ['staff', 'staff'] }, 'roles'],
      ['a short password', { password: 'elevenchars' }, 'password'],
      ['a malformed email', { email: 'not-an-email' }, 'email'],
      ['a bad role family', { roleFamilies: ['Not A Slug'] }, 'roleFamilies'],
      ['an unknown field', { isAdmin: true }, 'isAdmin'],
    ])('answers 400 for %s', async (_name, overrides, field) => {
      const res = await t
        .http()
        .post(USERS)
        .set(admin.auth)
        .send({ ...newUser(), ...overrides });

      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
      const [row]: { n: number }[] = await t.dataSource.query('SELECT count(*)::int AS n FROM users');
      expect(row?.n).toBe(1);
    });
  });

  describe('GET /users/:id', () => {
    it('returns the user with its version as ETag', async () => {
      const user = await createUser(t, { email: 'jo@department.example' });

      const res = await t.http().get(`${USERS}/${user.id}`).set(admin.auth);

      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({ id: user.id, email: 'jo@department.example', version: 1 });
      expect(res.text).not.toMatch(/passwordHash|\$argon2/);
    });

    it('answers 304 to If-None-Match with the current ETag', async () => {
      const user = await createUser(t);

      const res = await t.http().get(`${USERS}/${user.id}`).set(admin.auth).set('If-None-Match', '"1"');

      expect(res.status).toBe(304);
    });

    it('answers 404 for an unknown id', async () => {
      const res = await t.http().get(`${USERS}/${UNKNOWN_ID}`).set(admin.auth);

      expectProblem(res, 404, 'user-not-found');
    });

    it('answers 400 for an id that is not a uuid', async () => {
      const res = await t.http().get(`${USERS}/not-a-uuid`).set(admin.auth);

      expectProblem(res, 400, 'bad-request');
    });
  });

  describe('PATCH /users/:id', () => {
    it('answers 428 without If-Match, and changes nothing', async () => {
      const user = await createUser(t);

      const res = await patch(user.id, undefined, { roles: ['hr'] });

      expectProblem(res, 428, 'precondition-required');
      expect(await t.dataSource.query('SELECT roles, version FROM users WHERE id = $1', [user.id])).toEqual([
        { roles: ['staff'], version: 1 },
      ]);
    });

    it('changes the user at the current version and moves the version on', async () => {
      const user = await createUser(t);

      const res = await patch(user.id, 1, { roles: ['hr', 'staff'], displayName: 'Renamed' });

      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ id: user.id, roles: ['hr', 'staff'], displayName: 'Renamed', version: 2 });
      expect(
        await t.dataSource.query('SELECT roles, display_name, version FROM users WHERE id = $1', [user.id]),
      ).toEqual([{ roles: ['hr', 'staff'], display_name: 'Renamed', version: 2 }]);
    });

    it('treats a change that changes nothing as no change: same version, no audit row, stale If-Match still 412', async () => {
      const user = await createUser(t, { displayName: 'Same Name' });
      const audits = async (): Promise<number> =>
        Number(
          (await t.dataSource.query(`SELECT count(*) AS n FROM audit_events WHERE entity_id = $1`, [user.id]))[0].n,
        );
      const before = await audits();

      const bodies: UpdateUserDto[] = [{}, { displayName: 'Same Name', roles: ['staff'] }];
      for (const body of bodies) {
        const res = await patch(user.id, 1, body);
        expect(res.status).toBe(200);
        expect(res.headers.etag).toBe('"1"');
        expect(res.body.version).toBe(1);
      }
      expect(await audits()).toBe(before);

      expectProblem(await patch(user.id, 9, {}), 412, 'precondition-failed');
    });

    it.each([
      ['a stale version', '"1"'],
      ['a version never reached', '"7"'],
      ['a malformed If-Match', 'not-an-etag'],
    ])('answers 412 for %s, and changes nothing', async (_name, ifMatch) => {
      const user = await createUser(t);
      await patch(user.id, 1, { displayName: 'First change' }).expect(200);

      const res = await patch(user.id, ifMatch, { roles: ['hr'] });

      expectProblem(res, 412, 'precondition-failed');
      expect(await t.dataSource.query('SELECT roles, version FROM users WHERE id = $1', [user.id])).toEqual([
        { roles: ['staff'], version: 2 },
      ]);
    });

    it('answers 404 for an unknown id', async () => {
      const res = await patch(UNKNOWN_ID, 1, { roles: ['hr'] });

      expectProblem(res, 404, 'user-not-found');
    });

    it.each([
      ['an unknown role', { roles: ['wizard'] }, 'roles'],
      ['a short password', { password: 'short' }, 'password'],
      ['a non-boolean disabled', { disabled: 'yes' }, 'disabled'],
      ['an unknown field', { email: 'changed@department.example' }, 'email'],
    ])('answers 400 for %s', async (_name, body, field) => {
      const user = await createUser(t);

      const res = await patch(user.id, 1, body as UpdateUserDto);

      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
    });

    it('refuses to disable the last enabled admin (409) and changes nothing', async () => {
      await createUser(t, { email: 'old.admin@department.example', roles: ['admin'], disabled: true });

      const res = await patch(admin.user.id, 1, { disabled: true });

      expectProblem(res, 409, 'last-admin');
      expect(await t.dataSource.query('SELECT disabled_at, version FROM users WHERE id = $1', [admin.user.id])).toEqual(
        [{ disabled_at: null, version: 1 }],
      );
      expect(await auditRows(t, 'user.updated')).toEqual([]);
      expect((await t.http().get('/api/v1/me').set(admin.auth)).status).toBe(200);
    });

    it('refuses to take the admin role from the last enabled admin', async () => {
      const res = await patch(admin.user.id, 1, { roles: ['staff'] });

      expectProblem(res, 409, 'last-admin');
      expect(await t.dataSource.query('SELECT roles, version FROM users WHERE id = $1', [admin.user.id])).toEqual([
        { roles: ['admin'], version: 1 },
      ]);
    });

    it('lets an admin be disabled while another admin remains', async () => {
      const other = await createUser(t, { email: 'second.admin@department.example', roles: ['admin'] });

      const res = await patch(other.id, 1, { disabled: true });

      expect(res.status).toBe(200);
      expect(res.body.disabled).toBe(true);
    });

    it('leaves one enabled admin when the two admins are disabled at the same moment', async () => {
      const other = await createUser(t, { email: 'second.admin@department.example', roles: ['admin'] });

      // Both changes pass their checks before either commits: the worst interleaving, made certain.
      const [a, b] = await withAuditBlocked(t, 2, () =>
        Promise.all([patch(other.id, 1, { disabled: true }), patch(admin.user.id, 1, { disabled: true })]),
      );

      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expectProblem([a, b].find((r) => r.status === 409) as Response, 409, 'last-admin');
      const [row]: { n: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles) AND disabled_at IS NULL`,
      );
      expect(row?.n).toBe(1);
    });

    it('setting a password ends every session and the new password signs in', async () => {
      await createUser(t, { email: 'jo@department.example' });
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'jo@department.example', password: TEST_PASSWORD });
      const jo = (await t.http().get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`)).body as {
        id: string;
        version: number;
      };

      const res = await patch(jo.id, jo.version, { password: NEW_PASSWORD });

      expect(res.status).toBe(200);
      expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`)).status).toBe(
        401,
      );
      expect((await t.http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken })).status).toBe(
        401,
      );
      expect(
        (await t.http().post('/api/v1/auth/login').send({ email: 'jo@department.example', password: TEST_PASSWORD }))
          .status,
      ).toBe(401);
      expect(
        (await t.http().post('/api/v1/auth/login').send({ email: 'jo@department.example', password: NEW_PASSWORD }))
          .status,
      ).toBe(200);
    });

    it('enables a disabled user again', async () => {
      const user = await createUser(t, { disabled: true });

      const res = await patch(user.id, 1, { disabled: false });

      expect(res.status).toBe(200);
      expect(res.body.disabled).toBe(false);
      expect(await t.dataSource.query('SELECT disabled_at FROM users WHERE id = $1', [user.id])).toEqual([
        { disabled_at: null },
      ]);
    });
  });

  describe('Idempotency-Key on POST /users', () => {
    const post = (key: string, body: CreateUserDto, auth: Auth = admin.auth) =>
      t.http().post(USERS).set(auth).set('Idempotency-Key', key).send(body);

    it('replays the first answer for the same key and body, creating one user', async () => {
      const first = await post('create-jo-1', newUser());
      const again = await post('create-jo-1', newUser());

      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      // The replay is the same representation: it carries the ETag an If-Match edit takes back.
      expect(first.headers.etag).toBe('"1"');
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(await countUsers(t, newUser().email)).toBe(1);
      expect(await auditRows(t, 'user.created')).toHaveLength(1);
    });

    it('treats the same body with its keys in another order as the same request', async () => {
      const body = newUser();
      const first = await post('create-jo-2', body);
      const reordered = Object.fromEntries(Object.entries(body).reverse()) as CreateUserDto;

      const again = await post('create-jo-2', reordered);

      expect(again.status).toBe(first.status);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await countUsers(t, newUser().email)).toBe(1);
    });

    it('answers 422 for the same key with a different body, creating nothing', async () => {
      await post('create-jo-3', newUser()).expect(201);

      const res = await post('create-jo-3', newUser({ email: 'someone.else@department.example' }));

      expectProblem(res, 422, 'idempotency-key-reused');
      expect(await countUsers(t, 'someone.else@department.example')).toBe(0);
    });

    it('keeps keys per user: another admin with the same key creates their own user', async () => {
      const second = await signedIn(t, { email: 'second.admin@department.example', roles: ['admin'] });
      const mine = await post('shared-key', newUser());

      const theirs = await post('shared-key', newUser({ email: 'theirs@department.example' }), second.auth);

      expect(mine.status).toBe(201);
      expect(theirs.status).toBe(201);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      expect(theirs.body.id).not.toBe(mine.body.id);
      expect(await countUsers(t, 'theirs@department.example')).toBe(1);
    });

    it('creates exactly one user for two concurrent requests with the same key', async () => {
      const responses = await Promise.all([post('race-key', newUser()), post('race-key', newUser())]);

      expect(await countUsers(t, newUser().email)).toBe(1);
      const fresh = responses.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] === undefined);
      expect(fresh).toHaveLength(1);
      const [other] = responses.filter((r) => r !== fresh[0]);
      if (other?.status === 409) {
        expectProblem(other, 409, 'idempotency-request-in-progress');
      } else {
        expect(other?.status).toBe(201);
        expect(other?.headers['idempotent-replayed']).toBe('true');
        expect(other?.body).toEqual(fresh[0]?.body);
      }
    });

    it('does not spend the key on a request that failed', async () => {
      const existing = await createUser(t, { email: 'new.person@department.example' });
      expectProblem(await post('retry-key', newUser()), 409, 'conflict');
      await t.dataSource.query('DELETE FROM users WHERE id = $1', [existing.id]);
      await t.notified();

      const retry = await post('retry-key', newUser());

      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(await countUsers(t, newUser().email)).toBe(1);
    });

    it('answers 400 for a malformed key', async () => {
      const res = await post('x'.repeat(256), newUser());

      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
      expect(await countUsers(t, newUser().email)).toBe(0);
    });
  });

  describe('audit trail', () => {
    it('records a create with field names, the actor and the request id, never values', async () => {
      const res = await t
        .http()
        .post(USERS)
        .set(admin.auth)
        .set('X-Request-Id', 'create-user-request-1')
        .send(newUser());

      expect(res.status).toBe(201);
      expect(res.headers['x-request-id']).toBe('create-user-request-1');
      const rows = await auditRows(t, 'user.created');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        entity_type: 'user',
        entity_id: res.body.id,
        actor_user_id: admin.user.id,
        request_id: 'create-user-request-1',
      });
      expect(rows[0]?.changed_fields).toEqual(expect.arrayContaining(['email', 'displayName', 'roles', 'password']));
      for (const row of await auditRows(t)) {
        expect(row.json).not.toContain('a-long-enough-password');
        expect(row.json).not.toContain('new.person@department.example');
        expect(row.json).not.toContain('New Person');
      }
    });

    it('records an update with the names of the fields that changed', async () => {
      const user = await createUser(t, { email: 'jo@department.example', displayName: 'Jo Bloggs' });

      const res = await patch(user.id, 1, {
        roles: ['hr'],
        disabled: true,
        password: NEW_PASSWORD,
        displayName: 'Jo Bloggs',
      });

      expect(res.status).toBe(200);
      const rows = await auditRows(t, 'user.updated');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        entity_type: 'user',
        entity_id: user.id,
        actor_user_id: admin.user.id,
        request_id: res.headers['x-request-id'],
      });
      expect([...(rows[0]?.changed_fields ?? [])].sort()).toEqual(['disabled', 'password', 'roles']);
      for (const row of await auditRows(t)) {
        expect(row.json).not.toContain(NEW_PASSWORD);
        expect(row.json).not.toContain('jo@department.example');
      }
    });

    it('lists the trail newest first for an admin', async () => {
      const created = await t.http().post(USERS).set(admin.auth).send(newUser());
      await patch(created.body.id as string, 1, { roles: ['hr'] }).expect(200);

      const res = await t.http().get(AUDIT).set(admin.auth);

      expect(res.status).toBe(200);
      const items = res.body.items as {
        action: string;
        entityId: string;
        occurredAt: string;
        actorUserId: string;
        changedFields: string[];
      }[];
      expect(items.map((e) => e.action)).toEqual(['user.updated', 'user.created']);
      expect(items[0]).toMatchObject({
        entityId: created.body.id,
        actorUserId: admin.user.id,
        changedFields: ['roles'],
      });
      expect(Date.parse(items[0]?.occurredAt ?? '')).toBeGreaterThanOrEqual(Date.parse(items[1]?.occurredAt ?? ''));

      const filtered = await t.http().get(`${AUDIT}?action=user.created`).set(admin.auth);
      expect((filtered.body.items as { action: string }[]).map((e) => e.action)).toEqual(['user.created']);
    });
  });
});
