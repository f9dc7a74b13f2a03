import type { Provider, Type } from '@nestjs/common';

/**
 * Planning: establishment (funded posts), partners and their service levels, campaigns, vacancies.
 * Entities, providers and the services other modules may use, gathered here for RecruitmentModule.
 */
export const PLANNING_ENTITIES: Type[] = [];
export const PLANNING_PROVIDERS: Provider[] = [];
export const PLANNING_SERVICES: Type[] = [];
