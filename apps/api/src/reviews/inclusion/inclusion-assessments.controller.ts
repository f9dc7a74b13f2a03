import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, mapPage, type Actor, type Page } from '@capability/platform';
import { InclusionAssessmentsService } from '@capability/reviews';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiPage, ApiProblems } from '../../common/api-responses.js';
import {
  CreateInclusionAssessmentDto,
  InclusionAssessmentResponse,
  ListInclusionAssessmentsQuery,
} from './inclusion.dto.js';

@ApiTags('digital inclusion')
@Controller('staff/:staffId/inclusion-assessments')
export class InclusionAssessmentsController {
  constructor(private readonly assessments: InclusionAssessmentsService) {}

  @Post()
  @RequirePermission(Permission.InclusionAssessmentRecord)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'Record a digital inclusion assessment (level 1..9): your own, or, assisted, for someone you support ' +
      '(your line-management chain; HR anyone)',
  })
  @ApiCreatedResponse({ type: InclusionAssessmentResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Param('staffId', ParseUUIDPipe) staffId: string,
    @Body() body: CreateInclusionAssessmentDto,
  ): Promise<InclusionAssessmentResponse> {
    return InclusionAssessmentResponse.from(await this.assessments.record(actor, staffId, body));
  }

  @Get()
  @RequirePermission(Permission.InclusionAssessmentRead)
  @ApiOperation({ summary: "A person's digital inclusion assessments, newest (the current one) first" })
  @ApiPage(InclusionAssessmentResponse)
  @ApiProblems(414, 401, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('staffId', ParseUUIDPipe) staffId: string,
    @Query() query: ListInclusionAssessmentsQuery,
  ): Promise<Page<InclusionAssessmentResponse>> {
    return mapPage(await this.assessments.history(actor, staffId, query), (a) => InclusionAssessmentResponse.from(a));
  }
}
