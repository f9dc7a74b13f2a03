import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, type Actor } from '@capability/platform';
import { CandidateLinkService } from '@capability/recruitment';
import { Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-responses.js';
import { IssuedCandidateLinkResponse } from './candidate-link.dto.js';

@ApiTags('recruitment: candidates')
@Controller('candidates/:id/links')
export class CandidateLinksController {
  constructor(private readonly links: CandidateLinkService) {}

  @Post()
  @RequirePermission(Permission.CandidateManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'Issue the candidate a link (emailed through GOV.UK Notify, template key candidate-link) to their own page: ' +
      'consent, diversity monitoring, reasonable adjustments, Disability Confident; their earlier links stop working. ' +
      'The token is never returned',
  })
  @ApiCreatedResponse({ type: IssuedCandidateLinkResponse })
  @ApiProblems(414, 401, 403, 404, 409, 422)
  async issue(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<IssuedCandidateLinkResponse> {
    return IssuedCandidateLinkResponse.from(await this.links.issue(actor, id));
  }
}
