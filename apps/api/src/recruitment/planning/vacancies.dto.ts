import { PageQuery } from '@capability/platform';
import {
  CAMPAIGN_KINDS,
  CAMPAIGN_STATES,
  DEFAULT_RESERVE_LIST_MONTHS,
  MAX_RESERVE_LIST_MONTHS,
  MAX_SALARY,
  MAX_VACANCY_POSTS,
  PRE_EMPLOYMENT_CHECKS,
  VACANCY_STATES,
  type CampaignKind,
  type CampaignState,
  type PreEmploymentCheck,
  type VacancyDetail,
  type VacancyState,
  type VacancyWithSkills,
} from '@capability/recruitment';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
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
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../common/optional.js';
import { ISO_DATE, RoleLevelRef, SLUG } from '../../workforce/role-assignments.dto.js';
import { GradeRef, UnitRef } from '../../workforce/staff.dto.js';

export class PanelMemberDto {
  @ApiProperty({ format: 'uuid', description: 'A user who may sign in' })
  @IsUUID()
  userId: string;

  @ApiPropertyOptional({ default: false, description: 'The vacancy holder, who leads the panel (one at most)' })
  @OptionalNotNull()
  @IsBoolean()
  chair?: boolean;
}

export class CreateVacancyDto {
  @ApiProperty({ format: 'uuid', description: 'A draft or open campaign' })
  @IsUUID()
  campaignId: string;

  @ApiProperty({ maxLength: 200, example: 'Senior data engineer' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({
    format: 'uuid',
    description: 'A role level of the current framework: its family, and the skills it requires',
  })
  @IsUUID()
  roleLevelId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  gradeId: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation unit the posts are in' })
  @IsUUID()
  unitId: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 20,
    description: 'Where it is advertised (often regional hubs)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  locationIds: string[];

  @ApiProperty({ minimum: 1, maximum: MAX_VACANCY_POSTS, example: 2 })
  @IsInt()
  @Min(1)
  @Max(MAX_VACANCY_POSTS)
  posts: number;

  @ApiProperty({ minimum: 0, maximum: MAX_SALARY, example: 52000, description: 'Whole pounds a year' })
  @IsInt()
  @Min(0)
  @Max(MAX_SALARY)
  salaryMin: number;

  @ApiProperty({ minimum: 0, maximum: MAX_SALARY, example: 61000, description: 'At least salaryMin' })
  @IsInt()
  @Min(0)
  @Max(MAX_SALARY)
  salaryMax: number;

  @ApiProperty({
    format: 'date',
    example: '2026-10-31',
    description: "The last day applications are taken; within the campaign's period",
  })
  @Matches(ISO_DATE, { message: 'closesOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  closesOn: string;

  @ApiPropertyOptional({
    enum: PRE_EMPLOYMENT_CHECKS,
    isArray: true,
    default: ['right-to-work', 'bpss'],
    description: 'The checks appointment waits for; right-to-work is always required',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PRE_EMPLOYMENT_CHECKS, { each: true })
  requiredChecks?: PreEmploymentCheck[];

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_RESERVE_LIST_MONTHS, default: DEFAULT_RESERVE_LIST_MONTHS })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(MAX_RESERVE_LIST_MONTHS)
  reserveListMonths?: number;

  @ApiPropertyOptional({
    type: [PanelMemberDto],
    maxItems: 12,
    description: 'The panel: users (being on a panel is per vacancy, not a role); a chair is needed to open',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => PanelMemberDto)
  panel?: PanelMemberDto[];
}

/**
 * The terms of a draft; of an open vacancy only its title, closing date, posts, locations and reserve list; its
 * panel until it is withdrawn. A list given replaces the vacancy's.
 */
export class UpdateVacancyDto extends PartialType(
  OmitType(CreateVacancyDto, ['campaignId', 'locationIds', 'requiredChecks', 'panel'] as const),
) {
  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: 1, maxItems: 20 })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  locationIds?: string[];

  @ApiPropertyOptional({ enum: PRE_EMPLOYMENT_CHECKS, isArray: true, description: 'right-to-work is always required' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PRE_EMPLOYMENT_CHECKS, { each: true })
  requiredChecks?: PreEmploymentCheck[];

  @ApiPropertyOptional({ type: [PanelMemberDto], maxItems: 12, description: "Replaces the vacancy's panel" })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => PanelMemberDto)
  panel?: PanelMemberDto[];
}

export class ListVacanciesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ enum: VACANCY_STATES })
  @IsOptional()
  @IsIn(VACANCY_STATES)
  state?: VacancyState;

  @ApiPropertyOptional({ format: 'uuid', description: 'A unit and its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ example: 'data', description: "The role level's family" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamily must be a slug such as "data"' })
  roleFamily?: string;
}

export class VacancyCampaignRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CAMPAIGN_KINDS }) kind: CampaignKind;
  @ApiProperty({ enum: CAMPAIGN_STATES }) state: CampaignState;
}

export class VacancyLocationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() region: string;
  @ApiProperty() isRegionalHub: boolean;
}

export class PanelMemberResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() chair: boolean;
}

export class VacancySkillResponse {
  @ApiProperty({ example: 'data-engineering' }) slug: string;
  @ApiProperty({ example: 'Data engineering' }) name: string;
  @ApiProperty({ minimum: 1, maximum: 4, description: '1 awareness … 4 expert' }) level: number;
}

export class VacancySummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: VacancyCampaignRef }) campaign: VacancyCampaignRef;
  @ApiProperty() title: string;
  @ApiProperty({ type: RoleLevelRef }) roleLevel: RoleLevelRef;
  @ApiProperty({ example: 'data' }) roleFamilySlug: string;
  @ApiProperty({ type: GradeRef }) grade: GradeRef;
  @ApiProperty({ type: UnitRef }) unit: UnitRef;
  @ApiProperty({ type: [VacancyLocationResponse] }) locations: VacancyLocationResponse[];
  @ApiProperty() posts: number;
  @ApiProperty({ description: 'Whole pounds a year' }) salaryMin: number;
  @ApiProperty() salaryMax: number;
  @ApiProperty({ format: 'date' }) closesOn: string;
  @ApiProperty({ enum: PRE_EMPLOYMENT_CHECKS, isArray: true }) requiredChecks: PreEmploymentCheck[];
  @ApiProperty() reserveListMonths: number;
  @ApiProperty({ type: [PanelMemberResponse], description: 'Chair first' }) panel: PanelMemberResponse[];
  @ApiProperty({ enum: VACANCY_STATES }) state: VacancyState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) openedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) withdrawnAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'The ETag; send it back in If-Match to edit' }) version: number;

  static fields(d: VacancyDetail) {
    const v = d.vacancy;
    return {
      id: v.id,
      campaign: d.refs.campaign,
      title: v.title,
      roleLevel: d.refs.roleLevel,
      roleFamilySlug: d.refs.roleFamilySlug,
      grade: d.refs.grade,
      unit: d.refs.unit,
      locations: d.locations,
      posts: v.posts,
      salaryMin: v.salaryMin,
      salaryMax: v.salaryMax,
      closesOn: v.closesOn,
      requiredChecks: v.requiredChecks,
      reserveListMonths: v.reserveListMonths,
      panel: d.panel,
      state: v.state,
      openedAt: v.openedAt?.toISOString() ?? null,
      closedAt: v.closedAt?.toISOString() ?? null,
      withdrawnAt: v.withdrawnAt?.toISOString() ?? null,
      createdAt: v.createdAt.toISOString(),
      updatedAt: v.updatedAt.toISOString(),
      version: v.version,
    };
  }

  static from(d: VacancyDetail): VacancySummaryResponse {
    return Object.assign(new VacancySummaryResponse(), VacancySummaryResponse.fields(d));
  }
}

export class VacancyResponse extends VacancySummaryResponse {
  @ApiProperty({
    type: [VacancySkillResponse],
    description:
      "The skills the framework requires of the role level, at the level it requires (the vacancy's technical skills)",
  })
  requiredSkills: VacancySkillResponse[];

  static fromDetail(d: VacancyWithSkills): VacancyResponse {
    return Object.assign(new VacancyResponse(), {
      ...VacancySummaryResponse.fields(d),
      requiredSkills: d.requiredSkills,
    });
  }
}
