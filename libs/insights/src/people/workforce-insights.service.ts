import { AppConfig, type Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { percentOf } from '../common/figures.js';
import { siblingsToSuppress } from '../common/suppression.js';
import { PeopleInsightsPermission } from './people-permissions.js';
import { peopleScope, periods, range, readsPeopleInsights, type PeopleScope } from './people-scope.js';
import { WorkforceInsightsRepository, type LevelCounts } from './workforce.repository.js';

export interface WorkforceQuery {
  roleFamily?: string;
  unitId?: string;
  from?: string;
  to?: string;
  interval?: 'month' | 'quarter';
}

/** Headcount against the establishment: a role level, a family, or everything (`roleFamily` null). */
export interface HeadcountFigures {
  /** People in post (employed, interim and contractor): the people the cell rests on. */
  people: number | null;
  inPost: number | null;
  interimInPost: number | null;
  /** interimInPost ÷ people, %, 1 decimal. */
  interimSharePercent: number | null;
  /** Posts funded on the day; null for a line manager (the establishment funds units, not reporting chains). */
  funded: number | null;
  openVacancyPosts: number | null;
  suppressed: boolean;
}

export interface HeadcountLevelRow extends HeadcountFigures {
  roleFamily: string;
  role: string;
  roleLevel: string;
  roleLevelName: string;
}

export interface HeadcountFamilyRow extends HeadcountFigures {
  roleFamily: string;
}

export interface InterimTrendCell {
  period: string;
  day: string;
  roleFamily: string;
  people: number | null;
  interimAndContractor: number | null;
  interimSharePercent: number | null;
  suppressed: boolean;
}

export interface MovementCell {
  roleFamily: string;
  people: number | null;
  suppressed: boolean;
}

export interface WorkforceReport {
  k: number;
  scope: PeopleScope['kind'];
  roleFamily: string | null;
  unitId: string | null;
  from: string;
  to: string;
  interval: 'month' | 'quarter';
  levels: HeadcountLevelRow[];
  families: HeadcountFamilyRow[];
  total: HeadcountFigures;
  interimTrend: InterimTrendCell[];
  joiners: MovementCell[];
  leavers: MovementCell[];
}

type Counts = Pick<LevelCounts, 'funded' | 'inPost' | 'interimInPost' | 'openVacancyPosts'>;

const HIDDEN: HeadcountFigures = {
  people: null,
  inPost: null,
  interimInPost: null,
  interimSharePercent: null,
  funded: null,
  openVacancyPosts: null,
  suppressed: true,
};

function figures(c: Counts, establishment: boolean): HeadcountFigures {
  const people = c.inPost + c.interimInPost;
  return {
    people,
    inPost: c.inPost,
    interimInPost: c.interimInPost,
    interimSharePercent: percentOf(c.interimInPost, people),
    funded: establishment ? c.funded : null,
    openVacancyPosts: establishment ? c.openVacancyPosts : null,
    suppressed: false,
  };
}

const sum = (rows: Counts[]): Counts =>
  rows.reduce(
    (a, r) => ({
      funded: a.funded + r.funded,
      inPost: a.inPost + r.inPost,
      interimInPost: a.interimInPost + r.interimInPost,
      openVacancyPosts: a.openVacancyPosts + r.openVacancyPosts,
    }),
    { funded: 0, inPost: 0, interimInPost: 0, openVacancyPosts: 0 },
  );

const headcount = (c: Counts): number => c.inPost + c.interimInPost;

/** Groups `items` by `key`, keeping first-seen order. */
function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

/**
 * The workforce report: headcount by family, role and level against the establishment on `to`, open vacancies, the
 * share of interim and contractor staff per family over the periods of [from, to], joiners and leavers in it. Cells
 * under k people are suppressed, with their siblings where a shown total would give them away (levels within a
 * family, families within the total, families within a period, families' joiners and leavers).
 */
@Injectable()
export class WorkforceInsightsService {
  private readonly k: number;

  constructor(
    private readonly repository: WorkforceInsightsRepository,
    config: AppConfig,
  ) {
    this.k = config.insights.minGroupSize;
  }

  /** Whether the actor may read the people report of `permission` at all (HR, heads of profession, line managers). */
  reads(actor: Actor, permission: string): Promise<boolean> {
    return readsPeopleInsights(actor, permission, (id) => this.repository.managesAnyone(id));
  }

  async report(actor: Actor, query: WorkforceQuery): Promise<WorkforceReport> {
    const scope = await peopleScope(
      actor,
      PeopleInsightsPermission.InsightsWorkforceRead,
      'workforce',
      query.roleFamily,
      (id) => this.repository.managesAnyone(id),
    );
    const interval = query.interval ?? 'month';
    const { from, to } = range(query, interval);
    const filter = { unitId: query.unitId ?? null, roleFamily: query.roleFamily ?? null, scope };
    const establishment = scope.kind !== 'chain';
    const k = this.k;

    const levelCounts = await this.repository.levels(filter, to);
    const byFamily = groupBy(levelCounts, (l) => l.roleFamily);
    const familyNames = [...byFamily.keys()];
    const familyCounts = familyNames.map((f) => sum(byFamily.get(f)!));
    const hiddenFamilies = siblingsToSuppress(familyCounts, headcount, k);
    const families = familyNames.map((roleFamily, i) => ({
      roleFamily,
      ...(hiddenFamilies.has(i) ? HIDDEN : figures(familyCounts[i]!, establishment)),
    }));
    const levels: HeadcountLevelRow[] = [];
    familyNames.forEach((family, f) => {
      const rows = byFamily.get(family)!;
      // A hidden family's levels are hidden with it: shown, they would add up to the family, and the total less the
      // family would give its hidden sibling away.
      const hidden = hiddenFamilies.has(f)
        ? new Set(rows.map((_, i) => i).filter((i) => headcount(rows[i]!) > 0))
        : siblingsToSuppress(rows, headcount, k);
      rows.forEach((r, i) =>
        levels.push({
          roleFamily: r.roleFamily,
          role: r.role,
          roleLevel: r.roleLevel,
          roleLevelName: r.roleLevelName,
          ...(hidden.has(i) ? HIDDEN : figures(r, establishment)),
        }),
      );
    });
    const totalCounts = sum(familyCounts);
    const total =
      siblingsToSuppress([totalCounts], headcount, k).size > 0 ? HIDDEN : figures(totalCounts, establishment);

    const interimTrend: InterimTrendCell[] = [];
    const spans = periods(from, to, interval);
    const trendRows = groupBy(await this.repository.familyTrend(filter, spans), (r) => r.period);
    for (const span of spans) {
      const rows = trendRows.get(span.period) ?? [];
      const hidden = siblingsToSuppress(rows, (r) => r.people, k);
      rows.forEach((r, i) =>
        interimTrend.push(
          hidden.has(i)
            ? {
                ...span,
                roleFamily: r.roleFamily,
                people: null,
                interimAndContractor: null,
                interimSharePercent: null,
                suppressed: true,
              }
            : {
                ...span,
                roleFamily: r.roleFamily,
                people: r.people,
                interimAndContractor: r.interimAndContractor,
                interimSharePercent: percentOf(r.interimAndContractor, r.people),
                suppressed: false,
              },
        ),
      );
    }

    const moves = await this.repository.movements(filter, from, to);
    const cells = (count: (m: (typeof moves)[number]) => number): MovementCell[] => {
      const rows = moves.filter((m) => count(m) > 0);
      const hidden = siblingsToSuppress(rows, count, k);
      return rows.map((m, i) =>
        hidden.has(i)
          ? { roleFamily: m.roleFamily, people: null, suppressed: true }
          : { roleFamily: m.roleFamily, people: count(m), suppressed: false },
      );
    };

    return {
      k,
      scope: scope.kind,
      roleFamily: query.roleFamily ?? null,
      unitId: query.unitId ?? null,
      from,
      to,
      interval,
      levels,
      families,
      total,
      interimTrend,
      joiners: cells((m) => m.joiners),
      leavers: cells((m) => m.leavers),
    };
  }
}
