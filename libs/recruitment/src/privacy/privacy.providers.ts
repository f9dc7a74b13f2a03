import type { Provider, Type } from '@nestjs/common';

/**
 * Privacy: diversity monitoring (aggregate only, suppressed), retention and anonymisation, the subject-access export.
 * Entities, providers and the services other modules may use, gathered here for RecruitmentModule.
 */
export const PRIVACY_ENTITIES: Type[] = [];
export const PRIVACY_PROVIDERS: Provider[] = [];
export const PRIVACY_SERVICES: Type[] = [];
