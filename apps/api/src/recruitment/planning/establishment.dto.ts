import { PageQuery } from '@capability/platform';
import {
  MAX_FUNDED_POSTS,
  type EstablishmentPostView,
  type EstablishmentSummary,
  type EstablishmentSummaryLine,
} from '@capability/recruitment';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { OptionalNotNull } from '../../common/optional.js';
import { ISO_DATE, RoleLevelRef, SLUG } from '../../workforce/role-assignments.dto.js';
import { GradeRef, UnitRef } from '../../workforce/staff.dto.js';

export class CreateEstablishmentPostDto {
  @ApiProperty({ format: 'uuid', description: 'The organisation unit the posts are in' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ format: 'uuid', description: 'A role level of the current framework version' })
  @IsUUID()
  roleLevelId: string;

  @ApiProperty({ format: 'uuid', description: 'A Civil Service grade (GET /reference/grades)' })
  @IsUUID()
  gradeId: string;

  @ApiProperty({
    minimum: 1,
    maximum: MAX_FUNDED_POSTS,
    example: 4,
    description: 'Whole posts (people in post are counted by head; a job share is the one post it fills)',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_FUNDED_POSTS)
  fundedPosts: number;

  @ApiProperty({ format: 'date', example: '2026-04-01', description: 'The first day the posts are funded' })
  @Matches(ISO_DATE, { message: 'startsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startsOn: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2027-04-01',
    description: 'Exclusive: the first day the posts are no longer funded (as role assignments end); null: open-ended',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'endsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  endsOn?: string | null;
}

export class UpdateEstablishmentPostDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_FUNDED_POSTS, description: 'A correction of the posts funded' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(MAX_FUNDED_POSTS)
  fundedPosts?: number;

  @ApiPropertyOptional({ format: 'date' })
  @OptionalNotNull()
  @Matches(ISO_DATE, { message: 'startsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startsOn?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'End-dating ends the funding (exclusive, the first day it no longer applies); null removes the end',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'endsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  endsOn?: string | null;
}

export class ListEstablishmentQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'A unit and its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ example: 'data', description: "A role family's slug" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamily must be a slug such as "data"' })
  roleFamily?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  roleLevelId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  gradeId?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-04-01', description: 'Only rows funding posts on this day' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'effectiveOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  effectiveOn?: string;
}

export class EstablishmentSummaryQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'A unit and its subtree (default: the whole department)' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    example: 'data',
    description: 'A role family of the current framework (default: every family you may see)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamily must be a slug such as "data"' })
  roleFamily?: string;
}

export class EstablishmentPostResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: UnitRef }) unit: UnitRef;
  @ApiProperty({ type: RoleLevelRef }) roleLevel: RoleLevelRef;
  @ApiProperty({ example: 'data' }) roleFamilySlug: string;
  @ApiProperty({ type: GradeRef }) grade: GradeRef;
  @ApiProperty() fundedPosts: number;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Exclusive; null while open-ended' })
  endsOn: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'The ETag; send it back in If-Match to edit' }) version: number;

  static from(e: EstablishmentPostView): EstablishmentPostResponse {
    return Object.assign(new EstablishmentPostResponse(), {
      id: e.id,
      unit: e.unit,
      roleLevel: e.roleLevel,
      roleFamilySlug: e.roleFamilySlug,
      grade: e.grade,
      fundedPosts: e.fundedPosts,
      startsOn: e.startsOn,
      endsOn: e.endsOn,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
      version: e.version,
    });
  }
}

export class EstablishmentFiguresResponse {
  @ApiProperty({ description: 'Posts funded today (rows effective today)' }) funded: number;
  @ApiProperty({
    description:
      'People in post today by their current primary role level: started, not left, employed (permanent, ' +
      'fixed-term, apprentice, secondee)',
  })
  inPost: number;
  @ApiProperty({ description: 'Interim and contractor staff in post (counted apart: they fill no funded post)' })
  interimInPost: number;
  @ApiProperty({ description: 'Posts of open vacancies' }) openVacancyPosts: number;
  @ApiProperty({ description: 'Offers accepted by people not yet in post' }) offersAwaitingStart: number;
  @ApiProperty({ description: 'funded − inPost − offersAwaitingStart (negative: over establishment)' }) gap: number;

  static fields(l: Omit<EstablishmentSummaryLine, 'roleFamilySlug' | 'roleLevelSlug' | 'roleLevelName'>) {
    return {
      funded: l.funded,
      inPost: l.inPost,
      interimInPost: l.interimInPost,
      openVacancyPosts: l.openVacancyPosts,
      offersAwaitingStart: l.offersAwaitingStart,
      gap: l.gap,
    };
  }
}

export class EstablishmentSummaryRowResponse extends EstablishmentFiguresResponse {
  @ApiProperty({ example: 'data' }) roleFamilySlug: string;
  @ApiProperty({ example: 'senior-data-engineer', description: 'Matched by slug across framework versions' })
  roleLevelSlug: string;
  @ApiProperty({ example: 'Senior data engineer' }) roleLevelName: string;
}

export class EstablishmentSummaryResponse {
  @ApiProperty({ format: 'date' }) measuredOn: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId: string | null;
  @ApiProperty({ type: String, nullable: true }) roleFamily: string | null;
  @ApiProperty({ type: [EstablishmentSummaryRowResponse], description: 'One per role level, by family then slug' })
  rows: EstablishmentSummaryRowResponse[];
  @ApiProperty({ type: EstablishmentFiguresResponse }) totals: EstablishmentFiguresResponse;

  static from(s: EstablishmentSummary): EstablishmentSummaryResponse {
    return Object.assign(new EstablishmentSummaryResponse(), {
      measuredOn: s.measuredOn,
      unitId: s.unitId,
      roleFamily: s.roleFamily,
      rows: s.rows.map((r) =>
        Object.assign(new EstablishmentSummaryRowResponse(), {
          roleFamilySlug: r.roleFamilySlug,
          roleLevelSlug: r.roleLevelSlug,
          roleLevelName: r.roleLevelName,
          ...EstablishmentFiguresResponse.fields(r),
        }),
      ),
      totals: Object.assign(new EstablishmentFiguresResponse(), EstablishmentFiguresResponse.fields(s.totals)),
    });
  }
}
