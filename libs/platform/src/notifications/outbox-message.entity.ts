import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const OUTBOX_STATES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/**
 * One email queued for GOV.UK Notify. Queued in the transaction of the event that causes it (the outbox:
 * committed together or not at all), sent after commit by the send-notifications job, at most once per
 * `dedupeKey` however often, and by however many processes, it is queued.
 *
 * The address and personalisation are personal data: never logged, and blanked (NULL) by the
 * purge-notification-outbox job once the message is done and NOTIFICATION_RETENTION_DAYS have passed.
 * The row itself stays, so its dedupe key still stops the same email being queued again.
 */
@Entity({ name: 'notification_outbox' })
@Unique('uq_notification_outbox_dedupe_key', ['dedupeKey'])
@Index('ix_notification_outbox_due', ['nextAttemptAt'], { where: `"state" = 'pending'` })
@Index('ix_notification_outbox_recipient_staff_id', ['recipientStaffId'])
@Check('ck_notification_outbox_state', `"state" IN ('pending', 'sent', 'failed', 'skipped')`)
@Check('ck_notification_outbox_attempts', `"attempts" >= 0`)
@Check('ck_notification_outbox_pending_address', `"state" <> 'pending' OR "email_address" IS NOT NULL`)
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notification_outbox' })
  id: string;

  /** The logical template key (`review-reminder-7-days`); NOTIFY_TEMPLATES maps it to a Notify template id. */
  @Column({ type: 'varchar', length: 100 })
  template: string;

  /** The member of staff it is for, when it is for one. No FK: the platform knows no staff, and the row may outlive them. */
  @Column({ type: 'uuid', nullable: true })
  recipientStaffId: string | null;

  /** Personal data: NULL once purged. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  emailAddress: string | null;

  /** The template's placeholders; personal data too: NULL once purged. */
  @Column({ type: 'jsonb', nullable: true })
  personalisation: Record<string, unknown> | null;

  /** Who queues it names it, e.g. `review-reminder-7d:<cycleId>:<staffId>`: each key is queued once, ever. */
  @Column({ type: 'varchar', length: 300 })
  dedupeKey: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  state: OutboxState;

  /** Sends tried (a claim counts one). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** When a pending message is next due: queued → now (or later), claimed → the claim's lease, retried → its backoff. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  nextAttemptAt: Date;

  /** When it was sent (or, without Notify configured, found due). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  sentAt: Date | null;

  /** The notification id Notify returned; NULL when it was not sent through Notify. */
  @Column({ type: 'uuid', nullable: true })
  notifyId: string | null;

  /** The last failure: HTTP status and Notify's error, never the address or personalisation. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;
}
