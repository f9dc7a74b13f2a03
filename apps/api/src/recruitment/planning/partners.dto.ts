import { PageQuery } from '@capability/platform';
import {
  PARTNER_KINDS,
  SERVICE_LEVEL_DIRECTION,
  SERVICE_LEVEL_METRICS,
  type PartnerDetail,
  type PartnerKind,
  type ServiceLevelMetric,
} from '@capability/recruitment';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../common/optional.js';
import { ISO_DATE } from '../../workforce/role-assignments.dto.js';

const COUNTRY = /^[A-Z]{2}$/;
const PHONE = /^\+?[0-9 ()-]{6,40}$/;

export class ServiceLevelDto {
  @ApiProperty({
    enum: SERVICE_LEVEL_METRICS,
    description:
      'days-to-shortlist: at most this many days from a vacancy closing to its shortlist (whole, 1–365); ' +
      'offer-acceptance-rate: at least this % of offers accepted (0–100); ' +
      'candidates-per-post: at least this many candidates per post (0–1,000)',
  })
  @IsIn(SERVICE_LEVEL_METRICS)
  metric: ServiceLevelMetric;

  @ApiProperty({ minimum: 0, maximum: 1000, example: 10, description: 'One decimal place at most' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0)
  @Max(1000)
  target: number;
}

export class ContactDto {
  @ApiProperty({ maxLength: 200, example: 'Priya Shah' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'Graduate programme manager' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  jobTitle?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 254, example: 'priya.shah@university.example' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 40, example: '+44 20 7946 0000' })
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: 'phone must be digits, spaces, brackets and dashes, optionally starting with +' })
  phone?: string | null;
}

export class CreatePartnerDto {
  @ApiProperty({ maxLength: 200, example: 'University of London Digital Skills Partnership' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: PARTNER_KINDS })
  @IsIn(PARTNER_KINDS)
  kind: PartnerKind;

  @ApiProperty({ example: 'GB', pattern: COUNTRY.source, description: 'ISO 3166-1 alpha-2, upper case' })
  @IsString()
  @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code in capitals, such as GB' })
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code, such as GB' })
  country: string;

  @ApiProperty({ format: 'date', example: '2026-04-01' })
  @Matches(ISO_DATE, { message: 'contractStartsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  contractStartsOn: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Exclusive: the first day the contract no longer runs; null for an open-ended partnership',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'contractEndsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  contractEndsOn?: string | null;

  @ApiPropertyOptional({ type: [ServiceLevelDto], maxItems: 3, description: 'One target per metric at most' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(SERVICE_LEVEL_METRICS.length)
  @ValidateNested({ each: true })
  @Type(() => ServiceLevelDto)
  serviceLevels?: ServiceLevelDto[];

  @ApiPropertyOptional({ type: [ContactDto], maxItems: 20 })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];
}

/** A list given replaces the partner's list (send `[]` to clear it; null is refused). */
export class UpdatePartnerDto extends PartialType(OmitType(CreatePartnerDto, ['serviceLevels', 'contacts'] as const)) {
  @ApiPropertyOptional({ type: [ServiceLevelDto], maxItems: 3, description: "Replaces the partner's service levels" })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(SERVICE_LEVEL_METRICS.length)
  @ValidateNested({ each: true })
  @Type(() => ServiceLevelDto)
  serviceLevels?: ServiceLevelDto[];

  @ApiPropertyOptional({ type: [ContactDto], maxItems: 20, description: "Replaces the partner's contacts" })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];
}

export class ListPartnersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PARTNER_KINDS })
  @IsOptional()
  @IsIn(PARTNER_KINDS)
  kind?: PartnerKind;

  @ApiPropertyOptional({ example: 'IN', description: 'ISO 3166-1 alpha-2, upper case' })
  @IsOptional()
  @IsString()
  @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code in capitals, such as GB' })
  country?: string;
}

export class ServiceLevelResponse {
  @ApiProperty({ enum: SERVICE_LEVEL_METRICS }) metric: ServiceLevelMetric;
  @ApiProperty() target: number;
  @ApiProperty({ enum: ['at-most', 'at-least'], description: 'Whether the target is a ceiling or a floor' })
  direction: 'at-most' | 'at-least';
}

export class ContactResponse {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) jobTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
}

export class PartnerResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PARTNER_KINDS }) kind: PartnerKind;
  @ApiProperty({ example: 'GB' }) country: string;
  @ApiProperty({ format: 'date' }) contractStartsOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) contractEndsOn: string | null;
  @ApiProperty({ type: [ServiceLevelResponse] }) serviceLevels: ServiceLevelResponse[];
  @ApiProperty({ type: [ContactResponse] }) contacts: ContactResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'The ETag; send it back in If-Match to edit' }) version: number;

  static from(d: PartnerDetail): PartnerResponse {
    const p = d.partner;
    return Object.assign(new PartnerResponse(), {
      id: p.id,
      name: p.name,
      kind: p.kind,
      country: p.country,
      contractStartsOn: p.contractStartsOn,
      contractEndsOn: p.contractEndsOn,
      serviceLevels: d.serviceLevels.map((l) =>
        Object.assign(new ServiceLevelResponse(), {
          metric: l.metric,
          target: Number(l.target),
          direction: SERVICE_LEVEL_DIRECTION[l.metric],
        }),
      ),
      contacts: d.contacts.map((c) =>
        Object.assign(new ContactResponse(), { name: c.name, jobTitle: c.jobTitle, email: c.email, phone: c.phone }),
      ),
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
      version: p.version,
    });
  }
}
