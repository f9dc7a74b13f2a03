import {
  GAP_SOURCES,
  HEATMAP_ROWS,
  type CapabilityHeatmap,
  type GapSource,
  type HeatmapBy,
} from '@capability/insights';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { SLUG } from '../../workforce/role-assignments.dto.js';
import { CapabilityGapsQueryDto } from './capability-gaps.dto.js';

/** The gap report's query (cycle, source, filters) without its grouping: a family (required) and the rows. */
export class CapabilityHeatmapQueryDto extends OmitType(CapabilityGapsQueryDto, ['groupBy', 'roleFamily'] as const) {
  @ApiProperty({
    example: 'data',
    description:
      'The role family (as the cycle snapshotted it). A head of profession asking for a family they do not lead is 403 (unless they manage people: then it narrows to their reporting chain)',
  })
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamily must be a slug such as "data"' })
  roleFamily: string;

  @ApiPropertyOptional({
    enum: HEATMAP_ROWS,
    default: 'role-level',
    description: "The rows: the family's roles or role levels",
  })
  @IsOptional()
  @IsIn(HEATMAP_ROWS)
  by?: HeatmapBy;
}

export class HeatmapAxisItemDto {
  @ApiProperty({ description: 'The slug' }) id: string;
  @ApiProperty() label: string;
}

const nullableNumber = (description: string, example?: number) =>
  ApiProperty({ type: Number, nullable: true, description, example });

export class HeatmapCellDto {
  @ApiProperty({ description: 'The row (role or role level slug)' }) rowId: string;
  @ApiProperty({ description: 'The skill slug' }) skillId: string;
  @nullableNumber('People with a counted rating in the cell') people: number | null;
  @nullableNumber('Assessed requirements (counted ratings of the required skill); 0 where none') assessed:
    number | null;
  @nullableNumber('Of those, at or above the required level') met: number | null;
  @nullableNumber('100 × met ÷ assessed, 1 decimal (null when nothing was assessed)', 62.5) percentMet: number | null;
  @nullableNumber('Mean of max(0, required − level), 2 decimals', 0.42) meanGap: number | null;
  @ApiProperty({ description: 'Fewer than k people, or hidden so that a small group cannot be worked out' })
  suppressed: boolean;
}

export class CapabilityHeatmapResponse {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty() cycleName: string;
  @ApiProperty({ enum: ['draft', 'open', 'closed'] }) cycleState: string;
  @ApiProperty({ enum: GAP_SOURCES }) source: GapSource;
  @ApiProperty({ description: 'The fewest people a shown figure rests on' }) k: number;
  @ApiProperty({ type: HeatmapAxisItemDto }) roleFamily: HeatmapAxisItemDto;
  @ApiProperty({ enum: HEATMAP_ROWS }) by: HeatmapBy;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'The filters applied' })
  filters: Record<string, string>;
  @ApiProperty({
    type: [HeatmapAxisItemDto],
    description:
      'Rows, by the mean gap of their shown cells (Σ meanGap × assessed ÷ Σ assessed), largest first; rows with no shown cell last; ties by label',
  })
  rows: HeatmapAxisItemDto[];
  @ApiProperty({ type: [HeatmapAxisItemDto], description: 'Skills, ordered as the rows are' })
  skills: HeatmapAxisItemDto[];
  @ApiProperty({ type: [HeatmapCellDto], description: 'Every row × skill: row by row, each in skills order' })
  cells: HeatmapCellDto[];
  @ApiProperty({ format: 'date-time' }) generatedAt: string;

  static from(h: CapabilityHeatmap): CapabilityHeatmapResponse {
    return { ...h, filters: { ...h.filters } };
  }
}
