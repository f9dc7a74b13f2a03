import { DomainError } from '@capability/platform';

export class PartnerNotFound extends DomainError {
  readonly code = 'partner-not-found';
  readonly status = 404;
  readonly title = 'Partner not found';
  constructor(id: string) {
    super(`No partner with id ${id}`);
  }
}

/** A field breaks a rule the request's shape cannot: named in `errors`. */
export class PartnerInvalid extends DomainError {
  readonly code = 'partner-invalid';
  readonly status = 422;
  readonly title = 'Partner not valid';
  constructor(errors: { field: string; message: string }[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}
