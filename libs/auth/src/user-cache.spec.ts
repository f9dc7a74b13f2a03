import { describe, expect, it } from 'vitest';
import { UserCache } from './user-cache.js';
import type { User } from './user.entity.js';

const user = (id: string, displayName = 'Someone'): User => ({ id, displayName, roles: ['staff'] }) as unknown as User;

/** A load the test finishes when it chooses, counting how often the cache went to the "database". */
function loader(id: string) {
  let calls = 0;
  let release: (() => void) | undefined;
  let hold = false;
  const load = async (): Promise<User | null> => {
    calls++;
    if (hold) await new Promise<void>((resolve) => (release = resolve));
    return user(id, `read ${calls}`);
  };
  return {
    load,
    calls: () => calls,
    holdNext: () => (hold = true),
    finish: () => {
      hold = false;
      release?.();
    },
  };
}

describe('UserCache', () => {
  it('keeps a user read while listening, and reads again after a notification names them', async () => {
    const cache = new UserCache(() => true);
    const db = loader('u1');
    await cache.read('u1', db.load);
    const kept = await cache.read('u1', db.load);
    expect(db.calls()).toBe(1);
    expect(kept?.displayName).toBe('read 1');
    expect(Object.isFrozen(kept)).toBe(true);

    cache.message('u2');
    await cache.read('u1', db.load);
    expect(db.calls()).toBe(1);
    cache.message('u1');
    expect((await cache.read('u1', db.load))?.displayName).toBe('read 2');
  });

  it('keeps nothing without a live listener', async () => {
    let listening = false;
    const cache = new UserCache(() => listening);
    const db = loader('u1');
    await cache.read('u1', db.load);
    await cache.read('u1', db.load);
    expect(db.calls()).toBe(2);
    expect(cache.size).toBe(0);

    listening = true;
    await cache.read('u1', db.load);
    listening = false;
    await cache.read('u1', db.load);
    expect(db.calls()).toBe(4);
  });

  it('does not keep a read that a notification overtook (it may hold the state from before the change)', async () => {
    const cache = new UserCache(() => true);
    const db = loader('u1');
    db.holdNext();
    const racing = cache.read('u1', db.load);
    cache.message('u1'); // the change commits and is announced while the read is still out
    db.finish();
    await racing;
    expect(cache.size).toBe(0);
    await cache.read('u1', db.load);
    expect(db.calls()).toBe(2);
    expect(cache.size).toBe(1);
  });

  it('forgets everyone on "*" (TRUNCATE) and on a reset (listener lost or regained)', async () => {
    const cache = new UserCache(() => true);
    await cache.read('a', loader('a').load);
    await cache.read('b', loader('b').load);
    expect(cache.size).toBe(2);
    cache.message('*');
    expect(cache.size).toBe(0);
    await cache.read('a', loader('a').load);
    cache.reset();
    expect(cache.size).toBe(0);
  });

  it('reads a user this process is changing afresh until the change has had time to be announced', async () => {
    const cache = new UserCache(() => true);
    const db = loader('u1');
    await cache.read('u1', db.load);
    cache.willChange('u1');
    await cache.read('u1', db.load);
    await cache.read('u1', db.load);
    expect(db.calls()).toBe(3);
    expect(cache.size).toBe(0);
  });

  it('does not keep unknown users, and stays within its bound', async () => {
    const cache = new UserCache(() => true, { max: 3 });
    await cache.read('ghost', () => Promise.resolve(null));
    expect(cache.size).toBe(0);
    for (const id of ['a', 'b', 'c', 'd', 'e']) await cache.read(id, loader(id).load);
    expect(cache.size).toBe(3);
  });

  it('reads a user afresh once the TTL has passed, even while the listener looks healthy', async () => {
    let now = 1_000_000;
    const cache = new UserCache(() => true, { ttlMs: 30_000, perf: { now: () => now } });
    const db = loader('u1');
    await cache.read('u1', db.load);
    now += 29_000;
    expect((await cache.read('u1', db.load))?.displayName).toBe('read 1');
    now += 2_000;
    expect((await cache.read('u1', db.load))?.displayName).toBe('read 2');
    expect(db.calls()).toBe(2);
  });

  it('refuses a TTL over a minute (the backstop must stay a backstop)', () => {
    expect(() => new UserCache(() => true, { ttlMs: 61_000 })).toThrow();
    expect(() => new UserCache(() => true, { ttlMs: 0 })).toThrow();
  });
});
