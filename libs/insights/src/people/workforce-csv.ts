import { csvLines } from '../common/csv.js';
import type { WorkforceReport } from './workforce-insights.service.js';

export const WORKFORCE_CSV_COLUMNS = [
  'section',
  'period',
  'day',
  'roleFamily',
  'role',
  'roleLevel',
  'roleLevelName',
  'people',
  'inPost',
  'interimInPost',
  'interimAndContractor',
  'interimSharePercent',
  'funded',
  'openVacancyPosts',
  'suppressed',
] as const;

/**
 * The report as CSV, one line per cell of the JSON (already suppressed): sections `level`, `family`, `total`,
 * `interim-trend`, `joiners`, `leavers`; columns a section has no figure for are empty.
 */
export function workforceCsv(r: WorkforceReport): Generator<string> {
  return csvLines(WORKFORCE_CSV_COLUMNS, [
    ...r.levels.map((l) => ({ section: 'level', ...l })),
    ...r.families.map((f) => ({ section: 'family', ...f })),
    { section: 'total', ...r.total },
    ...r.interimTrend.map((t) => ({ section: 'interim-trend', ...t })),
    ...r.joiners.map((m) => ({ section: 'joiners', ...m })),
    ...r.leavers.map((m) => ({ section: 'leavers', ...m })),
  ]);
}
