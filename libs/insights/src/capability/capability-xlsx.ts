import { xlsxWorkbook, type XlsxColumn, type XlsxTable } from '../common/xlsx.js';
import type { CapabilityGaps, GapFigures } from './capability-gaps.service.js';
import type { CapabilityHeatmap } from './capability-heatmap.service.js';

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
