export { CANDIDATE_CSV_COLUMNS, CANDIDATE_CSV_COLUMN_DOCS, type CandidateCsvColumn } from './candidate-csv.js';
export { type CandidateImportCounts } from './candidate-import.repository.js';
export {
  CandidateImportService,
  type CandidateImportOptions,
  type CandidateImportResult,
} from './candidate-import.service.js';
export { CandidatePermission, readsCandidates } from './candidate-permissions.js';
export {
  CANDIDATE_CHANNELS,
  Candidate,
  MAX_GRADUATION_YEAR,
  MIN_GRADUATION_YEAR,
  RIGHT_TO_WORK,
  type CandidateChannel,
  type RightToWork,
} from './candidate.entity.js';
export { CandidateInvalid, CandidateNotFound, DuplicateCandidate } from './candidate.errors.js';
export { CANDIDATES_ENTITIES, CANDIDATES_SERVICES } from './candidates.providers.js';
export { type CandidateFilter, type PartnerRef } from './candidates.repository.js';
export {
  CandidatesService,
  type CandidateChanges,
  type CandidateDetail,
  type NewCandidate,
} from './candidates.service.js';
