/** HTTP statuses a domain error may ask for. 5xx are never domain errors. */
export type DomainErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429;

/**
 * Base of every error a service throws on purpose. `code` becomes the problem `type`
 * (`urn:ddat-capability:problem:<code>`), so it is stable API: never rename one.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: DomainErrorStatus;
  abstract readonly title: string;

  constructor(
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not-found';
  readonly status = 404;
  readonly title = 'Not found';
  constructor(resource: string, id?: string) {
    super(id ? `No ${resource} with id ${id}` : `No such ${resource}`);
  }
}

export class ValidationFailedError extends DomainError {
  readonly code = 'validation-failed';
  readonly status = 400;
  readonly title = 'Validation failed';
  constructor(errors: { field: string; message: string }[], detail = 'The request is not valid') {
    super(detail, { errors });
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class ConflictError extends DomainError {
  readonly code = 'conflict';
  readonly status = 409;
  readonly title = 'Conflict';
}

export class PreconditionRequiredError extends DomainError {
  readonly code = 'precondition-required';
  readonly status = 428;
  readonly title = 'Precondition required';
  constructor() {
    super('This change needs an If-Match header with the ETag of the version you read');
  }
}

export class PreconditionFailedError extends DomainError {
  readonly code = 'precondition-failed';
  readonly status = 412;
  readonly title = 'Precondition failed';
  constructor(resource: string) {
    super(`The ${resource} has changed since you read it; read it again and retry with its new ETag`);
  }
}

export class UnprocessableError extends DomainError {
  readonly code = 'unprocessable';
  readonly status = 422;
  readonly title = 'Unprocessable request';
}
