import { csvLines } from '../common/csv.js';
import type { InclusionReport } from './inclusion-insights.service.js';

const LEVEL_COLUMNS = [
  'level1',
  'level2',
  'level3',
  'level4',
  'level5',
  'level6',
  'level7',
  'level8',
  'level9',
] as const;
const RATING_COLUMNS = ['rating1', 'rating2', 'rating3', 'rating4', 'rating5'] as const;

export const INCLUSION_CSV_COLUMNS = [
  'section',
  'unitId',
  'unitCode',
  'unitName',
  'period',
  'day',
  'people',
  'assessed',
  'notAssessed',
  ...LEVEL_COLUMNS,
  'atOrAboveTarget',
  'percentAtOrAboveTarget',
  'pulseId',
  'pulseTitle',
  'closesOn',
  'statement',
  'responses',
  'mean',
  ...RATING_COLUMNS,
  'suppressed',
] as const;
type Column = (typeof INCLUSION_CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number | boolean | null>>;

const spread = <C extends string>(columns: readonly C[], values: number[] | null): Partial<Record<C, number>> =>
  values ? (Object.fromEntries(columns.map((c, i) => [c, values[i]!])) as Partial<Record<C, number>>) : {};

/**
 * The report as CSV, one line per cell of the JSON (already suppressed): sections `unit`, `total`, `trend`, `pulse`
 * (one line per pulse and statement); columns a section has no figure for are empty.
 */
export function inclusionCsv(r: InclusionReport): Generator<string> {
  const figures = (f: InclusionReport['total']): Row => ({
    people: f.people,
    assessed: f.assessed,
    notAssessed: f.notAssessed,
    ...spread(LEVEL_COLUMNS, f.levels),
    atOrAboveTarget: f.atOrAboveTarget,
    percentAtOrAboveTarget: f.percentAtOrAboveTarget,
    suppressed: f.suppressed,
  });
  const rows: Row[] = [
    ...r.units.map((u) => ({
      section: 'unit',
      unitId: u.unit.id,
      unitCode: u.unit.code,
      unitName: u.unit.name,
      ...figures(u),
    })),
    { section: 'total', ...figures(r.total) },
    ...r.trend.map((t) => ({ section: 'trend', ...t })),
    ...(r.pulses ?? []).flatMap((s) =>
      s.points.map((p) => ({
        section: 'pulse',
        pulseId: p.pulseId,
        pulseTitle: p.title,
        closesOn: p.closesOn,
        statement: s.statement,
        responses: p.responses,
        mean: p.mean,
        ...spread(RATING_COLUMNS, p.distribution),
        suppressed: p.suppressed,
      })),
    ),
  ];
  return csvLines(INCLUSION_CSV_COLUMNS, rows);
}
