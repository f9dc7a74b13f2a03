import { GAP_SOURCES, type CapabilityTrend, type GapSource, type TrendPoint } from '@capability/insights';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsDateString, IsIn, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { SLUG } from '../../workforce/role-assignments.dto.js';

/** `a,b` or `?x=a&x=b` (or both) → ['a', 'b']. */
const listOf = ({ value }: { value: unknown }): unknown =>
  (Array.isArray(value) ? (value as unknown[]) : [value]).flatMap((v): unknown[] =>
    typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [v],
  );

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CapabilityTrendQueryDto {
  @ApiPropertyOptional({
    example: 'data',
    description: 'The role family (a slug). Exactly one of roleFamily, role, skill',
  })
  @IsOptional()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamily must be a slug such as "data"' })
  roleFamily?: string;

  @ApiPropertyOptional({ example: 'data-scientist', description: 'The role (a slug)' })
  @IsOptional()
  @MaxLength(100)
  @Matches(SLUG, { message: 'role must be a slug such as "data-scientist"' })
  role?: string;

  @ApiPropertyOptional({ example: 'data-modelling', description: 'The skill (a slug)' })
  @IsOptional()
  @MaxLength(120)
  @Matches(SLUG, { message: 'skill must be a slug such as "data-modelling"' })
  skill?: string;

  @ApiPropertyOptional({ enum: GAP_SOURCES, default: 'validated', description: 'As in the capability gap report' })
  @IsOptional()
  @IsIn(GAP_SOURCES)
  source?: GapSource;

  @ApiPropertyOptional({
    example: '2024-01-01',
    description: "Only cycles whose date (when it closed; the open one's: when it opened) is on or after this day",
  })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date such as 2024-01-01' })
  @IsDateString({ strict: true }, { message: 'from must be a valid date' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Only cycles whose date is on or before this day' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date such as 2026-12-31' })
  @IsDateString({ strict: true }, { message: 'to must be a valid date' })
  to?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Only these cycles (comma-separated or repeated; each open or closed, else 404)',
  })
  @IsOptional()
  @Transform(listOf)
  @IsUUID('all', { each: true })
  @ArrayMaxSize(50)
  cycleIds?: string[];
}

export class TrendCycleDto {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty() cycleName: string;
  @ApiProperty({ enum: ['open', 'closed'] }) cycleState: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ format: 'uuid', description: 'The framework version the cycle pinned when it opened' })
  frameworkVersionId: string;
  @ApiProperty() frameworkVersionNumber: number;
  @ApiProperty() frameworkVersionName: string;
}

const nullableInt = (description: string) =>
  ApiPropertyOptional({ type: Number, nullable: true, description: `${description} (absent when not present)` });

export class TrendPointDto {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({
    description:
      "false: the cycle's framework version has no such family, role or skill (absent, not zero; no figures follow)",
  })
  present: boolean;
  @ApiPropertyOptional({ description: "The name in the cycle's framework version" }) label?: string;
  @nullableInt('People with at least one counted rating') people?: number | null;
  @nullableInt('Counted ratings of required skills') requirements?: number | null;
  @nullableInt('Of those, at or above the required level') met?: number | null;
  @nullableInt('100 × met ÷ requirements, 1 decimal') percentMet?: number | null;
  @nullableInt('Mean of max(0, required − level), 2 decimals') meanGap?: number | null;
  @ApiPropertyOptional({ type: [Number], nullable: true, minItems: 5, maxItems: 5, description: 'Levels 0..4' })
  ratings?: number[] | null;
  @ApiPropertyOptional({ description: 'Suppressed as that cycle’s gap report suppresses it' }) suppressed?: boolean;
}

export class TrendSkillSeriesDto {
  @ApiProperty({ description: 'The skill slug' }) id: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: [TrendPointDto] }) points: TrendPointDto[];
}

export class CapabilityTrendResponse {
  @ApiProperty({ enum: ['roleFamily', 'role', 'skill'] }) dimension: string;
  @ApiProperty({ description: 'The slug' }) id: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: GAP_SOURCES }) source: GapSource;
  @ApiProperty({ description: 'The fewest people a shown figure rests on' }) k: number;
  @ApiProperty({ type: [TrendCycleDto], description: 'Closed cycles oldest first, then the open one' })
  cycles: TrendCycleDto[];
  @ApiProperty({ type: [TrendPointDto], description: 'One per cycle, in the order of `cycles`' })
  points: TrendPointDto[];
  @ApiProperty({ type: [TrendSkillSeriesDto], description: 'For a family or role: each of its skills; else empty' })
  skills: TrendSkillSeriesDto[];

  static from(t: CapabilityTrend): CapabilityTrendResponse {
    const point = (p: TrendPoint): TrendPointDto =>
      p.present ? { ...p, ratings: p.ratings ? [...p.ratings] : null } : { cycleId: p.cycleId, present: false };
    return {
      ...t,
      points: t.points.map(point),
      skills: t.skills.map((s) => ({ ...s, points: s.points.map(point) })),
    };
  }
}
