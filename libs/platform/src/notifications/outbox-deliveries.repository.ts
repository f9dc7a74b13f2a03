import { Injectable } from '@nestjs/common';
import { TransactionHost, TransactionalAdapterTypeOrm } from '../database/transaction.js';

/** A claimed message, as the sender needs it. */
export interface ClaimedMessage {
  id: string;
  template: string;
  emailAddress: string;
  personalisation: Record<string, unknown>;
  /** This claim's attempt number (1 for the first send). */
  attempts: number;
}

interface ClaimedRow {
  id: string;
  template: string;
  email_address: string;
  personalisation: Record<string, unknown> | null;
  attempts: number;
}

/**
 * The sender's and the purge's side of notification_outbox, each step one statement on its own (never
 * inside a caller's transaction: a claim must be committed before Notify is called, so that no transaction
 * stays open across HTTP calls and no other sender can take the same message).
 */
@Injectable()
export class OutboxDeliveriesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * Claims up to `limit` due pending messages: locks them with FOR UPDATE SKIP LOCKED (a concurrent
   * sender skips them rather than waits), counts the attempt and moves `next_attempt_at` to the end of a
   * lease, all in one statement that commits at once. Until the lease ends no other sender finds them
   * due; if this process dies mid-send they are due again after it.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    // An UPDATE answers [rows, count] through TypeORM's query().
    const [rows]: [ClaimedRow[], number] = await this.txHost.tx.query(
      `UPDATE notification_outbox o
         SET attempts = o.attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'
         FROM (SELECT id FROM notification_outbox
               WHERE state = 'pending' AND next_attempt_at <= now()
               ORDER BY next_attempt_at
               LIMIT $1
               FOR UPDATE SKIP LOCKED) due
         WHERE o.id = due.id
         RETURNING o.id, o.template, o.email_address, o.personalisation, o.attempts`,
      [limit, leaseMs],
    );
    return rows.map((r) => ({
      id: r.id,
      template: r.template,
      emailAddress: r.email_address,
      personalisation: r.personalisation ?? {},
      attempts: r.attempts,
    }));
  }

  /** Sent (or found due with nothing to send it through): whatever else happened to it meanwhile, it went. */
  async markSent(id: string, notifyId: string | null): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE notification_outbox SET state = 'sent', sent_at = now(), notify_id = $2, last_error = NULL WHERE id = $1`,
      [id, notifyId],
    );
  }

  /** Not sent this time; due again after `delayMs`. A message withdrawn meanwhile stays withdrawn. */
  async markRetry(id: string, error: string, delayMs: number): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE notification_outbox SET next_attempt_at = now() + $3 * interval '1 millisecond', last_error = $2
       WHERE id = $1 AND state = 'pending'`,
      [id, error, delayMs],
    );
  }

  /** Given up on. */
  async markFailed(id: string, error: string): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE notification_outbox SET state = 'failed', last_error = $2 WHERE id = $1 AND state = 'pending'`,
      [id, error],
    );
  }

  /**
   * Blanks the address and personalisation of messages done with (sent, failed or skipped) longer than
   * `retentionDays` ago: sent ones by when they were sent, the others by when they were queued. Returns how many.
   */
  async purgePersonalData(retentionDays: number): Promise<number> {
    const [, count]: [unknown, number] = await this.txHost.tx.query(
      `UPDATE notification_outbox SET email_address = NULL, personalisation = NULL
       WHERE state <> 'pending'
         AND (email_address IS NOT NULL OR personalisation IS NOT NULL)
         AND coalesce(sent_at, created_at) < now() - make_interval(days => $1)`,
      [retentionDays],
    );
    return count;
  }
}
