import type { Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import {
  CapabilityGapsService,
  type CapabilityGaps,
  type CapabilityGapsQuery,
  type GapFigures,
} from './capability-gaps.service.js';
import { CapabilityFamilyNotAllowed } from './capability.errors.js';
import type { GapDimension, GapSource } from './gap-dimensions.js';

export const HEATMAP_ROWS = ['role', 'role-level'] as const;
export type HeatmapBy = (typeof HEATMAP_ROWS)[number];

export interface CapabilityHeatmapQuery extends Omit<CapabilityGapsQuery, 'groupBy' | 'roleFamily'> {
  roleFamily: string;
  /** Default: role level. */
  by?: HeatmapBy;
}

export interface HeatmapAxisItem {
  id: string;
  label: string;
}

/** One cell of the grid: the gap report's group for (row, skill); every figure null when suppressed. */
export interface HeatmapCell {
  rowId: string;
  skillId: string;
  people: number | null;
  /** Assessed requirements (the gap report's `requirements`); 0 where nothing was assessed. */
  assessed: number | null;
  met: number | null;
  percentMet: number | null;
  meanGap: number | null;
  suppressed: boolean;
}

export interface CapabilityHeatmap {
  cycleId: string;
  cycleName: string;
  cycleState: CapabilityGaps['cycleState'];
  source: GapSource;
  k: number;
  roleFamily: HeatmapAxisItem;
  by: HeatmapBy;
  filters: Partial<Record<GapDimension, string>>;
  /** Worst first (see `orderWorstFirst`). */
  rows: HeatmapAxisItem[];
  skills: HeatmapAxisItem[];
  /** Every row × skill, row by row in `rows` order, each row's cells in `skills` order. */
  cells: HeatmapCell[];
  generatedAt: string;
}

const ROW_DIMENSION: Record<HeatmapBy, 'role' | 'roleLevel'> = { role: 'role', 'role-level': 'roleLevel' };

/**
 * Orders axis items worst first by the mean gap of their shown cells: Σ(meanGap × assessed) ÷ Σ assessed over the
 * cells not suppressed (from the published figures only, so the order tells nothing a hidden cell holds), in exact
 * integer arithmetic (meanGap in hundredths); largest first, items with no shown assessed cell last, ties by label
 * then id.
 */
export function orderWorstFirst(items: HeatmapAxisItem[], cellsOf: (id: string) => HeatmapCell[]): HeatmapAxisItem[] {
  const key = new Map(
    items.map((item) => {
      let gap = 0;
      let assessed = 0;
      for (const c of cellsOf(item.id)) {
        if (c.suppressed || !c.assessed || c.meanGap === null) continue;
        gap += Math.round(c.meanGap * 100) * c.assessed;
        assessed += c.assessed;
      }
      return [item.id, { gap, assessed }];
    }),
  );
  return [...items].sort((a, b) => {
    const ka = key.get(a.id)!;
    const kb = key.get(b.id)!;
    if ((ka.assessed === 0) !== (kb.assessed === 0)) return ka.assessed === 0 ? 1 : -1;
    // ka.gap / ka.assessed vs kb.gap / kb.assessed, descending.
    const byGap = kb.gap * ka.assessed - ka.gap * kb.assessed;
    return byGap || a.label.localeCompare(b.label) || a.id.localeCompare(b.id);
  });
}

const cellFigures = (f: GapFigures): Omit<HeatmapCell, 'rowId' | 'skillId'> => ({
  people: f.people,
  assessed: f.requirements,
  met: f.met,
  percentMet: f.percentMet,
  meanGap: f.meanGap,
  suppressed: f.suppressed,
});

/**
 * The capability heatmap of a role family: its roles or role levels × the skills they require, each cell the gap
 * report's group for that pair. Built on `CapabilityGapsService.report` grouped by role family, the row and skill
 * (the family dimension is constant under the family filter, so the suppression sets are those of row × skill):
 * scope, the cycle chosen, the counting and the suppression (complementary, across rows and across skills) are the
 * gap report's. A pair no one was assessed on is a cell of 0 assessed, not suppressed (it rests on no one).
 */
@Injectable()
export class CapabilityHeatmapService {
  constructor(private readonly gaps: CapabilityGapsService) {}

  async report(actor: Actor, query: CapabilityHeatmapQuery): Promise<CapabilityHeatmap> {
    // A head of profession asking for a family they do not lead (and with no reporting chain to narrow to): 403.
    const scope = await this.gaps.scopeFor(actor);
    if (scope.kind === 'some' && !scope.teamOf && !scope.families.includes(query.roleFamily)) {
      throw new CapabilityFamilyNotAllowed(query.roleFamily);
    }
    const by = query.by ?? 'role-level';
    const row = ROW_DIMENSION[by];
    const gaps = await this.gaps.report(actor, { ...query, groupBy: ['roleFamily', row, 'skill'] });
    const rowsById = new Map<string, HeatmapAxisItem>();
    const skillsById = new Map<string, HeatmapAxisItem>();
    const byPair = new Map<string, HeatmapCell>();
    const pair = (r: string, s: string) => JSON.stringify([r, s]);
    for (const g of gaps.groups) {
      const r = g.key[row]!;
      const s = g.key.skill!;
      rowsById.set(r.id, { id: r.id, label: r.label });
      skillsById.set(s.id, { id: s.id, label: s.label });
      byPair.set(pair(r.id, s.id), { rowId: r.id, skillId: s.id, ...cellFigures(g) });
    }
    const cellAt = (r: string, s: string): HeatmapCell =>
      byPair.get(pair(r, s)) ?? {
        rowId: r,
        skillId: s,
        people: 0,
        assessed: 0,
        met: 0,
        percentMet: null,
        meanGap: null,
        suppressed: false,
      };
    const rows = orderWorstFirst([...rowsById.values()], (r) => [...skillsById.keys()].map((s) => cellAt(r, s)));
    const skills = orderWorstFirst([...skillsById.values()], (s) => [...rowsById.keys()].map((r) => cellAt(r, s)));
    const family = gaps.groups[0]?.key.roleFamily;
    return {
      cycleId: gaps.cycleId,
      cycleName: gaps.cycleName,
      cycleState: gaps.cycleState,
      source: gaps.source,
      k: gaps.k,
      roleFamily: { id: query.roleFamily, label: family?.label ?? query.roleFamily },
      by,
      filters: gaps.filters,
      rows,
      skills,
      cells: rows.flatMap((r) => skills.map((s) => cellAt(r.id, s.id))),
      generatedAt: new Date().toISOString(),
    };
  }
}
