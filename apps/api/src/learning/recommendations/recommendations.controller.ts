import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { RecommendationsService } from '@capability/learning';
import type { Actor } from '@capability/platform';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-responses.js';
import { RecommendationsQuery, RecommendationsResponse } from './recommendations.dto.js';

@ApiTags('learning')
@Controller()
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Get('me/recommendations')
  @RequirePermission(Permission.RecommendationRead)
  @ApiOperation({
    summary:
      'Learning for your skill gaps (against your role level, the next one or any role level), ranked; the inclusion packages first below inclusion level 7',
  })
  @ApiOkResponse({ type: RecommendationsResponse })
  @ApiProblems(401, 404, 422)
  async mine(@CurrentActor() actor: Actor, @Query() query: RecommendationsQuery): Promise<RecommendationsResponse> {
    return RecommendationsResponse.from(await this.recommendations.mine(actor, query.against?.toLowerCase()));
  }

  @Get('staff/:id/recommendations')
  @RequirePermission(Permission.RecommendationRead)
  @ApiOperation({ summary: "Learning for a person's skill gaps (scoped as their gaps are)" })
  @ApiOkResponse({ type: RecommendationsResponse })
  @ApiProblems(414, 401, 404, 422)
  async forStaff(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: RecommendationsQuery,
  ): Promise<RecommendationsResponse> {
    return RecommendationsResponse.from(await this.recommendations.forStaff(actor, id, query.against?.toLowerCase()));
  }
}
