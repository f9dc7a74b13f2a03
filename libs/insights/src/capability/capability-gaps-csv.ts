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

/** RFC 4180 quoting; text a spreadsheet would run as a formula is prefixed with '. */
function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

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
  const line = (cells: (string | number | boolean | null)[]): string => `${cells.map(cell).join(',')}\r\n`;
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
