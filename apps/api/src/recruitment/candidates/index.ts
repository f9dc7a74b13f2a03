import type { Type } from '@nestjs/common';

/** Candidates: candidate records, bulk import from partners and job boards, the candidate link (single-purpose expiring tokens). Controllers for RecruitmentApiModule. */
export const CANDIDATES_CONTROLLERS: Type[] = [];
