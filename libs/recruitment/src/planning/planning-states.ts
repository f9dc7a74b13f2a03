import type { CampaignState } from './campaign.entity.js';
import type { VacancyState } from './vacancy.entity.js';

/**
 * The state machines of recruitment planning, as tables: what each action does from each state. A state an action
 * is not listed under is an illegal move (409 naming the actions allowed from it).
 *
 * A campaign is edited while a draft or open, opened once, closed once (only when none of its vacancies is still a
 * draft or open: the service checks that). A vacancy is edited while a draft or open (some fields only while a
 * draft), opened (under an open campaign), closed (applications stop; the pipeline goes on), or withdrawn (the
 * advert pulled) from draft or open. Its panel changes until it is withdrawn: panels change while candidates are
 * sifted and interviewed.
 */
export const CAMPAIGN_ACTIONS = ['edit', 'open', 'close'] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

const CAMPAIGN_MOVES: Readonly<Record<CampaignAction, Partial<Record<CampaignState, CampaignState>>>> = {
  edit: { draft: 'draft', open: 'open' },
  open: { draft: 'open' },
  close: { open: 'closed' },
};

export const VACANCY_ACTIONS = ['edit', 'change-panel', 'open', 'close', 'withdraw'] as const;
export type VacancyAction = (typeof VACANCY_ACTIONS)[number];

const VACANCY_MOVES: Readonly<Record<VacancyAction, Partial<Record<VacancyState, VacancyState>>>> = {
  edit: { draft: 'draft', open: 'open' },
  'change-panel': { draft: 'draft', open: 'open', closed: 'closed' },
  open: { draft: 'open' },
  close: { open: 'closed' },
  withdraw: { draft: 'withdrawn', open: 'withdrawn' },
};

/** The fields of a vacancy that may change once it is open (the advert is out: its terms stay as advertised). */
export const OPEN_VACANCY_EDITABLE = ['title', 'closesOn', 'posts', 'locationIds', 'reserveListMonths'] as const;

/** The state after `action`, or null when the move is illegal. */
export function nextCampaignState(state: CampaignState, action: CampaignAction): CampaignState | null {
  return CAMPAIGN_MOVES[action][state] ?? null;
}

/** The actions allowed from `state`, in table order. */
export function allowedCampaignActions(state: CampaignState): CampaignAction[] {
  return CAMPAIGN_ACTIONS.filter((action) => CAMPAIGN_MOVES[action][state] !== undefined);
}

export function nextVacancyState(state: VacancyState, action: VacancyAction): VacancyState | null {
  return VACANCY_MOVES[action][state] ?? null;
}

export function allowedVacancyActions(state: VacancyState): VacancyAction[] {
  return VACANCY_ACTIONS.filter((action) => VACANCY_MOVES[action][state] !== undefined);
}
