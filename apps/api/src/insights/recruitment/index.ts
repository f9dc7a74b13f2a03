import type { Type } from '@nestjs/common';
import { RecruitmentInsightsController } from './recruitment-insights.controller.js';
import { RecruitmentInsightsXlsxController } from './recruitment-xlsx.controller.js';

/** Recruitment: the recruitment lib's figures, and gap closure per role level (gaps and vacancies against accepted offers and the live pipeline). Controllers for InsightsApiModule. */
export const RECRUITMENT_INSIGHTS_CONTROLLERS: Type[] = [
  RecruitmentInsightsController,
  RecruitmentInsightsXlsxController,
];
