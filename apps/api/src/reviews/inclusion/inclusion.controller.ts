import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { INCLUSION_TARGET_LEVEL } from '@capability/framework';
import { ContentETag, Idempotent, type Actor } from '@capability/platform';
import { InclusionAssessmentsService } from '@capability/reviews';
import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiNotModified, ApiProblems } from '../../common/api-responses.js';
import {
  InclusionAssessmentResponse,
  InclusionSummaryResponse,
  QuestionnaireAnswersDto,
  QuestionnaireResponse,
} from './inclusion.dto.js';

@ApiTags('digital inclusion')
@Controller()
export class InclusionController {
  constructor(private readonly assessments: InclusionAssessmentsService) {}

  @Get('inclusion/questionnaire')
  @RequirePermission(Permission.InclusionQuestionnaireRead)
  @ContentETag()
  @ApiOperation({ summary: 'The digital inclusion questionnaire, and the table that derives a level from its answers' })
  @ApiOkResponse({ type: QuestionnaireResponse })
  @ApiNotModified()
  @ApiProblems(401)
  questionnaire(): QuestionnaireResponse {
    return QuestionnaireResponse.from(this.assessments.levels(), INCLUSION_TARGET_LEVEL);
  }

  @Get('me/inclusion')
  @RequirePermission(Permission.MeRead)
  @ApiOperation({
    summary: 'Your digital inclusion: current level, recent history, and whether you meet the target (7)',
  })
  @ApiOkResponse({ type: InclusionSummaryResponse })
  @ApiProblems(401, 404)
  async mine(@CurrentActor() actor: Actor): Promise<InclusionSummaryResponse> {
    return InclusionSummaryResponse.from(await this.assessments.mine(actor));
  }

  @Post('me/inclusion-assessments/questionnaire')
  @RequirePermission(Permission.InclusionAssessmentRecord)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Answer the questionnaire: records your assessment at the level the answers derive' })
  @ApiCreatedResponse({ type: InclusionAssessmentResponse })
  @ApiBodyProblems(401, 404, 409, 422)
  async answerQuestionnaire(
    @CurrentActor() actor: Actor,
    @Body() body: QuestionnaireAnswersDto,
  ): Promise<InclusionAssessmentResponse> {
    return InclusionAssessmentResponse.from(await this.assessments.recordQuestionnaire(actor, body));
  }
}
