import { DomainError } from '@capability/platform';

/** The role level named in the body does not exist (the framework's own 404 is for its routes). */
export class UnknownRoleLevel extends DomainError {
  readonly code = 'unknown-role-level';
  readonly status = 422;
  readonly title = 'Unknown role level';
  constructor(key: string) {
    super(`No role level ${key} in the capability framework (slugs are looked up in the current version)`);
  }
}

export class RoleAssignmentStartsTooEarly extends DomainError {
  readonly code = 'role-assignment-starts-too-early';
  readonly status = 422;
  readonly title = 'Role assignment starts too early';
  constructor(currentStartsOn: string) {
    super(
      `A new primary role must start after the current one, which started on ${currentStartsOn}; ` +
        'history is never rewritten',
    );
  }
}
