import type { Type } from '@nestjs/common';

/** Privacy: diversity monitoring (aggregate only, suppressed), retention and anonymisation, the subject-access export. Controllers for RecruitmentApiModule. */
export const PRIVACY_CONTROLLERS: Type[] = [];
