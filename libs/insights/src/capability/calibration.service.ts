import { AppConfig, type Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { percentOf, ratio } from '../common/figures.js';
import { siblingsToSuppress } from '../common/suppression.js';
import { CalibrationRepository, type CalibrationCounts } from './calibration.repository.js';
import { CapabilityGapsService } from './capability-gaps.service.js';

export interface CalibrationQueryInput {
  cycleId?: string;
  roleFamily?: string;
}

/** A row's figures; every one null when `suppressed`. */
export interface CalibrationFigures {
  /** Reviewees with at least one rating counted. */
  people: number | null;
  /** Ratings with both a self and a validated level. */
  ratings: number | null;
  meanSelf: number | null;
  meanValidated: number | null;
  /** Mean of validated − self (negative: validations lower than self-assessments), 2 decimals. */
  meanDifference: number | null;
  percentAgreed: number | null;
  percentRaised: number | null;
  percentLowered: number | null;
  /** Ratings flagged for calibration (self and validated two or more levels apart). */
  flagged: number | null;
  suppressed: boolean;
}

export interface CalibrationRow extends CalibrationFigures {
  /** Family slug, or the validator's staff id (`none` when nobody is on record). */
  id: string;
  label: string;
}

export interface CalibrationRanked {
  id: string;
  label: string;
  people: number;
  meanDifference: number;
}

export interface Calibration {
  cycleId: string;
  cycleName: string;
  cycleState: 'draft' | 'open' | 'closed';
  k: number;
  filters: { roleFamily?: string };
  families: CalibrationRow[];
  managers: CalibrationRow[];
  total: CalibrationFigures;
  /** Shown manager rows (k people or more), by the absolute mean difference, largest first (at most 10). */
  mostDifferent: CalibrationRanked[];
}

const RANKED = 10;

function figures(c: CalibrationCounts, suppressed: boolean): CalibrationFigures {
  if (suppressed || c.ratings === 0) {
    return {
      people: suppressed ? null : c.people,
      ratings: suppressed ? null : c.ratings,
      meanSelf: null,
      meanValidated: null,
      meanDifference: null,
      percentAgreed: null,
      percentRaised: null,
      percentLowered: null,
      flagged: suppressed ? null : c.flagged,
      suppressed,
    };
  }
  return {
    people: c.people,
    ratings: c.ratings,
    meanSelf: ratio(c.selfSum, c.ratings, 2),
    meanValidated: ratio(c.validatedSum, c.ratings, 2),
    meanDifference: ratio(c.validatedSum - c.selfSum, c.ratings, 2),
    percentAgreed: percentOf(c.agreed, c.ratings),
    percentRaised: percentOf(c.raised, c.ratings),
    percentLowered: percentOf(c.lowered, c.ratings),
    flagged: c.flagged,
    suppressed: false,
  };
}

/**
 * Calibration: self-assessed against validated levels in a cycle's validated reviews, per role family and per
 * validating manager (a manager's row is about their team: the reviewees whose reviews they validated), with the
 * ratings flagged for calibration, and the managers whose validations differ most from their teams' self-assessments.
 * Scope as the gap report (`CapabilityGapsService.scopeFor`); each of the two sets of rows suppressed by
 * `siblingsToSuppress` (each person is in one family row and one manager row, and the total is shown).
 */
@Injectable()
export class CalibrationService {
  constructor(
    private readonly gaps: CapabilityGapsService,
    private readonly repository: CalibrationRepository,
    private readonly config: AppConfig,
  ) {}

  async report(actor: Actor, query: CalibrationQueryInput): Promise<Calibration> {
    const scope = await this.gaps.scopeFor(actor);
    const cycle = await this.gaps.resolveCycle(query.cycleId);
    const k = this.config.insights.minGroupSize;
    const rows = await this.repository.counts({ cycleId: cycle.id, roleFamily: query.roleFamily, scope });
    const order = (a: CalibrationCounts, b: CalibrationCounts) =>
      a.label.localeCompare(b.label) || a.id.localeCompare(b.id);
    const shown = (kind: 'family' | 'manager') => {
      const cells = rows.filter((r) => r.kind === kind).sort(order);
      const hidden = siblingsToSuppress(cells, (c) => c.people, k);
      return cells.map((c, i) => ({ counts: c, row: { id: c.id, label: c.label, ...figures(c, hidden.has(i)) } }));
    };
    const families = shown('family');
    const managers = shown('manager');
    const total = rows.find((r) => r.kind === 'total')!;
    const mostDifferent = managers
      .filter((m) => !m.row.suppressed && m.counts.people >= k && m.counts.ratings > 0)
      .map((m) => ({ m, diff: Math.abs(m.counts.validatedSum - m.counts.selfSum) / m.counts.ratings }))
      .sort((a, b) => b.diff - a.diff || order(a.m.counts, b.m.counts))
      .slice(0, RANKED)
      .map(({ m }) => ({
        id: m.row.id,
        label: m.row.label,
        people: m.counts.people,
        meanDifference: m.row.meanDifference!,
      }));
    return {
      cycleId: cycle.id,
      cycleName: cycle.name,
      cycleState: cycle.state,
      k,
      filters: query.roleFamily !== undefined ? { roleFamily: query.roleFamily } : {},
      families: families.map((f) => f.row),
      managers: managers.map((m) => m.row),
      total: figures(total, total.people > 0 && total.people < k),
      mostDifferent,
    };
  }
}
