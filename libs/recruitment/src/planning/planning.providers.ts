import { registerConstraintMessages } from '@capability/platform';
import type { Provider, Type } from '@nestjs/common';
import { CampaignGapRoleLevel } from './campaign-gap-role-level.entity.js';
import { CampaignGapSkill } from './campaign-gap-skill.entity.js';
import { CampaignPartner } from './campaign-partner.entity.js';
import { Campaign } from './campaign.entity.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CampaignsService } from './campaigns.service.js';
import { CloseVacanciesJob } from './close-vacancies.job.js';
import { EstablishmentPost } from './establishment-post.entity.js';
import { EstablishmentRepository } from './establishment.repository.js';
import { EstablishmentService } from './establishment.service.js';
import { PartnerContact } from './partner-contact.entity.js';
import { PartnerPerformanceRepository } from './partner-performance.repository.js';
import { PartnerPerformanceService } from './partner-performance.service.js';
import { PartnerServiceLevel } from './partner-service-level.entity.js';
import { Partner } from './partner.entity.js';
import { PartnersRepository } from './partners.repository.js';
import { PartnersService } from './partners.service.js';
import { PlanningDemoSeeder } from './planning-demo.seeder.js';
import { PlanningLookupsRepository } from './planning-lookups.repository.js';
import { VacanciesRepository } from './vacancies.repository.js';
import { VacanciesService } from './vacancies.service.js';
import { VacancyLocation } from './vacancy-location.entity.js';
import { VacancyPanelMember } from './vacancy-panel-member.entity.js';
import { Vacancy } from './vacancy.entity.js';

/**
 * Planning: establishment (funded posts), partners and their service levels, campaigns, vacancies.
 * Entities, providers and the services other modules may use, gathered here for RecruitmentModule.
 *
 * Tables:
 * - `establishment_posts`: unit_id, role_level_id, grade_id, funded_posts (whole posts, 1–10,000), starts_on,
 *   ends_on (exclusive, null while open); no two rows for one unit, role level and grade overlap; version.
 * - `partners`: name (unique), kind university | supplier | agency, country (ISO 3166-1 alpha-2), contract_starts_on,
 *   contract_ends_on (exclusive, null when open-ended); version. `partner_service_levels`: partner_id, metric
 *   days-to-shortlist (at most) | offer-acceptance-rate (at least, %) | candidates-per-post (at least), target.
 *   `partner_contacts`: partner_id, position, name, job_title, email, phone.
 * - `campaigns`: title, kind graduate | apprenticeship | specialist | interim, owner_user_id, starts_on, ends_on
 *   (inclusive), target_hires, state draft → open (opened_at) → closed (closed_at); version. `campaign_partners`,
 *   `campaign_gap_role_levels` (role_level_id), `campaign_gap_skills` (skill_slug, skill_id at save time).
 * - `vacancies`: campaign_id, title, role_level_id, grade_id, unit_id, posts, salary_min ≤ salary_max (whole £ a
 *   year), closes_on (within the campaign), required_checks (right-to-work always), reserve_list_months (1–24,
 *   default 12), state draft → open → closed | withdrawn (opened_at, closed_at, withdrawn_at); version.
 *   `vacancy_locations` (location_id), `vacancy_panel_members` (user_id, is_chair: one chair at most).
 * - `recruitment_offers_awaiting_start` (a view): vacancy_id, unit_id, role_level_id, expected_start_on: one row per
 *   accepted offer whose person is not yet in post. Empty until the applications part of recruitment replaces it
 *   (`CREATE OR REPLACE VIEW`, the same columns first); the establishment summary counts it.
 */
export const PLANNING_ENTITIES: Type[] = [
  EstablishmentPost,
  Partner,
  PartnerServiceLevel,
  PartnerContact,
  Campaign,
  CampaignPartner,
  CampaignGapRoleLevel,
  CampaignGapSkill,
  Vacancy,
  VacancyLocation,
  VacancyPanelMember,
];
export const PLANNING_SERVICES: Type[] = [
  EstablishmentService,
  PartnersService,
  PartnerPerformanceService,
  CampaignsService,
  VacanciesService,
];
/**
 * The `close-vacancies` job (daily), and the demo department's establishment, partners, campaigns and vacancies (a
 * demo seeder: `npm start` on the embedded database only).
 */
export const PLANNING_PROVIDERS: Provider[] = [
  PlanningLookupsRepository,
  EstablishmentRepository,
  PartnersRepository,
  PartnerPerformanceRepository,
  CampaignsRepository,
  VacanciesRepository,
  ...PLANNING_SERVICES,
  CloseVacanciesJob,
  PlanningDemoSeeder,
];

registerConstraintMessages({
  fk_establishment_posts_unit_id: 'No such organisation unit',
  fk_establishment_posts_role_level_id: 'No such role level',
  fk_establishment_posts_grade_id: 'No such grade',
  ck_establishment_posts_funded_posts: 'Funded posts are a whole number from 1 to 10,000',
  ck_establishment_posts_period: 'An establishment row ends after it starts',
  ex_establishment_posts_no_overlap: 'Another row already funds this unit, role level and grade for part of the period',
  uq_partners_name: 'A partner with this name already exists',
  ck_partners_country: 'A country is an ISO 3166-1 alpha-2 code, such as GB',
  ck_partners_contract_period: "A partner's contract ends after it starts",
  ck_partner_service_levels_target_range: 'A service level target is outside the range its metric allows',
  uq_partner_service_levels_partner_metric: 'A partner has one target per service level metric',
  fk_campaign_partners_partner_id: 'No such partner',
  fk_campaign_gap_role_levels_role_level_id: 'No such role level',
  fk_campaign_gap_skills_skill_id: 'No such skill',
  ck_campaigns_period: 'A campaign ends on or after the day it starts',
  ck_campaigns_target_hires: 'Target hires are a whole number from 1 to 10,000',
  fk_vacancies_campaign_id: 'No such campaign',
  fk_vacancies_role_level_id: 'No such role level',
  fk_vacancies_grade_id: 'No such grade',
  fk_vacancies_unit_id: 'No such organisation unit',
  fk_vacancy_locations_location_id: 'No such location',
  ck_vacancies_salary_range: 'The salary range runs from salaryMin up to salaryMax (whole pounds, at most 1,000,000)',
  ck_vacancies_required_checks: 'Required checks come from the fixed list and always include right-to-work',
  ck_vacancies_reserve_list_months: 'A reserve list lasts 1 to 24 months',
  uq_vacancy_panel_members_one_chair: 'A panel has one chair at most',
  uq_vacancy_panel_members_vacancy_user: 'Someone is on a panel once',
});
