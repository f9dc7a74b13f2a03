import { DomainError } from '@capability/platform';
import type { CampaignState } from './campaign.entity.js';
import type { CampaignAction } from './planning-states.js';

/** Also the answer for a campaign the caller may not see: they may not know it exists. */
export class CampaignNotFound extends DomainError {
  readonly code = 'campaign-not-found';
  readonly status = 404;
  readonly title = 'Campaign not found';
  constructor(id: string) {
    super(`No campaign with id ${id}`);
  }
}

/** A field breaks a rule the request's shape cannot: named in `errors`. */
export class CampaignInvalid extends DomainError {
  readonly code = 'campaign-invalid';
  readonly status = 422;
  readonly title = 'Campaign not valid';
  constructor(errors: { field: string; message: string }[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}

/** A move the campaign's state machine does not allow; `allowed` names the ones it does. */
export class IllegalCampaignMove extends DomainError {
  readonly code = 'illegal-campaign-move';
  readonly status = 409;
  readonly title = 'Not allowed in this state';
  constructor(state: CampaignState, action: CampaignAction, allowed: CampaignAction[]) {
    super(
      `A ${state} campaign cannot ${action === 'edit' ? 'be edited' : action}; ` +
        (allowed.length ? `allowed: ${allowed.join(', ')}` : 'nothing more is allowed'),
      { state, allowed },
    );
  }
}

/** Closing waits for every vacancy of the campaign to be closed or withdrawn. */
export class CampaignHasLiveVacancies extends DomainError {
  readonly code = 'campaign-has-live-vacancies';
  readonly status = 409;
  readonly title = 'The campaign still has live vacancies';
  constructor(count: number) {
    super(
      `${count} ${count === 1 ? 'vacancy of this campaign is' : 'vacancies of this campaign are'} still a draft or open; ` +
        'close or withdraw them first',
    );
  }
}

/** A vacancy is added only under a draft or open campaign, and opened only under an open one. */
export class CampaignNotOpen extends DomainError {
  readonly code = 'campaign-not-open';
  readonly status = 409;
  readonly title = 'The campaign does not allow this';
  constructor(state: CampaignState, what: string) {
    super(`The campaign is ${state}: ${what}`, { state });
  }
}
