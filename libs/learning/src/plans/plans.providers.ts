import type { Provider, Type } from '@nestjs/common';

/**
 * Capability action plans: a unit's or a role family's priorities with measured targets, the actions under them,
 * and progress measured from the data. Entities, providers and services, gathered here for LearningModule.
 */
export const PLANS_ENTITIES: Type[] = [];
export const PLANS_PROVIDERS: Provider[] = [];
export const PLANS_SERVICES: Type[] = [];
