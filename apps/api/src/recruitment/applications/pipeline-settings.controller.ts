import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { IfMatch, type Actor } from '@capability/platform';
import { ApplicationsService } from '@capability/recruitment';
import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiProblems } from '../../common/api-responses.js';
import { PipelineSettingsDto, PipelineSettingsResponse } from './applications.dto.js';

@ApiTags('recruitment: applications')
@Controller('vacancies')
export class PipelineSettingsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(':id/pipeline-settings')
  @RequirePermission(Permission.ApplicationRead)
  @ApiOperation({
    summary:
      "A vacancy's selection settings: its minimum sift score and whether it has an assessment stage (HR, admins, " +
      'its panel; the ETag header carries its version, 0 for the defaults)',
  })
  @ApiOkResponse({ type: PipelineSettingsResponse })
  @ApiProblems(414, 401, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PipelineSettingsResponse> {
    return PipelineSettingsResponse.from(await this.applications.settings(actor, id));
  }

  @Put(':id/pipeline-settings')
  @RequirePermission(Permission.ApplicationManage)
  @ApiOperation({
    summary:
      "Set a vacancy's minimum sift score and whether it has an assessment stage (not dropped while applications " +
      'are at it)',
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the settings ("0" at first)' })
  @ApiOkResponse({ type: PipelineSettingsResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async put(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('pipeline settings') version: number,
    @Body() body: PipelineSettingsDto,
  ): Promise<PipelineSettingsResponse> {
    return PipelineSettingsResponse.from(await this.applications.changeSettings(actor, id, version, body));
  }
}
