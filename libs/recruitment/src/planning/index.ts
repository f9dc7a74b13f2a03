export { CampaignGapRoleLevel } from './campaign-gap-role-level.entity.js';
export { CampaignGapSkill } from './campaign-gap-skill.entity.js';
export { CampaignPartner } from './campaign-partner.entity.js';
export { CAMPAIGN_KINDS, CAMPAIGN_STATES, Campaign, type CampaignKind, type CampaignState } from './campaign.entity.js';
export {
  CampaignHasLiveVacancies,
  CampaignInvalid,
  CampaignNotFound,
  CampaignNotOpen,
  IllegalCampaignMove,
} from './campaign.errors.js';
export { type CampaignFilter } from './campaigns.repository.js';
export {
  CampaignsService,
  type CampaignChanges,
  type CampaignDetail,
  type CampaignGap,
  type NewCampaign,
} from './campaigns.service.js';
export { CloseVacanciesJob } from './close-vacancies.job.js';
export { EstablishmentPost, MAX_FUNDED_POSTS } from './establishment-post.entity.js';
export {
  EstablishmentInvalid,
  EstablishmentOverlap,
  EstablishmentPostNotFound,
  EstablishmentScopeNotAllowed,
} from './establishment.errors.js';
export {
  type EstablishmentFilter,
  type EstablishmentPostView,
  type EstablishmentSummaryRow,
} from './establishment.repository.js';
export {
  EstablishmentService,
  type EstablishmentChanges,
  type EstablishmentSummary,
  type EstablishmentSummaryLine,
  type NewEstablishmentPost,
} from './establishment.service.js';
export { PartnerContact } from './partner-contact.entity.js';
export {
  DEFAULT_PERFORMANCE_MONTHS,
  MAX_PERFORMANCE_MONTHS,
  PartnerPerformanceService,
  addMonths,
  monthRange,
  type MonthRange,
  type PartnerPerformance,
  type PerformanceMonth,
  type ServiceLevelPerformance,
} from './partner-performance.service.js';
export {
  PartnerServiceLevel,
  SERVICE_LEVEL_DIRECTION,
  SERVICE_LEVEL_METRICS,
  SERVICE_LEVEL_RANGE,
  type ServiceLevelMetric,
} from './partner-service-level.entity.js';
export { PARTNER_KINDS, Partner, type PartnerKind } from './partner.entity.js';
export { PartnerInvalid, PartnerNotFound } from './partner.errors.js';
export { type PartnerFilter } from './partners.repository.js';
export {
  PartnersService,
  type NewContact,
  type NewPartner,
  type NewServiceLevel,
  type PartnerChanges,
  type PartnerDetail,
} from './partners.service.js';
export { DEMO_PANEL_MEMBER_EMAIL, DEMO_PREFIX, PlanningDemoSeeder } from './planning-demo.seeder.js';
export { PlanningPermission } from './planning-permissions.js';
export {
  CAMPAIGN_ACTIONS,
  OPEN_VACANCY_EDITABLE,
  VACANCY_ACTIONS,
  allowedCampaignActions,
  allowedVacancyActions,
  nextCampaignState,
  nextVacancyState,
  type CampaignAction,
  type VacancyAction,
} from './planning-states.js';
export { PLANNING_ENTITIES, PLANNING_SERVICES } from './planning.providers.js';
export { type RequiredSkill, type VacancyFilter } from './vacancies.repository.js';
export {
  VacanciesService,
  type NewPanelMember,
  type NewVacancy,
  type VacancyChanges,
  type VacancyDetail,
  type VacancyWithSkills,
} from './vacancies.service.js';
export { VacancyLocation } from './vacancy-location.entity.js';
export { VacancyPanelMember } from './vacancy-panel-member.entity.js';
export {
  DEFAULT_REQUIRED_CHECKS,
  DEFAULT_RESERVE_LIST_MONTHS,
  MAX_RESERVE_LIST_MONTHS,
  MAX_SALARY,
  MAX_VACANCY_POSTS,
  PRE_EMPLOYMENT_CHECKS,
  VACANCY_STATES,
  Vacancy,
  type PreEmploymentCheck,
  type VacancyState,
} from './vacancy.entity.js';
export { IllegalVacancyMove, VacancyFieldsLocked, VacancyInvalid, VacancyNotFound } from './vacancy.errors.js';
