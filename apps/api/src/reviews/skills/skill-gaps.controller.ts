import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import type { Actor } from '@capability/platform';
import { SkillGapsService } from '@capability/reviews';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-responses.js';
import { SkillGapsQuery, SkillGapsResponse } from './skill-gaps.dto.js';

@ApiTags('skills review')
@Controller()
export class SkillGapsController {
  constructor(private readonly gaps: SkillGapsService) {}

  @Get('me/gaps')
  @RequirePermission(Permission.GapsRead)
  @ApiOperation({
    summary:
      'Your skill gaps: your latest ratings against your role level, the next one (?against=next) or any role level',
  })
  @ApiOkResponse({ type: SkillGapsResponse })
  @ApiProblems(401, 404, 422)
  async mine(@CurrentActor() actor: Actor, @Query() query: SkillGapsQuery): Promise<SkillGapsResponse> {
    return SkillGapsResponse.from(await this.gaps.mine(actor, query.against?.toLowerCase()));
  }

  @Get('staff/:id/gaps')
  @RequirePermission(Permission.GapsRead)
  @ApiOperation({ summary: "A person's skill gaps (scoped as staff records are)" })
  @ApiOkResponse({ type: SkillGapsResponse })
  @ApiProblems(414, 401, 404, 422)
  async forStaff(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SkillGapsQuery,
  ): Promise<SkillGapsResponse> {
    return SkillGapsResponse.from(await this.gaps.forStaff(actor, id, query.against?.toLowerCase()));
  }
}
