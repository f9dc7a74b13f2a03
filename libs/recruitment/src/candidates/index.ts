export { CANDIDATE_CSV_COLUMNS, CANDIDATE_CSV_COLUMN_DOCS, type CandidateCsvColumn } from './candidate-csv.js';
export { type CandidateImportCounts } from './candidate-import.repository.js';
export {
  CandidateImportService,
  type CandidateImportOptions,
  type CandidateImportResult,
} from './candidate-import.service.js';
export { CandidateLinkFailure } from './candidate-link-failure.entity.js';
export {
  CANDIDATE_LINK_PURPOSES,
  CandidateLinkToken,
  type CandidateLinkPurpose,
} from './candidate-link-token.entity.js';
export { CandidateAnonymised, CandidateLinkInvalid, TooManyCandidateLinkFailures } from './candidate-link.errors.js';
export { type CandidateLinkViewRow } from './candidate-link.repository.js';
export {
  CANDIDATE_LINK_FAILURE_WINDOW_MS,
  CANDIDATE_LINK_TEMPLATE,
  CandidateLinkService,
  type CandidateLinkSession,
  type IssuedCandidateLink,
} from './candidate-link.service.js';
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
