import type { Response } from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser, signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

interface UserRow {
  id: string;
  display_name: string;
  roles: string[];
  version: number;
}

async function userRow(t: TestApp, id: string): Promise<UserRow | undefined> {
  const rows = await t.dataSource.query<UserRow[]>('SELECT id, display_name, roles, version FROM users WHERE id = $1', [
    id,
  ]);
  return rows[0];
}

describe('keyset pagination and ETags', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    ({ auth } = await signedIn(t, { roles: ['admin'] }));
  });

  /**
   * 25 more users (26 with the admin) with fixed creation times. Pairs share a timestamp, one pair
   * straddling the page boundary at 10, so the id tie-breaker is exercised. Returns ids in list order.
   */
  async function seedUsers(count = 25): Promise<string[]> {
    for (let i = 0; i < count; i++) await createUser(t);
    await t.dataSource.query(`
      UPDATE users SET created_at = timestamptz '2026-01-01T00:00:00Z' + make_interval(mins => (n.rn / 2)::int)
      FROM (SELECT id, row_number() OVER (ORDER BY email) AS rn FROM users) n
      WHERE users.id = n.id`);
    const rows = await t.dataSource.query<{ id: string }[]>('SELECT id FROM users ORDER BY created_at, id');
    return rows.map((r) => r.id);
  }

  async function allPages(path: string, limit: number): Promise<{ pages: string[][]; cursors: (string | null)[] }> {
    const pages: string[][] = [];
    const cursors: (string | null)[] = [];
    let cursor: string | null = null;
    do {
      const res = await t
        .http()
        .get(path)
        .query({ limit, ...(cursor ? { cursor } : {}) })
        .set(auth);
      expect(res.status, res.text).toBe(200);
      expect(Object.keys(res.body as object).sort()).toEqual(['items', 'nextCursor']);
      const body = res.body as { items: { id: string }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(limit);
      pages.push(body.items.map((i) => i.id));
      cursors.push(body.nextCursor);
      cursor = body.nextCursor;
      expect(pages.length).toBeLessThan(50); // a cursor that never ends fails here, not by timeout
    } while (cursor);
    return { pages, cursors };
  }

  describe('GET /api/v1/users pages', () => {
    it('visits every user exactly once, in created order, and ends with a null cursor', async () => {
      const expected = await seedUsers();
      expect(expected).toHaveLength(26);
      const { pages, cursors } = await allPages('/api/v1/users', 10);
      expect(pages.map((p) => p.length)).toEqual([10, 10, 6]);
      expect(pages.flat()).toEqual(expected);
      expect(new Set(pages.flat()).size).toBe(26);
      expect(cursors.slice(0, -1).every((c) => typeof c === 'string' && /^[A-Za-z0-9_-]+$/.test(c))).toBe(true);
      expect(cursors.at(-1)).toBeNull();
    });

    it('gives a null cursor when the last page is exactly full', async () => {
      await seedUsers(19); // 20 with the admin
      const { pages, cursors } = await allPages('/api/v1/users', 10);
      expect(pages.map((p) => p.length)).toEqual([10, 10]);
      expect(cursors).toEqual([expect.any(String), null]);
    });

    it('uses the default page size of 20 without a limit', async () => {
      await seedUsers();
      const res = await t.http().get('/api/v1/users').set(auth);
      expect(res.status).toBe(200);
      expect((res.body as { items: unknown[] }).items).toHaveLength(20);
      expect((res.body as { nextCursor: unknown }).nextCursor).toEqual(expect.any(String));
    });

    it('seeks by key, so rows added before the cursor neither repeat nor shift the next page', async () => {
      const expected = await seedUsers();
      const first = await t.http().get('/api/v1/users').query({ limit: 10 }).set(auth);
      const cursor = (first.body as { nextCursor: string }).nextCursor;
      const early = await createUser(t);
      await t.dataSource.query(`UPDATE users SET created_at = '2025-01-01T00:00:00Z' WHERE id = $1`, [early.id]);
      const second = await t.http().get('/api/v1/users').query({ limit: 10, cursor }).set(auth);
      expect((second.body as { items: { id: string }[] }).items.map((i) => i.id)).toEqual(expected.slice(10, 20));
    });

    it('keeps the filter across pages', async () => {
      await seedUsers();
      for (let i = 0; i < 3; i++) await createUser(t, { roles: ['hr'] });
      const { pages } = await allPages('/api/v1/users?role=hr', 2);
      expect(pages.flat()).toHaveLength(3);
      const rows = await t.dataSource.query<{ id: string }[]>(
        `SELECT id FROM users WHERE 'hr' = ANY(roles) ORDER BY created_at, id`,
      );
      expect(pages.flat()).toEqual(rows.map((r) => r.id));
    });

    it.each(['0', '101', 'abc', '1.5', '-1', ''])('refuses limit=%j with 400 validation-failed', async (limit) => {
      const res = await t
        .http()
        .get(`/api/v1/users?limit=${encodeURIComponent(limit)}`)
        .set(auth);
      const body = expectProblem(res, 400, 'validation-failed');
      expect((body.errors as { field: string }[]).map((e) => e.field)).toContain('limit');
    });

    it.each(['1', '100'])('accepts limit=%s', async (limit) => {
      const res = await t.http().get('/api/v1/users').query({ limit }).set(auth);
      expect(res.status).toBe(200);
    });

    it.each([
      ['punctuation', 'not a cursor!'],
      ['base64url of text', Buffer.from('hello world').toString('base64url')],
      ['an object', Buffer.from('{"createdAt":"2026-01-01"}').toString('base64url')],
      ['the wrong number of keys', Buffer.from('["2026-01-01T00:00:00.000Z"]').toString('base64url')],
      ['nested operators', Buffer.from('[{"$gt":""},"x"]').toString('base64url')],
      ['a truncated cursor', 'WyIyMDI2LTAxLTAxVDAwOjAwOjAwLjAwMFoiLC'],
      ['an oversized cursor', 'A'.repeat(600)],
    ])('refuses a garbage cursor (%s) with 400 validation-failed', async (_name, cursor) => {
      const res = await t.http().get('/api/v1/users').query({ cursor }).set(auth);
      const body = expectProblem(res, 400, 'validation-failed');
      expect((body.errors as { field: string }[]).map((e) => e.field)).toContain('cursor');
    });

    it.each([
      ['values of the wrong type', '["not-a-date","not-a-uuid"]'],
      ['SQL in the values', `["2026-01-01') OR 1=1 --","x"]`],
      ['numbers', '[1, 2]'],
    ])('refuses a tampered but well-formed cursor (%s) with a 400, not a 500', async (_name, json) => {
      const cursor = Buffer.from(json).toString('base64url');
      const res = await t.http().get('/api/v1/users').query({ cursor }).set(auth);
      expect(res.status, res.text).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.text).not.toMatch(/\b(SELECT|WHERE)\b|invalid input syntax/);
    });
  });

  describe('GET /api/v1/audit-events pages', () => {
    it('pages the trail newest first, every event exactly once', async () => {
      await t.dataSource.query(`
        INSERT INTO audit_events (occurred_at, action, entity_type, entity_id, changed_fields)
        SELECT timestamptz '2026-01-01T00:00:00Z' + make_interval(secs => (i / 2)::int), 'user.updated', 'user', gen_random_uuid(), '{displayName}'
        FROM generate_series(1, 23) AS i`);
      const expected = (
        await t.dataSource.query<{ id: string }[]>('SELECT id FROM audit_events ORDER BY occurred_at DESC, id DESC')
      ).map((r) => r.id);
      expect(expected).toHaveLength(23);
      const { pages, cursors } = await allPages('/api/v1/audit-events', 5);
      expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
      expect(pages.flat()).toEqual(expected);
      expect(cursors.at(-1)).toBeNull();
    });

    it('filters, and refuses a garbage cursor', async () => {
      const { user } = await signedIn(t, { roles: ['admin'] });
      await t
        .http()
        .patch(`/api/v1/users/${user.id}`)
        .set(auth)
        .set('If-Match', '"1"')
        .send({ displayName: 'Renamed' })
        .expect(200);
      await t.dataSource.query(`INSERT INTO audit_events (action, entity_type) VALUES ('other.thing', 'other')`);
      const res = await t.http().get('/api/v1/audit-events').query({ entityType: 'user', entityId: user.id }).set(auth);
      expect(res.status).toBe(200);
      expect((res.body as { items: unknown[] }).items).toEqual([
        expect.objectContaining({ action: 'user.updated', entityId: user.id, changedFields: ['displayName'] }),
      ]);
      expectProblem(
        await t.http().get('/api/v1/audit-events').query({ cursor: 'x!' }).set(auth),
        400,
        'validation-failed',
      );
      expectProblem(
        await t.http().get('/api/v1/audit-events').query({ limit: 101 }).set(auth),
        400,
        'validation-failed',
      );
    });
  });

  describe('ETag and conditional requests on /api/v1/users/:id', () => {
    it('sends the version as a strong ETag, and none on lists', async () => {
      const user = await createUser(t);
      const res = await t.http().get(`/api/v1/users/${user.id}`).set(auth);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"1"');
      expect((res.body as { version: number }).version).toBe(1);
      const list = await t.http().get('/api/v1/users').set(auth);
      expect(list.headers.etag).toBeUndefined();
    });

    it.each(['"1"', 'W/"1"', '"7", "1"', '*'])('answers If-None-Match: %s with 304 and no body', async (header) => {
      const user = await createUser(t);
      const res = await t.http().get(`/api/v1/users/${user.id}`).set(auth).set('If-None-Match', header);
      expect(res.status).toBe(304);
      expect(res.text ?? '').toBe('');
      expect(res.headers['content-length'] ?? '0').toBe('0');
      expect(res.headers.etag).toBe('"1"');
    });

    it('answers a stale If-None-Match with 200 and the body', async () => {
      const user = await createUser(t);
      const res = await t.http().get(`/api/v1/users/${user.id}`).set(auth).set('If-None-Match', '"2"');
      expect(res.status).toBe(200);
      expect((res.body as { id: string }).id).toBe(user.id);
    });

    it('answers a PATCH without If-Match with 428 precondition-required', async () => {
      const user = await createUser(t);
      const res = await t.http().patch(`/api/v1/users/${user.id}`).set(auth).send({ displayName: 'Changed' });
      expectProblem(res, 428, 'precondition-required');
      expect(await userRow(t, user.id)).toMatchObject({ display_name: user.displayName, version: 1 });
    });

    it.each([
      ['stale', '"2"'],
      ['older', '"0"'],
      ['malformed', 'abc'],
      ['unquoted', '1'],
      ['a list', '"1", "2"'],
    ])('answers a %s If-Match with 412 precondition-failed and leaves the row alone', async (_name, header) => {
      const user = await createUser(t);
      const res = await t
        .http()
        .patch(`/api/v1/users/${user.id}`)
        .set(auth)
        .set('If-Match', header)
        .send({ displayName: 'Changed' });
      expectProblem(res, 412, 'precondition-failed');
      expect(await userRow(t, user.id)).toEqual({
        id: user.id,
        display_name: user.displayName,
        roles: ['staff'],
        version: 1,
      });
      const audit = await t.dataSource.query<unknown[]>(`SELECT 1 FROM audit_events WHERE entity_id = $1`, [user.id]);
      expect(audit).toHaveLength(0);
    });

    it('applies a PATCH with the current ETag and answers the next version', async () => {
      const user = await createUser(t);
      const read = await t.http().get(`/api/v1/users/${user.id}`).set(auth);
      const res = await t
        .http()
        .patch(`/api/v1/users/${user.id}`)
        .set(auth)
        .set('If-Match', read.headers.etag as string)
        .send({ displayName: 'Changed' });
      expect(res.status, res.text).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ displayName: 'Changed', version: 2 });
      expect(await userRow(t, user.id)).toMatchObject({ display_name: 'Changed', version: 2 });
      // The old ETag is now stale, the new one works, and a weak form of it is accepted.
      expectProblem(
        await t
          .http()
          .patch(`/api/v1/users/${user.id}`)
          .set(auth)
          .set('If-Match', '"1"')
          .send({ displayName: 'Again' }),
        412,
        'precondition-failed',
      );
      const again = await t
        .http()
        .patch(`/api/v1/users/${user.id}`)
        .set(auth)
        .set('If-Match', 'W/"2"')
        .send({ displayName: 'Again' });
      expect(again.status).toBe(200);
      expect(again.headers.etag).toBe('"3"');
      const cached = await t.http().get(`/api/v1/users/${user.id}`).set(auth).set('If-None-Match', '"2"');
      expect(cached.status).toBe(200);
    });

    it('lets exactly one of two concurrent PATCHes with the same If-Match win', async () => {
      const user = await createUser(t);
      const patch = (displayName: string): Promise<Response> =>
        t
          .http()
          .patch(`/api/v1/users/${user.id}`)
          .set(auth)
          .set('If-Match', '"1"')
          .send({ displayName })
          .then((r) => r);
      const results = await Promise.all([patch('Winner A'), patch('Winner B')]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
      const winner = results.find((r) => r.status === 200);
      const loser = results.find((r) => r.status === 412);
      expectProblem(loser as Response, 412, 'precondition-failed');
      const row = await userRow(t, user.id);
      expect(row?.version).toBe(2);
      expect(row?.display_name).toBe((winner?.body as { displayName: string }).displayName);
      const audit = await t.dataSource.query<unknown[]>(
        `SELECT 1 FROM audit_events WHERE entity_id = $1 AND action = 'user.updated'`,
        [user.id],
      );
      expect(audit).toHaveLength(1);
    });
  });
});
