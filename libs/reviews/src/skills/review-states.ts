import type { CycleState } from './review-cycle.entity.js';
import type { ReviewState } from './skill-review.entity.js';

/**
 * The two state machines of the skills review, as tables: what each action does from each state. A
 * state an action is not listed under is an illegal move (409 naming the actions allowed from it).
 */
export const CYCLE_ACTIONS = ['edit', 'open', 'close'] as const;
export type CycleAction = (typeof CYCLE_ACTIONS)[number];

const CYCLE_MOVES: Readonly<Record<CycleAction, Partial<Record<CycleState, CycleState>>>> = {
  edit: { draft: 'draft' },
  open: { draft: 'open' },
  close: { open: 'closed' },
};

/**
 * Reviewee: `save` (the self-assessment; editable until validated) and `submit`. Line manager: `validate`
 * and `return` (back to the reviewee with a reason), both only once the reviewee has submitted.
 */
export const REVIEW_ACTIONS = ['save', 'submit', 'validate', 'return'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

const REVIEW_MOVES: Readonly<Record<ReviewAction, Partial<Record<ReviewState, ReviewState>>>> = {
  save: {
    not_started: 'in_progress',
    in_progress: 'in_progress',
    returned: 'returned',
    self_assessed: 'self_assessed',
  },
  submit: { in_progress: 'self_assessed', returned: 'self_assessed' },
  validate: { self_assessed: 'validated' },
  return: { self_assessed: 'returned' },
};

/** The state after `action`, or null when the move is illegal. */
export function nextCycleState(state: CycleState, action: CycleAction): CycleState | null {
  return CYCLE_MOVES[action][state] ?? null;
}

/** The actions allowed from `state`, in table order. */
export function allowedCycleActions(state: CycleState): CycleAction[] {
  return CYCLE_ACTIONS.filter((action) => CYCLE_MOVES[action][state] !== undefined);
}

export function nextReviewState(state: ReviewState, action: ReviewAction): ReviewState | null {
  return REVIEW_MOVES[action][state] ?? null;
}

export function allowedReviewActions(state: ReviewState): ReviewAction[] {
  return REVIEW_ACTIONS.filter((action) => REVIEW_MOVES[action][state] !== undefined);
}

/** Self and agreed levels this far apart or more are flagged for calibration (the database checks it too). */
export const CALIBRATION_THRESHOLD = 2;
