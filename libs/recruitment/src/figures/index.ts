export { FiguresPermission } from './figures-permissions.js';
export { FiguresScopeNotAllowed } from './figures.errors.js';
export { FIGURES_ENTITIES, FIGURES_SERVICES } from './figures.providers.js';
export { FUNNEL_STAGES, SMALL_NUMBER_MAX, percent, suppress, type FunnelStage } from './funnel.js';
export { type Spread, type StageStay } from './recruitment-figures.repository.js';
export {
  COMPLIANCE_MONTHS,
  RecruitmentFiguresService,
  type CampaignBelowTarget,
  type CampaignFunnel,
  type FamilyConversion,
  type FiguresQuery,
  type FunnelFigures,
  type FunnelStageFigures,
  type Funnels,
  type OfferAcceptance,
  type PartnerCompliance,
  type RecruitmentFigures,
  type ServiceLevelCompliance,
  type SourceOutcome,
  type VacancyFunnel,
} from './recruitment-figures.service.js';
