import { PageQuery } from '@capability/platform';
import {
  CANDIDATE_CHANNELS,
  MAX_GRADUATION_YEAR,
  MIN_GRADUATION_YEAR,
  RIGHT_TO_WORK,
  type CandidateChannel,
  type CandidateDetail,
  type CandidateImportResult,
  type RightToWork,
} from '@capability/recruitment';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { toBoolean } from '../../common/csv-import.js';
import { OptionalNotNull } from '../../common/optional.js';

/** The same rule as the database's `ck_candidates_email` and the import's. */
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const PHONE = /^[0-9+() -]{3,40}$/;
const NOT_BLANK = /\S/;

export class CreateCandidateDto {
  @ApiProperty({ maxLength: 200, example: 'Amara Okafor' })
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'fullName must not be blank' })
  fullName: string;

  @ApiProperty({
    maxLength: 254,
    example: 'amara.okafor@example.org',
    description: 'One candidate per email, whatever its case: a second gets 409 naming the first',
  })
  @IsString()
  @MaxLength(254)
  @Matches(EMAIL, { message: 'email must be an address such as name@example.org' })
  email: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 40, example: '+44 7700 900123' })
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: 'phone may hold digits, spaces and + ( ) - only (3 to 40)' })
  phone?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The partner that put the candidate forward (give this or channel)',
  })
  @IsOptional()
  @IsUUID()
  partnerId?: string | null;

  @ApiPropertyOptional({
    enum: CANDIDATE_CHANNELS,
    nullable: true,
    description: 'Where the candidate came from when not a partner (give this or partnerId)',
  })
  @IsOptional()
  @IsIn(CANDIDATE_CHANNELS)
  channel?: CandidateChannel | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'University of Leeds' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'university must not be blank' })
  university?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'BSc Computer Science' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'course must not be blank' })
  course?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: MIN_GRADUATION_YEAR,
    maximum: MAX_GRADUATION_YEAR,
    example: 2026,
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_GRADUATION_YEAR)
  @Max(MAX_GRADUATION_YEAR)
  graduationYear?: number | null;

  @ApiPropertyOptional({ enum: RIGHT_TO_WORK, default: 'not-yet-known' })
  @OptionalNotNull()
  @IsIn(RIGHT_TO_WORK)
  rightToWork?: RightToWork;

  @ApiPropertyOptional({
    default: false,
    description: 'Consent to keep the data after an unsuccessful application (beyond the usual six months)',
  })
  @OptionalNotNull()
  @IsBoolean()
  retentionConsent?: boolean;
}

/** Giving a partner replaces a channel and the other way round. */
export class UpdateCandidateDto extends PartialType(
  OmitType(CreateCandidateDto, ['fullName', 'email', 'rightToWork', 'retentionConsent'] as const),
) {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'fullName must not be blank' })
  fullName?: string;

  @ApiPropertyOptional({ maxLength: 254 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(254)
  @Matches(EMAIL, { message: 'email must be an address such as name@example.org' })
  email?: string;

  @ApiPropertyOptional({ enum: RIGHT_TO_WORK })
  @OptionalNotNull()
  @IsIn(RIGHT_TO_WORK)
  rightToWork?: RightToWork;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  retentionConsent?: boolean;
}

export class ListCandidatesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional({ enum: CANDIDATE_CHANNELS })
  @IsOptional()
  @IsIn(CANDIDATE_CHANNELS)
  channel?: CandidateChannel;

  @ApiPropertyOptional({ format: 'uuid', description: 'Candidates who applied to this vacancy' })
  @IsOptional()
  @IsUUID()
  vacancyId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Candidates who applied to a vacancy of this campaign' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;
}

export class CandidateImportQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The partner the file comes from (give this or channel)' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional({ enum: CANDIDATE_CHANNELS, description: 'Or the channel, such as job-board' })
  @IsOptional()
  @IsIn(CANDIDATE_CHANNELS)
  channel?: CandidateChannel;

  @ApiPropertyOptional({ default: false, description: 'Check the file and count what would change; write nothing' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;
}

export class CandidateImportResponse {
  @ApiProperty({ description: 'True when nothing was written' }) dryRun: boolean;
  @ApiProperty({ description: 'Data rows in the file' }) rows: number;
  @ApiProperty({ description: 'New candidates' }) created: number;
  @ApiProperty({ description: 'Rows whose email the service already has: left as they are' }) existing: number;

  static from(result: CandidateImportResult): CandidateImportResponse {
    return Object.assign(new CandidateImportResponse(), {
      dryRun: result.dryRun,
      rows: result.rows,
      created: result.created,
      existing: result.existing,
    });
  }
}

export class CandidatePartnerRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'University of Leeds' }) name: string;
}

export class CandidateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: CandidatePartnerRef, nullable: true }) partner: CandidatePartnerRef | null;
  @ApiProperty({ enum: CANDIDATE_CHANNELS, nullable: true }) channel: CandidateChannel | null;
  @ApiProperty({ type: String, nullable: true, description: 'The education institution' }) university: string | null;
  @ApiProperty({ type: String, nullable: true }) course: string | null;
  @ApiProperty({ type: Number, nullable: true }) graduationYear: number | null;
  @ApiProperty({ enum: RIGHT_TO_WORK }) rightToWork: RightToWork;
  @ApiProperty() retentionConsent: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) retentionConsentAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'The ETag; send it back in If-Match to edit' }) version: number;

  static from({ candidate: c, partner }: CandidateDetail): CandidateResponse {
    return Object.assign(new CandidateResponse(), {
      id: c.id,
      fullName: c.fullName,
      email: c.email,
      phone: c.phone,
      partner,
      channel: c.channel,
      university: c.university,
      course: c.course,
      graduationYear: c.graduationYear,
      rightToWork: c.rightToWork,
      retentionConsent: c.retentionConsent,
      retentionConsentAt: c.retentionConsentAt?.toISOString() ?? null,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      version: c.version,
    });
  }
}
