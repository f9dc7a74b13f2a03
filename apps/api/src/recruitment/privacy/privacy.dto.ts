import {
  DIVERSITY_CATEGORY_NAMES,
  PIPELINE_STAGES,
  type DiversityCategory,
  type DiversityReport,
  type PipelineStage,
  type SubjectAccessExport,
} from '@capability/recruitment';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class DiversityQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'People with an application to a vacancy of this campaign' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'People with an application to this vacancy' })
  @IsOptional()
  @IsUUID()
  vacancyId?: string;

  @ApiPropertyOptional({
    enum: PIPELINE_STAGES,
    description: 'People with an application at this stage (for anonymised candidates: the stage it ended at)',
  })
  @IsOptional()
  @IsIn(PIPELINE_STAGES)
  stage?: PipelineStage;
}

export class DiversityCellResponse {
  @ApiProperty({ example: 'prefer-not-to-say' }) answer: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Null when suppressed' }) count: number | null;
  @ApiProperty({
    description:
      'Hidden: fewer than 5 people, or the next smallest cell hidden too so the total cannot give a hidden one away',
  })
  suppressed: boolean;
}

export class DiversityCategoryResponse {
  @ApiProperty({ enum: DIVERSITY_CATEGORY_NAMES }) category: DiversityCategory;
  @ApiProperty({ type: [DiversityCellResponse], description: 'Every answer of the category, in its fixed order' })
  cells: DiversityCellResponse[];
}

export class DiversityReportResponse {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'People who answered, among those the filter selects; null (and every cell hidden) under 5',
  })
  total: number | null;
  @ApiProperty({ example: 5, description: 'The smallest number of people a cell shown is built from' })
  minCellSize: number;
  @ApiProperty({ type: [DiversityCategoryResponse] }) categories: DiversityCategoryResponse[];

  static from(r: DiversityReport): DiversityReportResponse {
    return Object.assign(new DiversityReportResponse(), r);
  }
}

export class SubjectAccessExportResponse {
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'object', additionalProperties: true } },
    description:
      'Every table that holds rows about the candidate, by name, with those rows (columns as the database names ' +
      'them): the candidate, their applications and everything about those, their links (never a token) and their ' +
      'diversity-monitoring answers',
  })
  tables: Record<string, Record<string, unknown>[]>;

  static from(e: SubjectAccessExport): SubjectAccessExportResponse {
    return Object.assign(new SubjectAccessExportResponse(), {
      candidateId: e.candidateId,
      exportedAt: e.exportedAt.toISOString(),
      tables: e.tables,
    });
  }
}
