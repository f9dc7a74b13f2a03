import { PageQuery } from '@capability/platform';
import {
  REVIEW_STATES,
  SELF_ASSESSMENT_STATEMENT,
  type RatingRow,
  type ReviewDetail,
  type ReviewListItem,
  type ReviewState,
  type SkillReview,
} from '@capability/reviews';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { RoleLevelRef } from '../../workforce/role-assignments.dto.js';

/** More ratings than any role level has skills (the largest needs about 20). */
const MAX_RATINGS = 200;
const MAX_TEXT = 2000;

export class SelfRatingDto {
  @ApiProperty({ format: 'uuid', description: "A skill of the cycle's framework version" })
  @IsUUID()
  skillId: string;

  @ApiProperty({ minimum: 0, maximum: 4, description: '0 not yet at awareness, 1 awareness … 4 expert' })
  @IsInt()
  @Min(0)
  @Max(4)
  level: number;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MAX_TEXT, description: 'What shows it' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  evidence?: string | null;
}

export class SelfAssessmentDto {
  @ApiProperty({ type: [SelfRatingDto], description: 'A rating for every required skill of the review' })
  @IsArray()
  @ArrayMaxSize(MAX_RATINGS)
  @ValidateNested({ each: true })
  @Type(() => SelfRatingDto)
  ratings: SelfRatingDto[];

  @ApiPropertyOptional({
    type: [SelfRatingDto],
    description: "Skills the role level does not require, from the cycle's framework version (replaces those saved)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RATINGS)
  @ValidateNested({ each: true })
  @Type(() => SelfRatingDto)
  extraSkills?: SelfRatingDto[];
}

export class AgreedRatingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  skillId: string;

  @ApiProperty({ minimum: 0, maximum: 4, description: 'The level the line manager agrees' })
  @IsInt()
  @Min(0)
  @Max(4)
  level: number;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  comment?: string | null;
}

export class ValidationDto {
  @ApiProperty({ type: [AgreedRatingDto], description: 'An agreed level for every skill of the review' })
  @IsArray()
  @ArrayMaxSize(MAX_RATINGS)
  @ValidateNested({ each: true })
  @Type(() => AgreedRatingDto)
  ratings: AgreedRatingDto[];
}

export class ReturnReviewDto {
  @ApiProperty({ maxLength: MAX_TEXT, example: 'Please add evidence for the data skills' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  reason: string;
}

export class ListSkillReviewsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  cycleId?: string;

  @ApiPropertyOptional({ enum: REVIEW_STATES })
  @IsOptional()
  @IsIn(REVIEW_STATES)
  state?: ReviewState;

  @ApiPropertyOptional({ format: 'uuid', description: 'Reviewees in this unit or under it when the cycle opened' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class ReviewSkillLevelText {
  @ApiProperty({ minimum: 1, maximum: 4 }) level: number;
  @ApiProperty({ example: 'Working' }) name: string;
  @ApiProperty({ type: String, nullable: true, description: 'What a person can do at this level' })
  text: string | null;
}

/** A verified record of learning that claims the skill: learning evidence beside it in the review. */
export class ReviewLearningEvidence {
  @ApiProperty({ format: 'uuid' }) recordId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) completedOn: string;
  @ApiProperty() hours: number;
}

export class ReviewSkillResponse {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty() skillSlug: string;
  @ApiProperty() skillName: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ description: 'false for an extra skill the reviewee added' }) required: boolean;
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 4 }) requiredLevel: number | null;
  @ApiProperty({ type: [ReviewSkillLevelText] }) levels: ReviewSkillLevelText[];
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 4 }) selfLevel: number | null;
  @ApiProperty({ type: String, nullable: true }) evidence: string | null;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 4 }) validatedLevel: number | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ description: 'Self and agreed levels two or more apart' }) flaggedForCalibration: boolean;
  @ApiProperty({
    type: [ReviewLearningEvidence],
    description: "The reviewee's verified records of learning that claim this skill, most recent first",
  })
  learningEvidence: ReviewLearningEvidence[];

  static from(r: RatingRow, evidence: ReadonlyMap<string, ReviewLearningEvidence[]>): ReviewSkillResponse {
    return Object.assign(new ReviewSkillResponse(), {
      skillId: r.skillId,
      skillSlug: r.skillSlug,
      skillName: r.skillName,
      description: r.description,
      required: r.requiredLevel !== null,
      requiredLevel: r.requiredLevel,
      levels: r.levels.map((l) => Object.assign(new ReviewSkillLevelText(), l)),
      selfLevel: r.selfLevel,
      evidence: r.evidence,
      validatedLevel: r.validatedLevel,
      comment: r.comment,
      flaggedForCalibration: r.flaggedForCalibration,
      learningEvidence: (evidence.get(r.skillSlug) ?? []).map((e) => Object.assign(new ReviewLearningEvidence(), e)),
    });
  }
}

export class SkillReviewSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty() staffName: string;
  @ApiProperty({ type: RoleLevelRef, description: 'The role level as the cycle snapshotted it' })
  roleLevel: RoleLevelRef;
  @ApiProperty({ format: 'uuid', description: "The reviewee's unit when the cycle opened" }) unitId: string;
  @ApiProperty({ enum: REVIEW_STATES }) state: ReviewState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validatedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) returnedAt: string | null;
  @ApiProperty({ description: 'Send as If-Match (the ETag) with a self-assessment or validation' }) version: number;

  protected static base(review: SkillReview, staffName: string): SkillReviewSummaryResponse {
    return {
      id: review.id,
      cycleId: review.cycleId,
      staffId: review.staffId,
      staffName,
      roleLevel: { id: review.roleLevelId, slug: review.roleLevelSlug, name: review.roleLevelName },
      unitId: review.unitId,
      state: review.state,
      submittedAt: review.submittedAt?.toISOString() ?? null,
      validatedAt: review.validatedAt?.toISOString() ?? null,
      returnedAt: review.returnedAt?.toISOString() ?? null,
      version: review.version,
    };
  }
}

export class SkillReviewListItemResponse extends SkillReviewSummaryResponse {
  @ApiProperty({ description: 'Ratings flagged for calibration' }) flaggedForCalibration: number;

  static from(item: ReviewListItem): SkillReviewListItemResponse {
    return Object.assign(new SkillReviewListItemResponse(), this.base(item.review, item.staffName), {
      flaggedForCalibration: item.flagged,
    });
  }
}

export class SkillReviewResponse extends SkillReviewSummaryResponse {
  @ApiProperty() cycleName: string;
  @ApiProperty({ enum: ['draft', 'open', 'closed'], description: 'A closed cycle is frozen' }) cycleState: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why the line manager sent it back' })
  returnReason: string | null;
  @ApiProperty({ example: SELF_ASSESSMENT_STATEMENT }) statement: string;
  @ApiProperty({ type: [ReviewSkillResponse], description: 'Required skills in the framework order, then extra ones' })
  skills: ReviewSkillResponse[];

  /** `evidence`: per skill slug, the reviewee's verified records of learning (LearningEvidenceService). */
  static from(detail: ReviewDetail, evidence: ReadonlyMap<string, ReviewLearningEvidence[]>): SkillReviewResponse {
    return Object.assign(new SkillReviewResponse(), this.base(detail.review, detail.staffName), {
      cycleName: detail.cycleName,
      cycleState: detail.cycleState,
      returnReason: detail.review.returnReason,
      statement: SELF_ASSESSMENT_STATEMENT,
      skills: detail.ratings.map((r) => ReviewSkillResponse.from(r, evidence)),
    });
  }
}
