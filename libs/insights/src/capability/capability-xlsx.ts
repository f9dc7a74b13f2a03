import { xlsxWorkbook, type XlsxColumn, type XlsxTable } from '../common/xlsx.js';
import type { Calibration, CalibrationRow } from './calibration.service.js';
import type { CapabilityGaps, GapFigures } from './capability-gaps.service.js';
import type { CapabilityHeatmap } from './capability-heatmap.service.js';
import type { CapabilityTrend, TrendCycleInfo, TrendPoint } from './capability-trend.service.js';

const FIGURE_COLUMNS: XlsxColumn[] = [
  { key: 'people', header: 'People' },
  { key: 'requirements', header: 'Assessed requirements' },
  { key: 'met', header: 'Met' },
  { key: 'percentMet', header: '% met' },
  { key: 'meanGap', header: 'Mean gap' },
  { key: 'n0', header: 'Rated 0' },
  { key: 'n1', header: 'Rated 1' },
  { key: 'n2', header: 'Rated 2' },
  { key: 'n3', header: 'Rated 3' },
  { key: 'n4', header: 'Rated 4' },
  { key: 'suppressed', header: 'Suppressed' },
];

const LABELS: Record<string, string> = {
  roleFamily: 'Role family',
  role: 'Role',
  roleLevel: 'Role level',
  skill: 'Skill',
  unit: 'Unit',
  location: 'Location',
  grade: 'Grade',
  employmentType: 'Employment type',
};

const figureRow = (f: GapFigures) => ({
  people: f.people,
  requirements: f.requirements,
  met: f.met,
  percentMet: f.percentMet,
  meanGap: f.meanGap,
  ...Object.fromEntries((f.ratings ?? [null, null, null, null, null]).map((n, i) => [`n${i}`, n])),
  suppressed: f.suppressed,
});

const filterText = (filters: Record<string, string | undefined>): string =>
  Object.entries(filters)
    .filter(([, v]) => v !== undefined)
    .map(([d, v]) => `${LABELS[d] ?? d} = ${v}`)
    .join('; ') || 'none';

const suppressionNote = (k: number): string =>
  `Groups of fewer than ${k} people are suppressed (empty figures, Suppressed = TRUE), and further groups where a ` +
  'total would give one away.';

/** The gap report as XLSX: About, then Groups (each grouping as id and label, then the figures) and Total. */
export function gapsXlsx(r: CapabilityGaps): Promise<Buffer> {
  const groups: XlsxTable = {
    name: 'Groups',
    columns: [
      ...r.groupBy.flatMap((d) => [
        { key: `${d}Id`, header: `${LABELS[d]} id` },
        { key: `${d}Label`, header: LABELS[d]!, width: 30 },
      ]),
      ...FIGURE_COLUMNS,
    ],
    rows: r.groups.map((g) => ({
      ...Object.fromEntries(
        r.groupBy.flatMap((d) => [
          [`${d}Id`, g.key[d]?.id],
          [`${d}Label`, g.key[d]?.label],
        ]),
      ),
      ...figureRow(g),
    })),
  };
  const total: XlsxTable = { name: 'Total', columns: FIGURE_COLUMNS, rows: [figureRow(r.total)] };
  return xlsxWorkbook(
    {
      report: 'Capability gaps',
      lines: [
        ['Cycle', `${r.cycleName} (${r.cycleState})`],
        ['Cycle id', r.cycleId],
        ['Source', r.source],
        ['k (fewest people shown)', r.k],
        ['Grouped by', r.groupBy.map((d) => LABELS[d]).join(', ')],
        ['Filters', filterText(r.filters)],
        ['Suppression', suppressionNote(r.k)],
      ],
    },
    [groups, total],
  );
}

/**
 * The heatmap as XLSX: About, then Cells (one row per row × skill, worst rows first, each row's skills worst first),
 * Rows and Skills (the axes in their order).
 */
export function heatmapXlsx(h: CapabilityHeatmap): Promise<Buffer> {
  const rowLabel = new Map(h.rows.map((r) => [r.id, r.label]));
  const skillLabel = new Map(h.skills.map((s) => [s.id, s.label]));
  const rowWord = h.by === 'role' ? 'Role' : 'Role level';
  const cells: XlsxTable = {
    name: 'Cells',
    columns: [
      { key: 'rowId', header: `${rowWord} id` },
      { key: 'rowLabel', header: rowWord, width: 30 },
      { key: 'skillId', header: 'Skill id' },
      { key: 'skillLabel', header: 'Skill', width: 30 },
      { key: 'people', header: 'People' },
      { key: 'assessed', header: 'Assessed requirements' },
      { key: 'met', header: 'Met' },
      { key: 'percentMet', header: '% met' },
      { key: 'meanGap', header: 'Mean gap' },
      { key: 'suppressed', header: 'Suppressed' },
    ],
    rows: h.cells.map((c) => ({
      ...c,
      rowLabel: rowLabel.get(c.rowId),
      skillLabel: skillLabel.get(c.skillId),
    })),
  };
  const axis = (name: string, items: CapabilityHeatmap['rows']): XlsxTable => ({
    name,
    columns: [
      { key: 'position', header: 'Position' },
      { key: 'id', header: 'Id' },
      { key: 'label', header: 'Label', width: 30 },
    ],
    rows: items.map((item, i) => ({ position: i + 1, ...item })),
  });
  return xlsxWorkbook(
    {
      report: `Capability heatmap: ${h.roleFamily.label} by ${rowWord.toLowerCase()}`,
      generatedAt: new Date(h.generatedAt),
      lines: [
        ['Cycle', `${h.cycleName} (${h.cycleState})`],
        ['Cycle id', h.cycleId],
        ['Source', h.source],
        ['k (fewest people shown)', h.k],
        ['Role family', h.roleFamily.id],
        ['Rows', rowWord],
        ['Filters', filterText(h.filters)],
        ['Order', 'Rows and skills by the mean gap of their shown cells, largest first; ties by label'],
        ['Suppression', suppressionNote(h.k)],
      ],
    },
    [cells, axis('Rows', h.rows), axis('Skills', h.skills)],
  );
}

const TREND_FIGURE_COLUMNS: XlsxColumn[] = [
  { key: 'cycleId', header: 'Cycle id' },
  { key: 'cycleName', header: 'Cycle', width: 30 },
  { key: 'cycleState', header: 'Cycle state' },
  { key: 'closedAt', header: 'Closed at' },
  { key: 'frameworkVersion', header: 'Framework version' },
  { key: 'present', header: 'Present' },
  ...FIGURE_COLUMNS,
];

const TREND_WORDS: Record<CapabilityTrend['dimension'], string> = {
  roleFamily: 'Role family',
  role: 'Role',
  skill: 'Skill',
};

/**
 * The trend as XLSX: About, Points (the family, role or skill itself, one row per cycle) and, for a family or role,
 * Skills (each required skill's series in long format: one row per skill and cycle). An absent point (the cycle's
 * framework version lacks it) has Present = FALSE and empty figures; a suppressed one Suppressed = TRUE and empty
 * figures.
 */
export function trendXlsx(trend: CapabilityTrend): Promise<Buffer> {
  const cycles = new Map<string, TrendCycleInfo>(trend.cycles.map((c) => [c.cycleId, c]));
  const pointRow = (p: TrendPoint) => {
    const c = cycles.get(p.cycleId)!;
    const head = {
      cycleId: c.cycleId,
      cycleName: c.cycleName,
      cycleState: c.cycleState,
      closedAt: c.closedAt,
      frameworkVersion: c.frameworkVersionNumber,
      present: p.present,
    };
    return p.present ? { ...head, ...figureRow(p) } : head;
  };
  const word = TREND_WORDS[trend.dimension];
  const points: XlsxTable = {
    name: 'Points',
    columns: TREND_FIGURE_COLUMNS,
    rows: trend.points.map(pointRow),
  };
  const skills: XlsxTable = {
    name: 'Skills',
    columns: [
      { key: 'skillId', header: 'Skill id' },
      { key: 'skillLabel', header: 'Skill', width: 30 },
      ...TREND_FIGURE_COLUMNS,
    ],
    rows: trend.skills.flatMap((s) => s.points.map((p) => ({ skillId: s.id, skillLabel: s.label, ...pointRow(p) }))),
  };
  return xlsxWorkbook(
    {
      report: `Capability trend: ${trend.label}`,
      lines: [
        [word, trend.id],
        ['Name', trend.label],
        ['Source', trend.source],
        ['k (fewest people shown)', trend.k],
        ['Cycles', trend.cycles.length],
        ['Order', 'Cycles oldest first: closed ones by the date they closed, then the open one; skills as in the JSON'],
        [
          'Absent',
          "Present = FALSE: the cycle's framework version has no such one (absent, not zero); its figures are empty",
        ],
        ['Suppression', suppressionNote(trend.k)],
      ],
    },
    trend.dimension === 'skill' ? [points] : [points, skills],
  );
}

const CALIBRATION_FIGURE_COLUMNS: XlsxColumn[] = [
  { key: 'people', header: 'People' },
  { key: 'ratings', header: 'Ratings' },
  { key: 'meanSelf', header: 'Mean self' },
  { key: 'meanValidated', header: 'Mean validated' },
  { key: 'meanDifference', header: 'Mean difference' },
  { key: 'percentAgreed', header: '% agreed' },
  { key: 'percentRaised', header: '% raised' },
  { key: 'percentLowered', header: '% lowered' },
  { key: 'flagged', header: 'Flagged' },
  { key: 'suppressed', header: 'Suppressed' },
];

/**
 * The calibration report as XLSX: About, Families, Managers (each as id and label, then the figures), Most different
 * (the shown manager rows ranked by the absolute mean difference) and Total. Suppressed rows have empty figures.
 */
export function calibrationXlsx(r: Calibration): Promise<Buffer> {
  const rowsTable = (name: string, rows: readonly CalibrationRow[]): XlsxTable => ({
    name,
    columns: [{ key: 'id', header: 'Id' }, { key: 'label', header: 'Label', width: 30 }, ...CALIBRATION_FIGURE_COLUMNS],
    rows,
  });
  const mostDifferent: XlsxTable = {
    name: 'Most different',
    columns: [
      { key: 'rank', header: 'Rank' },
      { key: 'id', header: 'Id' },
      { key: 'label', header: 'Label', width: 30 },
      { key: 'people', header: 'People' },
      { key: 'meanDifference', header: 'Mean difference' },
    ],
    rows: r.mostDifferent.map((m, i) => ({ rank: i + 1, ...m })),
  };
  const total: XlsxTable = { name: 'Total', columns: CALIBRATION_FIGURE_COLUMNS, rows: [r.total] };
  return xlsxWorkbook(
    {
      report: 'Calibration: self-assessed against validated levels',
      lines: [
        ['Cycle', `${r.cycleName} (${r.cycleState})`],
        ['Cycle id', r.cycleId],
        ['k (fewest people shown)', r.k],
        ['Filters', filterText(r.filters)],
        ['Mean difference', 'Validated − self (negative: validations lower than self-assessments)'],
        ['Flagged', 'Ratings whose self and validated levels are two or more apart'],
        [
          'Suppression',
          `Rows of fewer than ${r.k} reviewees are suppressed (empty figures, Suppressed = TRUE), and further rows ` +
            'of the same kind where the total would give one away.',
        ],
      ],
    },
    [rowsTable('Families', r.families), rowsTable('Managers', r.managers), mostDifferent, total],
  );
}
