import { DomainError } from '@capability/platform';

/** Also the answer for a record the caller may not see: they may not know it exists. */
export class StaffNotFound extends DomainError {
  readonly code = 'staff-not-found';
  readonly status = 404;
  readonly title = 'Staff not found';
  constructor(id: string) {
    super(`No member of staff with id ${id}`);
  }
}

/** The caller may see the record but not change it (e.g. a line manager and their report's record). */
export class StaffNotEditable extends DomainError {
  readonly code = 'staff-not-editable';
  readonly status = 403;
  readonly title = 'Staff record not editable';
  constructor() {
    super('You may read this record but not change it');
  }
}

/** Staff editing their own record may change only a few fields; `fields` names the others they sent. */
export class FieldNotWritable extends DomainError {
  readonly code = 'field-not-writable';
  readonly status = 403;
  readonly title = 'Field not writable';
  constructor(readonly fields: string[]) {
    super(`You may not change ${fields.join(', ')} on this record`, { fields });
  }
}

export class LineManagementCycle extends DomainError {
  readonly code = 'line-management-cycle';
  readonly status = 422;
  readonly title = 'Line management cycle';
  constructor() {
    super('A person cannot be line managed by themselves or by anyone in their own reporting chain');
  }
}
