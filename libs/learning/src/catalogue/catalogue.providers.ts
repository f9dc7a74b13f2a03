import { registerConstraintMessages } from '@capability/platform';
import type { Provider, Type } from '@nestjs/common';
import { CatalogueExportService } from './catalogue-export.service.js';
import { CatalogueImportRepository } from './catalogue-import.repository.js';
import { CatalogueImportService } from './catalogue-import.service.js';
import { LearningMapDemoSeeder } from './demo/learning-map-demo.seeder.js';
import { LearningItemSkill } from './learning-item-skill.entity.js';
import { LearningItem } from './learning-item.entity.js';
import { LearningItemsRepository } from './learning-items.repository.js';
import { LearningItemsService } from './learning-items.service.js';
import { LearningMapRepository } from './learning-map.repository.js';
import { LearningMapService } from './learning-map.service.js';

/**
 * The learning map: catalogue items (courses, e-learning, events, certifications, shadowing or mentoring,
 * self-directed) with the skills each develops and to which level; the map of role levels to items; catalogue
 * import and export. Entities, providers and the services other modules may use, gathered here for LearningModule.
 *
 * Tables:
 * - `learning_items`: code (unique, the import's key), title, provider kind and name, format, hours, url,
 *   description, counts_towards_inclusion and inclusion_package, active (retired when false; never deleted),
 *   starts_at/ends_at/location (an event's, and only an event's), demo, created_by_user_id, version (If-Match).
 * - `learning_item_skills` (item_id, skill_slug): the skill id of the current framework version at save time and
 *   the level (1..4) the item takes a learner to.
 */
export const CATALOGUE_ENTITIES: Type[] = [LearningItem, LearningItemSkill];
export const CATALOGUE_SERVICES: Type[] = [
  LearningItemsService,
  LearningMapService,
  CatalogueImportService,
  CatalogueExportService,
];
export const CATALOGUE_PROVIDERS: Provider[] = [
  LearningItemsRepository,
  LearningMapRepository,
  CatalogueImportRepository,
  ...CATALOGUE_SERVICES,
  // The demo department's starter map (a demo seeder: `npm start` on the embedded database only).
  LearningMapDemoSeeder,
];

registerConstraintMessages({
  uq_learning_items_code: 'A learning item with this code already exists',
  ck_learning_items_code_format: 'code must be capitals, digits and single dashes, e.g. CSL-DATA-101',
  ck_learning_items_hours_range: 'hours must be more than 0 and at most 10000',
  ck_learning_items_package_counts: 'An item of an inclusion package counts towards inclusion',
  ck_learning_items_event_fields: 'An event needs startsAt, endsAt and location; other formats have none of them',
  ck_learning_items_event_order: 'endsAt must be on or after startsAt',
  ck_learning_item_skills_level_range: 'A skill level is from 1 to 4',
});
