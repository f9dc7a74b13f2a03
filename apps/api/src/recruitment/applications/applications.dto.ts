import { PageQuery } from '@capability/platform';
import {
  BEHAVIOUR_SCORE,
  CANDIDATE_CHANNELS,
  MAX_REASON_LENGTH,
  PIPELINE_STAGES,
  RIGHT_TO_WORK,
  SCORED_STAGES,
  SUCCESS_PROFILE_BEHAVIOURS,
  TECHNICAL_SCORE,
  type ApplicationDetailView,
  type ApplicationView,
  type Behaviour,
  type CandidateChannel,
  type PipelineSettingsRow,
  type PipelineStage,
  type RightToWork,
  type ScoredStage,
} from '@capability/recruitment';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../common/optional.js';
import { SLUG } from '../../workforce/role-assignments.dto.js';
import { CandidatePartnerRef } from '../candidates/candidates.dto.js';

export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  candidateId: string;

  @ApiProperty({ format: 'uuid', description: 'An open vacancy' })
  @IsUUID()
  vacancyId: string;

  @ApiPropertyOptional({
    default: false,
    description: 'The applicant opted in to the Disability Confident scheme (an interview guaranteed at the minimum)',
  })
  @OptionalNotNull()
  @IsBoolean()
  disabilityConfident?: boolean;
}

export class ListApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  vacancyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  candidateId?: string;

  @ApiPropertyOptional({ enum: PIPELINE_STAGES })
  @IsOptional()
  @IsIn(PIPELINE_STAGES)
  stage?: PipelineStage;
}

export class TransitionDto {
  @ApiProperty({ enum: PIPELINE_STAGES, description: 'The stage to move to: one the pipeline allows from here' })
  @IsIn(PIPELINE_STAGES)
  to: PipelineStage;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_REASON_LENGTH,
    description: 'Why: required for a rejection (kept on the application), recorded for every move',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_REASON_LENGTH)
  reason?: string | null;
}

export class BehaviourScoreDto {
  @ApiProperty({ enum: SUCCESS_PROFILE_BEHAVIOURS })
  @IsIn(SUCCESS_PROFILE_BEHAVIOURS)
  behaviour: Behaviour;

  @ApiProperty({
    minimum: BEHAVIOUR_SCORE.min,
    maximum: BEHAVIOUR_SCORE.max,
    description: 'Success Profiles: 1 no evidence … 4 acceptable … 7 outstanding',
  })
  @IsInt()
  @Min(BEHAVIOUR_SCORE.min)
  @Max(BEHAVIOUR_SCORE.max)
  score: number;
}

export class TechnicalScoreDto {
  @ApiProperty({ example: 'data-engineering', description: "A skill the vacancy's role level requires" })
  @IsString()
  @MaxLength(120)
  @Matches(SLUG, { message: 'skill must be a skill slug such as "data-engineering"' })
  skill: string;

  @ApiProperty({
    minimum: TECHNICAL_SCORE.min,
    maximum: TECHNICAL_SCORE.max,
    description: '0 not yet at awareness … 4 expert, against the level the role level requires',
  })
  @IsInt()
  @Min(TECHNICAL_SCORE.min)
  @Max(TECHNICAL_SCORE.max)
  score: number;
}

export class ScoreStageDto {
  @ApiProperty({ type: [BehaviourScoreDto], maxItems: SUCCESS_PROFILE_BEHAVIOURS.length })
  @IsArray()
  @ArrayMaxSize(SUCCESS_PROFILE_BEHAVIOURS.length)
  @ValidateNested({ each: true })
  @Type(() => BehaviourScoreDto)
  behaviours: BehaviourScoreDto[];

  @ApiProperty({ type: [TechnicalScoreDto], maxItems: 60 })
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => TechnicalScoreDto)
  technicalSkills: TechnicalScoreDto[];
}

/** The path of a stage's scores (both parameters: the pipe sees the whole path). */
export class ScoredStageParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ enum: SCORED_STAGES })
  @IsIn(SCORED_STAGES)
  stage: ScoredStage;
}

export class PipelineSettingsDto {
  @ApiProperty({
    minimum: BEHAVIOUR_SCORE.min,
    maximum: BEHAVIOUR_SCORE.max,
    example: 4,
    description: "Compared with the sift's overall behaviour score (two decimals at most)",
  })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(BEHAVIOUR_SCORE.min)
  @Max(BEHAVIOUR_SCORE.max)
  minSiftScore: number;

  @ApiProperty({ description: 'An assessment stage between interview and offer' })
  @IsBoolean()
  hasAssessment: boolean;
}

export class PipelineSettingsResponse {
  @ApiProperty({ format: 'uuid' }) vacancyId: string;
  @ApiProperty({ example: 4 }) minSiftScore: number;
  @ApiProperty() hasAssessment: boolean;
  @ApiProperty({ description: 'The ETag (0 while the vacancy has the defaults); send it back in If-Match' })
  version: number;

  static from(s: PipelineSettingsRow): PipelineSettingsResponse {
    return Object.assign(new PipelineSettingsResponse(), s);
  }
}

export class ApplicationCandidateResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null in a name-blind view' })
  id: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null in a name-blind view' }) fullName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null in a name-blind view' }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The education institution; null in a name-blind view' })
  university: string | null;
  @ApiProperty({ type: String, nullable: true }) course: string | null;
  @ApiProperty({ type: Number, nullable: true }) graduationYear: number | null;
  @ApiProperty({ enum: RIGHT_TO_WORK }) rightToWork: RightToWork;
  @ApiProperty({ type: CandidatePartnerRef, nullable: true, description: 'Source; null in a name-blind view' })
  partner: CandidatePartnerRef | null;
  @ApiProperty({ enum: CANDIDATE_CHANNELS, nullable: true, description: 'Source; null in a name-blind view' })
  channel: CandidateChannel | null;
}

export class ApplicationCampaignRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
}

export class ApplicationVacancyRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: ApplicationCampaignRef }) campaign: ApplicationCampaignRef;
}

export class ApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: ApplicationVacancyRef }) vacancy: ApplicationVacancyRef;
  @ApiProperty({ type: ApplicationCandidateResponse }) candidate: ApplicationCandidateResponse;
  @ApiProperty({
    description:
      "Name-blind: a panel member's view during sift, without the candidate's name, contact details, education " +
      'institution or source',
  })
  blind: boolean;
  @ApiProperty({ enum: PIPELINE_STAGES }) stage: PipelineStage;
  @ApiProperty({ format: 'date-time' }) stageEnteredAt: string;
  @ApiProperty({ enum: PIPELINE_STAGES, isArray: true, description: 'The stages the pipeline allows from here' })
  allowedMoves: PipelineStage[];
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Opted in to the Disability Confident scheme; null for a panel member (HR applies the guarantee)',
  })
  disabilityConfident: boolean | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The staff record appointment created (set exactly when appointed)',
  })
  staffId: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The reserve-list entry this application was offered from',
  })
  sourceApplicationId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The reasonable adjustments the applicant asked for through their candidate link, for HR to arrange; null when ' +
      'none, and always for a panel member',
  })
  adjustments: string | null;
  @ApiProperty({ format: 'date-time' }) appliedAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'The ETag; send it back in If-Match to move it' }) version: number;

  static fields(v: ApplicationView) {
    const a = v.application;
    return {
      id: a.id,
      vacancy: { id: v.vacancy.id, title: v.vacancy.title, campaign: v.vacancy.campaign },
      candidate: v.candidate,
      blind: v.blind,
      stage: a.stage,
      stageEnteredAt: a.stageEnteredAt.toISOString(),
      allowedMoves: v.allowedMoves,
      rejectionReason: a.rejectionReason,
      disabilityConfident: v.disabilityConfident,
      staffId: a.staffId,
      sourceApplicationId: a.sourceApplicationId,
      adjustments: v.adjustments,
      appliedAt: a.appliedAt.toISOString(),
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      version: a.version,
    };
  }

  static from(v: ApplicationView): ApplicationResponse {
    return Object.assign(new ApplicationResponse(), ApplicationResponse.fields(v));
  }
}

export class UserRef {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
}

export class StageMoveResponse {
  @ApiProperty({ enum: PIPELINE_STAGES, nullable: true, description: 'Null for the application itself' })
  from: PipelineStage | null;
  @ApiProperty({ enum: PIPELINE_STAGES }) to: PipelineStage;
  @ApiProperty({ type: UserRef, nullable: true }) movedBy: UserRef | null;
  @ApiProperty({ format: 'date-time' }) movedAt: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
}

export class CriterionScoreResponse {
  @ApiProperty({ example: 'working-together', description: 'A behaviour, or a skill slug' }) criterion: string;
  @ApiProperty({ example: 5 }) score: number;
}

export class AssessorScoresResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [CriterionScoreResponse] }) behaviours: CriterionScoreResponse[];
  @ApiProperty({ type: [CriterionScoreResponse] }) technicalSkills: CriterionScoreResponse[];
}

export class CombinedCriterionResponse {
  @ApiProperty({ example: 'working-together' }) criterion: string;
  @ApiProperty({ example: 5.67, description: 'The mean of the assessors who scored it, two decimals' }) score: number;
  @ApiProperty({ example: 3 }) assessors: number;
}

export class CombinedTechnicalResponse extends CombinedCriterionResponse {
  @ApiProperty({ type: Number, nullable: true, description: "The level the vacancy's role level requires" })
  requiredLevel: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'The combined score is at least the required level' })
  meets: boolean | null;
}

export class CombinedScoreResponse {
  @ApiProperty({ type: [CombinedCriterionResponse] }) behaviours: CombinedCriterionResponse[];
  @ApiProperty({ type: [CombinedTechnicalResponse] }) technicalSkills: CombinedTechnicalResponse[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The mean of the combined behaviour scores, two decimals (the sift minimum is compared with it)',
  })
  overallBehaviourScore: number | null;
}

export class StageScoresResponse {
  @ApiProperty({ enum: SCORED_STAGES }) stage: ScoredStage;
  @ApiProperty({ type: [AssessorScoresResponse] }) assessors: AssessorScoresResponse[];
  @ApiProperty({ type: CombinedScoreResponse }) combined: CombinedScoreResponse;
}

export class ApplicationDetailResponse extends ApplicationResponse {
  @ApiProperty({ type: [StageMoveResponse], description: 'Every move, oldest first' }) moves: StageMoveResponse[];
  @ApiProperty({ type: [StageScoresResponse], description: 'Each scored stage: every assessor, and combined' })
  scores: StageScoresResponse[];

  static fromDetail(v: ApplicationDetailView): ApplicationDetailResponse {
    return Object.assign(new ApplicationDetailResponse(), {
      ...ApplicationResponse.fields(v),
      moves: v.moves.map((m) => ({
        from: m.fromStage,
        to: m.toStage,
        movedBy: m.movedBy,
        movedAt: m.movedAt.toISOString(),
        reason: m.reason,
      })),
      scores: v.scores,
    });
  }
}
