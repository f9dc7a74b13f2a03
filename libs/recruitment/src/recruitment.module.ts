import { FrameworkModule } from '@capability/framework';
import { WorkforceModule } from '@capability/workforce';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  APPLICATIONS_ENTITIES,
  APPLICATIONS_PROVIDERS,
  APPLICATIONS_SERVICES,
} from './applications/applications.providers.js';
import { CANDIDATES_ENTITIES, CANDIDATES_PROVIDERS, CANDIDATES_SERVICES } from './candidates/candidates.providers.js';
import { FIGURES_ENTITIES, FIGURES_PROVIDERS, FIGURES_SERVICES } from './figures/figures.providers.js';
import { PLANNING_ENTITIES, PLANNING_PROVIDERS, PLANNING_SERVICES } from './planning/planning.providers.js';
import { PRIVACY_ENTITIES, PRIVACY_PROVIDERS, PRIVACY_SERVICES } from './privacy/privacy.providers.js';

export const RECRUITMENT_ENTITIES = [
  ...PLANNING_ENTITIES,
  ...CANDIDATES_ENTITIES,
  ...APPLICATIONS_ENTITIES,
  ...PRIVACY_ENTITIES,
  ...FIGURES_ENTITIES,
];

/**
 * Recruitment: establishment, partners, campaigns, vacancies, candidates through a fair pipeline to appointment
 * (which creates the staff record through workforce's service), privacy by design, recruitment figures.
 */
@Module({
  imports: [TypeOrmModule.forFeature(RECRUITMENT_ENTITIES), WorkforceModule, FrameworkModule],
  providers: [
    ...PLANNING_PROVIDERS,
    ...CANDIDATES_PROVIDERS,
    ...APPLICATIONS_PROVIDERS,
    ...PRIVACY_PROVIDERS,
    ...FIGURES_PROVIDERS,
  ],
  exports: [
    ...PLANNING_SERVICES,
    ...CANDIDATES_SERVICES,
    ...APPLICATIONS_SERVICES,
    ...PRIVACY_SERVICES,
    ...FIGURES_SERVICES,
  ],
})
export class RecruitmentModule {}
