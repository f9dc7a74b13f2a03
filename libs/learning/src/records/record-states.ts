import type { RecordState } from './learning-record.entity.js';

/**
 * The record of learning's state machine, as a table: what each action does from each state. A state an
 * action is not listed under is an illegal move (409 naming the actions allowed from it).
 *
 * Owner: `edit` (a rejected record edited is resubmitted), `delete` (gone: `deleted`), `resubmit` (a rejected
 * record sent back unchanged). Line manager: `verify` and `reject` (with a reason), only while submitted. A
 * verified record is final.
 */
export const RECORD_ACTIONS = ['edit', 'delete', 'resubmit', 'verify', 'reject'] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

/** Where a move leads: a state, or the record's removal. */
export type RecordOutcome = RecordState | 'deleted';

const RECORD_MOVES: Readonly<Record<RecordAction, Partial<Record<RecordState, RecordOutcome>>>> = {
  edit: { submitted: 'submitted', rejected: 'submitted' },
  delete: { submitted: 'deleted', rejected: 'deleted' },
  resubmit: { rejected: 'submitted' },
  verify: { submitted: 'verified' },
  reject: { submitted: 'rejected' },
};

/** The outcome of `action`, or null when the move is illegal. */
export function nextRecordState(state: RecordState, action: RecordAction): RecordOutcome | null {
  return RECORD_MOVES[action][state] ?? null;
}

/** The actions allowed from `state`, in table order. */
export function allowedRecordActions(state: RecordState): RecordAction[] {
  return RECORD_ACTIONS.filter((action) => RECORD_MOVES[action][state] !== undefined);
}
