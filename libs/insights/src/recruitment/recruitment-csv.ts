import { csvLines } from '../common/csv.js';
import type { RecruitmentInsights } from './recruitment-insights.service.js';

/**
 * The recruitment insights as CSV: a `level` line per role level (gap closure) and a `funnel` line per stage of the
 * overall funnel (the recruitment figures' other parts are in the JSON).
 */
export const RECRUITMENT_INSIGHTS_CSV_COLUMNS = [
  'section',
  'roleFamily',
  'roleLevel',
  'roleLevelName',
  'inPost',
  'withGaps',
  'percentWithGaps',
  'peopleSuppressed',
  'openVacancies',
  'openPosts',
  'acceptedOffers',
  'livePipeline',
  'stage',
  'reached',
  'conversionFromPreviousPercent',
] as const;

export function recruitmentInsightsCsv(r: RecruitmentInsights): Generator<string> {
  return csvLines(RECRUITMENT_INSIGHTS_CSV_COLUMNS, [
    ...r.gapClosure.map((l) => ({ section: 'level', ...l })),
    ...r.figures.funnel.stages.map((s) => ({
      section: 'funnel',
      stage: s.stage,
      reached: s.reached,
      conversionFromPreviousPercent: s.conversionFromPreviousPercent,
    })),
  ]);
}
