import { xlsxWorkbook, type XlsxColumn, type XlsxTable } from '../common/xlsx.js';
import type { InclusionFigures, InclusionReport } from './inclusion-insights.service.js';
import type { WorkforceReport } from './workforce-insights.service.js';

const col = (key: string, header: string, width?: number): XlsxColumn => ({ key, header, width });

const HEADCOUNT: XlsxColumn[] = [
  col('people', 'People in post'),
  col('inPost', 'Employed in post'),
  col('interimInPost', 'Interim and contractor in post'),
  col('interimSharePercent', 'Interim and contractor share (%)'),
  col('funded', 'Funded posts'),
  col('openVacancyPosts', 'Open vacancy posts'),
  col('suppressed', 'Suppressed'),
];

const suppressionNote = (k: number): string =>
  `Cells of fewer than ${k} people are suppressed (empty figures, Suppressed = TRUE), and a sibling where a total ` +
  'would give one away.';

const scopeText = (scope: string): string =>
  scope === 'all'
    ? 'everyone'
    : scope === 'families'
      ? 'the families you lead'
      : scope === 'chain'
        ? 'your reporting chain'
        : scope;

/**
 * The workforce report as XLSX: About, then Levels, Families, Total, Interim trend, Joiners and Leavers — the JSON's
 * tables, already suppressed.
 */
export function workforceXlsx(r: WorkforceReport): Promise<Buffer> {
  const family = col('roleFamily', 'Role family', 24);
  const tables: XlsxTable[] = [
    {
      name: 'Levels',
      columns: [
        family,
        col('role', 'Role', 24),
        col('roleLevel', 'Role level', 28),
        col('roleLevelName', 'Role level name', 30),
        ...HEADCOUNT,
      ],
      rows: r.levels,
    },
    { name: 'Families', columns: [family, ...HEADCOUNT], rows: r.families },
    { name: 'Total', columns: HEADCOUNT, rows: [r.total] },
    {
      name: 'Interim trend',
      columns: [
        col('period', 'Period'),
        col('day', 'Day'),
        family,
        col('people', 'People'),
        col('interimAndContractor', 'Interim and contractor'),
        col('interimSharePercent', 'Interim and contractor share (%)'),
        col('suppressed', 'Suppressed'),
      ],
      rows: r.interimTrend,
    },
    { name: 'Joiners', columns: [family, col('people', 'Joiners'), col('suppressed', 'Suppressed')], rows: r.joiners },
    { name: 'Leavers', columns: [family, col('people', 'Leavers'), col('suppressed', 'Suppressed')], rows: r.leavers },
  ];
  return xlsxWorkbook(
    {
      report: 'Workforce',
      lines: [
        ['Period', `${r.from} to ${r.to} (by ${r.interval})`],
        ['Headcount on', r.to],
        ['Source', 'staff records, role assignments and the establishment'],
        ['Scope', scopeText(r.scope)],
        ['k (fewest people shown)', r.k],
        ['Role family', r.roleFamily ?? 'all in scope'],
        ['Unit', r.unitId ?? 'all in scope'],
        ['Suppression', suppressionNote(r.k)],
      ],
    },
    tables,
  );
}

const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const inclusionColumns = (target: number): XlsxColumn[] => [
  col('people', 'Staff'),
  col('assessed', 'Assessed'),
  col('notAssessed', 'Not assessed'),
  ...LEVELS.map((l) => col(`level${l}`, `Level ${l}`)),
  col('atOrAboveTarget', `At level ${target} or above`),
  col('percentAtOrAboveTarget', `At level ${target} or above (%)`),
  col('suppressed', 'Suppressed'),
];
const inclusionRow = (f: InclusionFigures) => ({
  ...f,
  ...Object.fromEntries(LEVELS.map((l, i) => [`level${l}`, f.levels?.[i] ?? null])),
});

/**
 * The inclusion report as XLSX: About, then Units, Total, Trend and (HR and admins) Pulses, one row per pulse and
 * statement — the JSON's tables, already suppressed.
 */
export function inclusionXlsx(r: InclusionReport): Promise<Buffer> {
  const tables: XlsxTable[] = [
    {
      name: 'Units',
      columns: [
        col('unitId', 'Unit id', 38),
        col('unitCode', 'Unit code'),
        col('unitName', 'Unit', 30),
        ...inclusionColumns(r.targetLevel),
      ],
      rows: r.units.map((u) => ({
        unitId: u.unit.id,
        unitCode: u.unit.code,
        unitName: u.unit.name,
        ...inclusionRow(u),
      })),
    },
    { name: 'Total', columns: inclusionColumns(r.targetLevel), rows: [inclusionRow(r.total)] },
    {
      name: 'Trend',
      columns: [
        col('period', 'Period'),
        col('day', 'Day'),
        col('assessed', 'Assessed'),
        col('atOrAboveTarget', `At level ${r.targetLevel} or above`),
        col('percentAtOrAboveTarget', `At level ${r.targetLevel} or above (%)`),
        col('suppressed', 'Suppressed'),
      ],
      rows: r.trend,
    },
  ];
  if (r.pulses) {
    tables.push({
      name: 'Pulses',
      columns: [
        col('pulseId', 'Pulse id', 38),
        col('title', 'Pulse', 30),
        col('closesOn', 'Closed on'),
        col('statement', 'Statement', 40),
        col('responses', 'Responses'),
        col('mean', 'Mean'),
        ...[1, 2, 3, 4, 5].map((n) => col(`rating${n}`, `Rated ${n}`)),
        col('suppressed', 'Suppressed'),
      ],
      rows: r.pulses.flatMap((s) =>
        s.points.map((p) => ({
          ...p,
          statement: s.statement,
          ...Object.fromEntries([1, 2, 3, 4, 5].map((n, i) => [`rating${n}`, p.distribution?.[i] ?? null])),
        })),
      ),
    });
  }
  return xlsxWorkbook(
    {
      report: 'Digital inclusion',
      lines: [
        ['Period', `${r.from} to ${r.to} (by ${r.interval})`],
        ['Levels on', r.to],
        ['Source', "each person's latest digital-inclusion assessment by then; closed awareness pulses"],
        ['Target', `level ${r.targetLevel} or above`],
        ['Scope', scopeText(r.scope)],
        ['k (fewest people shown)', r.k],
        ['Role family', r.roleFamily ?? 'all in scope'],
        ['Unit', r.unitId ?? 'all in scope'],
        ['Suppression', suppressionNote(r.k)],
      ],
    },
    tables,
  );
}
