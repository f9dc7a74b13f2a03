import type { Provider, Type } from '@nestjs/common';

/**
 * Applications: the pipeline (a table of allowed moves), scores, name-blind sift, Disability Confident, offers, pre-employment checks, appointment through workforce, reserve lists.
 * Entities, providers and the services other modules may use, gathered here for RecruitmentModule.
 */
export const APPLICATIONS_ENTITIES: Type[] = [];
export const APPLICATIONS_PROVIDERS: Provider[] = [];
export const APPLICATIONS_SERVICES: Type[] = [];
