import type { InclusionLevel } from '@capability/framework';
import { PageQuery } from '@capability/platform';
import {
  ASSESSMENT_METHODS,
  DERIVATION_TABLE,
  ONLINE_ANSWERS,
  QUESTIONNAIRE,
  type AssessmentMethod,
  type InclusionAssessmentView,
  type InclusionSummary,
  type OnlineAnswer,
  type QuestionnaireAnswers,
} from '@capability/reviews';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { ISO_DATE } from '../../workforce/role-assignments.dto.js';

export class CreateInclusionAssessmentDto {
  @ApiProperty({ minimum: 1, maximum: 9, example: 7, description: 'A level of the digital inclusion scale' })
  @IsInt()
  @Min(1)
  @Max(9)
  level: number;

  @ApiPropertyOptional({
    enum: ASSESSMENT_METHODS,
    description:
      'self (the person), assisted (someone supporting them); default by who records it. ' +
      'questionnaire assessments come from POST /me/inclusion-assessments/questionnaire',
  })
  @IsOptional()
  @IsIn(ASSESSMENT_METHODS)
  method?: AssessmentMethod;

  @ApiPropertyOptional({ format: 'date', example: '2026-04-01', description: 'Default today; not in the future' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'assessedOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  assessedOn?: string;
}

export class ListInclusionAssessmentsQuery extends PageQuery {}

/** Answers to the questionnaire (GET /inclusion/questionnaire lists the questions). */
export class QuestionnaireAnswersDto implements QuestionnaireAnswers {
  @ApiProperty({ enum: ONLINE_ANSWERS, description: 'Do you use the internet now, at work or at home?' })
  @IsIn(ONLINE_ANSWERS)
  online: OnlineAnswer;

  @ApiProperty({ description: 'Would you like to be able to do more online than you do now?' })
  @IsBoolean()
  wantsToDoMore: boolean;

  @ApiProperty({ description: 'Can you send and reply to an email on your own?' })
  @IsBoolean()
  email: boolean;

  @ApiProperty({ description: 'Can you find information you need with a search engine or the intranet?' })
  @IsBoolean()
  search: boolean;

  @ApiProperty({ description: 'Can you fill in and submit an online form?' })
  @IsBoolean()
  onlineForms: boolean;

  @ApiProperty({ description: 'Can you join a video call and share your screen?' })
  @IsBoolean()
  videoCalls: boolean;

  @ApiProperty({ description: 'Can you keep yourself safe online?' })
  @IsBoolean()
  staySafe: boolean;

  @ApiProperty({ description: 'Can you work out a new app or tool, or fix a problem with one, on your own?' })
  @IsBoolean()
  solvesProblems: boolean;

  @ApiProperty({ description: 'Is building, running or supporting digital services or data a main part of your work?' })
  @IsBoolean()
  digitalIsMainWork: boolean;
}

export class InclusionAssessmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty({ minimum: 1, maximum: 9, example: 7 }) level: number;
  @ApiProperty({ example: 'Basic digital skills' }) levelName: string;
  @ApiProperty({ enum: ASSESSMENT_METHODS }) method: AssessmentMethod;
  @ApiProperty({ format: 'date' }) assessedOn: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The user who recorded it' })
  recordedByUserId: string | null;
  @ApiProperty({ type: QuestionnaireAnswersDto, nullable: true, description: 'For a questionnaire assessment' })
  answers: QuestionnaireAnswersDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(a: InclusionAssessmentView): InclusionAssessmentResponse {
    return Object.assign(new InclusionAssessmentResponse(), {
      id: a.id,
      staffId: a.staffId,
      level: a.level,
      levelName: a.levelName,
      method: a.method,
      assessedOn: a.assessedOn,
      recordedByUserId: a.recordedByUserId,
      answers: a.answers,
      createdAt: a.createdAt.toISOString(),
    });
  }
}

export class InclusionHistoryPage {
  @ApiProperty({ type: [InclusionAssessmentResponse] }) items: InclusionAssessmentResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'GET /staff/{staffId}/inclusion-assessments?cursor=' })
  nextCursor: string | null;
}

export class InclusionSummaryResponse {
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty({ type: InclusionAssessmentResponse, nullable: true, description: 'The latest assessment' })
  current: InclusionAssessmentResponse | null;
  @ApiProperty({ example: 7, description: "The department's target: every member of staff at 7 or above" })
  targetLevel: number;
  @ApiProperty({ description: 'The current level is at or above the target' }) targetMet: boolean;
  @ApiProperty({ type: InclusionHistoryPage, description: 'The newest assessments' }) history: InclusionHistoryPage;

  static from(s: InclusionSummary): InclusionSummaryResponse {
    return Object.assign(new InclusionSummaryResponse(), {
      staffId: s.staffId,
      current: s.current ? InclusionAssessmentResponse.from(s.current) : null,
      targetLevel: s.targetLevel,
      targetMet: s.targetMet,
      history: {
        items: s.history.items.map((a) => InclusionAssessmentResponse.from(a)),
        nextCursor: s.history.nextCursor,
      },
    });
  }
}

export class QuestionOption {
  @ApiProperty({ example: 'yes' }) value: string;
  @ApiProperty({ example: 'Yes' }) label: string;
}

export class QuestionResponse {
  @ApiProperty({ example: 'email', description: 'The field of the answers body' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['boolean', 'choice'] }) kind: 'boolean' | 'choice';
  @ApiPropertyOptional({ type: [QuestionOption], description: 'For a choice question' }) options?: QuestionOption[];
}

export class DerivationRow {
  @ApiProperty({ minimum: 1, maximum: 9 }) level: number;
  @ApiProperty({ example: 'Basic digital skills' }) name: string;
  @ApiProperty({ description: 'When the answers give this level' }) rule: string;
}

export class QuestionnaireResponse {
  @ApiProperty({ type: [QuestionResponse] }) questions: QuestionResponse[];
  @ApiProperty({ type: [DerivationRow], description: 'How the answers derive a level: exactly one row matches' })
  derivation: DerivationRow[];
  @ApiProperty({ example: 7 }) targetLevel: number;

  static from(levels: InclusionLevel[], targetLevel: number): QuestionnaireResponse {
    return Object.assign(new QuestionnaireResponse(), {
      questions: QUESTIONNAIRE.map((q) => ({
        id: q.id,
        text: q.text,
        kind: q.kind,
        ...(q.options ? { options: q.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
      })),
      derivation: DERIVATION_TABLE.map((row) => ({
        level: row.level,
        name: levels[row.level - 1]?.name ?? String(row.level),
        rule: row.rule,
      })),
      targetLevel,
    });
  }
}
