import { DomainError } from '@capability/platform';

export class AssessmentDateInFuture extends DomainError {
  readonly code = 'assessment-date-in-future';
  readonly status = 422;
  readonly title = 'Assessment date in the future';
  constructor(today: string) {
    super(`assessedOn must be today (${today}) or earlier`);
  }
}

export class AssessmentMethodMismatch extends DomainError {
  readonly code = 'assessment-method-mismatch';
  readonly status = 422;
  readonly title = 'Assessment method does not fit who records it';
  constructor(detail: string) {
    super(detail);
  }
}

/** Someone who may see the person but does not support them (not them, their line manager or HR). */
export class AssessmentNotAllowed extends DomainError {
  readonly code = 'assessment-not-allowed';
  readonly status = 403;
  readonly title = 'Not allowed to record an assessment for this person';
  constructor() {
    super('Only the person, someone above them in the line-management chain, or HR may record their assessment');
  }
}

/** A signed-in user with no staff record asked for something only staff have (their own level, a pulse). */
export class NoStaffRecord extends DomainError {
  readonly code = 'no-staff-record';
  readonly status = 404;
  readonly title = 'No staff record';
  constructor() {
    super('Your user is not linked to a staff record');
  }
}

export class PulseNotFound extends DomainError {
  readonly code = 'pulse-not-found';
  readonly status = 404;
  readonly title = 'Pulse not found';
  constructor(id: string) {
    super(`No pulse with id ${id}`);
  }
}

export class PulseStateConflict extends DomainError {
  readonly code = 'pulse-state-conflict';
  readonly status = 409;
  readonly title = 'Not possible in the pulse state';
  constructor(state: string, action: string) {
    super(`The pulse is ${state}: it cannot be ${action}`);
  }
}

export class PulseAlreadyAnswered extends DomainError {
  readonly code = 'pulse-already-answered';
  readonly status = 409;
  readonly title = 'Already answered';
  constructor() {
    super('You have already answered this pulse; each person answers once');
  }
}

export class PulseRatingsMismatch extends DomainError {
  readonly code = 'pulse-ratings-mismatch';
  readonly status = 422;
  readonly title = 'One rating per statement';
  constructor(expected: number) {
    super(`Give exactly ${expected} ratings, one per statement, in order`);
  }
}

export class PulseClosesTooEarly extends DomainError {
  readonly code = 'pulse-closes-too-early';
  readonly status = 422;
  readonly title = 'Closing date too early';
  constructor(today: string) {
    super(`closesOn must be today (${today}) or later`);
  }
}
