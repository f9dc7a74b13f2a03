import type { Provider, Type } from '@nestjs/common';

/**
 * Candidates: candidate records, bulk import from partners and job boards, the candidate link (single-purpose expiring tokens).
 * Entities, providers and the services other modules may use, gathered here for RecruitmentModule.
 */
export const CANDIDATES_ENTITIES: Type[] = [];
export const CANDIDATES_PROVIDERS: Provider[] = [];
export const CANDIDATES_SERVICES: Type[] = [];
