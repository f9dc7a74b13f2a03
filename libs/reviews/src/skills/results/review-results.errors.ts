import { DomainError } from '@capability/platform';
import type { CycleState } from '../review-cycle.entity.js';

/** Results go into the reviews an opening created: a draft has none yet. (A closed cycle is ReviewCycleClosed.) */
export class ReviewCycleNotOpen extends DomainError {
  readonly code = 'review-cycle-not-open';
  readonly status = 409;
  readonly title = 'Review cycle not open';
  constructor(state: CycleState) {
    super(`Results are imported into an open review cycle; this one is a ${state}`);
  }
}
