import { DomainError } from '@capability/platform';
import type { CycleState } from './review-cycle.entity.js';
import type { CycleAction } from './review-states.js';

export class ReviewCycleNotFound extends DomainError {
  readonly code = 'review-cycle-not-found';
  readonly status = 404;
  readonly title = 'Review cycle not found';
  constructor(id: string) {
    super(`No review cycle with id ${id}`);
  }
}

/** A move the cycle's state machine does not allow; `allowed` names the ones it does. */
export class IllegalCycleMove extends DomainError {
  readonly code = 'illegal-cycle-move';
  readonly status = 409;
  readonly title = 'Not allowed in this state';
  constructor(state: CycleState, action: CycleAction, allowed: CycleAction[]) {
    super(
      `A ${state} review cycle cannot ${action === 'edit' ? 'be edited' : action}; ` +
        (allowed.length ? `allowed: ${allowed.join(', ')}` : 'nothing more is allowed'),
      { state, allowed },
    );
  }
}

export interface CycleOverlap {
  cycleId: string;
  cycleName: string;
  staffCount: number;
}

/** Opening would put people in two open cycles at once. */
export class OverlappingCycles extends DomainError {
  readonly code = 'overlapping-review-cycles';
  readonly status = 409;
  readonly title = 'Overlapping review cycles';
  constructor(overlaps: CycleOverlap[]) {
    super(
      `Staff in this cycle's scope are already in an open cycle: ${overlaps
        .map((o) => `"${o.cycleName}" (${o.cycleId}, ${o.staffCount} ${o.staffCount === 1 ? 'person' : 'people'})`)
        .join('; ')}`,
      { overlaps },
    );
  }
}

export class NoCurrentFrameworkVersion extends DomainError {
  readonly code = 'no-current-framework-version';
  readonly status = 409;
  readonly title = 'No current framework version';
  constructor() {
    super('A review cycle opens against the current framework version, and there is none');
  }
}

export class UnknownUnit extends DomainError {
  readonly code = 'unknown-organisation-unit';
  readonly status = 422;
  readonly title = 'Unknown organisation unit';
  constructor(id: string) {
    super(`No organisation unit with id ${id}`);
  }
}

export class ClosingBeforeOpening extends DomainError {
  readonly code = 'closes-before-opens';
  readonly status = 422;
  readonly title = 'Closes before it opens';
  constructor() {
    super('closesOn must be on or after opensOn');
  }
}
