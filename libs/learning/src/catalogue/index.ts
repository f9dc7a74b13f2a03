export {
  CATALOGUE_CSV_COLUMNS,
  CATALOGUE_CSV_COLUMN_DOCS,
  CatalogueRowValidator,
  ITEM_CODE,
  parseSkills,
  readCatalogueHeader,
  type CatalogueCsvColumn,
  type CatalogueRow,
} from './catalogue-csv.js';
export { CatalogueExportService, type CatalogueExport } from './catalogue-export.service.js';
export {
  CatalogueImportService,
  type CatalogueImportOptions,
  type CatalogueImportResult,
} from './catalogue-import.service.js';
export { CATALOGUE_IMPORT_PERMISSION, CATALOGUE_MANAGE_PERMISSION } from './catalogue-permissions.js';
export {
  DEMO_EVENTS,
  DEMO_INCLUSION_ITEMS,
  DEMO_LADDER,
  DEMO_NOTE,
  DEMO_SKILLS_PER_FAMILY,
  type DemoEvent,
} from './demo/learning-map-demo.data.js';
export { LearningMapDemoSeeder } from './demo/learning-map-demo.seeder.js';
export * from './learning-catalogue.errors.js';
export * from './learning-item-skill.entity.js';
export * from './learning-item.entity.js';
export {
  FAMILY_SKILLS_SQL,
  type CurrentSkill,
  type ItemSkill,
  type LearningItemDetail,
  type LearningItemFilter,
} from './learning-items.repository.js';
export {
  LearningItemsService,
  eventProblem,
  type LearningItemChanges,
  type NewLearningItem,
  type SkillTarget,
} from './learning-items.service.js';
export type { MapItemRef, MapRoleLevel, MapScope } from './learning-map.repository.js';
export { LearningMapService, type MapLevel, type MapSkill } from './learning-map.service.js';
