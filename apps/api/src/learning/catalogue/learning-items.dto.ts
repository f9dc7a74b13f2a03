import {
  INCLUSION_PACKAGES,
  ITEM_CODE,
  LEARNING_FORMATS,
  PROVIDER_KINDS,
  type CatalogueImportResult,
  type InclusionPackage,
  type LearningFormat,
  type LearningItemDetail,
  type ProviderKind,
} from '@capability/learning';
import { PageQuery } from '@capability/platform';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { toBoolean } from '../../common/csv-import.js';
import { SLUG } from '../../workforce/role-assignments.dto.js';

/** More skills than any item sensibly develops. */
const MAX_SKILLS = 50;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;

export class SkillTargetDto {
  @ApiProperty({ example: 'data-engineering', maxLength: 120, description: 'A skill of the current framework version' })
  @IsString()
  @MaxLength(120)
  @Matches(SLUG, { message: 'slug must be a skill slug such as "data-engineering"' })
  slug: string;

  @ApiProperty({ minimum: 1, maximum: 4, description: 'The level the item takes a learner to: 1 awareness … 4 expert' })
  @IsInt()
  @Min(1)
  @Max(4)
  level: number;
}

export class CreateLearningItemDto {
  @ApiProperty({
    example: 'CSL-DATA-101',
    maxLength: 40,
    pattern: ITEM_CODE.source,
    description: 'Unique; the key imports match on',
  })
  @IsString()
  @MaxLength(40)
  @Matches(ITEM_CODE, { message: 'code must be capitals, digits and single dashes, e.g. CSL-DATA-101' })
  code: string;

  @ApiProperty({ example: 'Introduction to data engineering', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: PROVIDER_KINDS })
  @IsIn(PROVIDER_KINDS)
  providerKind: ProviderKind;

  @ApiProperty({ example: 'Civil Service Learning', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  providerName: string;

  @ApiProperty({ enum: LEARNING_FORMATS })
  @IsIn(LEARNING_FORMATS)
  format: LearningFormat;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0.01, maximum: 10000, example: 7.5 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(10000)
  hours?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, example: 'https://learning.example/course' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http or https URL' })
  url?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({ description: 'Default: true when inclusionPackage is given' })
  @IsOptional()
  @IsBoolean()
  countsTowardsInclusion?: boolean;

  @ApiPropertyOptional({ enum: INCLUSION_PACKAGES, nullable: true, description: 'Digital Awareness or Digital Skills' })
  @IsOptional()
  @IsIn(INCLUSION_PACKAGES)
  inclusionPackage?: InclusionPackage | null;

  @ApiPropertyOptional({ default: true, description: 'False: retired' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Events only (required)' })
  @IsOptional()
  @Matches(DATE_TIME, { message: 'startsAt must be an ISO 8601 date-time with an offset' })
  @IsISO8601({ strict: true })
  startsAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Events only (required)' })
  @IsOptional()
  @Matches(DATE_TIME, { message: 'endsAt must be an ISO 8601 date-time with an offset' })
  @IsISO8601({ strict: true })
  endsAt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, description: 'Events only (required)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  location?: string | null;

  @ApiPropertyOptional({ type: [SkillTargetDto], description: 'The skills it develops, each once' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SKILLS)
  @ValidateNested({ each: true })
  @Type(() => SkillTargetDto)
  skills?: SkillTargetDto[];
}

/** Any field of a new item; `skills`, when given, replaces them all. */
export class UpdateLearningItemDto extends PartialType(CreateLearningItemDto, { skipNullProperties: false }) {}

export class ListLearningItemsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'data-engineering', description: 'Develops this skill' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  @Matches(SLUG, { message: 'skill must be a skill slug' })
  skill?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 4,
    description: 'Takes a learner to at least this level (of skill, or of any)',
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(4)
  level?: number;

  @ApiPropertyOptional({ example: 'data', description: 'Develops a skill some role of this family requires' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamily must be a slug such as "data"' })
  roleFamily?: string;

  @ApiPropertyOptional({ enum: LEARNING_FORMATS })
  @IsOptional()
  @IsIn(LEARNING_FORMATS)
  format?: LearningFormat;

  @ApiPropertyOptional({ enum: PROVIDER_KINDS })
  @IsOptional()
  @IsIn(PROVIDER_KINDS)
  provider?: ProviderKind;

  @ApiPropertyOptional({ description: 'Counts towards digital inclusion' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  inclusion?: boolean;

  @ApiPropertyOptional({ enum: INCLUSION_PACKAGES })
  @IsOptional()
  @IsIn(INCLUSION_PACKAGES)
  inclusionPackage?: InclusionPackage;

  @ApiPropertyOptional({ description: 'true: current items; false: retired ones' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Title or description contains (any case)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;
}

export class ItemSkillResponse {
  @ApiProperty() slug: string;
  @ApiProperty({ type: String, nullable: true, description: "The current framework version's name for it" })
  name: string | null;
  @ApiProperty({ minimum: 1, maximum: 4 }) level: number;
}

export class LearningItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: PROVIDER_KINDS }) providerKind: ProviderKind;
  @ApiProperty() providerName: string;
  @ApiProperty({ enum: LEARNING_FORMATS }) format: LearningFormat;
  @ApiProperty({ type: Number, nullable: true }) hours: number | null;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() countsTowardsInclusion: boolean;
  @ApiProperty({ enum: INCLUSION_PACKAGES, nullable: true }) inclusionPackage: InclusionPackage | null;
  @ApiProperty({ description: 'False: retired' }) active: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startsAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endsAt: string | null;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ description: 'Demo content, loaded with the demo department' }) demo: boolean;
  @ApiProperty({ type: [ItemSkillResponse] }) skills: ItemSkillResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Send as If-Match (the ETag) to change this item' }) version: number;

  static from(item: LearningItemDetail): LearningItemResponse {
    const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);
    return Object.assign(new LearningItemResponse(), {
      id: item.id,
      code: item.code,
      title: item.title,
      providerKind: item.providerKind,
      providerName: item.providerName,
      format: item.format,
      hours: item.hours,
      url: item.url,
      description: item.description,
      countsTowardsInclusion: item.countsTowardsInclusion,
      inclusionPackage: item.inclusionPackage,
      active: item.active,
      startsAt: iso(item.startsAt),
      endsAt: iso(item.endsAt),
      location: item.location,
      demo: item.demo,
      skills: item.skills.map((s) => ({ slug: s.slug, name: s.name, level: s.level })),
      createdAt: new Date(item.createdAt).toISOString(),
      updatedAt: new Date(item.updatedAt).toISOString(),
      version: item.version,
    });
  }
}

export class CatalogueImportQuery {
  @ApiPropertyOptional({ default: false, description: 'Check the file and count what would change; write nothing' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;
}

export class CatalogueImportResponse {
  @ApiProperty({ description: 'True when nothing was written' }) dryRun: boolean;
  @ApiProperty({ description: 'Data rows in the file' }) rows: number;
  @ApiProperty({ description: 'Items new to the catalogue' }) created: number;
  @ApiProperty({ description: 'Items whose fields or skills changed' }) updated: number;
  @ApiProperty({ description: 'Rows identical to the catalogue' }) unchanged: number;

  static from(result: CatalogueImportResult): CatalogueImportResponse {
    return Object.assign(new CatalogueImportResponse(), {
      dryRun: result.dryRun,
      rows: result.rows,
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
    });
  }
}
