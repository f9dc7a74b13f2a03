import { DomainError } from '@capability/platform';
import type { PlanStatus } from './action-plan.entity.js';

/** Also the answer for a plan the caller may not see: they may not know it exists. */
export class ActionPlanNotFound extends DomainError {
  readonly code = 'action-plan-not-found';
  readonly status = 404;
  readonly title = 'Action plan not found';
  constructor(id: string) {
    super(`No action plan with id ${id}`);
  }
}

export class ActionPlanPartNotFound extends DomainError {
  readonly code = 'action-plan-part-not-found';
  readonly status = 404;
  readonly title = 'Not part of this action plan';
  constructor(kind: 'priority' | 'action', id: string) {
    super(`No ${kind} with id ${id} in this action plan`);
  }
}

/** The actor may read the plan (or plan for some families) but not create or manage this one. */
export class PlanManagementNotAllowed extends DomainError {
  readonly code = 'action-plan-management-not-allowed';
  readonly status = 403;
  readonly title = 'Not allowed to manage this action plan';
  constructor(message: string) {
    super(message);
  }
}

export class IllegalPlanMove extends DomainError {
  readonly code = 'illegal-action-plan-move';
  readonly status = 409;
  readonly title = 'Not allowed in this state';
  constructor(status: PlanStatus, action: string) {
    super(`An action plan that is ${status} cannot be ${action}`, { state: status });
  }
}

/** A field breaks a rule the request's shape cannot: named in `errors`. */
export class ActionPlanInvalid extends DomainError {
  readonly code = 'action-plan-invalid';
  readonly status = 422;
  readonly title = 'Action plan not valid';
  constructor(errors: { field: string; message: string }[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}
