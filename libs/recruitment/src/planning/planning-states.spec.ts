import { describe, expect, it } from 'vitest';
import { CAMPAIGN_STATES, type CampaignState } from './campaign.entity.js';
import {
  allowedCampaignActions,
  allowedVacancyActions,
  CAMPAIGN_ACTIONS,
  nextCampaignState,
  nextVacancyState,
  VACANCY_ACTIONS,
  type CampaignAction,
  type VacancyAction,
} from './planning-states.js';
import { VACANCY_STATES, type VacancyState } from './vacancy.entity.js';

/** The whole tables, written out: every (state, action) pair either moves to a state or is illegal (null). */
const CAMPAIGN: Record<CampaignState, Record<CampaignAction, CampaignState | null>> = {
  draft: { edit: 'draft', open: 'open', close: null },
  open: { edit: 'open', open: null, close: 'closed' },
  closed: { edit: null, open: null, close: null },
};

const VACANCY: Record<VacancyState, Record<VacancyAction, VacancyState | null>> = {
  draft: { edit: 'draft', 'change-panel': 'draft', open: 'open', close: null, withdraw: 'withdrawn' },
  open: { edit: 'open', 'change-panel': 'open', open: null, close: 'closed', withdraw: 'withdrawn' },
  closed: { edit: null, 'change-panel': 'closed', open: null, close: null, withdraw: null },
  withdrawn: { edit: null, 'change-panel': null, open: null, close: null, withdraw: null },
};

describe('the campaign state machine', () => {
  for (const state of CAMPAIGN_STATES) {
    for (const action of CAMPAIGN_ACTIONS) {
      it(`${state} + ${action} → ${CAMPAIGN[state][action] ?? 'illegal'}`, () => {
        expect(nextCampaignState(state, action)).toBe(CAMPAIGN[state][action]);
      });
    }
    it(`names the actions allowed from ${state}`, () => {
      expect(allowedCampaignActions(state)).toEqual(CAMPAIGN_ACTIONS.filter((a) => CAMPAIGN[state][a] !== null));
    });
  }
});

describe('the vacancy state machine', () => {
  for (const state of VACANCY_STATES) {
    for (const action of VACANCY_ACTIONS) {
      it(`${state} + ${action} → ${VACANCY[state][action] ?? 'illegal'}`, () => {
        expect(nextVacancyState(state, action)).toBe(VACANCY[state][action]);
      });
    }
    it(`names the actions allowed from ${state}`, () => {
      expect(allowedVacancyActions(state)).toEqual(VACANCY_ACTIONS.filter((a) => VACANCY[state][a] !== null));
    });
  }

  it('never leaves withdrawn, and never reopens', () => {
    for (const action of VACANCY_ACTIONS) expect(nextVacancyState('withdrawn', action)).toBeNull();
    for (const state of VACANCY_STATES) {
      if (state !== 'draft') expect(nextVacancyState(state, 'open')).toBeNull();
    }
  });
});
