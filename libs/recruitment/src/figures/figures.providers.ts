import type { Provider, Type } from '@nestjs/common';

/**
 * Recruitment figures: funnel, time to hire, acceptance, outcomes per source and partner, service-level compliance (queries insights reuses).
 * Entities, providers and the services other modules may use, gathered here for RecruitmentModule.
 */
export const FIGURES_ENTITIES: Type[] = [];
export const FIGURES_PROVIDERS: Provider[] = [];
export const FIGURES_SERVICES: Type[] = [];
