import { DomainError } from '@capability/platform';

/** One problem found in a posted framework: where (`role_families[2].roles[4].name`) and what. */
export interface FrameworkProblem {
  path: string;
  message: string;
}

export class FrameworkVersionNotFound extends DomainError {
  readonly code = 'framework-version-not-found';
  readonly status = 404;
  readonly title = 'Framework version not found';
  constructor(id?: string) {
    super(id ? `No framework version with id ${id}` : 'No framework version is current yet');
  }
}

export class RoleFamilyNotFound extends DomainError {
  readonly code = 'role-family-not-found';
  readonly status = 404;
  readonly title = 'Role family not found';
  constructor(slug: string) {
    super(`No role family "${slug}" in this framework version`);
  }
}

export class RoleNotFound extends DomainError {
  readonly code = 'role-not-found';
  readonly status = 404;
  readonly title = 'Role not found';
  constructor(idOrSlug: string) {
    super(`No role ${idOrSlug} in this framework version`);
  }
}

export class RoleLevelNotFound extends DomainError {
  readonly code = 'role-level-not-found';
  readonly status = 404;
  readonly title = 'Role level not found';
  constructor(idOrSlug: string) {
    super(`No role level ${idOrSlug} in this framework version`);
  }
}

export class SkillNotFound extends DomainError {
  readonly code = 'skill-not-found';
  readonly status = 404;
  readonly title = 'Skill not found';
  constructor(idOrSlug: string) {
    super(`No skill ${idOrSlug} in this framework version`);
  }
}

/** The posted framework breaks the schema or a rule; `errors` lists each problem with its path. Nothing was stored. */
export class FrameworkInvalid extends DomainError {
  readonly code = 'framework-invalid';
  readonly status = 422;
  readonly title = 'Framework invalid';
  constructor(errors: FrameworkProblem[], total = errors.length) {
    super(
      total > errors.length
        ? `The framework has ${total} problems (the first ${errors.length} are listed); nothing was stored`
        : `The framework has ${total} problem${total === 1 ? '' : 's'}; nothing was stored`,
      { errors, ...(total > errors.length ? { totalErrors: total } : {}) },
    );
  }
}

/** The same content is already stored: re-posting a framework never makes a second copy. */
export class FrameworkVersionExists extends DomainError {
  readonly code = 'framework-version-exists';
  readonly status = 409;
  readonly title = 'Framework version exists';
  constructor(existing: { id: string; number: number }) {
    super(`This framework is already stored as version ${existing.number} (${existing.id})`, {
      existingVersionId: existing.id,
      existingVersionNumber: existing.number,
    });
  }
}
