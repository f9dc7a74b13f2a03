import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import type { Actor } from '@capability/platform';
import { SubjectAccessService } from '@capability/recruitment';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-responses.js';
import { SubjectAccessExportResponse } from './privacy.dto.js';

@ApiTags('recruitment: privacy')
@Controller('candidates/:id/export')
export class SubjectAccessController {
  constructor(private readonly subjectAccess: SubjectAccessService) {}

  @Get()
  @RequirePermission(Permission.CandidateExport)
  @ApiOperation({
    summary:
      'Subject-access export: every row held about the candidate, in every table, diversity answers included (HR ' +
      'and admins; anyone else 404); audited',
  })
  @ApiOkResponse({ type: SubjectAccessExportResponse })
  @ApiProblems(414, 401, 404)
  async export(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SubjectAccessExportResponse> {
    return SubjectAccessExportResponse.from(await this.subjectAccess.export(actor, id));
  }
}
