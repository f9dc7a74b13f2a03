import { PageQuery } from '@capability/platform';
import {
  CYCLE_STATES,
  EXCLUSION_REASONS,
  type CycleState,
  type ExclusionReason,
  type LeftOutRow,
  type OpenedCycle,
  type ReviewCycle,
  type ReviewCycleDetail,
} from '@capability/reviews';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ISO_DATE } from '../../workforce/role-assignments.dto.js';

export class CreateReviewCycleDto {
  @ApiProperty({ example: 'Annual Skills Review 2026', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation unit whose whole subtree the cycle covers' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ format: 'date', example: '2026-04-01' })
  @Matches(ISO_DATE, { message: 'opensOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  opensOn: string;

  @ApiProperty({ format: 'date', example: '2026-06-30', description: 'On or after opensOn' })
  @Matches(ISO_DATE, { message: 'closesOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  closesOn: string;
}

/** Any field of a draft cycle. */
export class UpdateReviewCycleDto extends PartialType(CreateReviewCycleDto) {}

export class ListReviewCyclesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CYCLE_STATES })
  @IsOptional()
  @IsIn(CYCLE_STATES)
  state?: CycleState;

  @ApiPropertyOptional({ format: 'uuid', description: 'Cycles for exactly this unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class ListLeftOutQuery extends PageQuery {}

export class ReviewCycleFigures {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Reviews plus the staff left out (HR and admins only; null for other readers)',
  })
  inScope: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'In scope but left out at opening (HR and admins only)' })
  leftOut: number | null;
  @ApiProperty() reviews: number;
  @ApiProperty() notStarted: number;
  @ApiProperty() inProgress: number;
  @ApiProperty({ description: 'Submitted by the reviewee, waiting for the line manager' }) selfAssessed: number;
  @ApiProperty({ description: 'Sent back to the reviewee' }) returned: number;
  @ApiProperty() validated: number;
  @ApiProperty({ description: 'Reviews with at least one rating flagged for calibration' })
  flaggedForCalibration: number;
}

export class ReviewCycleResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ format: 'date' }) opensOn: string;
  @ApiProperty({ format: 'date' }) closesOn: string;
  @ApiProperty({ enum: CYCLE_STATES }) state: CycleState;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Pinned when the cycle opens' })
  frameworkVersionId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) openedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Send as If-Match (the ETag) to change a draft' }) version: number;

  static from(cycle: ReviewCycle): ReviewCycleResponse {
    return Object.assign(new ReviewCycleResponse(), {
      id: cycle.id,
      name: cycle.name,
      unitId: cycle.unitId,
      opensOn: cycle.opensOn,
      closesOn: cycle.closesOn,
      state: cycle.state,
      frameworkVersionId: cycle.frameworkVersionId,
      openedAt: cycle.openedAt?.toISOString() ?? null,
      closedAt: cycle.closedAt?.toISOString() ?? null,
      createdAt: cycle.createdAt.toISOString(),
      updatedAt: cycle.updatedAt.toISOString(),
      version: cycle.version,
    });
  }
}

export class ReviewCycleDetailResponse extends ReviewCycleResponse {
  @ApiProperty({ type: ReviewCycleFigures }) figures: ReviewCycleFigures;
  @ApiProperty({
    enum: ['cycle', 'visible'],
    description: 'cycle: the figures cover every review (HR, admin); visible: only the reviews you may read',
  })
  figuresScope: 'cycle' | 'visible';

  static fromDetail(detail: ReviewCycleDetail): ReviewCycleDetailResponse {
    return Object.assign(new ReviewCycleDetailResponse(), ReviewCycleResponse.from(detail.cycle), {
      figures: Object.assign(new ReviewCycleFigures(), detail.figures),
      figuresScope: detail.figuresScope,
    });
  }
}

export class LeftOutResponse {
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty() staffNumber: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({
    enum: EXCLUSION_REASONS,
    description:
      'no_role_level: no current primary role level; role_level_not_in_version: the pinned framework version has no role level of that slug',
  })
  reason: ExclusionReason;

  static from(row: LeftOutRow): LeftOutResponse {
    return Object.assign(new LeftOutResponse(), row);
  }
}

export class LeftOutSummary {
  @ApiProperty({ description: 'In-scope staff left out of the cycle' }) count: number;
  @ApiProperty({ type: [LeftOutResponse], description: 'The first of them, by name' }) sample: LeftOutResponse[];
  @ApiProperty({ example: '/api/v1/review-cycles/0f8fad5b-d9cb-469f-a165-70867728950e/left-out' }) href: string;
}

export class OpenedReviewCycleResponse extends ReviewCycleDetailResponse {
  @ApiProperty({ type: LeftOutSummary, description: 'The in-scope staff left out because they have no role level' })
  leftOut: LeftOutSummary;

  static fromOpened(opened: OpenedCycle, prefix: string): OpenedReviewCycleResponse {
    return Object.assign(new OpenedReviewCycleResponse(), ReviewCycleDetailResponse.fromDetail(opened), {
      leftOut: {
        count: opened.figures.leftOut ?? opened.leftOutSample.length,
        sample: opened.leftOutSample.map((r) => LeftOutResponse.from(r)),
        href: `${prefix}/review-cycles/${opened.cycle.id}/left-out`,
      },
    });
  }
}
