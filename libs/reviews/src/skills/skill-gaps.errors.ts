import { DomainError } from '@capability/platform';

export class NoRoleLevel extends DomainError {
  readonly code = 'no-role-level';
  readonly status = 422;
  readonly title = 'No role level';
  constructor() {
    super('The person has no current role level and no review, so there is nothing to compare against');
  }
}

export class NoNextRoleLevel extends DomainError {
  readonly code = 'no-next-role-level';
  readonly status = 422;
  readonly title = 'No next role level';
  constructor(roleLevelSlug: string) {
    super(`${roleLevelSlug} is the most senior level of its role`);
  }
}
