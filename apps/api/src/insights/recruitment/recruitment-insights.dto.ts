import { type RecruitmentInsights } from '@capability/insights';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { RecruitmentFiguresResponse } from '../../recruitment/figures/figures.dto.js';
import { ISO_DATE } from '../../workforce/role-assignments.dto.js';

export class RecruitmentInsightsQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Only this campaign's vacancies (the figures, and gap closure's vacancies, offers and pipeline)",
  })
  @IsOptional()
  @IsUUID()
  campaign?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-01-01',
    description: 'The figures: only applications made on or after this day (gap closure is as things stand now)',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-31',
    description: 'The figures: only applications made on or before this day; not before `from`',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to?: string;
}

export class RecruitmentInsightsCycleResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

const people = (description: string) =>
  ApiProperty({ type: Number, nullable: true, description: `${description} (null when peopleSuppressed)` });
const candidates = (description: string) =>
  ApiProperty({
    type: Number,
    nullable: true,
    description: `${description} (null when 1..k−1 and smallNumbersSuppressed)`,
  });

export class LevelGapClosureResponse {
  @ApiProperty({ example: 'data' }) roleFamily: string;
  @ApiProperty({ example: 'data-engineer', description: 'Role level slug (stable across framework versions)' })
  roleLevel: string;
  @ApiProperty() roleLevelName: string;
  @people('People in post now at the level (primary role)') inPost: number | null;
  @people('Of them, with at least one requirement unmet (validated) in the latest closed cycle') withGaps:
    number | null;
  @people('100 × withGaps ÷ inPost, 1 decimal') percentWithGaps: number | null;
  @ApiProperty({ description: 'The people figures rest on fewer than k people (or a remainder of fewer than k)' })
  peopleSuppressed: boolean;
  @ApiProperty({ description: 'Open vacancies at the level' }) openVacancies: number;
  @ApiProperty({ description: 'Their posts' }) openPosts: number;
  @candidates('Applications to open or closed vacancies at the level with an accepted offer, not yet appointed')
  acceptedOffers: number | null;
  @candidates('Applications to those vacancies in an open stage without an accepted offer') livePipeline: number | null;
}

export class RecruitmentInsightsResponse {
  @ApiProperty({ description: 'k: the fewest people a shown people figure rests on' }) k: number;
  @ApiProperty({ format: 'date' }) measuredOn: string;
  @ApiProperty({ description: 'Candidate counts of 1..k−1 hidden (heads of profession)' })
  smallNumbersSuppressed: boolean;
  @ApiProperty({
    type: RecruitmentInsightsCycleResponse,
    nullable: true,
    description: 'The cycle gaps are read from (closed last); null when none has closed',
  })
  cycle: RecruitmentInsightsCycleResponse | null;
  @ApiProperty({ type: RecruitmentFiguresResponse, description: 'As `GET /recruitment/figures` answers them' })
  figures: RecruitmentFiguresResponse;
  @ApiProperty({ type: [LevelGapClosureResponse], description: 'Per role level in your families' })
  gapClosure: LevelGapClosureResponse[];

  static from(r: RecruitmentInsights): RecruitmentInsightsResponse {
    return Object.assign(new RecruitmentInsightsResponse(), r, { figures: RecruitmentFiguresResponse.from(r.figures) });
  }
}
