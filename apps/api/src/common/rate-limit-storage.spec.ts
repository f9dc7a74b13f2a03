import { describe, expect, it } from 'vitest';
import { FixedWindowRateLimitStorage } from './rate-limit-storage.js';

function storageAt(start: number): { storage: FixedWindowRateLimitStorage; advance: (ms: number) => void } {
  let now = start;
  const storage = new FixedWindowRateLimitStorage(() => now);
  return { storage, advance: (ms) => (now += ms) };
}

describe('FixedWindowRateLimitStorage', () => {
  it('lets `limit` requests through, blocks the next for blockDuration and says how long', async () => {
    const { storage, advance } = storageAt(1_000_000);
    for (let i = 1; i <= 5; i++) {
      const record = await storage.increment('client', 60_000, 5, 60_000, 'default');
      expect(record).toMatchObject({ totalHits: i, isBlocked: false, timeToBlockExpire: 0 });
      advance(1_000);
    }
    const blocked = await storage.increment('client', 60_000, 5, 60_000, 'default');
    expect(blocked).toMatchObject({ totalHits: 6, isBlocked: true, timeToBlockExpire: 60 });
    advance(30_000);
    // Still blocked; blocked requests do not add hits or extend the block.
    expect(await storage.increment('client', 60_000, 5, 60_000, 'default')).toMatchObject({
      totalHits: 6,
      isBlocked: true,
      timeToBlockExpire: 30,
    });
    advance(30_001);
    expect(await storage.increment('client', 60_000, 5, 60_000, 'default')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('counts each client and each throttler apart', async () => {
    const { storage } = storageAt(0);
    for (let i = 0; i < 3; i++) await storage.increment('a', 1_000, 3, 1_000, 'default');
    expect((await storage.increment('a', 1_000, 3, 1_000, 'default')).isBlocked).toBe(true);
    expect((await storage.increment('b', 1_000, 3, 1_000, 'default')).isBlocked).toBe(false);
    expect((await storage.increment('a', 1_000, 3, 1_000, 'login-client')).isBlocked).toBe(false);
  });

  it('starts a new window when the old one has run out', async () => {
    const { storage, advance } = storageAt(0);
    await storage.increment('a', 1_000, 2, 1_000, 'default');
    await storage.increment('a', 1_000, 2, 1_000, 'default');
    advance(1_000);
    expect(await storage.increment('a', 1_000, 2, 1_000, 'default')).toMatchObject({
      totalHits: 1,
      timeToExpire: 1,
      isBlocked: false,
    });
  });

  it('stays constant-size per client however high the limit (the built-in storage keeps every hit)', async () => {
    const { storage } = storageAt(0);
    for (let i = 0; i < 100_000; i++) await storage.increment('busy', 60_000, 100_000_000, 60_000, 'default');
    expect(storage.size).toBe(1);
    expect((await storage.increment('busy', 60_000, 100_000_000, 60_000, 'default')).totalHits).toBe(100_001);
  });

  it('forgets clients whose window and block are over', async () => {
    const { storage, advance } = storageAt(0);
    await storage.increment('gone', 1_000, 1, 5_000, 'default');
    await storage.increment('gone', 1_000, 1, 5_000, 'default'); // blocked for 5 s
    await storage.increment('stays', 10_000, 1, 1_000, 'default');
    advance(2_000);
    storage.sweep();
    expect(storage.size).toBe(2); // `gone` is still blocked
    advance(4_000);
    storage.sweep();
    expect(storage.size).toBe(1);
    storage.onApplicationShutdown();
  });
});
