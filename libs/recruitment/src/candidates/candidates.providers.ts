import { registerConstraintMessages } from '@capability/platform';
import type { Provider, Type } from '@nestjs/common';
import { CandidateImportRepository } from './candidate-import.repository.js';
import { CandidateImportService } from './candidate-import.service.js';
import { CandidateLinkFailure } from './candidate-link-failure.entity.js';
import { CandidateLinkToken } from './candidate-link-token.entity.js';
import { CandidateLinkRepository } from './candidate-link.repository.js';
import { CandidateLinkService } from './candidate-link.service.js';
import { Candidate } from './candidate.entity.js';
import { CandidatesRepository } from './candidates.repository.js';
import { CandidatesService } from './candidates.service.js';

/**
 * Candidates: candidate records, bulk import from partners and job boards, the candidate link (single-purpose expiring tokens).
 * Entities, providers and the services other modules may use, gathered here for RecruitmentModule.
 *
 * Tables:
 * - `candidates`: full_name, email (unique whatever its case: `uq_candidates_email` on lower(email)), phone, the source
 *   (partner_id, or else channel), university, course, graduation_year, right_to_work, retention_consent (and when it
 *   was given), anonymised_at (the retention job's); version. Diversity-monitoring answers are never kept here.
 * - `candidate_link_tokens`: candidate_id, application_id (none yet), purpose, token_hash (SHA-256, unique),
 *   expires_at, revoked_at, last_used_at, issued_by_user_id.
 * - `candidate_link_failures`: client (address), failures, window_ends_at: refused links per client address.
 */
export const CANDIDATES_ENTITIES: Type[] = [Candidate, CandidateLinkToken, CandidateLinkFailure];
export const CANDIDATES_SERVICES: Type[] = [CandidatesService, CandidateImportService, CandidateLinkService];
export const CANDIDATES_PROVIDERS: Provider[] = [
  CandidatesRepository,
  CandidateImportRepository,
  CandidateLinkRepository,
  ...CANDIDATES_SERVICES,
];

registerConstraintMessages({
  uq_candidates_email: 'A candidate with this email already exists',
  fk_candidates_partner_id: 'No such partner',
  ck_candidates_source: 'A candidate comes from a partner or else a channel',
  ck_candidates_email: 'An email has one @ and a dot in its domain',
  ck_candidates_graduation_year: 'A graduation year is from 1950 to 2100',
  fk_candidate_link_tokens_candidate_id: 'No such candidate',
});
