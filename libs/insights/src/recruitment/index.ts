export { RECRUITMENT_INSIGHTS_CSV_COLUMNS, recruitmentInsightsCsv } from './recruitment-csv.js';
export { RecruitmentInsightsNotAllowed } from './recruitment-insights.errors.js';
export {
  RecruitmentInsightsService,
  type LevelGapClosure,
  type RecruitmentInsights,
  type RecruitmentInsightsQuery,
} from './recruitment-insights.service.js';
export { recruitmentInsightsXlsx } from './recruitment-xlsx.js';
export { RECRUITMENT_INSIGHTS_ENTITIES, RECRUITMENT_INSIGHTS_SERVICES } from './recruitment.providers.js';
