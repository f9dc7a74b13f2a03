import type { Type } from '@nestjs/common';
import { CampaignsController } from './campaigns.controller.js';
import { EstablishmentController } from './establishment.controller.js';
import { PartnersController } from './partners.controller.js';
import { VacanciesController } from './vacancies.controller.js';

/** Planning: establishment (funded posts), partners and their service levels, campaigns, vacancies. Controllers for RecruitmentApiModule. */
export const PLANNING_CONTROLLERS: Type[] = [
  EstablishmentController,
  PartnersController,
  CampaignsController,
  VacanciesController,
];
