import { DomainError } from '@capability/platform';

/** Also the answer for a candidate the caller may not see: they may not know it exists. */
export class CandidateNotFound extends DomainError {
  readonly code = 'candidate-not-found';
  readonly status = 404;
  readonly title = 'Candidate not found';
  constructor(id: string) {
    super(`No candidate with id ${id}`);
  }
}

/** A field breaks a rule the request's shape cannot: named in `errors`. */
export class CandidateInvalid extends DomainError {
  readonly code = 'candidate-invalid';
  readonly status = 422;
  readonly title = 'Candidate not valid';
  constructor(errors: { field: string; message: string }[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}

/** Another candidate has this email (whatever its case): the problem points at them. */
export class DuplicateCandidate extends DomainError {
  readonly code = 'duplicate-candidate';
  readonly status = 409;
  readonly title = 'Candidate already exists';
  constructor(existingId: string) {
    super(`A candidate with this email already exists: ${existingId}`, {
      existingCandidateId: existingId,
      existingCandidate: `/api/v1/candidates/${existingId}`,
    });
  }
}
