import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';

/** The two counters one sign-in attempt touches: its account (the normalised email) and its client address. */
export interface LoginSubjects {
  account: string;
  client: string;
}

/** How many failures each counter allows in one window. */
export interface LoginFailureLimits {
  account: number;
  client: number;
}

/**
 * The login_failures table, in single statements only: several API replicas count into the same rows,
 * so a count is never read, changed in memory and written back.
 */
@Injectable()
export class LoginFailuresRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Milliseconds until the later of the two locks ends; 0 when neither the account nor the client is locked. */
  async lockedFor(subjects: LoginSubjects, limits: LoginFailureLimits): Promise<number> {
    const [row]: { wait: number | null }[] = await this.txHost.tx.query(
      `SELECT ceil(extract(epoch FROM max(window_ends_at) - now()) * 1000)::float8 AS wait
       FROM login_failures
       WHERE window_ends_at > now()
         AND ((scope = 'account' AND subject = $1 AND failures >= $3)
           OR (scope = 'client' AND subject = $2 AND failures >= $4))`,
      [subjects.account, subjects.client, limits.account, limits.client],
    );
    return row?.wait ?? 0;
  }

  /**
   * Counts one failure against the account and the client, each in one atomic upsert (the account's row
   * first, always, so two concurrent failures cannot wait on each other's rows). A window that has
   * ended starts again at this failure; a counter already at its limit is left alone, so a failure that
   * raced past the lock neither counts nor moves the window.
   */
  async recordFailure(subjects: LoginSubjects, limits: LoginFailureLimits, windowMs: number): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO login_failures AS f (scope, subject, failures, window_ends_at)
       VALUES ('account', $1, 1, now() + $3 * interval '1 millisecond'),
              ('client', $2, 1, now() + $3 * interval '1 millisecond')
       ON CONFLICT (scope, subject) DO UPDATE SET
         failures = CASE WHEN f.window_ends_at <= now() THEN 1 ELSE f.failures + 1 END,
         window_ends_at = CASE WHEN f.window_ends_at <= now() THEN excluded.window_ends_at ELSE f.window_ends_at END
       WHERE f.window_ends_at <= now() OR f.failures < CASE f.scope WHEN 'account' THEN $4::int ELSE $5::int END`,
      [subjects.account, subjects.client, windowMs, limits.account, limits.client],
    );
  }

  /** Forgets the account's failures (it has just signed in); the client's stay counted. */
  async clearAccount(account: string): Promise<void> {
    await this.txHost.tx.query(`DELETE FROM login_failures WHERE scope = 'account' AND subject = $1`, [account]);
  }

  /** Deletes counters whose window has ended; returns how many. */
  async purgeEnded(): Promise<number> {
    const [, count]: [unknown, number] = await this.txHost.tx.query(
      'DELETE FROM login_failures WHERE window_ends_at <= now()',
    );
    return count;
  }
}
