import type { Provider, Type } from '@nestjs/common';

/**
 * The annual skills review: cycles, reviews and their ratings, gaps and career paths. Entities,
 * providers and the services other modules may use, gathered here for ReviewsModule.
 */
export const SKILLS_REVIEW_ENTITIES: Type[] = [];
export const SKILLS_REVIEW_PROVIDERS: Provider[] = [];
export const SKILLS_REVIEW_SERVICES: Type[] = [];
