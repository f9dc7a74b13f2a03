import { csvCell } from '../common/csv.js';
import type { CapabilityGaps, GapFigures } from './capability-gaps.service.js';

export const GAPS_CSV_FIXED_COLUMNS = [
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

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const figureCells = (f: GapFigures): (string | number | boolean | null)[] => [
  f.people,
  f.requirements,
  f.met,
  f.percentMet,
  f.meanGap,
  ...(f.ratings ?? [null, null, null, null, null]),
  f.suppressed,
];

/**
 * The report as CSV lines (each ending CRLF), after suppression: a header, one row per group (`row` = group, then
 * each grouping's id and label), then the total (`row` = total, grouping cells empty). Suppressed figures are empty.
 */
export function* gapsCsv(report: CapabilityGaps): Generator<string> {
  const line = (cells: (string | number | boolean | null)[]): string => `${cells.map(csvCell).join(',')}\r\n`;
  yield line([
    'row',
    ...report.groupBy.flatMap((d) => [`${snake(d)}_id`, `${snake(d)}_label`]),
    ...GAPS_CSV_FIXED_COLUMNS,
  ]);
  for (const g of report.groups) {
    yield line([
      'group',
      ...report.groupBy.flatMap((d) => [g.key[d]?.id ?? null, g.key[d]?.label ?? null]),
      ...figureCells(g),
    ]);
  }
  yield line(['total', ...report.groupBy.flatMap(() => [null, null]), ...figureCells(report.total)]);
}
