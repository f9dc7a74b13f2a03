import { DomainError } from '@capability/platform';
import type { PreEmploymentCheck } from '../planning/vacancy.entity.js';
import type { OfferState } from './offer.entity.js';
import type { PipelineStage } from './pipeline.js';

/** Also the answer for an offer the caller may not see. */
export class OfferNotFound extends DomainError {
  readonly code = 'offer-not-found';
  readonly status = 404;
  readonly title = 'Offer not found';
  constructor(id: string) {
    super(`No offer with id ${id}`);
  }
}

/** A field of an offer breaks a rule the request's shape cannot: named in `errors`. */
export class OfferInvalid extends DomainError {
  readonly code = 'offer-invalid';
  readonly status = 422;
  readonly title = 'Offer not valid';
  constructor(errors: { field: string; message: string }[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}

/** The salary is outside the vacancy's advertised range. */
export class OfferSalaryOutOfRange extends DomainError {
  readonly code = 'offer-salary-out-of-range';
  readonly status = 422;
  readonly title = 'Salary outside the range';
  constructor(salary: number, salaryMin: number, salaryMax: number) {
    super(
      `The salary (£${salary.toLocaleString('en-GB')}) is outside the vacancy's range ` +
        `(£${salaryMin.toLocaleString('en-GB')} to £${salaryMax.toLocaleString('en-GB')})`,
      { salary, salaryMin, salaryMax },
    );
  }
}

/** An offer is made to an application at the offer stage (reached after a passed interview). */
export class ApplicationNotAtOfferStage extends DomainError {
  readonly code = 'application-not-at-offer-stage';
  readonly status = 409;
  readonly title = 'Not at the offer stage';
  constructor(stage: PipelineStage) {
    super(
      `The application is at ${stage}: an offer is made at the offer stage, which it reaches after a passed interview`,
      { stage },
    );
  }
}

/** The application already has a live offer (made or accepted). */
export class OfferExists extends DomainError {
  readonly code = 'offer-exists';
  readonly status = 409;
  readonly title = 'Offer already made';
  constructor(existingId: string, state: OfferState) {
    super(`The application already has a live offer (${state}): ${existingId}`, {
      existingOfferId: existingId,
      existingOffer: `/api/v1/offers/${existingId}`,
    });
  }
}

/** Only a made offer is answered or withdrawn. */
export class OfferNotOpen extends DomainError {
  readonly code = 'offer-not-open';
  readonly status = 409;
  readonly title = 'Offer not open';
  constructor(state: OfferState) {
    super(`The offer is ${state}: only a made offer is accepted, declined or withdrawn`, { state });
  }
}

/** The offer's last day to accept has passed (the daily job marks it expired). */
export class OfferExpired extends DomainError {
  readonly code = 'offer-expired';
  readonly status = 409;
  readonly title = 'Offer expired';
  constructor(expiresOn: string) {
    super(`The offer could be accepted until ${expiresOn}`, { expiresOn });
  }
}

/** A move to the offer stage needs a passed interview. */
export class InterviewNotPassed extends DomainError {
  readonly code = 'interview-not-passed';
  readonly status = 422;
  readonly title = 'Interview not passed';
  constructor(detail: string, extensions: Record<string, unknown>) {
    super(detail, extensions);
  }
}

/** The pre-employment checks follow an accepted offer; appointment needs one. */
export class OfferNotAccepted extends DomainError {
  readonly code = 'offer-not-accepted';
  readonly status = 422;
  readonly title = 'No accepted offer';
  constructor(to: PipelineStage) {
    super(`The application has no accepted offer: it cannot move to ${to} without one`, { to });
  }
}

/** Appointment waits for every required pre-employment check to pass. */
export class ChecksNotPassed extends DomainError {
  readonly code = 'checks-not-passed';
  readonly status = 422;
  readonly title = 'Pre-employment checks not passed';
  constructor(pending: PreEmploymentCheck[], failed: PreEmploymentCheck[]) {
    super(
      'Appointment waits for every required pre-employment check to pass: ' +
        [pending.length ? `pending ${pending.join(', ')}` : '', failed.length ? `failed ${failed.join(', ')}` : '']
          .filter(Boolean)
          .join('; '),
      { pending, failed },
    );
  }
}

/** The vacancy does not require this check (so the application has none to decide). */
export class CheckNotFound extends DomainError {
  readonly code = 'check-not-found';
  readonly status = 404;
  readonly title = 'Check not found';
  constructor(check: string) {
    super(`The application has no ${check} check: its vacancy does not require it, or its offer is not accepted`);
  }
}

/** Checks are decided while the application is at the pre-employment checks. */
export class ApplicationNotAtChecks extends DomainError {
  readonly code = 'application-not-at-checks';
  readonly status = 409;
  readonly title = 'Not at the pre-employment checks';
  constructor(stage: PipelineStage) {
    super(`The application is at ${stage}: checks are decided at pre-employment-checks`, { stage });
  }
}

/** Only a reserve-list entry can be offered another vacancy. */
export class NotOnReserveList extends DomainError {
  readonly code = 'not-on-reserve-list';
  readonly status = 409;
  readonly title = 'Not on the reserve list';
  constructor(stage: PipelineStage) {
    super(`The application is at ${stage}: only one on a reserve list can be offered another vacancy`, { stage });
  }
}

/** The vacancy a reserve candidate is offered must match: the same campaign and role level, not draft or withdrawn. */
export class ReservePlacementInvalid extends DomainError {
  readonly code = 'reserve-placement-invalid';
  readonly status = 422;
  readonly title = 'Not a matching vacancy';
  constructor(errors: { field: string; message: string }[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}
