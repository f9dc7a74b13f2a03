import type { Type } from '@nestjs/common';
import { CandidateImportController } from './candidate-import.controller.js';
import { CandidateLinkController } from './candidate-link.controller.js';
import { CandidateLinksController } from './candidate-links.controller.js';
import { CandidatesController } from './candidates.controller.js';

/** Candidates: candidate records, bulk import from partners and job boards, the candidate link (single-purpose expiring tokens). Controllers for RecruitmentApiModule. */
export const CANDIDATES_CONTROLLERS: Type[] = [
  CandidateImportController,
  CandidatesController,
  CandidateLinksController,
  CandidateLinkController,
];
