import { DomainError } from '@capability/platform';

type FieldProblem = { field: string; message: string };

/** Also the answer for a row the caller may not see: they may not know it exists. */
export class EstablishmentPostNotFound extends DomainError {
  readonly code = 'establishment-post-not-found';
  readonly status = 404;
  readonly title = 'Establishment row not found';
  constructor(id: string) {
    super(`No establishment row with id ${id}`);
  }
}

/** A field breaks a rule the request's shape cannot: named in `errors`. */
export class EstablishmentInvalid extends DomainError {
  readonly code = 'establishment-invalid';
  readonly status = 422;
  readonly title = 'Establishment row not valid';
  constructor(errors: FieldProblem[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}

/** Another row already funds the same unit, role level and grade for part of the period. */
export class EstablishmentOverlap extends DomainError {
  readonly code = 'establishment-overlap';
  readonly status = 409;
  readonly title = 'Overlaps another establishment row';
  constructor(existingId: string, startsOn: string, endsOn: string | null) {
    super(
      `Establishment row ${existingId} already funds this unit, role level and grade from ${startsOn}` +
        `${endsOn ? ` until ${endsOn}` : ' with no end'}; end it first (set its endsOn), then add the new funding`,
    );
  }
}

/** A head of profession asked for the figures of a family they do not lead. */
export class EstablishmentScopeNotAllowed extends DomainError {
  readonly code = 'establishment-scope-not-allowed';
  readonly status = 403;
  readonly title = 'Not a family you lead';
  constructor(family: string) {
    super(`The establishment figures of "${family}" are for HR, admins and the heads of profession who lead it`);
  }
}
