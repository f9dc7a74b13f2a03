import { Permission, RequirePermission } from '@capability/auth';
import { ContentETag } from '@capability/platform';
import { GradesService } from '@capability/workforce';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiNotModified, ApiProblems } from '../common/api-responses.js';
import { GradeListResponse } from './grades.dto.js';

@ApiTags('reference')
@Controller('reference/grades')
export class GradesController {
  constructor(private readonly grades: GradesService) {}

  @Get()
  @RequirePermission(Permission.ReferenceRead)
  @ContentETag()
  @ApiOperation({ summary: 'Civil Service grades, junior to senior (ETag; If-None-Match answers 304)' })
  @ApiOkResponse({ type: GradeListResponse })
  @ApiNotModified()
  @ApiProblems(401)
  async list(): Promise<GradeListResponse> {
    return GradeListResponse.from(await this.grades.list());
  }
}
