import { DomainError } from '@capability/platform';
import type { RecordState } from './learning-record.entity.js';
import type { RecordAction } from './record-states.js';

/** Also the answer for a record the caller may not see: they may not know it exists. */
export class LearningRecordNotFound extends DomainError {
  readonly code = 'learning-record-not-found';
  readonly status = 404;
  readonly title = 'Learning record not found';
  constructor(id: string) {
    super(`No learning record with id ${id}`);
  }
}

const PAST: Record<RecordAction, string> = {
  edit: 'edited',
  delete: 'deleted',
  resubmit: 'resubmitted',
  verify: 'verified',
  reject: 'rejected',
};

export class IllegalRecordMove extends DomainError {
  readonly code = 'illegal-learning-record-move';
  readonly status = 409;
  readonly title = 'Not allowed in this state';
  constructor(state: RecordState, action: RecordAction, allowed: RecordAction[]) {
    super(
      `A learning record that is ${state} cannot be ${PAST[action]}; ` +
        (allowed.length ? `allowed: ${allowed.join(', ')}` : 'nothing more is allowed'),
      { state, allowed },
    );
  }
}

/** Someone who may read the record but is not its owner tried to change or delete it. */
export class NotRecordOwner extends DomainError {
  readonly code = 'not-record-owner';
  readonly status = 403;
  readonly title = 'Not your learning record';
  constructor() {
    super('Only the person whose learning it is may edit, delete or resubmit the record');
  }
}

export class SelfVerification extends DomainError {
  readonly code = 'self-verification';
  readonly status = 403;
  readonly title = 'Cannot verify your own learning';
  constructor() {
    super('Nobody may verify or reject their own learning record');
  }
}

export class NotInLineManagementChain extends DomainError {
  readonly code = 'not-in-line-management-chain';
  readonly status = 403;
  readonly title = 'Not a line manager of this person';
  constructor() {
    super(
      'Only someone above the person in the line-management chain (or HR, an admin) may verify or reject this record',
    );
  }
}

/** Someone who may see the person but does not support them (not them, their line manager or HR). */
export class RecordingNotAllowed extends DomainError {
  readonly code = 'learning-recording-not-allowed';
  readonly status = 403;
  readonly title = 'Not allowed to record learning for this person';
  constructor() {
    super('Only the person, someone above them in the line-management chain, or HR may record their learning');
  }
}

/** A field of the record breaks a rule the request's shape cannot: named in `errors`. */
export class LearningRecordInvalid extends DomainError {
  readonly code = 'learning-record-invalid';
  readonly status = 422;
  readonly title = 'Learning record not valid';
  constructor(errors: { field: string; message: string }[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}
