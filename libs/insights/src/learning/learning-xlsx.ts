import { xlsxWorkbook, type XlsxColumn, type XlsxTable } from '../common/xlsx.js';
import type { ClosureSplit, CompletionFigures, LearningReport } from './learning-insights.service.js';

const col = (key: string, header: string, width?: number): XlsxColumn => ({ key, header, width });

const COMPLETIONS: XlsxColumn[] = [
  col('people', 'People'),
  col('completions', 'Completions'),
  col('hours', 'Hours'),
  col('suppressed', 'Suppressed'),
];
const completions = (f: CompletionFigures) => ({
  people: f.people,
  completions: f.completions,
  hours: f.hours,
  suppressed: f.suppressed,
});
const split = (prefix: string, s: ClosureSplit) => ({
  [`${prefix}People`]: s.people,
  [`${prefix}Closed`]: s.closed,
  [`${prefix}PercentClosed`]: s.percentClosed,
  [`${prefix}Suppressed`]: s.suppressed,
});
const splitColumns = (prefix: string, label: string): XlsxColumn[] => [
  col(`${prefix}People`, `${label}: people`),
  col(`${prefix}Closed`, `${label}: closed`),
  col(`${prefix}PercentClosed`, `${label}: closed (%)`),
  col(`${prefix}Suppressed`, `${label}: suppressed`),
];

const scopeText = (scope: string): string =>
  scope === 'all'
    ? 'everyone'
    : scope === 'families'
      ? 'the families you lead'
      : scope === 'chain'
        ? 'your reporting chain'
        : scope;

/**
 * The learning report as XLSX: About, then By item, By family, By unit, Total, Uptake and Gap closure (a row per
 * skill with its learned and not-learned halves) — the JSON's tables, already suppressed.
 */
export function learningXlsx(r: LearningReport): Promise<Buffer> {
  const g = r.gapClosure;
  const tables: XlsxTable[] = [
    {
      name: 'By item',
      columns: [
        col('itemId', 'Item id', 38),
        col('code', 'Code', 16),
        col('title', 'Item', 40),
        col('inclusionPackage', 'Inclusion package', 20),
        ...COMPLETIONS,
      ],
      rows: r.byItem.map((c) => ({
        itemId: c.item?.id ?? null,
        code: c.item?.code ?? null,
        title: c.item?.title ?? 'External learning',
        inclusionPackage: c.item?.inclusionPackage ?? null,
        ...completions(c),
      })),
    },
    {
      name: 'By family',
      columns: [col('roleFamily', 'Role family', 24), ...COMPLETIONS],
      rows: r.byFamily.map((c) => ({ roleFamily: c.roleFamily ?? 'No role', ...completions(c) })),
    },
    {
      name: 'By unit',
      columns: [
        col('unitId', 'Unit id', 38),
        col('unitCode', 'Unit code'),
        col('unitName', 'Unit', 30),
        ...COMPLETIONS,
      ],
      rows: r.byUnit.map((c) => ({
        unitId: c.unit.id,
        unitCode: c.unit.code,
        unitName: c.unit.name,
        ...completions(c),
      })),
    },
    { name: 'Total', columns: COMPLETIONS, rows: [completions(r.total)] },
    {
      name: 'Uptake',
      columns: [
        col('package', 'Package', 20),
        col('inScope', 'Staff counted'),
        col('completed', 'Completed'),
        col('percent', 'Completed (%)'),
        col('suppressed', 'Suppressed'),
      ],
      rows: r.uptake,
    },
    {
      name: 'Gap closure',
      columns: [
        col('skill', 'Skill', 24),
        col('skillName', 'Skill name', 30),
        col('people', 'People with a gap'),
        col('closed', 'Closed'),
        col('percentClosed', 'Closed (%)'),
        ...splitColumns('learned', 'Learned'),
        ...splitColumns('notLearned', 'Not learned'),
        col('suppressed', 'Suppressed'),
      ],
      rows: (g?.skills ?? []).map((s) => ({
        skill: s.skill.slug,
        skillName: s.skill.name,
        people: s.people,
        closed: s.closed,
        percentClosed: s.percentClosed,
        ...split('learned', s.learned),
        ...split('notLearned', s.notLearned),
        suppressed: s.suppressed,
      })),
    },
  ];
  return xlsxWorkbook(
    {
      report: 'Learning',
      lines: [
        ['Period', `${r.from} to ${r.to}`],
        ['Staff counted', `in post on ${r.to}`],
        ['Source', 'verified learning records, the learning catalogue and validated review levels'],
        ['Scope', scopeText(r.scope)],
        ['k (fewest people shown)', r.k],
        ['Role family', r.roleFamily ?? 'all in scope'],
        ['Unit', r.unit ?? 'all in scope'],
        [
          'Gap closure cycles',
          g
            ? `${g.fromCycle.name} (closes ${g.fromCycle.closesOn}) to ${g.toCycle.name} (closes ${g.toCycle.closesOn})`
            : 'none to compare',
        ],
        ['Learning counted', g ? `after ${g.learningAfter} and on or before ${g.learningUntil}` : null],
        [
          'Suppression',
          `Cells of fewer than ${r.k} people are suppressed (empty figures, Suppressed = TRUE), and a sibling where ` +
            'a total would give one away.',
        ],
      ],
    },
    tables,
  );
}
