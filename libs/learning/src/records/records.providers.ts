import type { Provider, Type } from '@nestjs/common';

/**
 * Records of learning: completions of catalogue items or external learning, with evidence, verified or rejected
 * by line managers. Entities, providers and the services other modules may use, gathered here for LearningModule.
 */
export const RECORDS_ENTITIES: Type[] = [];
export const RECORDS_PROVIDERS: Provider[] = [];
export const RECORDS_SERVICES: Type[] = [];
