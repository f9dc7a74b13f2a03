import type { Provider, Type } from '@nestjs/common';

/**
 * Digital inclusion: assessments on the 1..9 scale, the questionnaire, and anonymous awareness pulse
 * surveys. Entities, providers and the services other modules may use, gathered here for ReviewsModule.
 */
export const INCLUSION_ENTITIES: Type[] = [];
export const INCLUSION_PROVIDERS: Provider[] = [];
export const INCLUSION_SERVICES: Type[] = [];
