import { PageQuery } from '@capability/platform';
import {
  PULSE_STATES,
  type Pulse,
  type PulseForStaff,
  type PulseReceipt,
  type PulseResults,
  type PulseState,
  type ResultCell,
  type StatementTrend,
} from '@capability/reviews';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ISO_DATE } from '../../workforce/role-assignments.dto.js';

export class CreatePulseDto {
  @ApiProperty({ example: 'Digital awareness, spring', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 10,
    example: ['I know where to get help with digital tools', 'I feel confident using the tools my job needs'],
    uniqueItems: true,
    description:
      'Statements each respondent rates from 1 (strongly disagree) to 5 (strongly agree); the trend follows a ' +
      'statement across pulses by its exact text',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(300, { each: true })
  statements: string[];

  @ApiProperty({ format: 'uuid', description: 'The pulse goes to this unit and its whole subtree' })
  @IsUUID()
  unitId: string;
}

/** Any field of a draft. */
export class UpdatePulseDto extends PartialType(CreatePulseDto) {}

export class OpenPulseDto {
  @ApiProperty({ format: 'date', example: '2026-05-15', description: 'The last day answers are taken; today or later' })
  @Matches(ISO_DATE, { message: 'closesOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  closesOn: string;
}

export class ListPulsesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PULSE_STATES })
  @IsOptional()
  @IsIn(PULSE_STATES)
  state?: PulseState;
}

export const RESULT_BREAKDOWNS = ['unit'] as const;

export class PulseResultsQuery {
  @ApiPropertyOptional({
    enum: RESULT_BREAKDOWNS,
    description: "unit: each statement's figures per unit of the respondents too (else overall only)",
  })
  @IsOptional()
  @IsIn(RESULT_BREAKDOWNS)
  by?: (typeof RESULT_BREAKDOWNS)[number];
}

export class PulseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) statements: string[];
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ enum: PULSE_STATES }) state: PulseState;
  @ApiProperty({ type: String, format: 'date', nullable: true }) opensOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The last day answers are taken' })
  closesOn: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Send as If-Match (the ETag) to change a draft' }) version: number;

  static from(p: Pulse): PulseResponse {
    return Object.assign(new PulseResponse(), {
      id: p.id,
      title: p.title,
      statements: p.statements,
      unitId: p.unitId,
      state: p.state,
      opensOn: p.opensOn,
      closesOn: p.closesOn,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
      version: p.version,
    });
  }
}

export class MyPulseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) statements: string[];
  @ApiProperty({ format: 'date', description: 'The last day answers are taken' }) closesOn: string;
  @ApiProperty({ description: 'You have answered it (each person answers once)' }) answered: boolean;

  static from({ pulse, answered }: PulseForStaff): MyPulseResponse {
    return Object.assign(new MyPulseResponse(), {
      id: pulse.id,
      title: pulse.title,
      statements: pulse.statements,
      closesOn: pulse.closesOn ?? '',
      answered,
    });
  }
}

export class MyPulsesResponse {
  @ApiProperty({ type: [MyPulseResponse] }) items: MyPulseResponse[];
}

export class CreatePulseAnswerDto {
  @ApiProperty({
    type: [Number],
    minItems: 1,
    maxItems: 10,
    example: [4, 3],
    description: 'One rating per statement, in order: 1 (strongly disagree) to 5 (strongly agree)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(5, { each: true })
  ratings: number[];
}

export class PulseReceiptResponse {
  @ApiProperty({ format: 'uuid' }) pulseId: string;
  @ApiProperty({ format: 'date', description: 'Answers keep the day only' }) answeredOn: string;

  static from(r: PulseReceipt): PulseReceiptResponse {
    return Object.assign(new PulseReceiptResponse(), { pulseId: r.pulseId, answeredOn: r.answeredOn });
  }
}

export class ResultCellResponse {
  @ApiProperty({ description: 'Built from fewer than 5 responses (or would give such a cell away): no figures' })
  suppressed: boolean;
  @ApiProperty({ type: Number, nullable: true }) responses: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean rating, 2 decimals' }) mean: number | null;
  @ApiProperty({ type: [Number], nullable: true, description: 'How many rated 1, 2, 3, 4 and 5' })
  distribution: number[] | null;

  static from(c: ResultCell): ResultCellResponse {
    return Object.assign(new ResultCellResponse(), {
      suppressed: c.suppressed,
      responses: c.responses,
      mean: c.mean,
      distribution: c.distribution,
    });
  }
}

export class ResultUnitRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class UnitResultResponse {
  @ApiProperty({ type: ResultUnitRef, description: "The respondents' unit when they answered" }) unit: ResultUnitRef;
  @ApiProperty({ type: ResultCellResponse }) cell: ResultCellResponse;
}

export class StatementResultResponse {
  @ApiProperty({ description: '0-based, in the pulse order' }) index: number;
  @ApiProperty() statement: string;
  @ApiProperty({ type: ResultCellResponse }) overall: ResultCellResponse;
  @ApiProperty({ type: [UnitResultResponse], description: 'With by=unit; else empty' })
  byUnit: UnitResultResponse[];
}

export class PulseResultsResponse {
  @ApiProperty({ type: PulseResponse }) pulse: PulseResponse;
  @ApiProperty({ example: 5, description: 'Cells built from fewer responses show no figures' }) minResponses: number;
  @ApiProperty({ type: Number, nullable: true, description: 'How many answered; null under the minimum' })
  responses: number | null;
  @ApiProperty({ type: [StatementResultResponse] }) statements: StatementResultResponse[];

  static from(r: PulseResults, minResponses: number): PulseResultsResponse {
    return Object.assign(new PulseResultsResponse(), {
      pulse: PulseResponse.from(r.pulse),
      minResponses,
      responses: r.responses,
      statements: r.statements.map((s) => ({
        index: s.index,
        statement: s.statement,
        overall: ResultCellResponse.from(s.overall),
        byUnit: s.byUnit.map((u) => ({ unit: { ...u.unit }, cell: ResultCellResponse.from(u.cell) })),
      })),
    });
  }
}

export class TrendPointResponse {
  @ApiProperty({ format: 'uuid' }) pulseId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) closesOn: string;
  @ApiProperty({ type: ResultCellResponse }) cell: ResultCellResponse;
}

export class StatementTrendResponse {
  @ApiProperty() statement: string;
  @ApiProperty({ type: [TrendPointResponse], description: 'Closed pulses that asked it, oldest first' })
  points: TrendPointResponse[];
}

export class PulseTrendResponse {
  @ApiProperty({ type: [StatementTrendResponse] }) items: StatementTrendResponse[];

  static from(trend: StatementTrend[]): PulseTrendResponse {
    return Object.assign(new PulseTrendResponse(), {
      items: trend.map((t) => ({
        statement: t.statement,
        points: t.points.map((p) => ({
          pulseId: p.pulseId,
          title: p.title,
          closesOn: p.closesOn,
          cell: ResultCellResponse.from(p.cell),
        })),
      })),
    });
  }
}
