import {
  DIVERSITY_CATEGORIES,
  MAX_ADJUSTMENTS_LENGTH,
  OFFER_STATES,
  PIPELINE_STAGES,
  type CandidateLinkViewRow,
  type DiversityAnswers,
  type IssuedCandidateLink,
  type Offer,
  type OfferState,
  type PipelineStage,
} from '@capability/recruitment';
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

/** A link HR issued: when it stops working. Never the token: that is in the candidate's email only. */
export class IssuedCandidateLinkResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty({ enum: ['candidate-link'] }) purpose: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ format: 'date-time', description: 'After this the link answers 401 (CANDIDATE_LINK_TTL_DAYS)' })
  expiresAt: string;

  static from(l: IssuedCandidateLink): IssuedCandidateLinkResponse {
    return Object.assign(new IssuedCandidateLinkResponse(), {
      id: l.id,
      candidateId: l.candidateId,
      purpose: l.purpose,
      issuedAt: l.issuedAt.toISOString(),
      expiresAt: l.expiresAt.toISOString(),
    });
  }
}

export class CandidateLinkApplication {
  @ApiProperty({ format: 'uuid', description: 'For the adjustments and Disability Confident routes' }) id: string;
  @ApiProperty({ example: 'Data Engineer' }) vacancyTitle: string;
  @ApiProperty({ enum: PIPELINE_STAGES }) stage: PipelineStage;
}

/** What a candidate sees through their link: their name and their applications, nothing else. */
export class CandidateLinkResponse {
  @ApiProperty({ example: 'Amara Okafor' }) fullName: string;
  @ApiProperty({ type: [CandidateLinkApplication] }) applications: CandidateLinkApplication[];

  static from(v: CandidateLinkViewRow): CandidateLinkResponse {
    return Object.assign(new CandidateLinkResponse(), {
      fullName: v.fullName,
      applications: v.applications.map((a) => ({
        id: a.id,
        vacancyTitle: a.vacancyTitle,
        stage: a.stage as PipelineStage,
      })),
    });
  }
}

export class CandidateConsentDto {
  @ApiProperty({
    description:
      'Keep my details after an unsuccessful application (otherwise they are anonymised some months after the ' +
      'vacancy closes)',
  })
  @IsBoolean()
  retentionConsent: boolean;
}

/** The diversity-monitoring questions: each answered from its fixed list, "prefer-not-to-say" included. */
export class DiversityAnswersDto implements DiversityAnswers {
  @ApiProperty({ enum: DIVERSITY_CATEGORIES.ageBand })
  @IsIn(DIVERSITY_CATEGORIES.ageBand)
  ageBand: DiversityAnswers['ageBand'];

  @ApiProperty({ enum: DIVERSITY_CATEGORIES.sex })
  @IsIn(DIVERSITY_CATEGORIES.sex)
  sex: DiversityAnswers['sex'];

  @ApiProperty({ enum: DIVERSITY_CATEGORIES.ethnicityGroup })
  @IsIn(DIVERSITY_CATEGORIES.ethnicityGroup)
  ethnicityGroup: DiversityAnswers['ethnicityGroup'];

  @ApiProperty({ enum: DIVERSITY_CATEGORIES.disability })
  @IsIn(DIVERSITY_CATEGORIES.disability)
  disability: DiversityAnswers['disability'];

  @ApiProperty({ enum: DIVERSITY_CATEGORIES.sexualOrientation })
  @IsIn(DIVERSITY_CATEGORIES.sexualOrientation)
  sexualOrientation: DiversityAnswers['sexualOrientation'];

  @ApiProperty({ enum: DIVERSITY_CATEGORIES.religion })
  @IsIn(DIVERSITY_CATEGORIES.religion)
  religion: DiversityAnswers['religion'];
}

export class AdjustmentsDto {
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: MAX_ADJUSTMENTS_LENGTH,
    example: 'Extra time in the technical exercise; a ground-floor room',
    description: 'What would help at interview or assessment; null withdraws the request',
  })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(MAX_ADJUSTMENTS_LENGTH)
  @Matches(/\S/, { message: 'needs must not be blank (send null to withdraw them)' })
  needs: string | null;
}

export class DisabilityConfidentDto {
  @ApiProperty({
    description:
      'Opt in to the Disability Confident scheme (an interview when the sift shows the minimum is met); before the ' +
      'sift is over',
  })
  @IsBoolean()
  optIn: boolean;
}

/**
 * One of the candidate's offers as they see it: the terms, the state and their answer. Nothing of who made it or
 * why one was withdrawn (those are HR's notes).
 */
export class CandidateLinkOfferResponse {
  @ApiProperty({ format: 'uuid', description: 'For the decision route' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({
    enum: OFFER_STATES,
    description: 'made (waiting for your answer), accepted, declined, withdrawn (by the department) or expired',
  })
  state: OfferState;
  @ApiProperty({ description: 'Salary, whole pounds a year', example: 42000 }) salary: number;
  @ApiProperty({ format: 'date', description: 'Your first day in post' }) startsOn: string;
  @ApiProperty({ format: 'date', description: 'The last day you may accept it' }) expiresOn: string;
  @ApiProperty({ type: String, nullable: true, description: 'Where you would work', example: 'Manchester hub' })
  location: string | null;
  @ApiProperty({ format: 'date-time' }) madeAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) respondedAt: string | null;

  static from(o: Offer): CandidateLinkOfferResponse {
    return Object.assign(new CandidateLinkOfferResponse(), {
      id: o.id,
      applicationId: o.applicationId,
      state: o.state,
      salary: o.salary,
      startsOn: o.startsOn,
      expiresOn: o.expiresOn,
      location: o.location?.name ?? null,
      madeAt: o.madeAt.toISOString(),
      respondedAt: o.respondedAt?.toISOString() ?? null,
    });
  }
}

/** The candidate's answer to an offer. */
export class CandidateOfferDecisionDto {
  @ApiProperty({ enum: ['accepted', 'declined'], description: 'Accept or decline the offer' })
  @IsIn(['accepted', 'declined'])
  decision: 'accepted' | 'declined';
}
