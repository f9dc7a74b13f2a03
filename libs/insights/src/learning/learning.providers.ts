import type { Provider, Type } from '@nestjs/common';

/**
 * Learning: completions and hours, inclusion package uptake, whether gaps closed for those who learned.
 * Entities (snapshot tables only: insights writes nothing else), providers and the services other modules may use,
 * gathered here for InsightsModule.
 */
export const LEARNING_INSIGHTS_ENTITIES: Type[] = [];
export const LEARNING_INSIGHTS_PROVIDERS: Provider[] = [];
export const LEARNING_INSIGHTS_SERVICES: Type[] = [];
