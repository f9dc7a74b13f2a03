import { RememberingReflector } from '@capability/platform';
import type { ExecutionContext } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { SkipThrottle, Throttle, ThrottlerException } from '@nestjs/throttler';
import { beforeEach, describe, expect, it } from 'vitest';
import { clientTracker, LoginThrottled, throttlerKey, throttlers } from '../auth/login-throttle.js';
import { FixedWindowRateLimitStorage } from './rate-limit-storage.js';
import { AppThrottlerGuard } from './throttler.guard.js';

class Routes {
  read(): void {}
  @SkipThrottle()
  live(): void {}
  @LoginThrottled()
  login(): void {}
  @Throttle({ default: { limit: () => 2, ttl: 60_000 } })
  workedOut(): void {}
}

interface Reply {
  headers: Record<string, string | number>;
  header(name: string, value: string | number): Reply;
}

function reply(): Reply {
  const headers: Record<string, string | number> = {};
  return {
    headers,
    header(name, value) {
      headers[name] = value;
      return this;
    },
  };
}

function call(
  guard: AppThrottlerGuard,
  route: keyof Routes,
  ip = '10.0.0.1',
  body: unknown = undefined,
): { answer: boolean | Promise<boolean>; res: Reply } {
  const res = reply();
  const context = new ExecutionContextHost(
    [{ ip, headers: {}, body }, res, () => undefined],
    Routes,
    Routes.prototype[route],
  ) as unknown as ExecutionContext;
  return { answer: guard.activate(context), res };
}

describe('AppThrottlerGuard', () => {
  let guard: AppThrottlerGuard;

  beforeEach(async () => {
    const storage = new FixedWindowRateLimitStorage(() => 1_000_000);
    guard = new AppThrottlerGuard(
      { throttlers: throttlers(5, 2), storage, generateKey: throttlerKey, getTracker: clientTracker },
      storage,
      new RememberingReflector(),
    );
    await guard.onModuleInit();
  });

  it('answers a route with plain settings at once, with the limit headers, and counts each request', () => {
    for (let i = 1; i <= 5; i++) {
      const { answer, res } = call(guard, 'read');
      expect(answer).toBe(true);
      expect(res.headers).toEqual({ 'X-RateLimit-Limit': 5, 'X-RateLimit-Remaining': 5 - i, 'X-RateLimit-Reset': 60 });
    }
  });

  it('refuses the request over the limit with the library’s exception and Retry-After', async () => {
    for (let i = 0; i < 5; i++) call(guard, 'read');
    const { answer, res } = call(guard, 'read');
    await expect(answer).rejects.toBeInstanceOf(ThrottlerException);
    expect(res.headers['Retry-After']).toBe(60);
    // Another client, and the same client on another route, still pass.
    expect(call(guard, 'read', '10.0.0.2').answer).toBe(true);
    expect(call(guard, 'login', '10.0.0.1', { email: 'a@example.com' }).answer).toBe(true);
  });

  it('counts an IPv6 client by its /64, as the library does', async () => {
    for (let i = 0; i < 5; i++) call(guard, 'read', `2001:db8:1:2::${i + 1}`);
    await expect(call(guard, 'read', '2001:db8:1:2:ffff::9').answer).rejects.toBeInstanceOf(ThrottlerException);
    expect(call(guard, 'read', '2001:db8:1:3::1').answer).toBe(true);
  });

  it('lets a @SkipThrottle() route through uncounted and without headers', () => {
    const { answer, res } = call(guard, 'live');
    expect(answer).toBe(true);
    expect(res.headers).toEqual({});
  });

  it('adds the per-client and per-account login limits on the login route only', async () => {
    const first = call(guard, 'login', '10.0.0.1', { email: ' Ann@Example.com ' });
    expect(first.answer).toBe(true);
    expect(first.res.headers).toMatchObject({
      'X-RateLimit-Limit': 5,
      'X-RateLimit-Limit-login-client': 6,
      'X-RateLimit-Limit-login-account': 2,
      'X-RateLimit-Remaining-login-account': 1,
    });
    expect(call(guard, 'login', '10.0.0.2', { email: 'ann@example.com' }).answer).toBe(true);
    // The same account from a third client: over the account's limit of 2.
    const third = call(guard, 'login', '10.0.0.3', { email: 'ANN@example.com' });
    await expect(third.answer).rejects.toBeInstanceOf(ThrottlerException);
    expect(third.res.headers['Retry-After-login-account']).toBe(900);
    expect(call(guard, 'read').res.headers).not.toHaveProperty('X-RateLimit-Limit-login-account');
  });

  it('leaves a route whose limit is worked out per request to the library’s own path, which still limits it', async () => {
    const first = call(guard, 'workedOut');
    expect(first.answer).toBeInstanceOf(Promise);
    await expect(first.answer).resolves.toBe(true);
    expect(first.res.headers['X-RateLimit-Limit']).toBe(2);
    await call(guard, 'workedOut').answer;
    await expect(call(guard, 'workedOut').answer).rejects.toBeInstanceOf(ThrottlerException);
  });
});
