import { DomainError } from '@capability/platform';
import type { ReviewAction } from './review-states.js';
import type { ReviewState } from './skill-review.entity.js';

/** Also the answer for a review the caller may not see: they may not know it exists. */
export class SkillReviewNotFound extends DomainError {
  readonly code = 'skill-review-not-found';
  readonly status = 404;
  readonly title = 'Skill review not found';
  constructor(id?: string) {
    super(id ? `No skill review with id ${id}` : 'You have no skills review in an open cycle');
  }
}

const PAST: Record<ReviewAction, string> = {
  save: 'edited',
  submit: 'submitted',
  validate: 'validated',
  return: 'returned',
};

export class IllegalReviewMove extends DomainError {
  readonly code = 'illegal-review-move';
  readonly status = 409;
  readonly title = 'Not allowed in this state';
  constructor(state: ReviewState, action: ReviewAction, allowed: ReviewAction[]) {
    super(
      `A review that is ${state.replace('_', ' ')} cannot be ${PAST[action]}; ` +
        (allowed.length ? `allowed: ${allowed.join(', ')}` : 'nothing more is allowed'),
      { state, allowed },
    );
  }
}

/** Every write to a review of a closed cycle. */
export class ReviewCycleClosed extends DomainError {
  readonly code = 'review-cycle-closed';
  readonly status = 409;
  readonly title = 'Review cycle closed';
  constructor() {
    super('The review cycle is closed: its reviews can no longer change');
  }
}

export class NotReviewee extends DomainError {
  readonly code = 'not-reviewee';
  readonly status = 403;
  readonly title = 'Not your review';
  constructor() {
    super('Only the reviewee may complete or submit their self-assessment');
  }
}

export class SelfValidation extends DomainError {
  readonly code = 'self-validation';
  readonly status = 403;
  readonly title = 'Cannot validate your own review';
  constructor() {
    super('Nobody may validate or return their own review');
  }
}

export class NotLineManager extends DomainError {
  readonly code = 'not-line-manager';
  readonly status = 403;
  readonly title = 'Not the line manager';
  constructor() {
    super("Only the reviewee's line manager (or an admin) may validate or return this review");
  }
}

export interface SkillProblem {
  skillId: string;
  skillSlug?: string;
  message: string;
}

/** The ratings sent do not fit the review: a required skill missing, an unknown or repeated skill. */
export class RatingsInvalid extends DomainError {
  readonly code = 'ratings-invalid';
  readonly status = 422;
  readonly title = 'Ratings do not fit the review';
  constructor(problems: SkillProblem[]) {
    super(problems.map((p) => `${p.skillSlug ?? p.skillId}: ${p.message}`).join('; '), {
      errors: problems.map((p) => ({ field: p.skillSlug ?? p.skillId, message: p.message })),
    });
  }
}
