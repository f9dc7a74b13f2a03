import { type InclusionReport } from '@capability/insights';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ISO_DATE, SLUG } from '../../workforce/role-assignments.dto.js';

export class InclusionInsightsQuery {
  @ApiPropertyOptional({
    example: 'data',
    description:
      'Only staff whose primary role (on the day counted) is in this role family (a head of profession asking for a family they do not lead gets 403)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamily must be a slug such as "data"' })
  roleFamily?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only this organisation unit and its subtree; the distribution is given per unit directly under it',
  })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2025-01-01',
    description: "First day of the trend's range and of the pulses (default: 36 months before to's month)",
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-31',
    description: 'Last day of the range (default today): the distribution is counted on it',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: ['quarter', 'year'], description: 'Periods of the trend (default quarter)' })
  @IsOptional()
  @IsIn(['quarter', 'year'])
  interval?: 'quarter' | 'year';
}

const n = (description: string) =>
  ApiProperty({ type: Number, nullable: true, description: `${description} (null when suppressed)` });

export class InclusionFiguresResponse {
  @n('Staff counted, assessed or not (the cell rests on those assessed: suppressed when fewer than k)') people:
    number | null;
  @n('With an assessment on or before `to`') assessed: number | null;
  @n('With no assessment by `to`') notAssessed: number | null;
  @ApiProperty({ type: [Number], nullable: true, description: 'How many at levels 1..9 (their latest assessment)' })
  levels: number[] | null;
  @n('At the target level (7) or above') atOrAboveTarget: number | null;
  @n('atOrAboveTarget ÷ assessed, %, 1 decimal') percentAtOrAboveTarget: number | null;
  @ApiProperty({ description: 'Built from fewer than k people, or hidden so that a total does not give one away' })
  suppressed: boolean;
}

export class InclusionUnitRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class InclusionUnitResponse extends InclusionFiguresResponse {
  @ApiProperty({ type: InclusionUnitRefResponse }) unit: InclusionUnitRefResponse;
}

export class InclusionTrendCellResponse {
  @ApiProperty({ example: '2026-Q1', description: 'YYYY-Qn or YYYY' }) period: string;
  @ApiProperty({ format: 'date', description: "The day counted: the period's last day, or `to`" }) day: string;
  @n('Staff assessed by the day: the people the share rests on') assessed: number | null;
  @n('At the target level or above that day') atOrAboveTarget: number | null;
  @n('atOrAboveTarget ÷ assessed, %, 1 decimal') percentAtOrAboveTarget: number | null;
  @ApiProperty() suppressed: boolean;
}

export class PulsePointResponse {
  @ApiProperty({ format: 'uuid' }) pulseId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) closesOn: string;
  @n('Responses') responses: number | null;
  @n('Mean rating 1..5, 2 decimals') mean: number | null;
  @ApiProperty({ type: [Number], nullable: true, description: 'How many rated 1..5' }) distribution: number[] | null;
  @ApiProperty({ description: 'Fewer than k responses' }) suppressed: boolean;
}

export class PulseStatementTrendResponse {
  @ApiProperty() statement: string;
  @ApiProperty({ type: [PulsePointResponse], description: 'One per closed pulse that asked it, oldest first' })
  points: PulsePointResponse[];
}

export class InclusionInsightsResponse {
  @ApiProperty({ description: 'k: the fewest people a shown figure rests on' }) k: number;
  @ApiProperty({ enum: ['all', 'families', 'chain'] }) scope: string;
  @ApiProperty({ type: String, nullable: true }) roleFamily: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId: string | null;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ enum: ['quarter', 'year'] }) interval: string;
  @ApiProperty({ example: 7, description: 'The level everyone should reach' }) targetLevel: number;
  @ApiProperty({ type: [InclusionUnitResponse], description: 'Per unit directly under the one asked for, on `to`' })
  units: InclusionUnitResponse[];
  @ApiProperty({ type: InclusionFiguresResponse }) total: InclusionFiguresResponse;
  @ApiProperty({ type: [InclusionTrendCellResponse] }) trend: InclusionTrendCellResponse[];
  @ApiProperty({
    type: [PulseStatementTrendResponse],
    nullable: true,
    description:
      "Closed awareness pulses closing within [from, to], per statement (answers from the unit's subtree); null unless you see everyone: answers are anonymous and cannot be narrowed to a family or a team",
  })
  pulses: PulseStatementTrendResponse[] | null;

  static from(r: InclusionReport): InclusionInsightsResponse {
    return Object.assign(new InclusionInsightsResponse(), r);
  }
}
