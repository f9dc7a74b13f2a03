import {
  MAX_PERFORMANCE_MONTHS,
  PARTNER_KINDS,
  SERVICE_LEVEL_METRICS,
  type PartnerKind,
  type PartnerPerformance,
  type ServiceLevelMetric,
} from '@capability/recruitment';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class PartnerPerformanceQuery {
  @ApiPropertyOptional({
    example: '2026-01',
    pattern: MONTH.source,
    description: `The first calendar month, YYYY-MM (default: eleven months before \`to\`); at most ${MAX_PERFORMANCE_MONTHS} months in all`,
  })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month as YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12',
    pattern: MONTH.source,
    description: 'The last calendar month, YYYY-MM, included (default: the current month); not before `from`',
  })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month as YYYY-MM' })
  to?: string;
}

export class PerformanceMonthResponse {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 7.5,
    description: "The month's measure to one decimal place (days, %, or candidates per post); null: no data",
  })
  value: number | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description:
      'Whether the value meets the target; null: nothing to measure that month ("no data"), which neither breaks ' +
      'nor extends a run of missed months',
  })
  met: boolean | null;
  @ApiProperty({
    example: 4,
    description:
      'How many items the value rests on: vacancies (days-to-shortlist: those counted; candidates-per-post) or ' +
      'offers with an outcome (offer-acceptance-rate)',
  })
  basis: number;
}

export class ServiceLevelPerformanceResponse {
  @ApiProperty({
    enum: SERVICE_LEVEL_METRICS,
    description:
      "days-to-shortlist: the partner's vacancies (of the campaigns it is on, advertised) that closed in the month " +
      'and got an application from its candidates; per vacancy the days from the closing date to the first move to ' +
      'interview of one of those applications (before the close: 0), or, not shortlisted yet, the days from the ' +
      'closing date to today once they exceed the target (until then pending, not counted); the mean. ' +
      "offer-acceptance-rate: offers to applications from the partner's candidates whose outcome fell in the month " +
      '(accepted or declined: the day of the answer; expired: the day after the last day to accept; withdrawn offers ' +
      'left out); accepted ÷ (accepted + declined + expired) × 100. ' +
      "candidates-per-post: the partner's vacancies that closed in the month; applications from its candidates ÷ " +
      'their posts. Days fall on Europe/London calendar days.',
  })
  metric: ServiceLevelMetric;
  @ApiProperty({ enum: ['at-most', 'at-least'], description: 'Whether the target is a ceiling or a floor' })
  direction: 'at-most' | 'at-least';
  @ApiProperty({ example: 5 }) target: number;
  @ApiProperty({
    type: [PerformanceMonthResponse],
    description: "The range's months the partner's contract runs in, oldest first",
  })
  months: PerformanceMonthResponse[];
  @ApiProperty({
    example: 3,
    description: 'The run of missed months ending at the latest month with data (0 when that month was met)',
  })
  consecutiveMonthsMissed: number;
  @ApiProperty({ example: 3, description: 'The longest run of missed months in the range' })
  longestRunMissed: number;
}

export class PerformancePartnerRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PARTNER_KINDS }) kind: PartnerKind;
}

export class MonthRangeResponse {
  @ApiProperty({ example: '2026-01' }) from: string;
  @ApiProperty({ example: '2026-12' }) to: string;
}

export class PartnerPerformanceResponse {
  @ApiProperty({ type: PerformancePartnerRef }) partner: PerformancePartnerRef;
  @ApiProperty({ type: MonthRangeResponse, description: 'The calendar months asked about, both included' })
  range: MonthRangeResponse;
  @ApiProperty({ type: [ServiceLevelPerformanceResponse] }) serviceLevels: ServiceLevelPerformanceResponse[];
  @ApiProperty({
    example: 3,
    description: 'The most consecutive months missed of any of its service levels (a supplier to review)',
  })
  consecutiveMonthsMissed: number;

  static from(p: PartnerPerformance): PartnerPerformanceResponse {
    return Object.assign(new PartnerPerformanceResponse(), {
      partner: Object.assign(new PerformancePartnerRef(), p.partner),
      range: Object.assign(new MonthRangeResponse(), p.range),
      serviceLevels: p.serviceLevels.map((l) =>
        Object.assign(new ServiceLevelPerformanceResponse(), {
          metric: l.metric,
          direction: l.direction,
          target: l.target,
          months: l.months.map((m) => Object.assign(new PerformanceMonthResponse(), m)),
          consecutiveMonthsMissed: l.consecutiveMonthsMissed,
          longestRunMissed: l.longestRunMissed,
        }),
      ),
      consecutiveMonthsMissed: p.consecutiveMonthsMissed,
    });
  }
}
