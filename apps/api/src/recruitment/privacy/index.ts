import type { Type } from '@nestjs/common';
import { DiversityController } from './diversity.controller.js';
import { SubjectAccessController } from './subject-access.controller.js';

/** Privacy: diversity monitoring (aggregate only, suppressed), retention and anonymisation, the subject-access export. Controllers for RecruitmentApiModule. */
export const PRIVACY_CONTROLLERS: Type[] = [DiversityController, SubjectAccessController];
