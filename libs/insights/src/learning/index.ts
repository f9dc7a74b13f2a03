export { LEARNING_CSV_COLUMNS, learningCsv, type LearningCsvColumn } from './learning-csv.js';
export { LearningInsightsService } from './learning-insights.service.js';
export type {
  ClosureSplit,
  CompletionFigures,
  FamilyCompletions,
  GapClosure,
  ItemCompletions,
  LearningQuery,
  LearningReport,
  SkillClosure,
  UnitCompletions,
  UptakePackage,
  UptakeRow,
} from './learning-insights.service.js';
export { LearningInsightsPermission } from './learning-permissions.js';
export { learningXlsx } from './learning-xlsx.js';
export { LEARNING_INSIGHTS_ENTITIES, LEARNING_INSIGHTS_SERVICES } from './learning.providers.js';
