import { Injectable } from '@nestjs/common';
import { PulseNotFound, PulseStateConflict } from './inclusion.errors.js';
import { PulseAnswersRepository } from './pulse-answers.repository.js';
import { pulseAllows } from './pulse-states.js';
import {
  cellsToSuppress,
  RATING_MAX,
  RATING_MIN,
  resultCell,
  SUPPRESSED,
  type ResultCell,
} from './pulse-suppression.js';
import type { Pulse } from './pulse.entity.js';
import { PulsesRepository } from './pulses.repository.js';

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface StatementResult {
  /** 0-based, in the pulse's order. */
  index: number;
  statement: string;
  overall: ResultCell;
  /** Per unit of the respondents (their unit when they answered), by unit code; empty unless asked for. */
  byUnit: { unit: UnitRef; cell: ResultCell }[];
}

export interface PulseResults {
  pulse: Pulse;
  /** How many answered; null when fewer than 5 (no figures at all then). */
  responses: number | null;
  statements: StatementResult[];
}

export interface TrendPoint {
  pulseId: string;
  title: string;
  closesOn: string;
  cell: ResultCell;
}

/** The department's awareness-of-digital measure: each statement across the closed pulses that asked it. */
export interface StatementTrend {
  statement: string;
  points: TrendPoint[];
}

const emptyDistribution = (): number[] => Array.from({ length: RATING_MAX - RATING_MIN + 1 }, () => 0);

/**
 * Results of closed pulses, per statement and per unit, and the trend across pulses. Any cell built from
 * fewer than 5 responses is suppressed (and, where the overall figure would give a hidden cell away, the
 * next smallest too).
 */
@Injectable()
export class PulseResultsService {
  constructor(
    private readonly pulses: PulsesRepository,
    private readonly answers: PulseAnswersRepository,
  ) {}

  /** `byUnit`: also each unit's figures (the respondents' units), with their suppression. */
  async results(id: string, options: { byUnit: boolean }): Promise<PulseResults> {
    const pulse = await this.pulses.findById(id);
    if (!pulse) throw new PulseNotFound(id);
    if (!pulseAllows(pulse.state, 'read-results')) {
      throw new PulseStateConflict(pulse.state, 'reported on before it closes');
    }
    const counts = await this.answers.ratingCounts(id);
    const units = new Map<string, UnitRef>();
    // statement → unit → distribution
    const cells = pulse.statements.map(() => new Map<string, number[]>());
    for (const c of counts) {
      units.set(c.unitId, { id: c.unitId, code: c.unitCode, name: c.unitName });
      const byUnit = cells[c.statement];
      if (!byUnit) continue;
      const distribution = byUnit.get(c.unitId) ?? emptyDistribution();
      distribution[c.rating - RATING_MIN] = c.count;
      byUnit.set(c.unitId, distribution);
    }
    const unitOrder = [...units.values()].sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id));
    const statements = pulse.statements.map((statement, index): StatementResult => {
      const byUnit = cells[index]!;
      const distributions = unitOrder.map((u) => byUnit.get(u.id) ?? emptyDistribution());
      const overall = distributions.reduce((sum, d) => sum.map((n, i) => n + (d[i] ?? 0)), emptyDistribution());
      const hidden = cellsToSuppress(distributions.map((d) => d.reduce((a, b) => a + b, 0)));
      return {
        index,
        statement,
        overall: resultCell(overall),
        byUnit: options.byUnit
          ? unitOrder.map((unit, i) => ({
              unit,
              cell: hidden.has(i) ? { ...SUPPRESSED } : resultCell(distributions[i]!),
            }))
          : [],
      };
    });
    const responses = statements[0]?.overall.responses ?? null;
    return { pulse, responses, statements };
  }

  /** Each statement's overall figures across closed pulses, oldest first (statements matched by their text). */
  async trend(): Promise<StatementTrend[]> {
    const rows = await this.answers.trend();
    type Entry = { point: Omit<TrendPoint, 'cell'>; distribution: number[] };
    const byStatement = new Map<string, Map<string, Entry>>();
    for (const r of rows) {
      const points = byStatement.get(r.statement) ?? new Map<string, Entry>();
      byStatement.set(r.statement, points);
      const entry = points.get(r.pulseId) ?? {
        point: { pulseId: r.pulseId, title: r.title, closesOn: r.closesOn },
        distribution: emptyDistribution(),
      };
      const i = r.rating - RATING_MIN;
      entry.distribution[i] = (entry.distribution[i] ?? 0) + r.count;
      points.set(r.pulseId, entry);
    }
    return [...byStatement].map(([statement, points]) => ({
      statement,
      points: [...points.values()].map(({ point, distribution }) => ({ ...point, cell: resultCell(distribution) })),
    }));
  }
}
