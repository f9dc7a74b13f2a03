import { DomainError } from '@capability/platform';

export class LearningItemNotFound extends DomainError {
  readonly code = 'learning-item-not-found';
  readonly status = 404;
  readonly title = 'Learning item not found';
  constructor(id: string) {
    super(`No learning item with id ${id}`);
  }
}

/**
 * A head of profession manages only items whose skills all belong to roles of the families they lead (an item
 * developing no skill is HR's and admins'). `skills` names the skills outside their families.
 */
export class LearningItemNotManageable extends DomainError {
  readonly code = 'learning-item-not-manageable';
  readonly status = 403;
  readonly title = 'Learning item not manageable';
  constructor(readonly skills: string[]) {
    super(
      skills.length > 0
        ? `You manage learning whose skills all belong to roles in the families you lead; not ${skills.join(', ')}`
        : 'You manage learning whose skills all belong to roles in the families you lead; this item develops none',
    );
  }
}

/** A skill slug the current framework version does not have. */
export class UnknownSkill extends DomainError {
  readonly code = 'unknown-skill';
  readonly status = 422;
  readonly title = 'Unknown skill';
  constructor(readonly slugs: string[]) {
    super(`No skill ${slugs.map((s) => `"${s}"`).join(', ')} in the current framework version`);
  }
}

/** A level above the highest one the framework describes for the skill. */
export class SkillLevelTooHigh extends DomainError {
  readonly code = 'skill-level-too-high';
  readonly status = 422;
  readonly title = 'Skill level too high';
  constructor(slug: string, level: number, highest: number) {
    super(`The framework describes skill "${slug}" up to level ${highest}, not ${level}`);
  }
}

/** An event has dates and a location; nothing else does. */
export class EventFieldsInvalid extends DomainError {
  readonly code = 'event-fields-invalid';
  readonly status = 422;
  readonly title = 'Event fields invalid';
}

export class LearningMapScopeMissing extends DomainError {
  readonly code = 'learning-map-scope-missing';
  readonly status = 400;
  readonly title = 'Role family or role required';
  constructor() {
    super('Give roleFamily, role or both');
  }
}
