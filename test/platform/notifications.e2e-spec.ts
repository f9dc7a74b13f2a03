/**
 * The notification outbox and its sender, on the real database with the real GOV.UK Notify client
 * (notifications-node-client) talking to a local stand-in for Notify's API (test/support/notify-stand-in.ts).
 * Two apps on one database stand for two workers: separate pools, the same job, run at once.
 */
import {
  JobsService,
  MetricsService,
  NotificationOutbox,
  projectRoot,
  TransactionHost,
  type NotificationMessage,
} from '@capability/platform';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, onTestFinished } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { NotifyStandIn } from '../support/notify-stand-in.js';

const TEMPLATE_KEY = 'review-reminder-7-days';

interface Row {
  id: string;
  template: string;
  email_address: string | null;
  personalisation: Record<string, unknown> | null;
  dedupe_key: string;
  state: string;
  attempts: number;
  next_attempt_at: Date;
  sent_at: Date | null;
  notify_id: string | null;
  last_error: string | null;
}

let sequence = 0;
function message(overrides: Partial<NotificationMessage> = {}): NotificationMessage {
  sequence += 1;
  return {
    template: TEMPLATE_KEY,
    emailAddress: `person.${sequence}@department.example`,
    recipientStaffId: randomUUID(),
    personalisation: { name: `Person ${sequence}`, deadline: '31 March' },
    dedupeKey: `review-reminder-7d:${randomUUID()}:${sequence}`,
    ...overrides,
  };
}

describe('notification outbox', () => {
  let notify: NotifyStandIn;
  let templateId: string;
  let a: TestApp;
  let b: TestApp;

  const rows = (t: TestApp = a): Promise<Row[]> =>
    t.dataSource.query<Row[]>(`SELECT * FROM notification_outbox ORDER BY created_at, dedupe_key`);
  const send = (t: TestApp = a): Promise<void> => t.app.get(JobsService).runNow('send-notifications');
  const sentCount = async (): Promise<number> => {
    const metric = await a.app.get(MetricsService).registry.getSingleMetric('notifications_total')?.get();
    return metric?.values.find((v) => v.labels.template === TEMPLATE_KEY && v.labels.outcome === 'sent')?.value ?? 0;
  };
  // A second in the past: next_attempt_at keeps milliseconds, so now() rounded up could still lie ahead of the
  // sender's now() when it claims within the same half millisecond.
  const makeDue = (): Promise<unknown> =>
    a.dataSource.query(
      `UPDATE notification_outbox SET next_attempt_at = now() - interval '1 second' WHERE state = 'pending'`,
    );

  beforeAll(async () => {
    notify = await NotifyStandIn.start();
    templateId = notify.template();
    const settings = {
      NOTIFY_BASE_URL: notify.url,
      NOTIFY_TEMPLATES: `${TEMPLATE_KEY}=${templateId}`,
      NOTIFY_BATCH_SIZE: '4',
      NOTIFY_MAX_ATTEMPTS: '3',
      NOTIFY_TIMEOUT_MS: '1000',
    };
    a = await createTestApp({ ...settings, NOTIFY_API_KEY: notify.apiKey('worker-a') });
    b = await createTestApp({ ...settings, NOTIFY_API_KEY: notify.apiKey('worker-b') }, { sameDatabaseAs: a });
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await notify?.close();
  });

  beforeEach(async () => {
    await a.reset();
    notify.reset();
  });

  describe('enqueue', () => {
    it('queues a message once per dedupe key, however often it is queued', async () => {
      const outbox = a.app.get(NotificationOutbox);
      const m = message();
      expect(await outbox.enqueue(m)).toBe(true);
      expect(await outbox.enqueue({ ...m, emailAddress: 'someone.else@department.example' })).toBe(false);
      expect(await b.app.get(NotificationOutbox).enqueue(m)).toBe(false);
      const [row, ...others] = await rows();
      expect(others).toEqual([]);
      expect(row).toMatchObject({
        template: TEMPLATE_KEY,
        email_address: m.emailAddress,
        personalisation: m.personalisation,
        dedupe_key: m.dedupeKey,
        state: 'pending',
        attempts: 0,
        sent_at: null,
        notify_id: null,
      });
    });

    it('keeps one row when two concurrent transactions queue the same key: the second waits, then does nothing', async () => {
      const m = message();
      let firstQueued!: () => void;
      const queuedInFirst = new Promise<void>((resolve) => (firstQueued = resolve));
      const first = a.app.get(TransactionHost).withTransaction(async () => {
        const queued = await a.app.get(NotificationOutbox).enqueue(m);
        firstQueued();
        // Hold the transaction open while the other one tries the same key.
        await new Promise((resolve) => setTimeout(resolve, 300));
        return queued;
      });
      await queuedInFirst;
      const startedSecond = Date.now();
      const second = b.app
        .get(TransactionHost)
        .withTransaction(() =>
          b.app.get(NotificationOutbox).enqueue({ ...m, emailAddress: 'other@department.example' }),
        );
      const [one, two] = await Promise.all([first, second]);
      expect([one, two]).toEqual([true, false]);
      expect(Date.now() - startedSecond).toBeGreaterThanOrEqual(200); // it waited for the first to commit
      expect((await rows()).map((r) => r.email_address)).toEqual([m.emailAddress]);
    });

    it('queues the key in the other transaction when the first one rolls back', async () => {
      const m = message();
      let firstQueued!: () => void;
      const queuedInFirst = new Promise<void>((resolve) => (firstQueued = resolve));
      const first = a.app.get(TransactionHost).withTransaction(async () => {
        await a.app.get(NotificationOutbox).enqueue(m);
        firstQueued();
        await new Promise((resolve) => setTimeout(resolve, 200));
        throw new Error('the event failed');
      });
      await queuedInFirst;
      const second = b.app.get(TransactionHost).withTransaction(() => b.app.get(NotificationOutbox).enqueue(m));
      await expect(first).rejects.toThrow('the event failed');
      expect(await second).toBe(true);
      expect(await rows()).toHaveLength(1);
    });

    it('leaves nothing queued when its transaction rolls back', async () => {
      await expect(
        a.app.get(TransactionHost).withTransaction(async () => {
          expect(await a.app.get(NotificationOutbox).enqueue(message())).toBe(true);
          expect(await a.app.get(NotificationOutbox).enqueueMany([message(), message()])).toHaveLength(2);
          throw new Error('the event failed');
        }),
      ).rejects.toThrow('the event failed');
      expect(await rows()).toEqual([]);
    });

    it('enqueueMany returns the keys newly queued, skipping duplicates within the batch and before it', async () => {
      const outbox = a.app.get(NotificationOutbox);
      const [m1, m2, m3] = [message(), message(), message()];
      await outbox.enqueue(m1);
      expect((await outbox.enqueueMany([m1, m2, m3, { ...m2 }])).sort()).toEqual([m2.dedupeKey, m3.dedupeKey].sort());
      expect(await outbox.enqueueMany([])).toEqual([]);
      expect(await rows()).toHaveLength(3);
    });

    it('enqueueFromQuery queues every row an INSERT … SELECT yields, once per key', async () => {
      const outbox = a.app.get(NotificationOutbox);
      const cycle = randomUUID();
      const sql = `SELECT $1::text AS template, NULL::uuid AS recipient_staff_id,
                          'staff.' || n || '@department.example' AS email_address,
                          jsonb_build_object('n', n) AS personalisation,
                          'review-reminder-7d:' || $2::text || ':' || n AS dedupe_key
                   FROM generate_series(1, 1000) AS n`;
      expect(await outbox.enqueueFromQuery(sql, [TEMPLATE_KEY, cycle])).toBe(1000);
      expect(await outbox.enqueueFromQuery(sql, [TEMPLATE_KEY, cycle])).toBe(0);
      const [due] = await a.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM notification_outbox WHERE state = 'pending' AND next_attempt_at <= now()`,
      );
      expect(due?.count).toBe(1000);
    });

    it('skip withdraws a pending message, which is then never sent', async () => {
      const outbox = a.app.get(NotificationOutbox);
      const [kept, withdrawn] = [message(), message()];
      await outbox.enqueueMany([kept, withdrawn]);
      expect(await outbox.skip([withdrawn.dedupeKey, 'no-such-key'])).toBe(1);
      await send();
      expect(notify.calls.map((c) => c.emailAddress)).toEqual([kept.emailAddress]);
      const states = new Map((await rows()).map((r) => [r.dedupe_key, r.state]));
      expect(states).toEqual(
        new Map([
          [kept.dedupeKey, 'sent'],
          [withdrawn.dedupeKey, 'skipped'],
        ]),
      );
    });
  });

  describe('sender', () => {
    it('sends a due message once through Notify with its template id, address and personalisation, and stores the notify id', async () => {
      const sentBefore = await sentCount();
      const m = message();
      await a.app.get(NotificationOutbox).enqueue(m);
      await send();
      await send(); // nothing left to send
      expect(notify.calls).toHaveLength(1);
      const [call] = notify.calls;
      const [row] = await rows();
      expect(call).toEqual({
        id: expect.any(String),
        keyName: 'worker-a',
        templateId,
        emailAddress: m.emailAddress,
        personalisation: m.personalisation,
        reference: row!.id,
      });
      expect(row).toMatchObject({ state: 'sent', attempts: 1, notify_id: call!.id, last_error: null });
      expect(row!.sent_at).toBeInstanceOf(Date);
      expect(await sentCount()).toBe(sentBefore + 1);
    });

    it('does not send a message before its notBefore', async () => {
      await a.app.get(NotificationOutbox).enqueue(message({ notBefore: new Date(Date.now() + 3_600_000) }));
      await send();
      expect(notify.requests).toBe(0);
      expect((await rows())[0]).toMatchObject({ state: 'pending', attempts: 0 });
    });

    it('sends each of 50 messages exactly once when two workers run the sender at the same time', async () => {
      // A race is caught only when claims overlap, so each claim is slowed down (a test-only trigger makes every
      // row it takes wait 10 ms), each worker runs the job twice at once (pg-boss may start a run while the
      // last is still going), in batches of 4, over two rounds.
      await a.dataSource.query(`
        CREATE FUNCTION test_slow_claim() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_sleep(0.01); RETURN NEW; END $$;
        CREATE TRIGGER test_slow_claim BEFORE UPDATE OF attempts ON notification_outbox
          FOR EACH ROW EXECUTE FUNCTION test_slow_claim();`);
      onTestFinished(() =>
        a.dataSource.query(`DROP TRIGGER test_slow_claim ON notification_outbox; DROP FUNCTION test_slow_claim();`),
      );
      notify.latencyMs = 2;
      for (let round = 0; round < 2; round += 1) {
        await a.reset();
        notify.calls.length = 0;
        const messages = Array.from({ length: 50 }, () => message());
        await a.app.get(NotificationOutbox).enqueueMany(messages);
        await Promise.all([send(a), send(b), send(a), send(b)]);
        expect(notify.calls).toHaveLength(50);
        expect(new Set(notify.calls.map((c) => c.emailAddress))).toEqual(new Set(messages.map((m) => m.emailAddress)));
        // Both workers took part.
        expect(notify.calls.filter((c) => c.keyName === 'worker-a').length).toBeGreaterThan(0);
        expect(notify.calls.filter((c) => c.keyName === 'worker-b').length).toBeGreaterThan(0);
        const stored = await rows();
        expect(stored.every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
        expect(new Set(stored.map((r) => r.notify_id))).toEqual(new Set(notify.calls.map((c) => c.id)));
      }
    });

    it('retries after a 429 with a backoff, then sends', async () => {
      await a.app.get(NotificationOutbox).enqueue(message());
      notify.answerNext({
        status: 429,
        message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds',
      });
      await send();
      let [row] = await rows();
      expect(row).toMatchObject({ state: 'pending', attempts: 1, notify_id: null });
      expect(row!.last_error).toBe(
        'HTTP 429 RateLimitError: Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds',
      );
      // Backed off by about a minute: not due on the next run.
      expect(row!.next_attempt_at.getTime() - Date.now()).toBeGreaterThan(50_000);
      await send();
      expect(notify.requests).toBe(1);

      await makeDue();
      await send();
      [row] = await rows();
      expect(notify.calls).toHaveLength(1);
      expect(row).toMatchObject({ state: 'sent', attempts: 2, notify_id: notify.calls[0]!.id, last_error: null });
    });

    it('retries on 5xx and on a request that times out, and gives up after NOTIFY_MAX_ATTEMPTS', async () => {
      await a.app.get(NotificationOutbox).enqueue(message());
      notify.answerNext({ status: 500, message: 'Internal server error' }, 'hang', {
        status: 503,
        message: 'Service Unavailable',
      });
      await send();
      await makeDue();
      await send(); // the stand-in never answers: the client's timeout (1 s) ends it
      let [row] = await rows();
      expect(row).toMatchObject({ state: 'pending', attempts: 2, last_error: 'network: ECONNABORTED' });
      await makeDue();
      await send();
      [row] = await rows();
      expect(row).toMatchObject({ state: 'failed', attempts: 3 });
      expect(row!.last_error).toBe('HTTP 503 Exception: Service Unavailable (gave up after 3 attempts)');
      expect(notify.requests).toBe(3);
      await makeDue();
      await send();
      expect(notify.requests).toBe(3);
    });

    it('marks a message failed on a 400 without retrying, recording no personal data', async () => {
      const m = message({ emailAddress: 'not.on.the.team@department.example' });
      await a.app.get(NotificationOutbox).enqueue(m);
      notify.answerNext({
        status: 400,
        message: `Can't send to this recipient using a team-only API key (${m.emailAddress})`,
      });
      await send();
      await makeDue();
      await send();
      const [row] = await rows();
      expect(notify.requests).toBe(1);
      expect(row).toMatchObject({ state: 'failed', attempts: 1, notify_id: null });
      expect(row!.last_error).toBe(
        "HTTP 400 BadRequestError: Can't send to this recipient using a team-only API key ([address])",
      );
    });

    it('marks a message failed on a 403 (a key Notify refuses) without retrying', async () => {
      const rogue = await createTestApp(
        {
          NOTIFY_BASE_URL: notify.url,
          NOTIFY_TEMPLATES: `${TEMPLATE_KEY}=${templateId}`,
          NOTIFY_API_KEY: `revoked-${notify.serviceId}-${randomUUID()}`,
        },
        { sameDatabaseAs: a },
      );
      try {
        await a.app.get(NotificationOutbox).enqueue(message());
        await send(rogue);
        await makeDue();
        await send(rogue);
        const [row] = await rows();
        expect(notify.requests).toBe(1);
        expect(row).toMatchObject({ state: 'failed', attempts: 1 });
        expect(row!.last_error).toBe('HTTP 403 AuthError: Invalid token: API key not found');
      } finally {
        await rogue.close();
      }
    });

    it('logs a message as due and marks it sent when its template has no Notify template id', async () => {
      await a.app.get(NotificationOutbox).enqueue(message({ template: 'learning-nudge' }));
      await send();
      expect(notify.requests).toBe(0);
      expect((await rows())[0]).toMatchObject({ state: 'sent', notify_id: null, attempts: 1 });
    });
  });

  describe('without NOTIFY_API_KEY', () => {
    it('logs each due message (template key and id, never the address) and marks it sent', async () => {
      const m = message({ emailAddress: 'philippa.quennell-abara@department.example' });
      await a.app.get(NotificationOutbox).enqueue(m);
      const dataDir = await mkdtemp(join(tmpdir(), 'ddat-notify-cli-'));
      try {
        // The built CLI runs the job in a process of its own, logging JSON as in production (at warn and above).
        const { stdout, stderr } = await promisify(execFile)(
          process.execPath,
          [join(projectRoot(), 'dist/apps/cli/src/main.js'), 'jobs:run', 'send-notifications'],
          {
            env: {
              NODE_ENV: 'test',
              DATABASE_URL: a.databaseUrl,
              DATA_DIR: dataDir,
              AUTH_PRIVATE_KEY: inject('privateKeyPem'),
              LOG_LEVEL: 'info',
              NOTIFY_TEMPLATES: `${TEMPLATE_KEY}=${templateId}`,
            },
          },
        );
        expect(stderr).toBe('');
        const [row] = await rows();
        expect(row).toMatchObject({ state: 'sent', notify_id: null, attempts: 1 });
        const due = stdout
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>)
          .filter((e) => String(e.msg).startsWith('Notification due'));
        expect(due).toEqual([expect.objectContaining({ level: 40, template: TEMPLATE_KEY, messageId: row!.id })]);
        expect(stdout).not.toContain(m.emailAddress);
        expect(stdout).not.toContain('philippa');
        expect(stdout).not.toContain(String(m.personalisation!.name));
        expect(notify.requests).toBe(0);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  });

  describe('purge', () => {
    it('blanks the address and personalisation of messages done with longer ago than the retention period, and keeps recent ones', async () => {
      const outbox = a.app.get(NotificationOutbox);
      const [oldSent, oldFailed, recentSent, oldPending] = [message(), message(), message(), message()];
      await outbox.enqueueMany([oldSent, oldFailed, recentSent, oldPending]);
      await a.dataSource.query(
        `UPDATE notification_outbox SET state = 'sent', sent_at = now() - interval '91 days' WHERE dedupe_key = $1`,
        [oldSent.dedupeKey],
      );
      await a.dataSource.query(
        `UPDATE notification_outbox SET state = 'failed', created_at = now() - interval '95 days' WHERE dedupe_key = $1`,
        [oldFailed.dedupeKey],
      );
      await a.dataSource.query(
        `UPDATE notification_outbox SET state = 'sent', sent_at = now() - interval '89 days',
                created_at = now() - interval '100 days' WHERE dedupe_key = $1`,
        [recentSent.dedupeKey],
      );
      // Still waiting to be sent (e.g. Notify down for months): never blanked.
      await a.dataSource.query(
        `UPDATE notification_outbox SET created_at = now() - interval '200 days' WHERE dedupe_key = $1`,
        [oldPending.dedupeKey],
      );
      await a.app.get(JobsService).runNow('purge-notification-outbox');
      const byKey = new Map((await rows()).map((r) => [r.dedupe_key, r]));
      expect(byKey.get(oldSent.dedupeKey)).toMatchObject({ email_address: null, personalisation: null, state: 'sent' });
      expect(byKey.get(oldFailed.dedupeKey)).toMatchObject({ email_address: null, personalisation: null });
      expect(byKey.get(recentSent.dedupeKey)).toMatchObject({
        email_address: recentSent.emailAddress,
        personalisation: recentSent.personalisation,
      });
      expect(byKey.get(oldPending.dedupeKey)).toMatchObject({ email_address: oldPending.emailAddress });
      // The blanked row still stops the same email being queued again.
      expect(await outbox.enqueue(oldSent)).toBe(false);
    });
  });
});
