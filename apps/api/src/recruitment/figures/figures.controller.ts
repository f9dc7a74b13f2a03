import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { type Actor } from '@capability/platform';
import { RecruitmentFiguresService } from '@capability/recruitment';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-responses.js';
import { RecruitmentFiguresQuery, RecruitmentFiguresResponse } from './figures.dto.js';

@ApiTags('recruitment: figures')
@Controller('recruitment/figures')
export class RecruitmentFiguresController {
  constructor(private readonly figures: RecruitmentFiguresService) {}

  @Get()
  @RequirePermission(Permission.RecruitmentFiguresRead)
  @ApiOperation({
    summary:
      'Recruitment figures over the applications made in the period: funnel overall, per campaign and per vacancy ' +
      '(reached, conversion, rejected and withdrawn per stage), time to hire (days from application to offer ' +
      'accepted: median, p25, p75), time in each stage (completed stays), offer acceptance rate (accepted ÷ accepted, ' +
      'declined or expired), outcomes per partner and channel (applications → offers → appointments → still in post ' +
      '12 months on), campaigns below target, and interim and contractor posts converted to permanent hires. ' +
      'Aggregates only, never a candidate. HR and admins see every vacancy; heads of profession those whose role ' +
      'level is in a family they lead, with per-source counts of 1–4 suppressed',
  })
  @ApiOkResponse({ type: RecruitmentFiguresResponse })
  @ApiProblems(401, 403)
  async read(
    @CurrentActor() actor: Actor,
    @Query() query: RecruitmentFiguresQuery,
  ): Promise<RecruitmentFiguresResponse> {
    return RecruitmentFiguresResponse.from(await this.figures.read(actor, query));
  }
}
