import { Permission, RequirePermission } from '@capability/auth';
import { LearningMapService } from '@capability/learning';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-responses.js';
import { LearningMapQuery, LearningMapResponse } from './learning-map.dto.js';

@ApiTags('learning')
@Controller('learning-map')
export class LearningMapController {
  constructor(private readonly map: LearningMapService) {}

  @Get()
  @RequirePermission(Permission.LearningMapRead)
  @ApiOperation({
    summary: 'The learning map of a role family or role: what meets each required skill, and the holes',
    description:
      'For each role level of the family or role (current framework version): each required skill (once, at its ' +
      'highest required level) with the active items taking a learner to at least that level, and the holes: ' +
      'required skills no active item meets. Give roleFamily, role or both (400 with neither; 404 for one the ' +
      'current version does not have).',
  })
  @ApiOkResponse({ type: LearningMapResponse })
  @ApiProblems(400, 401, 404)
  async get(@Query() query: LearningMapQuery): Promise<LearningMapResponse> {
    return LearningMapResponse.from(await this.map.forScope(query));
  }
}
