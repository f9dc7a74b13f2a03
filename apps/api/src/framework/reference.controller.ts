import { Permission, RequirePermission } from '@capability/auth';
import { InclusionScaleService } from '@capability/framework';
import { ContentETag } from '@capability/platform';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiNotModified, ApiProblems } from '../common/api-responses.js';
import { InclusionLevelsResponse } from './dto/reference.dto.js';

@ApiTags('reference')
@Controller('reference')
export class ReferenceController {
  constructor(private readonly inclusionScale: InclusionScaleService) {}

  @Get('inclusion-levels')
  @RequirePermission(Permission.ReferenceRead)
  @ContentETag()
  @ApiOperation({ summary: "The 9-point digital inclusion scale, with the department's target (7)" })
  @ApiOkResponse({ type: InclusionLevelsResponse })
  @ApiNotModified()
  @ApiProblems(401)
  inclusionLevels(): InclusionLevelsResponse {
    return InclusionLevelsResponse.from(this.inclusionScale.levels());
  }
}
