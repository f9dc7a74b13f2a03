import type { Type } from '@nestjs/common';

/** Recruitment figures: funnel, time to hire, acceptance, outcomes per source and partner, service-level compliance (queries insights reuses). Controllers for RecruitmentApiModule. */
export const FIGURES_CONTROLLERS: Type[] = [];
