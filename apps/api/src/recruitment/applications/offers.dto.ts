import {
  CHECK_OUTCOMES,
  CHECK_STATES,
  MAX_REASON_LENGTH,
  MAX_SALARY,
  OFFER_RESPONDERS,
  OFFER_STATES,
  PIPELINE_STAGES,
  PRE_EMPLOYMENT_CHECKS,
  type CheckOutcome,
  type CheckState,
  type Offer,
  type OfferDecision,
  type OfferResponder,
  type OfferState,
  type OfferView,
  type PipelineStage,
  type PreEmploymentCheck,
  type PreEmploymentCheckRow,
} from '@capability/recruitment';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ISO_DATE } from '../../workforce/role-assignments.dto.js';

export class MakeOfferDto {
  @ApiProperty({
    minimum: 0,
    maximum: MAX_SALARY,
    example: 52000,
    description: "Whole pounds a year, within the vacancy's range",
  })
  @IsInt()
  @Min(0)
  @Max(MAX_SALARY)
  salary: number;

  @ApiProperty({ format: 'date', example: '2026-11-02', description: 'The first day in post; today or later' })
  @Matches(ISO_DATE, { message: 'startsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startsOn: string;

  @ApiProperty({
    format: 'date',
    example: '2026-10-16',
    description: 'The last day the offer may be accepted: today or later, and not after the start date',
  })
  @Matches(ISO_DATE, { message: 'expiresOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  expiresOn: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "One of the vacancy's locations; by default its only one when it has exactly one",
  })
  @IsOptional()
  @IsUUID()
  locationId?: string | null;
}

export class OfferResponseDto {
  @ApiProperty({ enum: ['accepted', 'declined'], description: "The candidate's answer, recorded on their behalf" })
  @IsIn(['accepted', 'declined'])
  decision: OfferDecision;
}

export class WithdrawOfferDto {
  @ApiProperty({ maxLength: MAX_REASON_LENGTH, description: 'Why the offer is withdrawn' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_REASON_LENGTH)
  reason: string;
}

export class DecideCheckDto {
  @ApiProperty({ enum: CHECK_OUTCOMES })
  @IsIn(CHECK_OUTCOMES)
  state: CheckOutcome;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_REASON_LENGTH,
    description: 'What was seen, or why it failed',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_REASON_LENGTH)
  note?: string | null;
}

export class CheckParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ enum: PRE_EMPLOYMENT_CHECKS })
  @IsIn(PRE_EMPLOYMENT_CHECKS)
  check: PreEmploymentCheck;
}

export class ReservePlacementDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Another vacancy of the same campaign at the same role level, open or closed',
  })
  @IsUUID()
  vacancyId: string;
}

export class OfferApplicationRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PIPELINE_STAGES }) stage: PipelineStage;
  @ApiProperty({ description: "The application's ETag, for its next move" }) version: number;
}

export class OfferResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ enum: OFFER_STATES }) state: OfferState;
  @ApiProperty({ description: 'Whole pounds a year' }) salary: number;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date', description: 'The last day it may be accepted' }) expiresOn: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) locationId: string | null;
  @ApiProperty({ format: 'date-time' }) madeAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) madeByUserId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) respondedAt: string | null;
  @ApiProperty({
    enum: OFFER_RESPONDERS,
    nullable: true,
    description: 'HR on the candidate’s behalf, or the candidate',
  })
  respondedBy: OfferResponder | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) withdrawnAt: string | null;
  @ApiProperty({ type: String, nullable: true }) withdrawalReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiredAt: string | null;
  @ApiProperty({ type: OfferApplicationRef, required: false, description: 'Where the application is now' })
  application?: OfferApplicationRef;
  @ApiProperty({ description: 'The ETag; send it back in If-Match to answer or withdraw it' }) version: number;

  static from(o: Offer, application?: OfferView['application']): OfferResponse {
    return Object.assign(new OfferResponse(), {
      id: o.id,
      applicationId: o.applicationId,
      state: o.state,
      salary: o.salary,
      startsOn: o.startsOn,
      expiresOn: o.expiresOn,
      locationId: o.locationId,
      madeAt: o.madeAt.toISOString(),
      madeByUserId: o.madeByUserId,
      respondedAt: o.respondedAt?.toISOString() ?? null,
      respondedBy: o.respondedBy,
      withdrawnAt: o.withdrawnAt?.toISOString() ?? null,
      withdrawalReason: o.withdrawalReason,
      expiredAt: o.expiredAt?.toISOString() ?? null,
      ...(application ? { application } : {}),
      version: o.version,
    });
  }

  static fromView(v: OfferView): OfferResponse {
    return OfferResponse.from(v.offer, v.application);
  }
}

export class OfferListResponse {
  @ApiProperty({ type: [OfferResponse], description: 'Newest first' }) items: OfferResponse[];
}

export class CheckResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ enum: PRE_EMPLOYMENT_CHECKS }) check: PreEmploymentCheck;
  @ApiProperty({ enum: CHECK_STATES }) state: CheckState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedByUserId: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ description: 'The ETag; send it back in If-Match to decide it' }) version: number;

  static from(c: PreEmploymentCheckRow): CheckResponse {
    return Object.assign(new CheckResponse(), {
      id: c.id,
      applicationId: c.applicationId,
      check: c.check,
      state: c.state,
      decidedAt: c.decidedAt?.toISOString() ?? null,
      decidedByUserId: c.decidedByUserId,
      note: c.note,
      version: c.version,
    });
  }
}

export class CheckListResponse {
  @ApiProperty({ type: [CheckResponse], description: 'In the fixed order of the checks' }) items: CheckResponse[];
}
