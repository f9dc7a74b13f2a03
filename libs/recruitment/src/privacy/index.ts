export { CandidateRetentionJob } from './candidate-retention.job.js';
export { DiversityAnswerOutcome } from './diversity-answer-outcome.entity.js';
export { DiversityAnswer } from './diversity-answer.entity.js';
export { DiversityDemoSeeder } from './diversity-demo.seeder.js';
export {
  DIVERSITY_CATEGORIES,
  DIVERSITY_CATEGORY_NAMES,
  MIN_CELL_SIZE,
  suppressCells,
  type DiversityAnswers,
  type DiversityCategory,
  type DiversityCell,
} from './diversity.js';
export { type DiversityFilter } from './diversity.repository.js';
export { DiversityService, type DiversityReport } from './diversity.service.js';
export { PrivacyPermission, exportsCandidates } from './privacy-permissions.js';
export { PRIVACY_ENTITIES, PRIVACY_SERVICES } from './privacy.providers.js';
export { ANONYMISED_NAME, ANONYMISED_TEXT, RESERVE_LIST_EXPIRES_SQL } from './retention.repository.js';
export { RetentionService } from './retention.service.js';
export { SUBJECT_ACCESS_TABLES, type SubjectAccessTable } from './subject-access.js';
export { SubjectAccessService, type SubjectAccessExport } from './subject-access.service.js';
