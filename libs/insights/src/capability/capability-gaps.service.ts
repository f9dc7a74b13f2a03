import { AppConfig, scopesFor, type Actor } from '@capability/platform';
import { ReviewCycleNotFound } from '@capability/reviews';
import { Injectable } from '@nestjs/common';
import { ratio } from '../common/figures.js';
import { siblingsToSuppress } from '../common/suppression.js';
import {
  CapabilityGapsRepository,
  type GapCounts,
  type GapCycle,
  type GapScope,
} from './capability-gaps.repository.js';
import { CapabilityInsightsPermission } from './capability-permissions.js';
import { CapabilityInsightsNotAllowed, NoClosedCycle } from './capability.errors.js';
import { GAP_DIMENSIONS, type GapDimension, type GapSource } from './gap-dimensions.js';
import { GapSnapshotsRepository } from './snapshots/gap-snapshots.repository.js';

export interface CapabilityGapsQuery {
  cycleId?: string;
  source?: GapSource;
  /** Default: role family. */
  groupBy?: GapDimension[];
  roleFamily?: string;
  role?: string;
  roleLevel?: string;
  skill?: string;
  unit?: string;
  location?: string;
  grade?: string;
  employmentType?: string;
}

export interface GroupKeyPart {
  id: string;
  label: string;
}
export type GapGroupKey = Partial<Record<GapDimension, GroupKeyPart>>;

/** A group's figures; every figure null when `suppressed`. */
export interface GapFigures {
  /** People with at least one counted rating of a required skill in the group. */
  people: number | null;
  /** Counted ratings of required skills (assessed requirements). */
  requirements: number | null;
  /** Of those, at or above the required level. */
  met: number | null;
  /** 100 × met ÷ requirements, 1 decimal (null when nothing was assessed). */
  percentMet: number | null;
  /** Mean of max(0, required − level), 2 decimals. */
  meanGap: number | null;
  /** Counted ratings at levels 0, 1, 2, 3 and 4. */
  ratings: [number, number, number, number, number] | null;
  suppressed: boolean;
}

export interface GapGroup extends GapFigures {
  key: GapGroupKey;
}

export interface CapabilityGaps {
  cycleId: string;
  cycleName: string;
  cycleState: GapCycle['state'];
  /**
   * Where the figures come from: `snapshot`, the closed cycle's cells written by the snapshot job (the same figures,
   * read faster; location, grade and employment type as the cycle closed), or `live` from the reviews (an open
   * cycle, a closed one not yet snapshotted, or a line manager's reporting chain, which the cells do not keep).
   */
  basis: 'snapshot' | 'live';
  source: GapSource;
  k: number;
  groupBy: GapDimension[];
  filters: Partial<Record<GapDimension, string>>;
  groups: GapGroup[];
  /** Every group together (each person once). */
  total: GapFigures;
}

/**
 * Which cells to hide: `siblingsToSuppress` over every group (their total is shown), and with more than one grouping
 * over each set of groups that differ in one grouping only (their total is another report's row: the same report
 * grouped by one grouping fewer), until nothing changes. A cell already hidden counts in a later set as fewer than k
 * (min(people, k − 1)), so a set never shows all but one hidden cell, nor hides less than k people in all.
 */
export function suppressedGroups(cells: readonly { ids: string[]; people: number }[], k: number): Set<number> {
  const all = cells.map((_, i) => i);
  const sets: number[][] = [all];
  const dims = cells[0]?.ids.length ?? 0;
  if (dims > 1) {
    for (let d = 0; d < dims; d++) {
      const partition = new Map<string, number[]>();
      for (const i of all) {
        const rest = JSON.stringify(cells[i]!.ids.filter((_, j) => j !== d));
        const members = partition.get(rest);
        if (members) members.push(i);
        else partition.set(rest, [i]);
      }
      sets.push(...partition.values());
    }
  }
  // Cell → the sets it is in, so a pass re-reads only the sets a newly hidden cell is in: a set whose cells did not
  // change since it was last read would hide nothing new (the rule reads only its cells' people and hidden flags).
  const setsOf = cells.map((): number[] => []);
  sets.forEach((set, s) => {
    for (const i of set) setsOf[i]!.push(s);
  });
  const dirty = sets.map(() => true);
  const hidden = new Set<number>();
  for (let changed = true; changed;) {
    changed = false;
    for (const [s, set] of sets.entries()) {
      if (!dirty[s]) continue;
      dirty[s] = false;
      const found = siblingsToSuppress(
        set,
        (i) => (hidden.has(i) ? Math.min(cells[i]!.people, k - 1) : cells[i]!.people),
        k,
      );
      for (const j of found) {
        const i = set[j]!;
        if (!hidden.has(i)) {
          hidden.add(i);
          changed = true;
          for (const other of setsOf[i]!) dirty[other] = true;
        }
      }
    }
  }
  return hidden;
}

/**
 * The capability gap report: for a review cycle (default the one closed last), the assessed requirements of the
 * people in reach, grouped by any of the dimensions, filtered on any, from the validated or the self ratings; every
 * group of fewer than k people suppressed, and a second one where the total would give it away. Live from the
 * reviews (the open cycle too). Later reports (heatmap, trend) reuse `report` and `suppressedGroups`.
 */
@Injectable()
export class CapabilityGapsService {
  constructor(
    private readonly repository: CapabilityGapsRepository,
    private readonly snapshots: GapSnapshotsRepository,
    private readonly config: AppConfig,
  ) {}

  /** What the actor may see (403 when nothing: no families they lead, nobody they manage). */
  async scopeFor(actor: Actor): Promise<GapScope> {
    const scopes = scopesFor(actor, CapabilityInsightsPermission.CapabilityInsightsRead);
    if (scopes.includes('any')) return { kind: 'all' };
    const families = scopes.includes('profession') ? [...actor.roleFamilies] : [];
    const teamOf =
      scopes.includes('team') && actor.staffId && (await this.repository.managesAnyone(actor.staffId))
        ? actor.staffId
        : null;
    if (families.length === 0 && !teamOf) throw new CapabilityInsightsNotAllowed();
    return { kind: 'some', families, teamOf };
  }

  async resolveCycle(cycleId: string | undefined): Promise<GapCycle> {
    if (cycleId) {
      const cycle = await this.repository.cycle(cycleId);
      if (!cycle) throw new ReviewCycleNotFound(cycleId);
      return cycle;
    }
    const latest = await this.repository.latestClosedCycle();
    if (!latest) throw new NoClosedCycle();
    return latest;
  }

  async report(actor: Actor, query: CapabilityGapsQuery): Promise<CapabilityGaps> {
    const scope = await this.scopeFor(actor);
    const cycle = await this.resolveCycle(query.cycleId);
    const source = query.source ?? 'validated';
    const groupBy = query.groupBy && query.groupBy.length > 0 ? [...new Set(query.groupBy)] : ['roleFamily' as const];
    const filters: Partial<Record<GapDimension, string>> = {};
    for (const d of GAP_DIMENSIONS) if (query[d] !== undefined) filters[d] = query[d];
    const k = this.config.insights.minGroupSize;
    const unitDepth = groupBy.includes('unit') ? await this.repository.unitDepth(filters.unit) : 1;
    const q = { cycleId: cycle.id, source, groupBy, filters, scope, unitDepth };
    const basis = cycle.snapshotTakenAt && !(scope.kind === 'some' && scope.teamOf) ? 'snapshot' : 'live';
    const rows = basis === 'snapshot' ? await this.snapshots.counts(q) : await this.repository.counts(q);
    const total = rows.find((r) => r.total)!;
    const cells = rows
      .filter((r) => !r.total)
      .sort((a, b) => {
        for (let i = 0; i < a.labels.length; i++) {
          const c = a.labels[i]!.localeCompare(b.labels[i]!) || a.ids[i]!.localeCompare(b.ids[i]!);
          if (c !== 0) return c;
        }
        return 0;
      });
    const hidden = suppressedGroups(cells, k);
    return {
      cycleId: cycle.id,
      cycleName: cycle.name,
      cycleState: cycle.state,
      basis,
      source,
      k,
      groupBy,
      filters,
      groups: cells.map((c, i) => ({
        key: Object.fromEntries(groupBy.map((d, j) => [d, { id: c.ids[j]!, label: c.labels[j]! }])),
        ...figures(c, hidden.has(i) || c.people < k),
      })),
      total: figures(total, total.people > 0 && total.people < k),
    };
  }
}

function figures(c: GapCounts, suppressed: boolean): GapFigures {
  if (suppressed) {
    return {
      people: null,
      requirements: null,
      met: null,
      percentMet: null,
      meanGap: null,
      ratings: null,
      suppressed: true,
    };
  }
  return {
    people: c.people,
    requirements: c.requirements,
    met: c.met,
    percentMet: c.requirements > 0 ? ratio(100 * c.met, c.requirements, 1) : null,
    meanGap: c.requirements > 0 ? ratio(c.gapSum, c.requirements, 2) : null,
    ratings: c.ratings,
    suppressed: false,
  };
}
