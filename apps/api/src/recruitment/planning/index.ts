import type { Type } from '@nestjs/common';

/** Planning: establishment (funded posts), partners and their service levels, campaigns, vacancies. Controllers for RecruitmentApiModule. */
export const PLANNING_CONTROLLERS: Type[] = [];
