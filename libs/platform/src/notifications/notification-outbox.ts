import { Injectable } from '@nestjs/common';
import { TransactionHost, TransactionalAdapterTypeOrm } from '../database/transaction.js';

/** One email to queue. */
export interface NotificationMessage {
  /** The logical template key, kebab-case (`review-reminder-7-days`); NOTIFY_TEMPLATES maps it to a Notify template. */
  template: string;
  emailAddress: string;
  /** The member of staff it is for, if any (kept after the address is purged). */
  recipientStaffId?: string | null;
  /** The template's placeholders (personal data: purged with the address). */
  personalisation?: Record<string, unknown>;
  /** Names the message so it is queued at most once, ever: `review-reminder-7d:<cycleId>:<staffId>`. */
  dedupeKey: string;
  /** Not sent before this time (default: as soon as the sender next runs). */
  notBefore?: Date;
}

/**
 * The columns the SQL given to `enqueueFromQuery` must yield, by these names: `template`, `email_address`,
 * `dedupe_key` (text, not null), `recipient_staff_id` (uuid or NULL) and `personalisation` (jsonb or NULL);
 * `next_attempt_at` (timestamptz) is optional when `withNotBefore` is set.
 */
export const OUTBOX_QUERY_COLUMNS = [
  'template',
  'recipient_staff_id',
  'email_address',
  'personalisation',
  'dedupe_key',
] as const;

/**
 * Queues emails for GOV.UK Notify: the one way other contexts send email. Every method writes through the
 * current transaction (TransactionHost), so a message is committed with the event that caused it, or not at
 * all; the send-notifications job sends it after commit. Each dedupe key is queued at most once, whichever
 * transaction and process gets there first (INSERT … ON CONFLICT (dedupe_key) DO NOTHING): queuing again is
 * harmless, and a concurrent transaction queuing the same key waits for the first and then does nothing.
 */
@Injectable()
export class NotificationOutbox {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Queues one email; true when newly queued, false when its dedupe key was queued before. */
  async enqueue(message: NotificationMessage): Promise<boolean> {
    return (await this.enqueueMany([message])).length === 1;
  }

  /** Queues several emails in one statement; returns the dedupe keys newly queued (the others existed). */
  async enqueueMany(messages: readonly NotificationMessage[]): Promise<string[]> {
    if (messages.length === 0) return [];
    const rows = messages.map((m) => ({
      template: m.template,
      recipient_staff_id: m.recipientStaffId ?? null,
      email_address: m.emailAddress,
      personalisation: m.personalisation ?? {},
      dedupe_key: m.dedupeKey,
      next_attempt_at: m.notBefore?.toISOString() ?? null,
    }));
    const queued: { dedupe_key: string }[] = await this.txHost.tx.query(
      `INSERT INTO notification_outbox
         (template, recipient_staff_id, email_address, personalisation, dedupe_key, next_attempt_at)
       SELECT m.template, m.recipient_staff_id, m.email_address, coalesce(m.personalisation, '{}'), m.dedupe_key,
              coalesce(m.next_attempt_at, now())
       FROM jsonb_to_recordset($1::jsonb) AS m(template text, recipient_staff_id uuid, email_address text,
              personalisation jsonb, dedupe_key text, next_attempt_at timestamptz)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING dedupe_key`,
      [JSON.stringify(rows)],
    );
    return queued.map((r) => r.dedupe_key);
  }

  /**
   * Queues every row `sql` yields, in one INSERT … SELECT (reminders to thousands of people without a row
   * crossing into Node). `sql` is the caller's own parameterised SELECT (never text from a request) yielding
   * the OUTBOX_QUERY_COLUMNS by name, with `next_attempt_at` too when `withNotBefore`. Returns how many were
   * newly queued.
   */
  async enqueueFromQuery(
    sql: string,
    parameters: unknown[] = [],
    options: { withNotBefore?: boolean } = {},
  ): Promise<number> {
    const notBefore = options.withNotBefore ? 'coalesce(m.next_attempt_at, now())' : 'now()';
    const queued: unknown[] = await this.txHost.tx.query(
      `INSERT INTO notification_outbox
         (template, recipient_staff_id, email_address, personalisation, dedupe_key, next_attempt_at)
       SELECT m.template, m.recipient_staff_id, m.email_address, coalesce(m.personalisation, '{}'), m.dedupe_key,
              ${notBefore}
       FROM (${sql}) AS m
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING 1`,
      parameters,
    );
    return queued.length;
  }

  /**
   * Withdraws messages still waiting (the reminder is no longer needed): pending → skipped. Returns how many
   * were withdrawn. One already sent is not; one a sender has in hand at this moment may still go, and is
   * then recorded as sent.
   */
  async skip(dedupeKeys: readonly string[]): Promise<number> {
    if (dedupeKeys.length === 0) return 0;
    const [, skipped]: [unknown, number] = await this.txHost.tx.query(
      `UPDATE notification_outbox SET state = 'skipped' WHERE dedupe_key = ANY($1::text[]) AND state = 'pending'`,
      [dedupeKeys],
    );
    return skipped;
  }
}
