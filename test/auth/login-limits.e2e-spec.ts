import { JobsService } from '@capability/platform';
import type { Response } from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser, TEST_PASSWORD } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const LOGIN = '/api/v1/auth/login';
const WINDOW_SECONDS = 15 * 60;

interface FailureRow {
  scope: 'account' | 'client';
  subject: string;
  failures: number;
  window_ends_at: Date;
}

function failureRows(t: TestApp): Promise<FailureRow[]> {
  return t.dataSource.query<FailureRow[]>(
    'SELECT scope, subject, failures, window_ends_at FROM login_failures ORDER BY scope, subject',
  );
}

function signIn(t: TestApp, email: string, password: string): Promise<Response> {
  return t.http().post(LOGIN).send({ email, password });
}

async function fail(t: TestApp, email: string): Promise<void> {
  expectProblem(await signIn(t, email, 'not-the-password'), 401, 'invalid-credentials');
}

describe('failed sign-ins, counted in PostgreSQL (LOGIN_RATE_LIMIT=3, so 9 per client)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  it('never locks anyone for successful sign-ins, however many', async () => {
    await createUser(t, { email: 'busy@department.example' });

    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn(t, 'busy@department.example', TEST_PASSWORD)).status);

    expect(statuses).toEqual(Array<number>(12).fill(200));
    expect(await failureRows(t)).toEqual([]);
  });

  it("clears the account's failures on a successful sign-in, but not the client's", async () => {
    await createUser(t, { email: 'jo@department.example' });
    await fail(t, 'jo@department.example');
    await fail(t, 'jo@department.example');
    expect((await signIn(t, 'jo@department.example', TEST_PASSWORD)).status).toBe(200);

    // Counted on, two more failures would have locked the account (4 > 3); cleared, they do not.
    await fail(t, 'jo@department.example');
    await fail(t, 'jo@department.example');
    expect((await signIn(t, 'jo@department.example', TEST_PASSWORD)).status).toBe(200);

    const rows = await failureRows(t);
    expect(rows.map((r) => [r.scope, r.failures])).toEqual([['client', 4]]);
  });

  it('neither counts nor extends the lock for attempts refused during it', async () => {
    await createUser(t, { email: 'target@department.example' });
    for (let i = 0; i < 3; i++) await fail(t, 'target@department.example');
    // Ten of the window's fifteen minutes pass.
    await t.dataSource.query(`UPDATE login_failures SET window_ends_at = window_ends_at - interval '10 minutes'`);
    const locked = await failureRows(t);
    expect(locked.map((r) => [r.scope, r.failures])).toEqual([
      ['account', 3],
      ['client', 3],
    ]);

    for (const password of ['wrong-again', TEST_PASSWORD, 'wrong-once-more']) {
      const refused = await signIn(t, 'target@department.example', password);
      expectProblem(refused, 429, 'rate-limited');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(5 * 60 - 10);
      expect(retryAfter).toBeLessThanOrEqual(5 * 60);
    }
    expect(await failureRows(t)).toEqual(locked);

    // The window ends: the right password works at once, and the next failure opens a fresh window.
    await t.dataSource.query(`UPDATE login_failures SET window_ends_at = now() - interval '1 millisecond'`);
    expect((await signIn(t, 'target@department.example', TEST_PASSWORD)).status).toBe(200);
    await fail(t, 'target@department.example');
    const [account] = (await failureRows(t)).filter((r) => r.scope === 'account');
    expect(account?.failures).toBe(1);
    const secondsLeft = (account!.window_ends_at.getTime() - Date.now()) / 1000;
    expect(secondsLeft).toBeGreaterThan(WINDOW_SECONDS - 10);
    expect(secondsLeft).toBeLessThanOrEqual(WINDOW_SECONDS);
  });

  it('counts " Ann@X.example " and ann@x.example as one account, keyed by the normalised email', async () => {
    await createUser(t, { email: 'ann@x.example' });
    expect((await signIn(t, ' Ann@X.example ', TEST_PASSWORD)).status).toBe(200);

    await fail(t, ' Ann@X.example ');
    await fail(t, 'ann@x.example');
    await fail(t, 'ANN@x.EXAMPLE\t');

    expectProblem(await signIn(t, 'ann@x.example', TEST_PASSWORD), 429, 'rate-limited');
    const accounts = (await failureRows(t)).filter((r) => r.scope === 'account');
    expect(accounts.map((r) => [r.subject, r.failures])).toEqual([['ann@x.example', 3]]);
  });

  it('refuses a malformed email before it is counted', async () => {
    const res = await t.http().post(LOGIN).send({ email: ' not an email ', password: 'x' });

    expectProblem(res, 400, 'validation-failed');
    expect(await failureRows(t)).toEqual([]);
  });

  it('purges the windows that have ended and keeps the live ones', async () => {
    await t.dataSource.query(
      `INSERT INTO login_failures (scope, subject, failures, window_ends_at) VALUES
         ('account', 'ended@department.example', 3, now() - interval '1 minute'),
         ('client', '10.0.0.1', 9, now() - interval '2 days'),
         ('account', 'live@department.example', 1, now() + interval '14 minutes')`,
    );

    await t.app.get(JobsService).runNow('purge-login-failures');

    expect((await failureRows(t)).map((r) => r.subject)).toEqual(['live@department.example']);
    const job = t.app
      .get(JobsService)
      .registered()
      .find((j) => j.name === 'purge-login-failures');
    expect(job?.cron).toMatch(/^\d+ \* \* \* \*$/);
  });
});

describe('two API replicas on one database (LOGIN_RATE_LIMIT=3)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp({ LOGIN_RATE_LIMIT: '3' });
    b = await createTestApp({ LOGIN_RATE_LIMIT: '3' }, { sameDatabaseAs: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  beforeEach(async () => a.reset());

  it('locks an account after failures alternated between the replicas, exactly as one replica would', async () => {
    await createUser(a, { email: 'target@department.example' });

    await fail(a, 'target@department.example');
    await fail(b, 'target@department.example');
    await fail(a, 'target@department.example');

    for (const replica of [b, a]) {
      const refused = await signIn(replica, 'target@department.example', TEST_PASSWORD);
      expectProblem(refused, 429, 'rate-limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(WINDOW_SECONDS - 10);
    }
  });

  it('counts concurrent failures on both replicas without losing one, and stops at the limit', async () => {
    await createUser(a, { email: 'target@department.example' });

    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => signIn(i % 2 ? b : a, 'target@department.example', `wrong-${i}`)),
    );

    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const rows = await failureRows(a);
    expect(rows.map((r) => [r.scope, r.failures])).toEqual([
      ['account', 3],
      ['client', statuses.filter((s) => s === 401).length],
    ]);
    expectProblem(await signIn(b, 'target@department.example', TEST_PASSWORD), 429, 'rate-limited');
    expectProblem(await signIn(a, 'target@department.example', TEST_PASSWORD), 429, 'rate-limited');
  });

  it('clears the account on both replicas when one of them signs it in', async () => {
    await createUser(a, { email: 'jo@department.example' });
    await fail(a, 'jo@department.example');
    await fail(b, 'jo@department.example');
    expect((await signIn(b, 'jo@department.example', TEST_PASSWORD)).status).toBe(200);

    await fail(a, 'jo@department.example');
    await fail(b, 'jo@department.example');

    expect((await signIn(a, 'jo@department.example', TEST_PASSWORD)).status).toBe(200);
  });
});
