import { DomainError } from '@capability/platform';

export class OrganisationUnitNotFound extends DomainError {
  readonly code = 'organisation-unit-not-found';
  readonly status = 404;
  readonly title = 'Organisation unit not found';
  constructor(id: string) {
    super(`No organisation unit with id ${id}`);
  }
}

/** The parent named in the body does not exist: the request is well-formed, the reference is not. */
export class ParentUnitNotFound extends DomainError {
  readonly code = 'parent-unit-not-found';
  readonly status = 422;
  readonly title = 'Parent unit not found';
  constructor(id: string) {
    super(`No organisation unit with id ${id} to be the parent`);
  }
}

export class InvalidUnitPlacement extends DomainError {
  readonly code = 'invalid-unit-placement';
  readonly status = 422;
  readonly title = 'Invalid unit placement';
}

export class OrganisationUnitCycle extends DomainError {
  readonly code = 'organisation-unit-cycle';
  readonly status = 422;
  readonly title = 'Organisation unit cycle';
  constructor() {
    super('A unit cannot move under itself or anything in its own subtree');
  }
}
