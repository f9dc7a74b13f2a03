import type { Provider, Type } from '@nestjs/common';
import { LearningItemSkill } from './learning-item-skill.entity.js';
import { LearningItem } from './learning-item.entity.js';

/**
 * The learning map: catalogue items (courses, e-learning, events, certifications, shadowing or mentoring,
 * self-directed) with the skills each develops and to which level; the map of role levels to items; catalogue
 * import and export. Entities, providers and the services other modules may use, gathered here for LearningModule.
 */
export const CATALOGUE_ENTITIES: Type[] = [LearningItem, LearningItemSkill];
export const CATALOGUE_PROVIDERS: Provider[] = [];
export const CATALOGUE_SERVICES: Type[] = [];
