import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import type { Actor } from '@capability/platform';
import { DiversityService } from '@capability/recruitment';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-responses.js';
import { DiversityQuery, DiversityReportResponse } from './privacy.dto.js';

@ApiTags('recruitment: privacy')
@Controller('recruitment/diversity')
export class DiversityController {
  constructor(private readonly diversity: DiversityService) {}

  @Get()
  @RequirePermission(Permission.DiversityRead)
  @ApiOperation({
    summary:
      'Diversity monitoring in aggregate (HR and admins): people per answer of each category, among those with an ' +
      'application matching the filter; cells under 5 hidden, and the next smallest too where the total would give ' +
      'one away. The read is audited',
  })
  @ApiOkResponse({ type: DiversityReportResponse })
  @ApiProblems(401, 403)
  async report(@CurrentActor() actor: Actor, @Query() query: DiversityQuery): Promise<DiversityReportResponse> {
    return DiversityReportResponse.from(await this.diversity.report(actor, query));
  }
}
