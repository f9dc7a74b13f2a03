import { DomainError } from '@capability/platform';
import type { VacancyAction } from './planning-states.js';
import type { VacancyState } from './vacancy.entity.js';

/** Also the answer for a vacancy the caller may not see: they may not know it exists. */
export class VacancyNotFound extends DomainError {
  readonly code = 'vacancy-not-found';
  readonly status = 404;
  readonly title = 'Vacancy not found';
  constructor(id: string) {
    super(`No vacancy with id ${id}`);
  }
}

/** A field breaks a rule the request's shape cannot: named in `errors`. */
export class VacancyInvalid extends DomainError {
  readonly code = 'vacancy-invalid';
  readonly status = 422;
  readonly title = 'Vacancy not valid';
  constructor(errors: { field: string; message: string }[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}

/** A move the vacancy's state machine does not allow; `allowed` names the ones it does. */
export class IllegalVacancyMove extends DomainError {
  readonly code = 'illegal-vacancy-move';
  readonly status = 409;
  readonly title = 'Not allowed in this state';
  constructor(state: VacancyState, action: VacancyAction, allowed: VacancyAction[]) {
    const doing = action === 'edit' ? 'be edited' : action === 'change-panel' ? 'change its panel' : action;
    super(
      `A ${state} vacancy cannot ${doing}; ` +
        (allowed.length ? `allowed: ${allowed.join(', ')}` : 'nothing more is allowed'),
      { state, allowed },
    );
  }
}

/** An open vacancy keeps the terms it was advertised on; `fields` names those the request would change. */
export class VacancyFieldsLocked extends DomainError {
  readonly code = 'vacancy-fields-locked';
  readonly status = 409;
  readonly title = 'Fixed once the vacancy is open';
  constructor(fields: string[]) {
    super(`An open vacancy keeps the terms it was advertised on; these cannot change now: ${fields.join(', ')}`, {
      fields,
    });
  }
}
