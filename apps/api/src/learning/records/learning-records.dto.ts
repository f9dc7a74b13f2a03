import { RECORD_STATES, type RecordDetail, type RecordRow, type RecordState } from '@capability/learning';
import { PageQuery } from '@capability/platform';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ISO_DATE, SLUG } from '../../workforce/role-assignments.dto.js';

const MAX_TEXT = 2000;

export class CreateLearningRecordDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The catalogue item completed (an event: its attendance). Omit for external learning (give title)',
  })
  @IsOptional()
  @IsUUID()
  learningItemId?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    example: 'Introduction to Kubernetes',
    description: 'External learning only: what it was',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'Linux Foundation' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  provider?: string | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    maxItems: 20,
    example: ['technical-understanding'],
    description:
      "External learning only: the skills it developed, by slug of the current framework (an item's record has the item's)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  @Matches(SLUG, { each: true, message: 'each skill must be a slug such as "technical-understanding"' })
  skills?: string[] | null;

  @ApiProperty({
    format: 'date',
    example: '2026-03-12',
    description:
      'Not in the future, not before the person joined; for an event, a day it ran (from its first day to its last, UTC)',
  })
  @Matches(ISO_DATE, { message: 'completedOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  completedOn: string;

  @ApiProperty({
    minimum: 0,
    exclusiveMinimum: true,
    maximum: 1000,
    example: 7.5,
    description: 'More than 0, at most 1,000; two decimal places at most',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @IsPositive()
  @Max(1000)
  hours: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_TEXT,
    example: 'https://learning.example/certificates/123',
    description: 'A link to the evidence (a certificate, a badge). Give a link, a note or both',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'evidenceUrl must be an http(s) URL' })
  evidenceUrl?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_TEXT,
    example: 'Attended both days; notes shared with the team',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  evidenceNote?: string | null;
}

/** Any field but the item; a rejected record edited is resubmitted. */
export class UpdateLearningRecordDto extends PartialType(
  OmitType(CreateLearningRecordDto, ['learningItemId'] as const),
  {
    skipNullProperties: false,
  },
) {}

export class RejectLearningRecordDto {
  @ApiProperty({ maxLength: MAX_TEXT, example: 'The certificate link does not open: please add the PDF' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  reason: string;
}

export class ListLearningRecordsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RECORD_STATES })
  @IsOptional()
  @IsIn(RECORD_STATES)
  state?: RecordState;

  @ApiPropertyOptional({ format: 'uuid', description: 'Completions of this catalogue item' })
  @IsOptional()
  @IsUUID()
  learningItemId?: string;
}

export class LearningRecordQueueQuery extends ListLearningRecordsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "One person's records" })
  @IsOptional()
  @IsUUID()
  staffId?: string;
}

export class RecordHintResponse {
  @ApiProperty({ enum: ['inclusion-assessment-due'] }) type: 'inclusion-assessment-due';
  @ApiProperty() message: string;
  @ApiProperty({ example: '/api/v1/me/inclusion-assessments/questionnaire' }) href: string;
}

export class LearningRecordResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty() staffName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) learningItemId: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The catalogue item's title" })
  learningItemTitle: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'event', description: "The catalogue item's format" })
  learningItemFormat: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'External learning' }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) provider: string | null;
  @ApiProperty({ type: [String], description: "Skill slugs: claimed, or the catalogue item's" }) skills: string[];
  @ApiProperty({ format: 'date' }) completedOn: string;
  @ApiProperty({ example: 7.5 }) hours: number;
  @ApiProperty({ type: String, nullable: true }) evidenceUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) evidenceNote: string | null;
  @ApiProperty({ enum: RECORD_STATES }) state: RecordState;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) recordedByUserId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) verifiedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) verifiedByUserId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) rejectedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) rejectedByUserId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was rejected (until resubmitted)' })
  rejectReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'The ETag; send it back in If-Match to edit or delete' }) version: number;
  @ApiProperty({
    type: [RecordHintResponse],
    description: 'What to do next (a completed inclusion package: a new inclusion assessment); never applied by itself',
  })
  hints: RecordHintResponse[];

  static from(row: RecordRow | RecordDetail): LearningRecordResponse {
    const r = row.record;
    return Object.assign(new LearningRecordResponse(), {
      id: r.id,
      staffId: r.staffId,
      staffName: row.staffName,
      learningItemId: r.learningItemId,
      learningItemTitle: row.itemTitle,
      learningItemFormat: row.itemFormat,
      title: r.title,
      provider: r.provider,
      skills: r.skillSlugs,
      completedOn: r.completedOn,
      hours: Number(r.hours),
      evidenceUrl: r.evidenceUrl,
      evidenceNote: r.evidenceNote,
      state: r.state,
      recordedByUserId: r.recordedByUserId,
      verifiedAt: r.verifiedAt?.toISOString() ?? null,
      verifiedByUserId: r.verifiedByUserId,
      rejectedAt: r.rejectedAt?.toISOString() ?? null,
      rejectedByUserId: r.rejectedByUserId,
      rejectReason: r.rejectReason,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      version: r.version,
      hints: 'hints' in row ? row.hints.map((h) => ({ ...h })) : [],
    });
  }
}
