import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Refused candidate-link tokens from one client address in a fixed window that starts with the first refusal (as
 * login_failures counts failed sign-ins): shared by every replica, each refusal one atomic upsert. Rows whose window
 * has ended mean nothing; the retention job deletes them.
 */
@Entity({ name: 'candidate_link_failures' })
@Index('ix_candidate_link_failures_window_ends_at', ['windowEndsAt'])
@Check('ck_candidate_link_failures_failures', 'failures > 0')
export class CandidateLinkFailure {
  /** The client address (an IPv6 one by its /64). */
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_candidate_link_failures' })
  client: string;

  @Column({ type: 'integer' })
  failures: number;

  @Column({ type: 'timestamptz', precision: 3 })
  windowEndsAt: Date;
}
