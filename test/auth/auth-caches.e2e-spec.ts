/**
 * The one thing every authenticated request no longer does afresh: read its user (kept while the
 * `users_changed` listener is up, and never longer than the cache's TTL). It is proved to be used,
 * and proved never to let through what the uncached path would refuse: a change made here,
 * elsewhere, or while the listener is down. The token itself is verified on every request.
 */
import { User } from '@capability/auth';
import { DatabaseNotifications } from '@capability/platform';
import jwt from 'jsonwebtoken';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsersRepository } from '../../libs/auth/src/users.repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser, signedIn, tokenFor } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const ME = '/api/v1/me';
/** A route that does not itself read users (GET /me does): every read counted is the token check's. */
const FAMILIES = '/api/v1/framework/role-families';
const USERS = '/api/v1/users';

describe('per-request authentication caches', () => {
  let t: TestApp;
  let notifications: DatabaseNotifications;

  beforeAll(async () => {
    t = await createTestApp();
    notifications = t.app.get(DatabaseNotifications);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    // The first authenticated request subscribes; wait until the listener is up for every test.
    const { auth } = await signedIn(t);
    await t.http().get(ME).set(auth).expect(200);
    await notifications.ready();
  });
  afterEach(() => vi.restoreAllMocks());

  /** How many times the user behind a token is read from the database while `run` runs. */
  async function userReads(run: () => Promise<unknown>): Promise<number> {
    const spy = vi.spyOn(UsersRepository.prototype, 'findById');
    try {
      await run();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it('reads a signed-in user from the database once, not on every request', async () => {
    const { auth } = await signedIn(t);
    const reads = await userReads(async () => {
      for (let i = 0; i < 10; i++) await t.http().get(FAMILIES).set(auth).expect(200);
    });
    expect(reads).toBe(1);
  });

  it('refuses a user disabled through the API on their very next request', async () => {
    const { auth: admin } = await signedIn(t, { roles: ['admin'] });
    const { user, auth } = await signedIn(t);
    await t.http().get(ME).set(auth).expect(200);
    await t.http().get(ME).set(auth).expect(200);

    await t.http().patch(`${USERS}/${user.id}`).set(admin).set('If-Match', '"1"').send({ disabled: true }).expect(200);
    expectProblem(await t.http().get(ME).set(auth), 401, 'unauthenticated');
  });

  it('refuses a user changed by another writer (SQL) once the change is announced, and sees new roles', async () => {
    const { user, auth } = await signedIn(t, { roles: ['staff'] });
    expect((await t.http().get(ME).set(auth).expect(200)).body.roles).toEqual(['staff']);

    await t.dataSource.query(`UPDATE users SET roles = '{staff,hr}' WHERE id = $1`, [user.id]);
    await t.notified();
    expect((await t.http().get(ME).set(auth).expect(200)).body.roles).toEqual(['staff', 'hr']);

    await t.dataSource.query(`UPDATE users SET tokens_valid_after = now() + interval '1 minute' WHERE id = $1`, [
      user.id,
    ]);
    await t.notified();
    expectProblem(await t.http().get(ME).set(auth), 401, 'unauthenticated');
  });

  it('drops what it kept when the listener is lost, so a change made meanwhile is not missed', async () => {
    const { user, auth } = await signedIn(t);
    await t.http().get(ME).set(auth).expect(200);
    const pid = notifications.backendPid();
    expect(pid).toBeTypeOf('number');

    // Kill the listener's session from outside, as a failover or an administrator would, and change
    // the user while nobody listens: that announcement is lost.
    await t.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
    const deadline = Date.now() + 5000;
    while (notifications.listening() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    expect(notifications.listening()).toBe(false);
    await t.dataSource.query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id]);

    await notifications.ready();
    expect(notifications.backendPid()).not.toBe(pid);
    expectProblem(await t.http().get(ME).set(auth), 401, 'unauthenticated');
  });

  it('reads afresh on every request while the listener is down', async () => {
    const { auth } = await signedIn(t);
    const listening = vi.spyOn(notifications, 'listening').mockReturnValue(false);
    const reads = await userReads(async () => {
      for (let i = 0; i < 5; i++) await t.http().get(FAMILIES).set(auth).expect(200);
    });
    listening.mockRestore();
    expect(reads).toBe(5);
  });

  it('forgets every user when the tables are emptied (TRUNCATE is announced as "*")', async () => {
    const user = await createUser(t);
    const auth = { Authorization: `Bearer ${tokenFor(t, user)}` };
    await t.http().get(ME).set(auth).expect(200);
    await t.dataSource.query('TRUNCATE users CASCADE');
    await t.notified();
    expectProblem(await t.http().get(ME).set(auth), 401, 'unauthenticated');
  });

  describe('tokens', () => {
    it('verifies the token on every request, and still checks its user', async () => {
      const verify = vi.spyOn(jwt, 'verify');
      const { user, auth } = await signedIn(t);
      for (let i = 0; i < 5; i++) await t.http().get(ME).set(auth).expect(200);
      expect(verify).toHaveBeenCalledTimes(5);

      await t.dataSource.getRepository(User).update({ id: user.id }, { disabledAt: new Date() });
      await t.notified();
      expectProblem(await t.http().get(ME).set(auth), 401, 'unauthenticated');
    });

    it('never accepts a token past its exp, though its user is kept in memory', async () => {
      const user = await createUser(t);
      const token = tokenFor(t, user);
      const auth = { Authorization: `Bearer ${token}` };
      const { exp } = jwt.decode(token) as { exp: number };
      await t.http().get(FAMILIES).set(auth).expect(200);

      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        // Past exp and its 5 s clock tolerance.
        vi.setSystemTime((exp + 6) * 1000);
        expectProblem(await t.http().get(FAMILIES).set(auth), 401, 'unauthenticated');
      } finally {
        vi.useRealTimers();
      }
    });

    it('one changed character in the signature is refused, right after the token was accepted', async () => {
      const user = await createUser(t);
      const token = tokenFor(t, user);
      await t
        .http()
        .get(ME)
        .set({ Authorization: `Bearer ${token}` })
        .expect(200);
      const [header, payload, signature] = token.split('.') as [string, string, string];
      // The first character: the last one carries bits a decoder may ignore.
      const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
      expectProblem(
        await t
          .http()
          .get(ME)
          .set({ Authorization: `Bearer ${header}.${payload}.${flipped}` }),
        401,
        'unauthenticated',
      );
    });
  });
});
