import { DomainError } from '@capability/platform';

/**
 * 401 for a candidate-link request whose token is missing, unknown, expired or revoked (one answer for all: which one
 * it was is nobody's business but the log's).
 */
export class CandidateLinkInvalid extends DomainError {
  readonly code = 'candidate-link-invalid';
  readonly status = 401;
  readonly title = 'Candidate link not valid';
  constructor() {
    super('This link is not valid: it may have expired or been replaced; ask the recruitment team for a new one');
  }
}

/** 429 while this client address has had too many links refused; Retry-After says until when. */
export class TooManyCandidateLinkFailures extends DomainError {
  readonly code = 'rate-limited';
  readonly status = 429;
  readonly title = 'Too many requests';
  constructor(retryAfterSeconds: number) {
    super('Too many links refused; try again after the time in Retry-After', { retryAfterSeconds });
  }
}

/** The candidate's data has been anonymised: no link can be issued for them. */
export class CandidateAnonymised extends DomainError {
  readonly code = 'candidate-anonymised';
  readonly status = 409;
  readonly title = 'Candidate anonymised';
  constructor(id: string) {
    super(`Candidate ${id} has been anonymised under the retention policy`);
  }
}
