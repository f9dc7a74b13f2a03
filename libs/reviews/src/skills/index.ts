export {
  RESULTS_CSV_COLUMNS,
  RESULTS_CSV_COLUMN_DOCS,
  RESULTS_IMPORT_COLUMNS,
  type ResultsCsvColumn,
} from './results/review-results-csv.js';
export {
  RESULTS_EXPORT_PERMISSION,
  ReviewResultsExportService,
  type ResultsExport,
} from './results/review-results-export.service.js';
export { type ResultsImportCounts } from './results/review-results-import.repository.js';
export {
  ReviewResultsImportService,
  type ResultsImportOptions,
  type ResultsImportResult,
} from './results/review-results-import.service.js';
export { ReviewCycleNotOpen } from './results/review-results.errors.js';
export { EXCLUSION_REASONS, ReviewCycleExclusion, type ExclusionReason } from './review-cycle-exclusion.entity.js';
export { CYCLE_STATES, ReviewCycle, type CycleState } from './review-cycle.entity.js';
export {
  ClosingBeforeOpening,
  IllegalCycleMove,
  NoCurrentFrameworkVersion,
  OverlappingCycles,
  ReviewCycleNotFound,
  UnknownUnit,
  type CycleOverlap,
} from './review-cycle.errors.js';
export { type CycleFigures, type CycleFilter, type LeftOutRow } from './review-cycles.repository.js';
export {
  ReviewCyclesService,
  type NewReviewCycle,
  type OpenedCycle,
  type ReviewCycleChanges,
  type ReviewCycleDetail,
} from './review-cycles.service.js';
export { ReviewPermission } from './review-permissions.js';
export { ReviewRemindersJob } from './review-reminders.job.js';
export { REMINDER_WINDOWS, REVIEW_REMINDER_TEMPLATES } from './review-reminders.repository.js';
export {
  CALIBRATION_THRESHOLD,
  CYCLE_ACTIONS,
  REVIEW_ACTIONS,
  allowedCycleActions,
  allowedReviewActions,
  nextCycleState,
  nextReviewState,
  type CycleAction,
  type ReviewAction,
} from './review-states.js';
export { NoNextRoleLevel, NoRoleLevel } from './skill-gaps.errors.js';
export { type GapRow, type RoleLevelRow } from './skill-gaps.repository.js';
export { SkillGapsService, type GapTarget, type SkillGaps } from './skill-gaps.service.js';
export { SkillReviewRating } from './skill-review-rating.entity.js';
export { REVIEW_STATES, SkillReview, type ReviewState } from './skill-review.entity.js';
export {
  IllegalReviewMove,
  NotLineManager,
  NotReviewee,
  RatingsInvalid,
  ReviewCycleClosed,
  SelfValidation,
  SkillReviewNotFound,
} from './skill-review.errors.js';
export {
  type RatingRow,
  type ReviewFilter,
  type ReviewListItem,
  type ReviewRow,
  type SkillLevelText,
} from './skill-reviews.repository.js';
export {
  SELF_ASSESSMENT_STATEMENT,
  SkillReviewsService,
  type ReviewDetail,
  type SelfAssessment,
  type Validation,
} from './skill-reviews.service.js';
