import { describe, expect, it } from 'vitest';
import { RECORD_STATES, type RecordState } from './learning-record.entity.js';
import {
  allowedRecordActions,
  nextRecordState,
  RECORD_ACTIONS,
  type RecordAction,
  type RecordOutcome,
} from './record-states.js';

/** The whole table, written out: every (state, action) pair either leads somewhere or is illegal (null). */
const RECORD: Record<RecordState, Record<RecordAction, RecordOutcome | null>> = {
  submitted: { edit: 'submitted', delete: 'deleted', resubmit: null, verify: 'verified', reject: 'rejected' },
  rejected: { edit: 'submitted', delete: 'deleted', resubmit: 'submitted', verify: null, reject: null },
  verified: { edit: null, delete: null, resubmit: null, verify: null, reject: null },
};

describe('the learning record state machine', () => {
  for (const state of RECORD_STATES) {
    for (const action of RECORD_ACTIONS) {
      it(`${state} + ${action} → ${RECORD[state][action] ?? 'illegal'}`, () => {
        expect(nextRecordState(state, action)).toBe(RECORD[state][action]);
      });
    }
    it(`names the actions allowed from ${state}`, () => {
      expect(allowedRecordActions(state)).toEqual(RECORD_ACTIONS.filter((a) => RECORD[state][a] !== null));
    });
  }

  it('lets the owner edit or delete until verified, and never after', () => {
    for (const state of RECORD_STATES) {
      expect(nextRecordState(state, 'edit') !== null).toBe(state !== 'verified');
      expect(nextRecordState(state, 'delete') !== null).toBe(state !== 'verified');
    }
  });

  it('sends a corrected rejected record back to the line manager', () => {
    expect(nextRecordState('rejected', 'edit')).toBe('submitted');
    expect(nextRecordState('rejected', 'resubmit')).toBe('submitted');
  });
});
