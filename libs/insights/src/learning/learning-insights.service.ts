import { AppConfig, ValidationFailedError, type Actor } from '@capability/platform';
import { ReviewCycleNotFound } from '@capability/reviews';
import { Injectable } from '@nestjs/common';
import { percentOf, ratio } from '../common/figures.js';
import { siblingsToSuppress } from '../common/suppression.js';
import { peopleScope, range, type PeopleScope } from '../people/people-scope.js';
import { WorkforceInsightsRepository } from '../people/workforce.repository.js';
import {
  LearningInsightsRepository,
  type CompletionCounts,
  type LearningFilter,
  type ReviewCycleRef,
  type SkillClosureCounts,
} from './learning-insights.repository.js';
import { LearningInsightsPermission } from './learning-permissions.js';

export interface LearningQuery {
  from?: string;
  to?: string;
  roleFamily?: string;
  unit?: string;
  fromCycleId?: string;
  toCycleId?: string;
}

/** Verified completions of a group within [from, to]; every figure null when suppressed. */
export interface CompletionFigures {
  /** Distinct people who completed something in the group: the people the cell rests on. */
  people: number | null;
  completions: number | null;
  /** Hours recorded on those completions, 2 decimals. */
  hours: number | null;
  suppressed: boolean;
}

export interface ItemCompletions extends CompletionFigures {
  /** The catalogue item; null for external learning (not in the catalogue). */
  item: { id: string; code: string; title: string; inclusionPackage: string | null } | null;
}
export interface FamilyCompletions extends CompletionFigures {
  /** The family slug of the person's primary role on `to`; null when they had none. */
  roleFamily: string | null;
}
export interface UnitCompletions extends CompletionFigures {
  unit: { id: string; code: string; name: string };
}

export type UptakePackage = 'digital-awareness' | 'digital-skills' | 'either';

export interface UptakeRow {
  package: UptakePackage;
  /** People counted (in post on `to`, in scope). */
  inScope: number | null;
  /** Of them, completed (verified, by `to`) an item of the package (`either`: of either package). */
  completed: number | null;
  /** 100 × completed ÷ inScope, 1 decimal. */
  percent: number | null;
  suppressed: boolean;
}

export interface ClosureSplit {
  /** People of the cohort in this half: the people it rests on. */
  people: number | null;
  closed: number | null;
  /** 100 × closed ÷ people, 1 decimal. */
  percentClosed: number | null;
  suppressed: boolean;
}

export interface SkillClosure {
  skill: { slug: string; name: string };
  /** Gap in the first cycle and rated in the second. */
  people: number | null;
  closed: number | null;
  percentClosed: number | null;
  /** Completed verified learning mapped to the skill between the cycles. */
  learned: ClosureSplit;
  notLearned: ClosureSplit;
  suppressed: boolean;
}

export interface GapClosure {
  fromCycle: { id: string; name: string; closesOn: string };
  toCycle: { id: string; name: string; closesOn: string };
  /** Learning counts when completed after the first cycle's closing date, up to the second's. */
  learningAfter: string;
  learningUntil: string;
  skills: SkillClosure[];
}

export interface LearningReport {
  k: number;
  scope: PeopleScope['kind'];
  roleFamily: string | null;
  unit: string | null;
  from: string;
  to: string;
  byItem: ItemCompletions[];
  byFamily: FamilyCompletions[];
  byUnit: UnitCompletions[];
  total: CompletionFigures;
  uptake: UptakeRow[];
  /**
   * Null when no two cycles to compare (by default: an open cycle against the one closed last, or else the two closed
   * last; none closed, or only one and none open, gives null).
   */
  gapClosure: GapClosure | null;
}

const HIDDEN: CompletionFigures = { people: null, completions: null, hours: null, suppressed: true };
const HIDDEN_SPLIT: ClosureSplit = { people: null, closed: null, percentClosed: null, suppressed: true };

const shown = (c: CompletionCounts): CompletionFigures => ({
  people: c.people,
  completions: c.completions,
  hours: ratio(Math.round(Number(c.hours) * 100), 100, 2),
  suppressed: false,
});

/** A set of sibling cells (their total is `total`) with the rule applied. */
function suppressSiblings<T extends { counts: CompletionCounts }>(cells: T[], k: number): (T & { hidden: boolean })[] {
  const hidden = siblingsToSuppress(cells, (c) => c.counts.people, k);
  return cells.map((c, i) => ({ ...c, hidden: hidden.has(i) }));
}

/** Code-point order (stable whatever the locale); null (external learning, no role) last. */
const byText = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

const split = (people: number, closed: number): ClosureSplit => ({
  people,
  closed,
  percentClosed: percentOf(closed, people),
  suppressed: false,
});

/**
 * The learning report: verified completions and hours within [from, to] by catalogue item (external learning as one
 * row), by role family and by unit, of the staff in post on `to`; the uptake of the digital inclusion packages among
 * them (by `to`); and, between two review cycles (by default the cycle closed last against the open one, as it stands;
 * with none open, the two closed last), for each skill, whether the gaps of the first closed in the second for those
 * who completed learning mapped to the skill in between against those who did not. Every cell under k
 * people suppressed, with siblings where a total would give one away.
 */
@Injectable()
export class LearningInsightsService {
  private readonly k: number;

  constructor(
    private readonly repository: LearningInsightsRepository,
    private readonly workforce: WorkforceInsightsRepository,
    config: AppConfig,
  ) {
    this.k = config.insights.minGroupSize;
  }

  async report(actor: Actor, query: LearningQuery): Promise<LearningReport> {
    const scope = await peopleScope(
      actor,
      LearningInsightsPermission.InsightsLearningRead,
      'learning',
      query.roleFamily,
      (id) => this.workforce.managesAnyone(id),
    );
    const { from, to } = range(query, 'month');
    const cycles = await this.cycles(query);
    const filter: LearningFilter = {
      day: to,
      unitId: query.unit ?? null,
      roleFamily: query.roleFamily ?? null,
      scope,
    };
    const k = this.k;

    const counts = await this.repository.completions(filter, from);
    const of = (kind: CompletionCounts['kind']) => counts.filter((c) => c.kind === kind);
    const total = of('total')[0] ?? { kind: 'total', id: null, people: 0, completions: 0, hours: '0' };

    const itemLabels = new Map(
      (await this.repository.items(of('item').flatMap((c) => (c.id ? [c.id] : [])))).map((i) => [i.id, i]),
    );
    const items = suppressSiblings(
      of('item')
        .map((counts) => ({ counts, item: counts.id ? itemLabels.get(counts.id)! : null }))
        .sort((a, b) => byText(a.item?.code ?? null, b.item?.code ?? null)),
      k,
    );
    const families = suppressSiblings(
      of('family')
        .map((counts) => ({ counts, roleFamily: counts.id }))
        .sort((a, b) => byText(a.roleFamily, b.roleFamily)),
      k,
    );
    const unitLabels = new Map((await this.repository.units(of('unit').map((c) => c.id!))).map((u) => [u.id, u]));
    const units = suppressSiblings(
      of('unit')
        .map((counts) => ({ counts, unit: unitLabels.get(counts.id!)! }))
        .sort((a, b) => byText(a.unit.code, b.unit.code) || byText(a.unit.id, b.unit.id)),
      k,
    );

    return {
      k,
      scope: scope.kind,
      roleFamily: filter.roleFamily,
      unit: filter.unitId,
      from,
      to,
      byItem: items.map((c) => ({ item: c.item, ...(c.hidden ? HIDDEN : shown(c.counts)) })),
      byFamily: families.map((c) => ({ roleFamily: c.roleFamily, ...(c.hidden ? HIDDEN : shown(c.counts)) })),
      byUnit: units.map((c) => ({ unit: c.unit, ...(c.hidden ? HIDDEN : shown(c.counts)) })),
      total: total.people > 0 && total.people < k ? HIDDEN : shown(total),
      uptake: this.uptake(await this.repository.uptake(filter)),
      gapClosure: cycles
        ? {
            fromCycle: { id: cycles.from.id, name: cycles.from.name, closesOn: cycles.from.closesOn },
            toCycle: { id: cycles.to.id, name: cycles.to.name, closesOn: cycles.to.closesOn },
            learningAfter: cycles.from.closesOn,
            learningUntil: cycles.to.closesOn,
            skills: (
              await this.repository.gapClosure(
                filter,
                cycles.from.id,
                cycles.to.id,
                cycles.from.closesOn,
                cycles.to.closesOn,
              )
            ).map((s) => this.closure(s)),
          }
        : null,
    };
  }

  /**
   * The two cycles compared. By default, when a cycle is open (the latest opened), the cycle closed last against it
   * (since last year's review, as this year's stands); with none open, the two closed last. `toCycleId` alone: against
   * the closed cycle before it (the one closed last when it is not closed); `fromCycleId` alone: against the cycle
   * `to` defaults to. Null when the defaults find no two (or `fromCycleId` alone names the cycle `to` defaults to).
   */
  private async cycles(query: LearningQuery): Promise<{ from: ReviewCycleRef; to: ReviewCycleRef } | null> {
    const find = async (id: string): Promise<ReviewCycleRef> => {
      const cycle = await this.repository.cycle(id);
      if (!cycle) throw new ReviewCycleNotFound(id);
      return cycle;
    };
    if (query.fromCycleId && query.fromCycleId === query.toCycleId) {
      throw new ValidationFailedError([{ field: 'fromCycleId', message: 'fromCycleId and toCycleId must differ' }]);
    }
    const closed = query.fromCycleId && query.toCycleId ? [] : await this.repository.closedCycles();
    const to = query.toCycleId ? await find(query.toCycleId) : ((await this.repository.latestOpenCycle()) ?? closed[0]);
    if (!to) return null;
    const from = query.fromCycleId
      ? await find(query.fromCycleId)
      : closed.slice(closed.findIndex((c) => c.id === to.id) + 1).find((c) => c.id !== to.id);
    return from && from.id !== to.id ? { from, to } : null;
  }

  /**
   * The uptake rows. Each rests on those who completed and those who did not (both ≥ k, or both hidden); the two
   * packages' rows hide too when, with `either`, they would give away fewer than k people (those who took both, or
   * only one).
   */
  private uptake(u: { inScope: number; digitalAwareness: number; digitalSkills: number; either: number }): UptakeRow[] {
    const k = this.k;
    const row = (pkg: UptakePackage, completed: number, hide: boolean): UptakeRow =>
      hide || siblingsToSuppress([completed, u.inScope - completed], (n) => n, k).size > 0
        ? { package: pkg, inScope: null, completed: null, percent: null, suppressed: true }
        : { package: pkg, inScope: u.inScope, completed, percent: percentOf(completed, u.inScope), suppressed: false };
    const both = u.digitalAwareness + u.digitalSkills - u.either;
    const derived = [both, u.either - u.digitalAwareness, u.either - u.digitalSkills];
    const hidePackages = derived.some((n) => n > 0 && n < k);
    return [
      row('digital-awareness', u.digitalAwareness, hidePackages),
      row('digital-skills', u.digitalSkills, hidePackages),
      row('either', u.either, false),
    ];
  }

  /** A skill's row: hidden under k people; its two halves by the sibling rule (their total is the row). */
  private closure(s: SkillClosureCounts): SkillClosure {
    const skill = { slug: s.skillSlug, name: s.skillName };
    if (s.people < this.k) {
      return {
        skill,
        people: null,
        closed: null,
        percentClosed: null,
        learned: HIDDEN_SPLIT,
        notLearned: HIDDEN_SPLIT,
        suppressed: true,
      };
    }
    const halves = [
      { people: s.learned, closed: s.learnedClosed },
      { people: s.people - s.learned, closed: s.closed - s.learnedClosed },
    ];
    const hidden = siblingsToSuppress(halves, (h) => h.people, this.k);
    const [learned, notLearned] = halves.map((h, i) => (hidden.has(i) ? HIDDEN_SPLIT : split(h.people, h.closed)));
    return {
      skill,
      people: s.people,
      closed: s.closed,
      percentClosed: percentOf(s.closed, s.people),
      learned: learned!,
      notLearned: notLearned!,
      suppressed: false,
    };
  }
}
