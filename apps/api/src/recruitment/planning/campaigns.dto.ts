import { PageQuery } from '@capability/platform';
import {
  CAMPAIGN_KINDS,
  CAMPAIGN_STATES,
  PARTNER_KINDS,
  type CampaignDetail,
  type CampaignKind,
  type CampaignState,
  type PartnerKind,
} from '@capability/recruitment';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../common/optional.js';
import { ISO_DATE, SLUG } from '../../workforce/role-assignments.dto.js';

export class CampaignGapDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 50,
    description: 'Role levels of the current framework (as the gaps name them: `roleLevel.id`)',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  roleLevelIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: 100,
    example: ['data-engineering'],
    description: 'Skills of the current framework, by slug (as the gaps name them: `skillSlug`)',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  @Matches(SLUG, { each: true, message: 'each skill slug must be a slug such as "data-engineering"' })
  skillSlugs?: string[];
}

export class CreateCampaignDto {
  @ApiProperty({ maxLength: 200, example: 'Data graduate programme 2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({
    enum: CAMPAIGN_KINDS,
    description:
      'graduate, apprenticeship, specialist (experienced hire) or interim (an engagement through a supplier)',
  })
  @IsIn(CAMPAIGN_KINDS)
  kind: CampaignKind;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The user who owns the campaign; you by default',
  })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string | null;

  @ApiProperty({ format: 'date', example: '2026-09-01' })
  @Matches(ISO_DATE, { message: 'startsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startsOn: string;

  @ApiProperty({ format: 'date', example: '2027-03-31', description: "Inclusive: the campaign's last day" })
  @Matches(ISO_DATE, { message: 'endsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  endsOn: string;

  @ApiProperty({ minimum: 1, maximum: 10000, example: 12 })
  @IsInt()
  @Min(1)
  @Max(10000)
  targetHires: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 20, description: 'The partners it runs through' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  partnerIds?: string[];

  @ApiPropertyOptional({
    type: CampaignGapDto,
    description: 'The capability gap it addresses, e.g. raised from the gaps a skills review found',
  })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => CampaignGapDto)
  gap?: CampaignGapDto;
}

/** A list given (partners, the gap's role levels or skills) replaces the campaign's. */
export class UpdateCampaignDto extends PartialType(
  OmitType(CreateCampaignDto, ['ownerUserId', 'partnerIds', 'gap'] as const),
) {
  @ApiPropertyOptional({ format: 'uuid', description: 'Hand the campaign to another user' })
  @OptionalNotNull()
  @IsUUID()
  ownerUserId?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 20,
    description: "Replaces the campaign's partners",
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  partnerIds?: string[];

  @ApiPropertyOptional({ type: CampaignGapDto, description: 'A list given replaces that part of the gap' })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => CampaignGapDto)
  gap?: CampaignGapDto;
}

export class ListCampaignsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATES })
  @IsOptional()
  @IsIn(CAMPAIGN_STATES)
  state?: CampaignState;

  @ApiPropertyOptional({ enum: CAMPAIGN_KINDS })
  @IsOptional()
  @IsIn(CAMPAIGN_KINDS)
  kind?: CampaignKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Campaigns running through this partner' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;
}

export class CampaignPartnerRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PARTNER_KINDS }) kind: PartnerKind;
  @ApiProperty({ example: 'GB' }) country: string;
}

export class GapRoleLevelResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'senior-data-engineer' }) slug: string;
  @ApiProperty({ example: 'Senior data engineer' }) name: string;
  @ApiProperty({ example: 'data' }) roleFamilySlug: string;
}

export class GapSkillResponse {
  @ApiProperty({ example: 'data-engineering' }) slug: string;
  @ApiProperty({ example: 'Data engineering' }) name: string;
}

export class CampaignGapResponse {
  @ApiProperty({ type: [GapRoleLevelResponse] }) roleLevels: GapRoleLevelResponse[];
  @ApiProperty({ type: [GapSkillResponse] }) skills: GapSkillResponse[];
}

export class CampaignResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CAMPAIGN_KINDS }) kind: CampaignKind;
  @ApiProperty({ format: 'uuid' }) ownerUserId: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date', description: 'Inclusive' }) endsOn: string;
  @ApiProperty() targetHires: number;
  @ApiProperty({ enum: CAMPAIGN_STATES }) state: CampaignState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) openedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ type: [CampaignPartnerRefResponse] }) partners: CampaignPartnerRefResponse[];
  @ApiProperty({ type: CampaignGapResponse }) gap: CampaignGapResponse;
  @ApiProperty({ description: 'Its vacancies, withdrawn ones aside' }) vacancies: number;
  @ApiProperty({ description: 'Their posts' }) posts: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'The ETag; send it back in If-Match to edit' }) version: number;

  static from(d: CampaignDetail): CampaignResponse {
    const c = d.campaign;
    return Object.assign(new CampaignResponse(), {
      id: c.id,
      title: c.title,
      kind: c.kind,
      ownerUserId: c.ownerUserId,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      targetHires: c.targetHires,
      state: c.state,
      openedAt: c.openedAt?.toISOString() ?? null,
      closedAt: c.closedAt?.toISOString() ?? null,
      partners: d.partners.map((p) => Object.assign(new CampaignPartnerRefResponse(), p)),
      gap: Object.assign(new CampaignGapResponse(), {
        roleLevels: d.gapRoleLevels.map((l) => Object.assign(new GapRoleLevelResponse(), l)),
        skills: d.gapSkills.map((s) => Object.assign(new GapSkillResponse(), s)),
      }),
      vacancies: d.vacancies,
      posts: d.posts,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      version: c.version,
    });
  }
}
