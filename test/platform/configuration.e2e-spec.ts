/**
 * Configuration as the running app sees it: AppConfig comes from @nestjs/config, and TRUST_PROXY decides
 * whose X-Forwarded-For names the client (the per-client rate limit shows which address was taken).
 */
import { AppConfig } from '@capability/platform';
import { ConfigService } from '@nestjs/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { expectProblem } from '../support/problems.js';

/** Anonymous GET /api/v1/me: 401, but counted by the global rate limit first (429 once over it). */
async function statusesOf(t: TestApp, forwardedFor: string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const value of forwardedFor) {
    statuses.push((await t.http().get('/api/v1/me').set('X-Forwarded-For', value)).status);
  }
  return statuses;
}

describe('AppConfig through @nestjs/config', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '4321' });
  });
  afterAll(async () => t.close());

  it("is ConfigModule's `app` namespace, the very object loadAppConfig built", () => {
    const fromConfigModule: unknown = t.app.get(ConfigService).get('app');
    expect(fromConfigModule).toBe(t.config);
    expect(t.app.get(AppConfig)).toBe(t.config);
    expect(t.app.get(AppConfig).http.rateLimitPerMinute).toBe(4321);
  });
});

describe('TRUST_PROXY naming the proxies (loopback: the test client stands in for the proxy)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback', RATE_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(async () => t.close());

  it('takes the right-most address the proxy added, whatever a client prepends', async () => {
    // The proxy appends the address it saw (203.0.113.10); the client chose everything to its left.
    const spoofed = ['198.51.100.1, 203.0.113.10', '198.51.100.2, 203.0.113.10', '9.9.9.9, 8.8.8.8, 203.0.113.10'];
    expect(await statusesOf(t, spoofed)).toEqual([401, 401, 429]);
    expectProblem(
      await t.http().get('/api/v1/me').set('X-Forwarded-For', '1.2.3.4, 203.0.113.10'),
      429,
      'rate-limited',
    );
    // Another client behind the same proxy has a budget of its own.
    expect(await statusesOf(t, ['203.0.113.10, 203.0.113.11'])).toEqual([401]);
  });
});

describe('TRUST_PROXY unset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(async () => t.close());

  it('ignores X-Forwarded-For: every request is the connecting address', async () => {
    expect(t.config.http.trustProxy).toBe(false);
    expect(await statusesOf(t, ['203.0.113.1', '203.0.113.2', '203.0.113.3'])).toEqual([401, 401, 429]);
  });
});
