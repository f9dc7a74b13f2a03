import { csvCell } from '../common/csv.js';
import type { Calibration, CalibrationFigures } from './calibration.service.js';

export const CALIBRATION_CSV_COLUMNS = [
  'row',
  'id',
  'label',
  'people',
  'ratings',
  'mean_self',
  'mean_validated',
  'mean_difference',
  'percent_agreed',
  'percent_raised',
  'percent_lowered',
  'flagged',
  'suppressed',
  'rank',
] as const;

/**
 * The calibration report as CSV lines (each ending CRLF), after suppression: a header, the family rows, the manager
 * rows (`rank`: the place among the managers whose validations differ most, else empty), then the total. Suppressed
 * figures are empty.
 */
export function* calibrationCsv(report: Calibration): Generator<string> {
  const line = (cells: (string | number | boolean | null)[]): string => `${cells.map(csvCell).join(',')}\r\n`;
  const figureCells = (f: CalibrationFigures) => [
    f.people,
    f.ratings,
    f.meanSelf,
    f.meanValidated,
    f.meanDifference,
    f.percentAgreed,
    f.percentRaised,
    f.percentLowered,
    f.flagged,
    f.suppressed,
  ];
  const rank = new Map(report.mostDifferent.map((m, i) => [m.id, i + 1]));
  yield line([...CALIBRATION_CSV_COLUMNS]);
  for (const f of report.families) yield line(['family', f.id, f.label, ...figureCells(f), null]);
  for (const m of report.managers) yield line(['manager', m.id, m.label, ...figureCells(m), rank.get(m.id) ?? null]);
  yield line(['total', null, null, ...figureCells(report.total), null]);
}
