import { AppConfig, ValidationFailedError, type Actor } from '@capability/platform';
import { ReviewCycleNotFound } from '@capability/reviews';
import { Injectable } from '@nestjs/common';
import { CapabilityGapsService, type CapabilityGaps, type GapFigures } from './capability-gaps.service.js';
import {
  CapabilityTrendRepository,
  type TrendCycle,
  type TrendCycleFilter,
  type TrendDimension,
  type VersionedName,
} from './capability-trend.repository.js';
import type { GapSource } from './gap-dimensions.js';

export const TREND_DIMENSIONS = ['roleFamily', 'role', 'skill'] as const satisfies readonly TrendDimension[];

export interface CapabilityTrendQuery extends TrendCycleFilter {
  roleFamily?: string;
  role?: string;
  skill?: string;
  source?: GapSource;
}

/** A cycle of the trend and the framework version it pinned. */
export interface TrendCycleInfo {
  cycleId: string;
  cycleName: string;
  cycleState: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  frameworkVersionId: string;
  frameworkVersionNumber: number;
  frameworkVersionName: string;
}

/**
 * One cycle's figures: `{ cycleId, present: false }` when the cycle's framework version has no such family, role or
 * skill (absent, not zero); else the gap figures (zero people when present but nobody assessed), suppressed as that
 * cycle's gap report suppresses them.
 */
export type TrendPoint =
  { cycleId: string; present: false } | ({ cycleId: string; present: true; label: string } & GapFigures);

export interface TrendSkillSeries {
  id: string;
  /** The skill's name in the latest cycle's version that holds it. */
  label: string;
  points: TrendPoint[];
}

export interface CapabilityTrend {
  dimension: TrendDimension;
  id: string;
  /** The name in the latest cycle's version that holds it (the slug when none does). */
  label: string;
  source: GapSource;
  k: number;
  cycles: TrendCycleInfo[];
  points: TrendPoint[];
  /** For a family or role: each skill some role level of it requires in some cycle's version. Empty for a skill. */
  skills: TrendSkillSeries[];
}

const NOBODY: GapFigures = {
  people: 0,
  requirements: 0,
  met: 0,
  percentMet: null,
  meanGap: null,
  ratings: [0, 0, 0, 0, 0],
  suppressed: false,
};

const SUPPRESSED: GapFigures = {
  people: null,
  requirements: null,
  met: null,
  percentMet: null,
  meanGap: null,
  ratings: null,
  suppressed: true,
};

const figuresOf = (f: GapFigures): GapFigures => ({
  people: f.people,
  requirements: f.requirements,
  met: f.met,
  percentMet: f.percentMet,
  meanGap: f.meanGap,
  ratings: f.ratings,
  suppressed: f.suppressed,
});

/**
 * The capability trend: a role family's, role's or skill's gap figures in each review cycle (open or closed), and
 * for a family or role each of its skills, matched across framework versions by slug. Every figure is the gap
 * report's for that cycle (`CapabilityGapsService.report`, the reader's scope): the family, role or skill is its row
 * of the cycle's report grouped by that dimension, so a cell that report suppresses is suppressed here; the skills
 * of a family or role are the rows of the cycle's report grouped by skill and filtered on it, and all of them are
 * suppressed in a cycle where the family's (role's) own row is (their sums would give it back).
 */
@Injectable()
export class CapabilityTrendService {
  constructor(
    private readonly gaps: CapabilityGapsService,
    private readonly repository: CapabilityTrendRepository,
    private readonly config: AppConfig,
  ) {}

  async trend(actor: Actor, query: CapabilityTrendQuery): Promise<CapabilityTrend> {
    const asked = TREND_DIMENSIONS.filter((d) => query[d] !== undefined);
    if (asked.length !== 1) {
      throw new ValidationFailedError(
        [{ field: 'roleFamily', message: 'give exactly one of roleFamily, role and skill' }],
        'The trend is for one role family, role or skill: give exactly one of roleFamily, role and skill',
      );
    }
    const dimension = asked[0]!;
    const slug = query[dimension]!;
    const source = query.source ?? 'validated';
    await this.gaps.scopeFor(actor); // 403 before anything else when nothing is in reach
    if (query.cycleIds && query.cycleIds.length > 0) {
      const [missing] = await this.repository.missing([...new Set(query.cycleIds)]);
      if (missing) throw new ReviewCycleNotFound(missing);
    }
    const cycles = await this.repository.cycles(query);
    const versionIds = [...new Set(cycles.map((c) => c.frameworkVersionId))];
    const names = versionIds.length > 0 ? await this.repository.names(dimension, slug, versionIds) : [];
    const skillNames =
      dimension !== 'skill' && versionIds.length > 0 ? await this.repository.skillsOf(dimension, slug, versionIds) : [];

    const points: TrendPoint[] = [];
    const skillPoints = new Map<string, Map<string, TrendPoint>>();
    const skillLabels = new Map<string, { label: string; at: number }>();
    const nameIn = (list: VersionedName[], cycle: TrendCycle, s: string) =>
      list.find((n) => n.versionId === cycle.frameworkVersionId && n.slug === s);

    for (const [at, cycle] of cycles.entries()) {
      const row = await this.gaps.report(actor, { cycleId: cycle.id, source, groupBy: [dimension] });
      const own = row.groups.find((g) => g.key[dimension]?.id === slug);
      const name = nameIn(names, cycle, slug);
      if (!name && !own) {
        points.push({ cycleId: cycle.id, present: false });
      } else {
        points.push({
          cycleId: cycle.id,
          present: true,
          label: name?.name ?? own!.key[dimension]!.label,
          ...(own ? figuresOf(own) : NOBODY),
        });
      }
      if (dimension === 'skill') continue;
      const bySkill: CapabilityGaps = await this.gaps.report(actor, {
        cycleId: cycle.id,
        source,
        groupBy: ['skill'],
        [dimension]: slug,
      });
      const hideAll = own?.suppressed === true;
      const present = new Map<string, string>();
      for (const n of skillNames) if (n.versionId === cycle.frameworkVersionId) present.set(n.slug, n.name);
      for (const g of bySkill.groups) present.set(g.key.skill!.id, present.get(g.key.skill!.id) ?? g.key.skill!.label);
      for (const [skill, label] of present) {
        const g = bySkill.groups.find((x) => x.key.skill?.id === skill);
        const series = skillPoints.get(skill) ?? new Map<string, TrendPoint>();
        skillPoints.set(skill, series);
        series.set(cycle.id, {
          cycleId: cycle.id,
          present: true,
          label,
          ...(hideAll && g ? SUPPRESSED : g ? figuresOf(g) : NOBODY),
        });
        skillLabels.set(skill, { label, at });
      }
    }
    const skills: TrendSkillSeries[] = [...skillPoints.entries()]
      .map(([id, series]) => ({
        id,
        label: skillLabels.get(id)!.label,
        points: cycles.map((c): TrendPoint => series.get(c.id) ?? { cycleId: c.id, present: false }),
      }))
      .sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
    const latest = [...points].reverse().find((p) => p.present);
    return {
      dimension,
      id: slug,
      label: latest?.present ? latest.label : slug,
      source,
      k: this.config.insights.minGroupSize,
      cycles: cycles.map((c) => ({
        cycleId: c.id,
        cycleName: c.name,
        cycleState: c.state,
        openedAt: c.openedAt.toISOString(),
        closedAt: c.closedAt?.toISOString() ?? null,
        frameworkVersionId: c.frameworkVersionId,
        frameworkVersionNumber: c.frameworkVersionNumber,
        frameworkVersionName: c.frameworkVersionName,
      })),
      points,
      skills,
    };
  }
}
