import { type HeadcountFigures, type WorkforceReport } from '@capability/insights';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ISO_DATE, SLUG } from '../../workforce/role-assignments.dto.js';

export class WorkforceInsightsQuery {
  @ApiPropertyOptional({
    example: 'data',
    description:
      'Only this role family (a head of profession asking for a family they do not lead gets 403; default: every family you may see)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamily must be a slug such as "data"' })
  roleFamily?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this organisation unit and its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-01-01',
    description:
      "First day of the range of the trend, joiners and leavers (default: the first day of the month 11 months before to's)",
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-31',
    description: 'Last day of the range (default today): headcount and establishment are counted on it',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: ['month', 'quarter'], description: 'Periods of the interim trend (default month)' })
  @IsOptional()
  @IsIn(['month', 'quarter'])
  interval?: 'month' | 'quarter';
}

const n = (description: string) =>
  ApiProperty({ type: Number, nullable: true, description: `${description} (null when suppressed)` });

export class HeadcountFiguresResponse {
  @n('People in post on `to` (employed, interim and contractor): the people the cell rests on') people: number | null;
  @n('Employed in post (not interim or contractor)') inPost: number | null;
  @n('Interim and contractor staff in post') interimInPost: number | null;
  @n('interimInPost ÷ people, %, 1 decimal') interimSharePercent: number | null;
  @n('Posts funded on `to` (null for a line manager: the establishment funds units, not reporting chains)')
  funded: number | null;
  @n('Posts of open vacancies (null for a line manager)') openVacancyPosts: number | null;
  @ApiProperty({ description: 'Built from fewer than k people, or hidden so that a total does not give one away' })
  suppressed: boolean;

  static from(f: HeadcountFigures): HeadcountFiguresResponse {
    return Object.assign(new HeadcountFiguresResponse(), f);
  }
}

export class HeadcountLevelResponse extends HeadcountFiguresResponse {
  @ApiProperty() roleFamily: string;
  @ApiProperty() role: string;
  @ApiProperty({ description: 'Role level slug (matched across framework versions)' }) roleLevel: string;
  @ApiProperty() roleLevelName: string;
}

export class HeadcountFamilyResponse extends HeadcountFiguresResponse {
  @ApiProperty() roleFamily: string;
}

export class InterimTrendCellResponse {
  @ApiProperty({ example: '2026-03', description: 'YYYY-MM or YYYY-Qn' }) period: string;
  @ApiProperty({ format: 'date', description: "The day counted: the period's last day, or `to`" }) day: string;
  @ApiProperty() roleFamily: string;
  @n('People in post that day') people: number | null;
  @n('Of them interim or contractor') interimAndContractor: number | null;
  @n('interimAndContractor ÷ people, %, 1 decimal') interimSharePercent: number | null;
  @ApiProperty() suppressed: boolean;
}

export class MovementCellResponse {
  @ApiProperty() roleFamily: string;
  @n('People') people: number | null;
  @ApiProperty() suppressed: boolean;
}

export class WorkforceInsightsResponse {
  @ApiProperty({ description: 'k: the fewest people a shown figure rests on' }) k: number;
  @ApiProperty({ enum: ['all', 'families', 'chain'], description: 'Whose figures: everyone, your families, your team' })
  scope: string;
  @ApiProperty({ type: String, nullable: true }) roleFamily: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId: string | null;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ enum: ['month', 'quarter'] }) interval: string;
  @ApiProperty({ type: [HeadcountLevelResponse], description: 'Per role level on `to`, by family, role, level' })
  levels: HeadcountLevelResponse[];
  @ApiProperty({ type: [HeadcountFamilyResponse] }) families: HeadcountFamilyResponse[];
  @ApiProperty({ type: HeadcountFiguresResponse }) total: HeadcountFiguresResponse;
  @ApiProperty({ type: [InterimTrendCellResponse], description: 'Interim and contractor share per family and period' })
  interimTrend: InterimTrendCellResponse[];
  @ApiProperty({
    type: [MovementCellResponse],
    description: 'Started within [from, to], per family (role on their first day)',
  })
  joiners: MovementCellResponse[];
  @ApiProperty({
    type: [MovementCellResponse],
    description: 'Left within [from, to], per family (role on their last day)',
  })
  leavers: MovementCellResponse[];

  static from(r: WorkforceReport): WorkforceInsightsResponse {
    return Object.assign(new WorkforceInsightsResponse(), r);
  }
}
