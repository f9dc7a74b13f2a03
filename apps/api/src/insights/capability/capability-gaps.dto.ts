import {
  GAP_DIMENSIONS,
  GAP_SOURCES,
  type CapabilityGaps,
  type GapDimension,
  type GapFigures,
  type GapSource,
} from '@capability/insights';
import { EMPLOYMENT_TYPES } from '@capability/workforce';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { SLUG } from '../../workforce/role-assignments.dto.js';

const GRADE = /^[A-Z0-9]{1,10}$/;

/** `a,b` or `?x=a&x=b` (or both) → ['a', 'b']. */
const listOf = ({ value }: { value: unknown }): unknown =>
  (Array.isArray(value) ? (value as unknown[]) : [value]).flatMap((v): unknown[] =>
    typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [v],
  );

const slugFilter = (what: string, example: string) =>
  ApiPropertyOptional({ example, description: `Only ${what} (a slug)` });

export class CapabilityGapsQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The review cycle (open or closed; default: the one closed last; an unknown one is 404)',
  })
  @IsOptional()
  @IsUUID()
  cycleId?: string;

  @ApiPropertyOptional({
    enum: GAP_SOURCES,
    default: 'validated',
    description:
      '`validated`: a rating counts once its review is validated (the level agreed with the line manager); `self`: ' +
      'every submitted self-rating counts',
  })
  @IsOptional()
  @IsIn(GAP_SOURCES)
  source?: GapSource;

  @ApiPropertyOptional({
    type: [String],
    enum: GAP_DIMENSIONS,
    default: ['roleFamily'],
    description:
      'Group by one or more of these, comma-separated or repeated (in that order in each key). `unit` takes ' +
      'subtrees: each unit one level below the `unit` filter (below the top of the tree without one) with everyone ' +
      'in its subtree, and the filtered unit itself for the people directly in it (units as the cycle snapshotted ' +
      "people into them); role family, role and role level are the cycle's snapshot; location, grade and employment " +
      "type the person's record today (as the cycle closed, once snapshotted)",
  })
  @IsOptional()
  @Transform(listOf)
  @IsIn(GAP_DIMENSIONS, { each: true })
  @ArrayMaxSize(GAP_DIMENSIONS.length)
  groupBy?: GapDimension[];

  @slugFilter('this role family (as the cycle snapshotted it)', 'data')
  @IsOptional()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamily must be a slug such as "data"' })
  roleFamily?: string;

  @slugFilter('this role', 'data-scientist')
  @IsOptional()
  @MaxLength(100)
  @Matches(SLUG, { message: 'role must be a slug such as "data-scientist"' })
  role?: string;

  @slugFilter('this role level', 'senior-data-scientist')
  @IsOptional()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleLevel must be a slug such as "senior-data-scientist"' })
  roleLevel?: string;

  @slugFilter('this skill', 'data-modelling')
  @IsOptional()
  @MaxLength(120)
  @Matches(SLUG, { message: 'skill must be a slug such as "data-modelling"' })
  skill?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Only people in this unit or below it (the cycle's snapshot)" })
  @IsOptional()
  @IsUUID()
  unit?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only people at this location' })
  @IsOptional()
  @IsUUID()
  location?: string;

  @ApiPropertyOptional({ example: 'G7', description: 'Only people of this grade (its code)' })
  @IsOptional()
  @Matches(GRADE, { message: 'grade must be a grade code such as "G7"' })
  grade?: string;

  @ApiPropertyOptional({ enum: EMPLOYMENT_TYPES, description: 'Only people of this employment type' })
  @IsOptional()
  @IsIn(EMPLOYMENT_TYPES)
  employmentType?: string;
}

export class GroupKeyPartDto {
  @ApiProperty({ description: 'The slug (role family, role, role level, skill, employment type), code or uuid' })
  id: string;
  @ApiProperty() label: string;
}

export class GapGroupKeyDto {
  @ApiPropertyOptional({ type: GroupKeyPartDto }) roleFamily?: GroupKeyPartDto;
  @ApiPropertyOptional({ type: GroupKeyPartDto }) role?: GroupKeyPartDto;
  @ApiPropertyOptional({ type: GroupKeyPartDto }) roleLevel?: GroupKeyPartDto;
  @ApiPropertyOptional({ type: GroupKeyPartDto }) skill?: GroupKeyPartDto;
  @ApiPropertyOptional({ type: GroupKeyPartDto }) unit?: GroupKeyPartDto;
  @ApiPropertyOptional({ type: GroupKeyPartDto, description: "id `none` when the person's location is not recorded" })
  location?: GroupKeyPartDto;
  @ApiPropertyOptional({ type: GroupKeyPartDto, description: "id `none` when the person's grade is not recorded" })
  grade?: GroupKeyPartDto;
  @ApiPropertyOptional({ type: GroupKeyPartDto }) employmentType?: GroupKeyPartDto;
}

const nullableInt = (description: string) => ApiProperty({ type: Number, nullable: true, description });

export class GapFiguresDto {
  @nullableInt('People with at least one counted rating of a required skill in the group') people: number | null;
  @nullableInt('Counted ratings of required skills (assessed requirements)') requirements: number | null;
  @nullableInt('Of those, at or above the required level') met: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 62.5, description: '100 × met ÷ requirements, 1 decimal' })
  percentMet: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.42,
    description: 'Mean of max(0, required − level), 2 decimals',
  })
  meanGap: number | null;
  @ApiProperty({
    type: [Number],
    nullable: true,
    minItems: 5,
    maxItems: 5,
    description: 'Counted ratings at levels 0, 1, 2, 3 and 4',
  })
  ratings: number[] | null;
  @ApiProperty({ description: 'Fewer than k people, or hidden so that a small group cannot be worked out' })
  suppressed: boolean;
}

export class GapGroupDto extends GapFiguresDto {
  @ApiProperty({ type: GapGroupKeyDto }) key: GapGroupKeyDto;
}

export class CapabilityGapsResponse {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty() cycleName: string;
  @ApiProperty({ enum: ['draft', 'open', 'closed'] }) cycleState: string;
  @ApiProperty({
    enum: ['snapshot', 'live'],
    description:
      "`snapshot`: a closed cycle's figures as the snapshot job wrote them when it closed (location, grade and " +
      'employment type as they were then); `live`: from the reviews now (an open cycle, a closed one not yet ' +
      "snapshotted, or a line manager's reporting chain)",
  })
  basis: 'snapshot' | 'live';
  @ApiProperty({ enum: GAP_SOURCES }) source: GapSource;
  @ApiProperty({ description: 'The fewest people a shown figure rests on' }) k: number;
  @ApiProperty({ type: [String], enum: GAP_DIMENSIONS }) groupBy: GapDimension[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'The filters applied' })
  filters: Record<string, string>;
  @ApiProperty({ type: [GapGroupDto] }) groups: GapGroupDto[];
  @ApiProperty({ type: GapFiguresDto, description: 'Every group together (each person once)' }) total: GapFiguresDto;

  static from(r: CapabilityGaps): CapabilityGapsResponse {
    const figures = (f: GapFigures): GapFiguresDto => ({ ...f, ratings: f.ratings ? [...f.ratings] : null });
    return {
      ...r,
      filters: { ...r.filters },
      groups: r.groups.map((g) => ({ key: g.key, ...figures(g) })),
      total: figures(r.total),
    };
  }
}
