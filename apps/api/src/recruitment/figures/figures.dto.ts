import {
  CAMPAIGN_KINDS,
  CAMPAIGN_STATES,
  CANDIDATE_CHANNELS,
  FUNNEL_STAGES,
  PARTNER_KINDS,
  SERVICE_LEVEL_METRICS,
  type RecruitmentFigures,
} from '@capability/recruitment';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ISO_DATE, SLUG } from '../../workforce/role-assignments.dto.js';

export class RecruitmentFiguresQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this campaign's vacancies" })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this vacancy' })
  @IsOptional()
  @IsUUID()
  vacancyId?: string;

  @ApiPropertyOptional({
    example: 'data',
    description:
      'Only vacancies whose role level is in this role family of the current framework (default: every family you may see; a head of profession asking for a family they do not lead gets 403)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamily must be a slug such as "data"' })
  roleFamily?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-01-01',
    description: 'Only applications made on or after this day (UTC)',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-31',
    description: 'Only applications made on or before this day (UTC); not before `from`',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to?: string;
}

const pct = (description: string) =>
  ApiProperty({ type: Number, nullable: true, example: 42.5, description: `${description}, %, 1 decimal` });
const count = (description: string) =>
  ApiProperty({
    type: Number,
    nullable: true,
    description: `${description} (null when 1–4 and suppressed for a head of profession)`,
  });

export class FiguresFiltersResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) campaignId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) vacancyId: string | null;
  @ApiProperty({ type: String, nullable: true }) roleFamily: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) from: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) to: string | null;
}

export class FunnelStageResponse {
  @ApiProperty({ enum: FUNNEL_STAGES }) stage: string;
  @ApiProperty({ description: 'Applications that ever moved into this stage or a later one of the funnel' })
  reached: number;
  @pct('reached ÷ reached at the stage before (null for applied, or when that is 0)')
  conversionFromPreviousPercent: number | null;
  @pct('reached ÷ applied (null when nobody applied)') conversionFromAppliedPercent: number | null;
  @ApiProperty({ description: 'Applications rejected from this stage' }) rejectedHere: number;
  @ApiProperty({ description: 'Applications withdrawn from this stage' }) withdrawnHere: number;
}

export class FunnelResponse {
  @ApiProperty({
    type: [FunnelStageResponse],
    description:
      'The main line in pipeline order (applied, sift, interview, assessment, offer, pre-employment-checks, appointed). ' +
      'A stage a vacancy skips (assessment) counts those who went past it, so every count is at most the one before',
  })
  stages: FunnelStageResponse[];
  @ApiProperty({ description: 'Applications ever put on a reserve list (a side branch after interview)' })
  reserveListed: number;
  @ApiProperty({ description: 'Applications rejected (at any stage)' }) rejected: number;
  @ApiProperty({ description: 'Applications withdrawn (at any stage)' }) withdrawn: number;
}

export class CampaignFunnelResponse extends FunnelResponse {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CAMPAIGN_KINDS }) kind: string;
}

export class VacancyFunnelResponse extends FunnelResponse {
  @ApiProperty({ format: 'uuid' }) vacancyId: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty() title: string;
}

export class TimeToHireResponse {
  @ApiProperty({ description: 'Accepted offers measured' }) count: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Median days from the application being made to the offer being accepted, 1 decimal',
  })
  medianDays: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '25th percentile (interpolated), days' })
  p25Days: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '75th percentile (interpolated), days' })
  p75Days: number | null;
}

export class StageStayResponse {
  @ApiProperty({ example: 'sift' }) stage: string;
  @ApiProperty({ description: 'Completed stays (entered and left); stays still going on are left out' })
  count: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Median days from entering to leaving, 1 decimal' })
  medianDays: number | null;
}

export class OfferAcceptanceResponse {
  @ApiProperty({ description: 'Offers still awaiting an answer' }) made: number;
  @ApiProperty() accepted: number;
  @ApiProperty() declined: number;
  @ApiProperty() expired: number;
  @ApiProperty({ description: 'Withdrawn by the department: left out of the rate' }) withdrawn: number;
  @pct('accepted ÷ (accepted + declined + expired)') ratePercent: number | null;
}

export class SourceOutcomeResponse {
  @count('Applications') applications: number | null;
  @count('Applications with an offer (in any state)') withOffer: number | null;
  @count('Applications appointed') appointed: number | null;
  @count('Appointed whose appointment (start date) is at least 12 months ago') appointedAtLeast12MonthsAgo:
    number | null;
  @count('Of those, still in post 12 months after appointment (no leaving date by then)')
  stillInPostAfter12Months: number | null;
  @pct('withOffer ÷ applications (null when either is suppressed)') offerRatePercent: number | null;
  @pct('appointed ÷ applications (null when either is suppressed)') appointmentRatePercent: number | null;
  @pct('stillInPostAfter12Months ÷ appointedAtLeast12MonthsAgo (null when either is suppressed)')
  retentionRatePercent: number | null;
  @ApiProperty({ description: 'Some count of this row is suppressed (a head of profession: 1–4 people)' })
  suppressed: boolean;
}

export class PartnerOutcomeResponse extends SourceOutcomeResponse {
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() partnerName: string;
}

export class ChannelOutcomeResponse extends SourceOutcomeResponse {
  @ApiProperty({ enum: CANDIDATE_CHANNELS }) channel: string;
}

export class CampaignBelowTargetResponse {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CAMPAIGN_KINDS }) kind: string;
  @ApiProperty({ enum: CAMPAIGN_STATES }) state: string;
  @ApiProperty() targetHires: number;
  @ApiProperty({ description: 'Applications appointed (every vacancy of the campaign, whatever the period)' })
  appointed: number;
  @ApiProperty({ description: 'Applications holding an accepted offer, not yet appointed (nor rejected or withdrawn)' })
  acceptedAwaitingAppointment: number;
  @ApiProperty({ description: 'appointed + acceptedAwaitingAppointment' }) hires: number;
  @ApiProperty({ description: 'targetHires − hires (always more than 0 here)' }) shortfall: number;
}

export class FamilyConversionResponse {
  @ApiProperty({ example: 'data' }) roleFamily: string;
  @ApiProperty({ description: 'Permanent appointments (staff records of employment type permanent)' })
  permanentAppointments: number;
  @ApiProperty({
    description:
      'Of those, into a unit and role level (by slug) where an interim or contractor engagement (their latest primary ' +
      "role level) ended within 3 months either side of the new hire's start date: a post converted",
  })
  convertedPosts: number;
  @ApiProperty({ description: 'Interim staff in post today (by current primary role level; whatever the campaign)' })
  interimInPost: number;
  @ApiProperty({ description: 'Contractor staff in post today' }) contractorInPost: number;
}

export class ServiceLevelComplianceResponse {
  @ApiProperty({ enum: SERVICE_LEVEL_METRICS }) metric: string;
  @ApiProperty({ enum: ['at-most', 'at-least'] }) direction: string;
  @ApiProperty() target: number;
  @ApiProperty({ description: 'Months the target was met' }) monthsMet: number;
  @ApiProperty({ description: 'Months the target was missed' }) monthsMissed: number;
  @ApiProperty({ description: 'Months with nothing to measure (or outside the contract)' }) monthsWithoutData: number;
  @pct('monthsMet ÷ (monthsMet + monthsMissed) (null when no month had data)')
  compliancePercent: number | null;
  @ApiProperty({ description: 'Missed months in a row, up to the latest month with data' })
  consecutiveMonthsMissed: number;
}

export class PartnerComplianceResponse {
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() partnerName: string;
  @ApiProperty({ enum: PARTNER_KINDS }) kind: string;
  @ApiProperty({ example: '2026-01', description: 'The first month summarised' }) from: string;
  @ApiProperty({ example: '2026-12', description: 'The last month summarised' }) to: string;
  @ApiProperty({ type: [ServiceLevelComplianceResponse] }) serviceLevels: ServiceLevelComplianceResponse[];
  @ApiProperty({ description: 'The most missed months in a row of any of its service levels' })
  consecutiveMonthsMissed: number;
}

export class RecruitmentFiguresResponse {
  @ApiProperty({ format: 'date', description: 'The day "today" is for retention and people in post' })
  measuredOn: string;
  @ApiProperty({ type: FiguresFiltersResponse }) filters: FiguresFiltersResponse;
  @ApiProperty({ description: 'Per-source counts of 1–4 are suppressed (heads of profession)' })
  smallNumbersSuppressed: boolean;
  @ApiProperty({ type: FunnelResponse, description: 'Every application in the filter' }) funnel: FunnelResponse;
  @ApiProperty({ type: [CampaignFunnelResponse], description: 'Per campaign with applications in the filter' })
  campaignFunnels: CampaignFunnelResponse[];
  @ApiProperty({ type: [VacancyFunnelResponse], description: 'Per vacancy with applications in the filter' })
  vacancyFunnels: VacancyFunnelResponse[];
  @ApiProperty({ type: TimeToHireResponse }) timeToHire: TimeToHireResponse;
  @ApiProperty({
    type: [StageStayResponse],
    description: 'Per open stage (applied … pre-employment-checks, with reserve)',
  })
  timeInStage: StageStayResponse[];
  @ApiProperty({ type: OfferAcceptanceResponse }) offerAcceptance: OfferAcceptanceResponse;
  @ApiProperty({ type: [PartnerOutcomeResponse] }) outcomesByPartner: PartnerOutcomeResponse[];
  @ApiProperty({ type: [ChannelOutcomeResponse] }) outcomesByChannel: ChannelOutcomeResponse[];
  @ApiProperty({
    type: [CampaignBelowTargetResponse],
    description:
      'Open and closed campaigns in the filter (campaign, vacancy, family; not the period) whose hires fall short of ' +
      'target, largest shortfall first',
  })
  campaignsBelowTarget: CampaignBelowTargetResponse[];
  @ApiProperty({ type: [FamilyConversionResponse] }) interimConversion: FamilyConversionResponse[];
  @ApiProperty({
    type: [PartnerComplianceResponse],
    description:
      'Service levels of the partners on the campaigns in the filter and your scope (HR and admins asking for no ' +
      'campaign, vacancy or family: every partner), over the twelve months up to the month of `to` (or this month), ' +
      'measured month by month as `/partners/:id/performance` does; most missed months in a row first',
  })
  partnerCompliance: PartnerComplianceResponse[];

  static from(f: RecruitmentFigures): RecruitmentFiguresResponse {
    const funnel = <T extends object>(cls: new () => T, x: object): T =>
      Object.assign(new cls(), {
        ...x,
        stages: (x as RecruitmentFigures['funnel']).stages.map((s) => Object.assign(new FunnelStageResponse(), s)),
      });
    return Object.assign(new RecruitmentFiguresResponse(), {
      measuredOn: f.measuredOn,
      filters: Object.assign(new FiguresFiltersResponse(), f.filters),
      smallNumbersSuppressed: f.smallNumbersSuppressed,
      funnel: funnel(FunnelResponse, f.funnel),
      campaignFunnels: f.campaignFunnels.map((c) => funnel(CampaignFunnelResponse, c)),
      vacancyFunnels: f.vacancyFunnels.map((v) => funnel(VacancyFunnelResponse, v)),
      timeToHire: Object.assign(new TimeToHireResponse(), f.timeToHire),
      timeInStage: f.timeInStage.map((s) => Object.assign(new StageStayResponse(), s)),
      offerAcceptance: Object.assign(new OfferAcceptanceResponse(), f.offerAcceptance),
      outcomesByPartner: f.outcomesByPartner.map((p) => Object.assign(new PartnerOutcomeResponse(), p)),
      outcomesByChannel: f.outcomesByChannel.map((c) => Object.assign(new ChannelOutcomeResponse(), c)),
      campaignsBelowTarget: f.campaignsBelowTarget.map((c) => Object.assign(new CampaignBelowTargetResponse(), c)),
      interimConversion: f.interimConversion.map((c) => Object.assign(new FamilyConversionResponse(), c)),
      partnerCompliance: f.partnerCompliance.map((p) =>
        Object.assign(new PartnerComplianceResponse(), {
          ...p,
          serviceLevels: p.serviceLevels.map((l) => Object.assign(new ServiceLevelComplianceResponse(), l)),
        }),
      ),
    });
  }
}
