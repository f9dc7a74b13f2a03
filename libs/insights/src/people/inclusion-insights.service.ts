import { AppConfig, type Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { percentOf } from '../common/figures.js';
import { siblingsToSuppress } from '../common/suppression.js';
import { InclusionInsightsRepository, type PulseRatingCount } from './inclusion.repository.js';
import { PeopleInsightsPermission } from './people-permissions.js';
import { peopleScope, periods, range, type PeopleScope } from './people-scope.js';
import { WorkforceInsightsRepository } from './workforce.repository.js';

/** The level the department wants everyone at or above. */
export const INCLUSION_TARGET_LEVEL = 7;
const LEVELS = 9;

export interface InclusionQuery {
  roleFamily?: string;
  unitId?: string;
  from?: string;
  to?: string;
  interval?: 'quarter' | 'year';
}

/** A group's people by level on `to`; every figure null when suppressed. */
export interface InclusionFigures {
  /** Staff counted, assessed or not (the cell rests on those assessed: suppressed when fewer than k). */
  people: number | null;
  assessed: number | null;
  /** Staff with no assessment by `to`. */
  notAssessed: number | null;
  /** How many at levels 1..9. */
  levels: number[] | null;
  atOrAboveTarget: number | null;
  /** atOrAboveTarget ÷ assessed, %, 1 decimal. */
  percentAtOrAboveTarget: number | null;
  suppressed: boolean;
}

export interface InclusionUnitRow extends InclusionFigures {
  unit: { id: string; code: string; name: string };
}

export interface InclusionTrendCell {
  period: string;
  day: string;
  /** Assessed by the day: the people the share rests on. */
  assessed: number | null;
  atOrAboveTarget: number | null;
  percentAtOrAboveTarget: number | null;
  suppressed: boolean;
}

export interface PulsePoint {
  pulseId: string;
  title: string;
  closesOn: string;
  responses: number | null;
  /** Mean rating 1..5, 2 decimals. */
  mean: number | null;
  /** How many rated 1..5. */
  distribution: number[] | null;
  suppressed: boolean;
}

export interface PulseStatementTrend {
  statement: string;
  points: PulsePoint[];
}

export interface InclusionReport {
  k: number;
  scope: PeopleScope['kind'];
  roleFamily: string | null;
  unitId: string | null;
  from: string;
  to: string;
  interval: 'quarter' | 'year';
  targetLevel: number;
  units: InclusionUnitRow[];
  total: InclusionFigures;
  trend: InclusionTrendCell[];
  /** Closed awareness pulses within [from, to] per statement; null unless the reader sees everyone (HR, admins). */
  pulses: PulseStatementTrend[] | null;
}

const HIDDEN: InclusionFigures = {
  people: null,
  assessed: null,
  notAssessed: null,
  levels: null,
  atOrAboveTarget: null,
  percentAtOrAboveTarget: null,
  suppressed: true,
};

/** Counts per level: index 0 the never assessed, 1..9 the levels. */
type Histogram = number[];
const empty = (): Histogram => Array.from({ length: LEVELS + 1 }, () => 0);

function figures(h: Histogram): InclusionFigures {
  const levels = h.slice(1);
  const assessed = levels.reduce((a, b) => a + b, 0);
  const atOrAboveTarget = levels.slice(INCLUSION_TARGET_LEVEL - 1).reduce((a, b) => a + b, 0);
  return {
    people: assessed + h[0]!,
    assessed,
    notAssessed: h[0]!,
    levels,
    atOrAboveTarget,
    percentAtOrAboveTarget: percentOf(atOrAboveTarget, assessed),
    suppressed: false,
  };
}

/**
 * The people a unit's figures rest on: those assessed (the levels and the share are theirs; the never assessed show
 * only as a count). A unit of ten with two assessed would otherwise give those two people's levels away.
 */
const assessedIn = (h: Histogram): number => h.slice(1).reduce((a, b) => a + b, 0);

/**
 * The inclusion report: the distribution over levels 1..9 per unit on `to` (each person's latest assessment by then),
 * the share at the target level or above and its trend per period, staff with no assessment; closed awareness pulses'
 * results per statement over [from, to] for readers who see everyone (pulses are anonymous: they cannot be narrowed
 * to a family or a reporting chain). Cells under k are suppressed, with a sibling unit where the total would give one
 * away; pulse figures under k responses likewise.
 */
@Injectable()
export class InclusionInsightsService {
  private readonly k: number;

  constructor(
    private readonly repository: InclusionInsightsRepository,
    private readonly workforce: WorkforceInsightsRepository,
    config: AppConfig,
  ) {
    this.k = config.insights.minGroupSize;
  }

  async report(actor: Actor, query: InclusionQuery): Promise<InclusionReport> {
    const scope = await peopleScope(
      actor,
      PeopleInsightsPermission.InsightsInclusionRead,
      'inclusion',
      query.roleFamily,
      (id) => this.workforce.managesAnyone(id),
    );
    const interval = query.interval ?? 'quarter';
    const { from, to } = range(query, interval);
    const filter = { unitId: query.unitId ?? null, roleFamily: query.roleFamily ?? null, scope };
    const k = this.k;

    const byUnit = new Map<string, { unit: InclusionUnitRow['unit']; h: Histogram }>();
    for (const row of await this.repository.levelsByUnit(filter, to)) {
      const entry = byUnit.get(row.unitId) ?? {
        unit: { id: row.unitId, code: row.unitCode, name: row.unitName },
        h: empty(),
      };
      entry.h[row.level ?? 0] = (entry.h[row.level ?? 0] ?? 0) + row.people;
      byUnit.set(row.unitId, entry);
    }
    const groups = [...byUnit.values()];
    const hidden = siblingsToSuppress(groups, (g) => assessedIn(g.h), k);
    const units = groups.map((g, i) => ({ unit: g.unit, ...(hidden.has(i) ? HIDDEN : figures(g.h)) }));
    const totalH = groups.reduce((sum, g) => sum.map((n, i) => n + g.h[i]!), empty());
    const total = siblingsToSuppress([totalH], assessedIn, k).size > 0 ? HIDDEN : figures(totalH);

    const spans = periods(from, to, interval);
    const byPeriod = new Map(spans.map((s) => [s.period, empty()]));
    for (const row of await this.repository.levelsByPeriod(filter, spans)) {
      const h = byPeriod.get(row.period)!;
      h[row.level ?? 0] = (h[row.level ?? 0] ?? 0) + row.people;
    }
    const trend = spans.map(({ period, day }): InclusionTrendCell => {
      const f = figures(byPeriod.get(period)!);
      return siblingsToSuppress([f.assessed!], (n) => n, k).size > 0
        ? { period, day, assessed: null, atOrAboveTarget: null, percentAtOrAboveTarget: null, suppressed: true }
        : {
            period,
            day,
            assessed: f.assessed,
            atOrAboveTarget: f.atOrAboveTarget,
            percentAtOrAboveTarget: f.percentAtOrAboveTarget,
            suppressed: false,
          };
    });

    const pulses =
      scope.kind === 'all' ? this.pulseTrend(await this.repository.pulseRatings(filter.unitId, from, to)) : null;

    return {
      k,
      scope: scope.kind,
      roleFamily: filter.roleFamily,
      unitId: filter.unitId,
      from,
      to,
      interval,
      targetLevel: INCLUSION_TARGET_LEVEL,
      units,
      total,
      trend,
      pulses,
    };
  }

  /** Each statement (by its text, first asked first) across the pulses, each pulse a point; under k responses hidden. */
  private pulseTrend(rows: PulseRatingCount[]): PulseStatementTrend[] {
    type Entry = { point: PulseRatingCount; distribution: number[] };
    const statements = new Map<string, Map<string, Entry>>();
    for (const r of rows) {
      const points = statements.get(r.statement) ?? new Map<string, Entry>();
      statements.set(r.statement, points);
      const entry = points.get(r.pulseId) ?? { point: r, distribution: [0, 0, 0, 0, 0] };
      entry.distribution[r.rating - 1] = (entry.distribution[r.rating - 1] ?? 0) + r.count;
      points.set(r.pulseId, entry);
    }
    return [...statements].map(([statement, points]) => ({
      statement,
      points: [...points.values()].map(({ point, distribution }): PulsePoint => {
        const responses = distribution.reduce((a, b) => a + b, 0);
        const base = { pulseId: point.pulseId, title: point.title, closesOn: point.closesOn };
        if (responses < this.k) return { ...base, responses: null, mean: null, distribution: null, suppressed: true };
        const sum = distribution.reduce((a, n, i) => a + n * (i + 1), 0);
        return { ...base, responses, mean: Math.round((sum / responses) * 100) / 100, distribution, suppressed: false };
      }),
    }));
  }
}
