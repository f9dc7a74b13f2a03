import { csvCell } from '../common/csv.js';
import type { CapabilityTrend, TrendCycleInfo, TrendPoint } from './capability-trend.service.js';

export const TREND_CSV_COLUMNS = [
  'series',
  'id',
  'label',
  'cycle_id',
  'cycle_name',
  'cycle_state',
  'framework_version',
  'present',
  'people',
  'requirements',
  'met',
  'percent_met',
  'mean_gap',
  'n0',
  'n1',
  'n2',
  'n3',
  'n4',
  'suppressed',
] as const;

/**
 * The trend as CSV lines (each ending CRLF), after suppression: a header, then one row per cycle for the family,
 * role or skill itself (`series` = its dimension), then for a family or role one row per skill and cycle (`series` =
 * skill). An absent one (`present` false) and a suppressed one have empty figures.
 */
export function* trendCsv(trend: CapabilityTrend): Generator<string> {
  const line = (cells: (string | number | boolean | null)[]): string => `${cells.map(csvCell).join(',')}\r\n`;
  const cycles = new Map<string, TrendCycleInfo>(trend.cycles.map((c) => [c.cycleId, c]));
  const row = (series: string, id: string, label: string, p: TrendPoint) => {
    const c = cycles.get(p.cycleId)!;
    const head = [series, id, label, c.cycleId, c.cycleName, c.cycleState, c.frameworkVersionNumber, p.present];
    if (!p.present) return line([...head, null, null, null, null, null, null, null, null, null, null, null]);
    return line([
      ...head,
      p.people,
      p.requirements,
      p.met,
      p.percentMet,
      p.meanGap,
      ...(p.ratings ?? [null, null, null, null, null]),
      p.suppressed,
    ]);
  };
  yield line([...TREND_CSV_COLUMNS]);
  const series = trend.dimension === 'roleFamily' ? 'role_family' : trend.dimension;
  for (const p of trend.points) yield row(series, trend.id, trend.label, p);
  for (const s of trend.skills) for (const p of s.points) yield row('skill', s.id, s.label, p);
}
