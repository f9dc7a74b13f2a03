import { AppConfig, DomainError } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { DEFAULT_IPV6_SUBNET_PREFIX, normalizeIp } from '@nestjs/throttler';
import { LoginFailuresRepository, type LoginFailureLimits, type LoginSubjects } from './login-failures.repository.js';

/** The fixed window failures are counted in; a lock lasts at most until the window ends. */
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** 429 while the account or the client has used up its failed sign-ins; Retry-After says until when. */
export class TooManyLoginFailures extends DomainError {
  readonly code = 'rate-limited';
  readonly status = 429;
  readonly title = 'Too many requests';
  constructor(retryAfterSeconds: number) {
    super('Too many failed sign-ins; try again after the time in Retry-After', { retryAfterSeconds });
  }
}

/** An email as it is keyed and looked up: trimmed and lower-case (the DTO has done so already for the API). */
function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Failed sign-ins, counted in PostgreSQL so that every replica sees the same counts: LOGIN_RATE_LIMIT
 * failures per account, three times as many per client address (over every account it tries), in a
 * window of 15 minutes that starts with the first failure. Reaching the limit locks until the window
 * ends; attempts refused meanwhile are not counted and do not move the window, so nobody can keep
 * another's account locked by retrying, only by failing again after the lock. Successful sign-ins are
 * never counted, and one clears its account's failures.
 */
@Injectable()
export class LoginLimits {
  private readonly limits: LoginFailureLimits;

  constructor(
    private readonly failures: LoginFailuresRepository,
    config: AppConfig,
  ) {
    const perAccount = config.http.loginRateLimit;
    this.limits = { account: perAccount, client: perAccount * 3 };
  }

  subjects(email: string, ip: string): LoginSubjects {
    return { account: normalizeEmail(email), client: normalizeIp(ip, DEFAULT_IPV6_SUBNET_PREFIX) };
  }

  /** Whole seconds until neither the account nor the client is locked; 0 when neither is. */
  async lockedForSeconds(subjects: LoginSubjects): Promise<number> {
    return Math.ceil((await this.failures.lockedFor(subjects, this.limits)) / 1000);
  }

  recordFailure(subjects: LoginSubjects): Promise<void> {
    return this.failures.recordFailure(subjects, this.limits, LOGIN_FAILURE_WINDOW_MS);
  }

  recordSuccess(subjects: LoginSubjects): Promise<void> {
    return this.failures.clearAccount(subjects.account);
  }
}
