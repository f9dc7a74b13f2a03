import { describe, expect, it } from 'vitest';
import { CYCLE_STATES, type CycleState } from './review-cycle.entity.js';
import {
  allowedCycleActions,
  allowedReviewActions,
  CYCLE_ACTIONS,
  nextCycleState,
  nextReviewState,
  REVIEW_ACTIONS,
  type CycleAction,
  type ReviewAction,
} from './review-states.js';
import { REVIEW_STATES, type ReviewState } from './skill-review.entity.js';

/** The whole table, written out: every (state, action) pair either moves to a state or is illegal (null). */
const CYCLE: Record<CycleState, Record<CycleAction, CycleState | null>> = {
  draft: { edit: 'draft', open: 'open', close: null },
  open: { edit: null, open: null, close: 'closed' },
  closed: { edit: null, open: null, close: null },
};

const REVIEW: Record<ReviewState, Record<ReviewAction, ReviewState | null>> = {
  not_started: { save: 'in_progress', submit: null, validate: null, return: null },
  in_progress: { save: 'in_progress', submit: 'self_assessed', validate: null, return: null },
  self_assessed: { save: 'self_assessed', submit: null, validate: 'validated', return: 'returned' },
  returned: { save: 'returned', submit: 'self_assessed', validate: null, return: null },
  validated: { save: null, submit: null, validate: null, return: null },
};

describe('the review cycle state machine', () => {
  for (const state of CYCLE_STATES) {
    for (const action of CYCLE_ACTIONS) {
      it(`${state} + ${action} → ${CYCLE[state][action] ?? 'illegal'}`, () => {
        expect(nextCycleState(state, action)).toBe(CYCLE[state][action]);
      });
    }
    it(`names the actions allowed from ${state}`, () => {
      expect(allowedCycleActions(state)).toEqual(CYCLE_ACTIONS.filter((a) => CYCLE[state][a] !== null));
    });
  }
});

describe('the skill review state machine', () => {
  for (const state of REVIEW_STATES) {
    for (const action of REVIEW_ACTIONS) {
      it(`${state} + ${action} → ${REVIEW[state][action] ?? 'illegal'}`, () => {
        expect(nextReviewState(state, action)).toBe(REVIEW[state][action]);
      });
    }
    it(`names the actions allowed from ${state}`, () => {
      expect(allowedReviewActions(state)).toEqual(REVIEW_ACTIONS.filter((a) => REVIEW[state][a] !== null));
    });
  }

  it('lets the reviewee edit until validated, and never after', () => {
    for (const state of REVIEW_STATES) expect(nextReviewState(state, 'save') !== null).toBe(state !== 'validated');
  });
});
