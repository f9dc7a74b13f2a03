/**
 * The user cache is trusted only while its LISTEN session delivers. Here that session dies silently,
 * as behind a NAT or load balancer that drops it without a word: the app's connections run through a
 * TCP proxy, and the listener's one connection is blackholed (held open, nothing forwarded either
 * way), so no error and no close ever reaches the app. A user demoted meanwhile (straight in SQL, so
 * the only news of it is the lost notification) must lose the role all the same, within the cache's
 * TTL: the listener's heartbeat notices, the cache is dropped, and the listener comes back on a new session.
 */
import { Tokens, User } from '@capability/auth';
import { DatabaseNotifications } from '@capability/platform';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { USER_CACHE_TTL_MS } from '../../libs/auth/src/user-cache.js';
import { UsersRepository } from '../../libs/auth/src/users.repository.js';
import { startApp, timed, waitUntil, type ListeningApp } from '../faults/support/harness.js';
import { TcpProxy } from '../faults/support/tcp-proxy.js';
import { createTestDatabase } from '../support/app.js';

/** Admins only (user:read): the route a demoted admin loses. */
const USERS = '/api/v1/users?limit=1';

describe('a LISTEN session that dies silently', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let proxy: TcpProxy;
  let t: ListeningApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    const direct = new URL(database.url);
    proxy = await TcpProxy.start(Number(direct.port));
    const viaProxy = new URL(database.url);
    viaProxy.port = String(proxy.port);
    // The heartbeat waits as long as a connection may take to open: 2 s here.
    t = await startApp(viaProxy.toString(), { DATABASE_CONNECT_TIMEOUT_MS: '2000' }, { seed: false });
  });

  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await database?.drop();
  });

  it(
    'is noticed by the heartbeat, and a user demoted meanwhile loses the role within the TTL',
    async () => {
      const notifications = t.app.get(DatabaseNotifications);
      const users = t.dataSource.getRepository(User);
      const admin = await users.save(
        users.create({
          email: 'demoted@department.example',
          displayName: 'Soon Demoted',
          roles: ['admin'],
          roleFamilies: [],
          staffId: null,
          passwordHash: null,
          disabledAt: null,
        }),
      );
      const headers = { authorization: `Bearer ${t.app.get(Tokens).issueAccessToken(admin)}` };
      const listUsers = () => timed(`${t.url}${USERS}`, { headers });

      // The first authenticated request starts the listener; once it is up, the user is kept in memory.
      expect((await listUsers()).status).toBe(200);
      await notifications.ready();
      expect((await listUsers()).status).toBe(200);
      const reads = vi.spyOn(UsersRepository.prototype, 'findById');
      try {
        for (let i = 0; i < 3; i++) expect((await listUsers()).status).toBe(200);
        expect(reads).not.toHaveBeenCalled();
      } finally {
        reads.mockRestore();
      }

      // Silence the listener's connection only: the pool's connections go on working.
      const pid = notifications.backendPid();
      expect(pid).toBeTypeOf('number');
      const [session] = await t.dataSource.query<{ client_port: number }[]>(
        'SELECT client_port FROM pg_stat_activity WHERE pid = $1',
        [pid],
      );
      expect(proxy.silence(session!.client_port)).toBe(true);

      // Demoted by another writer: the announcement goes to the silenced session and is lost.
      await t.dataSource.query(`UPDATE users SET roles = '{staff}' WHERE id = $1`, [admin.id]);

      let answer = 0;
      const demoted = await waitUntil(async () => {
        answer = (await listUsers()).status;
        return answer !== 200;
      }, USER_CACHE_TTL_MS);
      expect(demoted).toBe(true);
      expect(answer).toBe(403);

      // It was the heartbeat, not the TTL: the silent session was given up, and a new one listens.
      await notifications.ready(USER_CACHE_TTL_MS);
      expect(notifications.backendPid()).not.toBe(pid);
      expect((await listUsers()).status).toBe(403);

      // The new session delivers: a change made now is seen as soon as it is announced.
      await t.dataSource.query(`UPDATE users SET roles = '{admin}' WHERE id = $1`, [admin.id]);
      await notifications.sync();
      expect((await listUsers()).status).toBe(200);
    },
    3 * USER_CACHE_TTL_MS,
  );
});
