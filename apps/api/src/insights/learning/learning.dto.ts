import { type LearningReport } from '@capability/insights';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ISO_DATE, SLUG } from '../../workforce/role-assignments.dto.js';

export class LearningInsightsQuery {
  @ApiPropertyOptional({
    format: 'date',
    example: '2025-07-01',
    description: 'First day completions count from (default: the first day of the month eleven months before to’s)',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-06-30',
    description: 'Last day completions count to (default today); the staff counted are those in post on it',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    example: 'data',
    description:
      'Only staff whose primary role on `to` is in this role family (a head of profession asking for a family they do not lead gets 403)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamily must be a slug such as "data"' })
  roleFamily?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only this organisation unit and its subtree; `byUnit` is given per unit directly under it',
  })
  @IsOptional()
  @IsUUID()
  unit?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Gap closure: the first review cycle (default: the closed cycle before toCycleId’s, the one closed last when ' +
      'toCycleId’s is not closed; unknown: 404)',
  })
  @IsOptional()
  @IsUUID()
  fromCycleId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Gap closure: the second review cycle (default: the open cycle opened last, as it stands; with none open, the ' +
      'cycle closed last; unknown: 404)',
  })
  @IsOptional()
  @IsUUID()
  toCycleId?: string;
}

const n = (description: string) =>
  ApiProperty({ type: Number, nullable: true, description: `${description} (null when suppressed)` });

export class LearningCompletionFiguresResponse {
  @n('People who completed (verified) something in the cell within [from, to]: the people it rests on') people:
    number | null;
  @n('Verified completions') completions: number | null;
  @n('Hours of those completions, 2 decimals') hours: number | null;
  @ApiProperty({ description: 'Built from fewer than k people, or hidden so that a total does not give one away' })
  suppressed: boolean;
}

export class LearningItemRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CSL-DATA-101' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true, enum: ['digital-awareness', 'digital-skills'] })
  inclusionPackage: string | null;
}

export class LearningItemCompletionsResponse extends LearningCompletionFiguresResponse {
  @ApiProperty({ type: LearningItemRefResponse, nullable: true, description: 'null: external learning' })
  item: LearningItemRefResponse | null;
}

export class LearningFamilyCompletionsResponse extends LearningCompletionFiguresResponse {
  @ApiProperty({ type: String, nullable: true, description: 'Family slug of the primary role on `to` (null: none)' })
  roleFamily: string | null;
}

export class LearningUnitRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class LearningUnitCompletionsResponse extends LearningCompletionFiguresResponse {
  @ApiProperty({ type: LearningUnitRefResponse }) unit: LearningUnitRefResponse;
}

export class LearningUptakeResponse {
  @ApiProperty({ enum: ['digital-awareness', 'digital-skills', 'either'] }) package: string;
  @n('Staff counted (in post on `to`, in scope)') inScope: number | null;
  @n('Of them, completed (verified, by `to`) an item of the package') completed: number | null;
  @n('100 × completed ÷ inScope, 1 decimal') percent: number | null;
  @ApiProperty({
    description:
      'Those who completed or those who did not are fewer than k, or (a package) the packages with `either` would give fewer than k away',
  })
  suppressed: boolean;
}

export class LearningClosureSplitResponse {
  @n('People of the cohort in this half') people: number | null;
  @n('Of them, at or above the required level in the second cycle') closed: number | null;
  @n('100 × closed ÷ people, 1 decimal') percentClosed: number | null;
  @ApiProperty() suppressed: boolean;
}

export class LearningSkillRefResponse {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
}

export class LearningSkillClosureResponse {
  @ApiProperty({ type: LearningSkillRefResponse }) skill: LearningSkillRefResponse;
  @n('Validated level below the required one in the first cycle, and a validated level in the second') people:
    number | null;
  @n('Of them, at or above the required level in the second cycle') closed: number | null;
  @n('100 × closed ÷ people, 1 decimal') percentClosed: number | null;
  @ApiProperty({
    type: LearningClosureSplitResponse,
    description: 'Those who completed verified learning mapped to the skill between the cycles',
  })
  learned: LearningClosureSplitResponse;
  @ApiProperty({ type: LearningClosureSplitResponse, description: 'Those who did not' })
  notLearned: LearningClosureSplitResponse;
  @ApiProperty() suppressed: boolean;
}

export class LearningCycleRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date' }) closesOn: string;
}

export class LearningGapClosureResponse {
  @ApiProperty({ type: LearningCycleRefResponse }) fromCycle: LearningCycleRefResponse;
  @ApiProperty({ type: LearningCycleRefResponse }) toCycle: LearningCycleRefResponse;
  @ApiProperty({ format: 'date', description: 'Learning counts when completed after this day…' })
  learningAfter: string;
  @ApiProperty({ format: 'date', description: '…and on or before this one' }) learningUntil: string;
  @ApiProperty({ type: [LearningSkillClosureResponse] }) skills: LearningSkillClosureResponse[];
}

export class LearningInsightsResponse {
  @ApiProperty({ description: 'k: the fewest people a shown figure rests on' }) k: number;
  @ApiProperty({ enum: ['all', 'families', 'chain'] }) scope: string;
  @ApiProperty({ type: String, nullable: true }) roleFamily: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unit: string | null;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({
    type: [LearningItemCompletionsResponse],
    description: 'Per catalogue item; external learning as one row',
  })
  byItem: LearningItemCompletionsResponse[];
  @ApiProperty({ type: [LearningFamilyCompletionsResponse] }) byFamily: LearningFamilyCompletionsResponse[];
  @ApiProperty({ type: [LearningUnitCompletionsResponse], description: 'Per unit directly under the one asked for' })
  byUnit: LearningUnitCompletionsResponse[];
  @ApiProperty({ type: LearningCompletionFiguresResponse }) total: LearningCompletionFiguresResponse;
  @ApiProperty({ type: [LearningUptakeResponse], description: 'Uptake of the digital inclusion packages' })
  uptake: LearningUptakeResponse[];
  @ApiProperty({
    type: LearningGapClosureResponse,
    nullable: true,
    description:
      'Null when there are no two cycles to compare (none asked for, and neither an open cycle and a closed one nor two ' +
      'closed ones)',
  })
  gapClosure: LearningGapClosureResponse | null;

  static from(r: LearningReport): LearningInsightsResponse {
    return Object.assign(new LearningInsightsResponse(), r);
  }
}
