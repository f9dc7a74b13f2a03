import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Whose failed sign-ins a row counts: one account (its email) or one client address (an IPv6 one by its /64). */
export type LoginFailureScope = 'account' | 'client';

/**
 * Failed sign-ins of one account or one client address in a fixed window that starts with the first
 * failure. Shared by every API replica: each failure is one atomic upsert, never a read and a write.
 * Rows whose window has ended mean nothing; PurgeLoginFailuresJob deletes them.
 */
@Entity({ name: 'login_failures' })
@Index('ix_login_failures_window_ends_at', ['windowEndsAt'])
@Check('ck_login_failures_scope', `scope IN ('account', 'client')`)
@Check('ck_login_failures_failures', 'failures > 0')
export class LoginFailure {
  @PrimaryColumn({ type: 'varchar', length: 7, primaryKeyConstraintName: 'pk_login_failures' })
  scope: LoginFailureScope;

  /** The normalised email (trimmed, lower-case) or the client address. */
  @PrimaryColumn({ type: 'varchar', length: 254, primaryKeyConstraintName: 'pk_login_failures' })
  subject: string;

  @Column({ type: 'integer' })
  failures: number;

  /** Set by the window's first failure and never moved by later ones, nor by refused attempts. */
  @Column({ type: 'timestamptz', precision: 3 })
  windowEndsAt: Date;
}
