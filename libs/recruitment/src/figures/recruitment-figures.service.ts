import { scopesFor, ValidationFailedError, type Actor } from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import {
  addMonths,
  PartnerPerformanceService,
  type PartnerPerformance,
} from '../planning/partner-performance.service.js';
import type { ServiceLevelMetric } from '../planning/partner-service-level.entity.js';
import type { PartnerKind } from '../planning/partner.entity.js';
import { campaignScopeSql, familiesInScope } from '../planning/planning-scope.js';
import { FiguresPermission } from './figures-permissions.js';
import { FiguresScopeNotAllowed } from './figures.errors.js';
import { FUNNEL_STAGES, percent, suppress, type FunnelStage } from './funnel.js';
import {
  RecruitmentFiguresRepository,
  type FiguresFilter,
  type FunnelCounts,
  type SourceCounts,
  type Spread,
  type StageStay,
} from './recruitment-figures.repository.js';

/** What the figures are asked for: all optional; dates are `YYYY-MM-DD`, both inclusive, of applications made. */
export interface FiguresQuery {
  campaignId?: string;
  vacancyId?: string;
  roleFamily?: string;
  from?: string;
  to?: string;
}

export interface FunnelStageFigures {
  stage: FunnelStage;
  /** Applications that ever reached this stage (or a later one). */
  reached: number;
  /** reached ÷ reached at the stage before, %, 1 decimal (null for applied, or when the one before is 0). */
  conversionFromPreviousPercent: number | null;
  /** reached ÷ applied, %, 1 decimal. */
  conversionFromAppliedPercent: number | null;
  rejectedHere: number;
  withdrawnHere: number;
}

export interface FunnelFigures {
  stages: FunnelStageFigures[];
  reserveListed: number;
  rejected: number;
  withdrawn: number;
}

export interface CampaignFunnel extends FunnelFigures {
  campaignId: string;
  title: string;
  kind: string;
}

export interface VacancyFunnel extends FunnelFigures {
  vacancyId: string;
  campaignId: string;
  title: string;
}

export interface OfferAcceptance {
  made: number;
  accepted: number;
  declined: number;
  expired: number;
  withdrawn: number;
  /** accepted ÷ (accepted + declined + expired), %, 1 decimal; withdrawn offers and those still open left out. */
  ratePercent: number | null;
}

/** A source's outcomes; for a head of profession counts 1–4 are null and `suppressed` is true. */
export interface SourceOutcome {
  applications: number | null;
  withOffer: number | null;
  appointed: number | null;
  appointedAtLeast12MonthsAgo: number | null;
  stillInPostAfter12Months: number | null;
  offerRatePercent: number | null;
  appointmentRatePercent: number | null;
  /** stillInPostAfter12Months ÷ appointedAtLeast12MonthsAgo. */
  retentionRatePercent: number | null;
  suppressed: boolean;
}

export interface CampaignBelowTarget {
  campaignId: string;
  title: string;
  kind: string;
  state: string;
  targetHires: number;
  appointed: number;
  acceptedAwaitingAppointment: number;
  hires: number;
  shortfall: number;
}

/** One service level of a partner over the compliance window: how many months met, missed, or with nothing measured. */
export interface ServiceLevelCompliance {
  metric: ServiceLevelMetric;
  direction: 'at-most' | 'at-least';
  target: number;
  monthsMet: number;
  monthsMissed: number;
  monthsWithoutData: number;
  /** monthsMet ÷ (monthsMet + monthsMissed), %, 1 decimal; null when no month had data. */
  compliancePercent: number | null;
  /** The run of missed months ending at the latest month with data. */
  consecutiveMonthsMissed: number;
}

/** A partner's service-level compliance over the twelve months up to the figures' last month. */
export interface PartnerCompliance {
  partnerId: string;
  partnerName: string;
  kind: PartnerKind;
  from: string;
  to: string;
  serviceLevels: ServiceLevelCompliance[];
  /** The most consecutive months missed of any of its service levels. */
  consecutiveMonthsMissed: number;
}

/** How many months of service levels the figures summarise, up to the month of `to` (or this month). */
export const COMPLIANCE_MONTHS = 12;

export interface FamilyConversion {
  roleFamily: string;
  permanentAppointments: number;
  convertedPosts: number;
  interimInPost: number;
  contractorInPost: number;
}

/** The funnels: every application in the filter, and per campaign and vacancy with applications in it. */
export interface Funnels {
  funnel: FunnelFigures;
  campaignFunnels: CampaignFunnel[];
  vacancyFunnels: VacancyFunnel[];
}

export interface RecruitmentFigures extends Funnels {
  measuredOn: string;
  filters: {
    campaignId: string | null;
    vacancyId: string | null;
    roleFamily: string | null;
    from: string | null;
    to: string | null;
  };
  /** Whether small per-source counts are suppressed (heads of profession). */
  smallNumbersSuppressed: boolean;
  timeToHire: Spread;
  timeInStage: StageStay[];
  offerAcceptance: OfferAcceptance;
  outcomesByPartner: (SourceOutcome & { partnerId: string; partnerName: string })[];
  outcomesByChannel: (SourceOutcome & { channel: string })[];
  campaignsBelowTarget: CampaignBelowTarget[];
  interimConversion: FamilyConversion[];
  partnerCompliance: PartnerCompliance[];
}

const STAY_STAGES = ['applied', 'sift', 'interview', 'assessment', 'reserve', 'offer', 'pre-employment-checks'];

function funnelFigures(c: FunnelCounts): FunnelFigures {
  const applied = c.reached[0] ?? 0;
  return {
    stages: FUNNEL_STAGES.map((stage, i) => ({
      stage,
      reached: c.reached[i]!,
      conversionFromPreviousPercent: i === 0 ? null : percent(c.reached[i]!, c.reached[i - 1]!),
      conversionFromAppliedPercent: percent(c.reached[i]!, applied),
      rejectedHere: c.rejectedFrom[i]!,
      withdrawnHere: c.withdrawnFrom[i]!,
    })),
    reserveListed: c.reserveListed,
    rejected: c.rejected,
    withdrawn: c.withdrawn,
  };
}

function sourceOutcome(s: SourceCounts, hide: boolean): SourceOutcome {
  const show = (n: number) => (hide ? suppress(n) : n);
  const applications = show(s.applications);
  const withOffer = show(s.withOffer);
  const appointed = show(s.appointed);
  const yearAgo = show(s.appointedYearAgo);
  const still = show(s.stillInPost);
  return {
    applications,
    withOffer,
    appointed,
    appointedAtLeast12MonthsAgo: yearAgo,
    stillInPostAfter12Months: still,
    offerRatePercent: percent(withOffer, applications),
    appointmentRatePercent: percent(appointed, applications),
    retentionRatePercent: percent(still, yearAgo),
    suppressed: [applications, withOffer, appointed, yearAgo, still].includes(null),
  };
}

/**
 * The recruitment figures, the queries insights reuses and `GET /api/v1/recruitment/figures` answers: funnels,
 * time to hire and in each stage, offer acceptance, outcomes per source, campaigns below target, and interim and
 * contractor posts converted to permanent hires. Aggregates only: no candidate's personal data in any of them.
 *
 * Scope: HR and admins every vacancy; a head of profession the vacancies whose role level is in a family they lead
 * (asking for another family is refused, 403), with per-source counts from 1 to 4 suppressed (null, `suppressed`)
 * and the rates resting on them hidden. An unknown or out-of-reach campaign or vacancy gives empty figures.
 */
@Injectable()
export class RecruitmentFiguresService {
  constructor(
    private readonly figures: RecruitmentFiguresRepository,
    private readonly performance: PartnerPerformanceService,
  ) {}

  /** Every figure, as `GET /recruitment/figures` answers. */
  async read(actor: Actor, query: FiguresQuery): Promise<RecruitmentFigures> {
    const filter = await this.filterFor(actor, query);
    const hide = !scopesFor(actor, FiguresPermission.RecruitmentFiguresRead).includes('any');
    // One after another: a request holds one connection, whatever the pool.
    const funnels = await this.funnelsFor(filter);
    const timeToHire = await this.figures.timeToHire(filter);
    const stays = await this.figures.timeInStage(filter);
    const offers = await this.offerAcceptance(filter);
    const sources = await this.figures.outcomesBySource(filter);
    const belowTarget = await this.campaignsBelowTarget(actor, filter);
    const conversion = await this.figures.conversions(filter);
    const compliance = await this.partnerCompliance(actor, filter);
    const byStage = new Map(stays.map((s) => [s.stage, s]));
    return {
      measuredOn: filter.today,
      filters: {
        campaignId: filter.campaignId,
        vacancyId: filter.vacancyId,
        roleFamily: filter.roleFamily,
        from: filter.from,
        to: filter.to,
      },
      smallNumbersSuppressed: hide,
      ...funnels,
      timeToHire,
      timeInStage: STAY_STAGES.map((stage) => byStage.get(stage) ?? { stage, count: 0, medianDays: null }),
      offerAcceptance: offers,
      outcomesByPartner: sources
        .filter((s) => s.partnerId !== null)
        .map((s) => ({ partnerId: s.partnerId!, partnerName: s.partnerName!, ...sourceOutcome(s, hide) })),
      outcomesByChannel: sources
        .filter((s) => s.partnerId === null)
        .map((s) => ({ channel: s.channel!, ...sourceOutcome(s, hide) })),
      campaignsBelowTarget: belowTarget,
      interimConversion: conversion,
      partnerCompliance: compliance,
    };
  }

  /**
   * Service-level compliance of the partners on the campaigns in the filter and the reader's scope (for HR and
   * admins with no campaign asked for, every partner), over the twelve months up to the month of `to` (or this
   * month), as `PartnerPerformanceService` measures them month by month; worst run of misses first.
   */
  async partnerCompliance(actor: Actor, filter: FiguresFilter): Promise<PartnerCompliance[]> {
    const values: unknown[] = [];
    const scope = campaignScopeSql(actor, FiguresPermission.RecruitmentFiguresRead, 'c', values);
    const everyPartner =
      scope === 'TRUE' && filter.campaignId === null && filter.vacancyId === null && filter.roleFamily === null;
    const ids = await this.figures.partnersOf(filter, scope, values, everyPartner);
    const to = (filter.to ?? filter.today).slice(0, 7);
    const measured = await this.performance.measure(
      ids,
      { from: addMonths(to, 1 - COMPLIANCE_MONTHS), to },
      filter.today,
    );
    return [...measured.values()]
      .map((p) => complianceOf(p))
      .sort(
        (a, b) => b.consecutiveMonthsMissed - a.consecutiveMonthsMissed || a.partnerName.localeCompare(b.partnerName),
      );
  }

  /** The funnels alone: every application in the filter, per campaign and per vacancy. */
  async funnels(actor: Actor, query: FiguresQuery): Promise<Funnels> {
    return this.funnelsFor(await this.filterFor(actor, query));
  }

  /** Time to hire alone: days from an application being made to its offer being accepted. */
  async timeToHire(actor: Actor, query: FiguresQuery): Promise<Spread> {
    return this.figures.timeToHire(await this.filterFor(actor, query));
  }

  private async funnelsFor(filter: FiguresFilter): Promise<Funnels> {
    const funnels = await this.figures.funnels(filter);
    const titles = await this.figures.titles(
      funnels.filter((f) => f.campaignId !== null && f.vacancyId === null).map((f) => f.campaignId!),
      funnels.filter((f) => f.vacancyId !== null).map((f) => f.vacancyId!),
    );
    const overall = funnels.find((f) => f.campaignId === null && f.vacancyId === null);
    const empty: FunnelCounts = {
      campaignId: null,
      vacancyId: null,
      reached: FUNNEL_STAGES.map(() => 0),
      rejectedFrom: FUNNEL_STAGES.map(() => 0),
      withdrawnFrom: FUNNEL_STAGES.map(() => 0),
      reserveListed: 0,
      rejected: 0,
      withdrawn: 0,
    };
    return {
      funnel: funnelFigures(overall ?? empty),
      campaignFunnels: funnels
        .filter((f) => f.campaignId !== null && f.vacancyId === null)
        .map((f) => ({
          campaignId: f.campaignId!,
          title: titles.get(f.campaignId!)?.title ?? '',
          kind: titles.get(f.campaignId!)?.kind ?? '',
          ...funnelFigures(f),
        })),
      vacancyFunnels: funnels
        .filter((f) => f.vacancyId !== null)
        .map((f) => ({
          vacancyId: f.vacancyId!,
          campaignId: f.campaignId!,
          title: titles.get(f.vacancyId!)?.title ?? '',
          ...funnelFigures(f),
        })),
    };
  }

  /** The filter a request asks for, within what the actor may see; bad dates or an unknown family are a 400. */
  private async filterFor(actor: Actor, query: FiguresQuery): Promise<FiguresFilter> {
    const families = familiesInScope(actor, FiguresPermission.RecruitmentFiguresRead);
    const roleFamily = query.roleFamily ?? null;
    if (roleFamily !== null && families !== null && !families.includes(roleFamily)) {
      throw new FiguresScopeNotAllowed(roleFamily);
    }
    const problems: { field: string; message: string }[] = [];
    if (query.from && query.to && query.from > query.to) {
      problems.push({ field: 'to', message: 'to must be on or after from' });
    }
    if (roleFamily !== null && !(await this.figures.currentFamily(roleFamily))) {
      problems.push({ field: 'roleFamily', message: `no role family "${roleFamily}" in the current framework` });
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return {
      campaignId: query.campaignId ?? null,
      vacancyId: query.vacancyId ?? null,
      roleFamily,
      from: query.from ?? null,
      to: query.to ?? null,
      families,
      today: today(),
    };
  }

  private async offerAcceptance(filter: FiguresFilter): Promise<OfferAcceptance> {
    const states = await this.figures.offersByState(filter);
    const n = (state: string) => states.get(state) ?? 0;
    const decided = n('accepted') + n('declined') + n('expired');
    return {
      made: n('made'),
      accepted: n('accepted'),
      declined: n('declined'),
      expired: n('expired'),
      withdrawn: n('withdrawn'),
      ratePercent: percent(n('accepted'), decided),
    };
  }

  /** Open and closed campaigns whose hires (appointed + accepted offers awaiting appointment) fall short of target. */
  private async campaignsBelowTarget(actor: Actor, filter: FiguresFilter): Promise<CampaignBelowTarget[]> {
    const values: unknown[] = [];
    const scope = campaignScopeSql(actor, FiguresPermission.RecruitmentFiguresRead, 'c', values);
    const rows = await this.figures.campaignHires(filter, scope, values);
    return rows
      .map((r) => {
        const hires = r.appointed + r.acceptedAwaitingAppointment;
        return { ...r, hires, shortfall: r.targetHires - hires };
      })
      .filter((r) => r.shortfall > 0)
      .sort((a, b) => b.shortfall - a.shortfall || a.title.localeCompare(b.title));
  }
}

function complianceOf(p: PartnerPerformance): PartnerCompliance {
  return {
    partnerId: p.partner.id,
    partnerName: p.partner.name,
    kind: p.partner.kind,
    from: p.range.from,
    to: p.range.to,
    serviceLevels: p.serviceLevels.map((l) => {
      const met = l.months.filter((m) => m.met === true).length;
      const missed = l.months.filter((m) => m.met === false).length;
      return {
        metric: l.metric,
        direction: l.direction,
        target: l.target,
        monthsMet: met,
        monthsMissed: missed,
        monthsWithoutData: l.months.length - met - missed,
        compliancePercent: percent(met, met + missed),
        consecutiveMonthsMissed: l.consecutiveMonthsMissed,
      };
    }),
    consecutiveMonthsMissed: p.consecutiveMonthsMissed,
  };
}
