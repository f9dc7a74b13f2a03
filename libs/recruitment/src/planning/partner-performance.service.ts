import { ValidationFailedError, type Actor } from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import {
  PartnerPerformanceRepository,
  type OfferOutcomeRow,
  type PartnerVacancyRow,
  type PerformancePartnerRow,
} from './partner-performance.repository.js';
import { SERVICE_LEVEL_DIRECTION, type ServiceLevelMetric } from './partner-service-level.entity.js';
import type { PartnerKind } from './partner.entity.js';
import { PartnerNotFound } from './partner.errors.js';

/** The longest range of months one question may ask about. */
export const MAX_PERFORMANCE_MONTHS = 36;
/** The months asked about when no range is given: this many, up to and including the current one. */
export const DEFAULT_PERFORMANCE_MONTHS = 12;

/** Calendar months, both ends included, as `YYYY-MM`. */
export interface MonthRange {
  from: string;
  to: string;
}

export interface PerformanceMonth {
  /** `YYYY-MM`. */
  month: string;
  /** The month's measure, to one decimal place; null when there was nothing to measure. */
  value: number | null;
  /** Whether the value meets the target; null ("no data") when there was nothing to measure. */
  met: boolean | null;
  /** How many vacancies (days-to-shortlist, candidates-per-post) or offers (offer-acceptance-rate) it rests on. */
  basis: number;
}

export interface ServiceLevelPerformance {
  metric: ServiceLevelMetric;
  direction: 'at-most' | 'at-least';
  target: number;
  months: PerformanceMonth[];
  /** The run of missed months ending at the latest month with data (0 when that month was met, or none has data). */
  consecutiveMonthsMissed: number;
  /** The longest run of missed months in the range. */
  longestRunMissed: number;
}

export interface PartnerPerformance {
  partner: { id: string; name: string; kind: PartnerKind };
  range: MonthRange;
  serviceLevels: ServiceLevelPerformance[];
  /** The most consecutive months missed of any of its service levels. */
  consecutiveMonthsMissed: number;
}

/**
 * How a partner does against its agreed service levels, month by month (calendar months; days are dates, and a
 * moment such as a move or an answer falls on its Europe/London day; "today" is `today()`, as everywhere else):
 *
 * - a partner's candidates are those it put forward (`candidates.partner_id`); its vacancies those of the campaigns
 *   it is on, advertised (neither drafts nor withdrawn) and closed (the closing date before today); on them only the
 *   applications of its own candidates count;
 * - `days-to-shortlist` (at most): its vacancies that closed in the month with at least one application from its
 *   candidates. Per vacancy, the days from the closing date to the first move to interview of one of those
 *   applications (a shortlist made before the close counts 0 days). One not shortlisted yet counts the days from the
 *   closing date to today, but only once that exceeds the target (a miss whatever happens next); until then it is
 *   pending and not counted. The month's value is the mean over the vacancies counted;
 * - `offer-acceptance-rate` (at least, %): offers to applications from its candidates by the month their outcome fell
 *   in: accepted or declined (the day of the answer), expired (the day after the last day to accept). Withdrawn offers
 *   are left out. Value: accepted ÷ (accepted + declined + expired) × 100;
 * - `candidates-per-post` (at least): its vacancies that closed in the month; value: applications from its
 *   candidates to them ÷ the sum of their posts.
 *
 * Values are rounded to one decimal place (half up) and the rounded value is compared with the target. A month with
 * nothing to measure is "no data" (`met: null`): it neither breaks nor extends a run of missed months. Only the
 * months the contract runs in (from the month it starts to the month of its last day) are reported.
 */
@Injectable()
export class PartnerPerformanceService {
  constructor(private readonly rows: PartnerPerformanceRepository) {}

  /** One partner's performance over `query`'s months (default: the last 12, this one included). */
  async forPartner(_actor: Actor, id: string, query: Partial<MonthRange>, day = today()): Promise<PartnerPerformance> {
    const range = monthRange(query, day);
    const found = (await this.measure([id], range, day)).get(id);
    if (!found) throw new PartnerNotFound(id);
    return found;
  }

  /** Several partners' performance over a range (unknown ids are left out): for figures and insights to reuse. */
  async measure(partnerIds: string[], range: MonthRange, day = today()): Promise<Map<string, PartnerPerformance>> {
    const result = new Map<string, PartnerPerformance>();
    const ids = [...new Set(partnerIds)];
    if (ids.length === 0) return result;
    const partners = await this.rows.partners(ids);
    if (partners.length === 0) return result;
    const found = partners.map((p) => p.id);
    const from = `${range.from}-01`;
    const until = `${addMonths(range.to, 1)}-01`;
    const [levels, vacancies, offers] = [
      await this.rows.serviceLevels(found),
      await this.rows.vacancies(found, from, until, day),
      await this.rows.offerOutcomes(found, from, until, day),
    ];
    for (const partner of partners) {
      const months = contractMonths(partner, range);
      const serviceLevels = levels
        .filter((l) => l.partnerId === partner.id)
        .map((l) => {
          const measured = months.map((month) =>
            measureMonth(
              l.metric,
              l.target,
              month,
              day,
              vacancies.filter((v) => v.partnerId === partner.id && v.closesOn.startsWith(month)),
              offers.find((o) => o.partnerId === partner.id && o.month === month),
            ),
          );
          return {
            metric: l.metric,
            direction: SERVICE_LEVEL_DIRECTION[l.metric],
            target: l.target,
            months: measured,
            ...runs(measured),
          };
        });
      result.set(partner.id, {
        partner: { id: partner.id, name: partner.name, kind: partner.kind },
        range,
        serviceLevels,
        consecutiveMonthsMissed: Math.max(0, ...serviceLevels.map((l) => l.consecutiveMonthsMissed)),
      });
    }
    return result;
  }
}

/**
 * The months a question asks about: `from` and `to` as given, `to` defaulting to the current month and `from` to
 * eleven months before `to`; `from` after `to`, or more than 36 months, is a bad request.
 */
export function monthRange(query: Partial<MonthRange>, day: string = today()): MonthRange {
  const to = query.to ?? day.slice(0, 7);
  const from = query.from ?? addMonths(to, 1 - DEFAULT_PERFORMANCE_MONTHS);
  if (from > to) throw new ValidationFailedError([{ field: 'from', message: 'from must not be after to' }]);
  if (monthsFrom(from, to) > MAX_PERFORMANCE_MONTHS) {
    throw new ValidationFailedError([
      { field: 'to', message: `a range covers at most ${MAX_PERFORMANCE_MONTHS} months` },
    ]);
  }
  return { from, to };
}

/** `month` (`YYYY-MM`) moved by `n` months. */
export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many months from `from` to `to`, both included. */
function monthsFrom(from: string, to: string): number {
  return (
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1
  );
}

/** The range's months the partner's contract runs in (its end is exclusive: the last month is its last day's). */
function contractMonths(partner: PerformancePartnerRow, range: MonthRange): string[] {
  const first = partner.contractStartsOn.slice(0, 7);
  const last = partner.contractEndsOn === null ? null : shiftDay(partner.contractEndsOn, -1).slice(0, 7);
  const months: string[] = [];
  for (let m = range.from; m <= range.to; m = addMonths(m, 1)) {
    if (m >= first && (last === null || m <= last)) months.push(m);
  }
  return months;
}

function measureMonth(
  metric: ServiceLevelMetric,
  target: number,
  month: string,
  day: string,
  vacancies: PartnerVacancyRow[],
  offers: OfferOutcomeRow | undefined,
): PerformanceMonth {
  switch (metric) {
    case 'days-to-shortlist': {
      const days = vacancies
        .filter((v) => v.applications > 0)
        .map((v) =>
          v.shortlistedOn === null
            ? daysBetween(v.closesOn, day) > target
              ? daysBetween(v.closesOn, day)
              : null
            : Math.max(0, daysBetween(v.closesOn, v.shortlistedOn)),
        )
        .filter((d): d is number => d !== null);
      return judged(month, metric, target, sum(days), days.length);
    }
    case 'offer-acceptance-rate': {
      const decided = offers ? offers.accepted + offers.declined + offers.expired : 0;
      return judged(month, metric, target, (offers?.accepted ?? 0) * 100, decided);
    }
    case 'candidates-per-post':
      return judged(
        month,
        metric,
        target,
        sum(vacancies.map((v) => v.applications)),
        sum(vacancies.map((v) => v.posts)),
        vacancies.length,
      );
  }
}

/** numerator ÷ denominator to one decimal place (half up), judged against the target; no denominator, no data. */
function judged(
  month: string,
  metric: ServiceLevelMetric,
  target: number,
  numerator: number,
  denominator: number,
  basis = denominator,
): PerformanceMonth {
  if (denominator === 0) return { month, value: null, met: null, basis: 0 };
  const value = Math.round((numerator * 10) / denominator) / 10;
  const met = SERVICE_LEVEL_DIRECTION[metric] === 'at-most' ? value <= target : value >= target;
  return { month, value, met, basis };
}

/** The run of misses ending at the latest month with data, and the longest run; months without data are skipped. */
function runs(months: PerformanceMonth[]): { consecutiveMonthsMissed: number; longestRunMissed: number } {
  let run = 0;
  let longest = 0;
  for (const m of months) {
    if (m.met === null) continue;
    run = m.met ? 0 : run + 1;
    longest = Math.max(longest, run);
  }
  return { consecutiveMonthsMissed: run, longestRunMissed: longest };
}

const DAY_MS = 86_400_000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
