import { Permission, RequirePermission } from '@capability/auth';
import { FrameworkService } from '@capability/framework';
import { ContentETag, mapPage, type Page } from '@capability/platform';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiNotModified, ApiPage, ApiProblems } from '../common/api-responses.js';
import {
  ListSkillsQuery,
  RoleFamiliesResponse,
  RoleResponse,
  SkillResponse,
  SkillSummaryResponse,
  VersionQuery,
} from './dto/framework.dto.js';
import { ParseIdOrSlugPipe } from './id-or-slug.pipe.js';

const ID_OR_SLUG = {
  name: 'id',
  description: 'A uuid, or a slug within the version (?versionId=, else the current one)',
};

/** The capability framework as people read it: families, roles and their levels, skills. */
@ApiTags('framework')
@Controller('framework')
export class FrameworkController {
  constructor(private readonly framework: FrameworkService) {}

  @Get('role-families')
  @RequirePermission(Permission.FrameworkRead)
  @ContentETag()
  @ApiOperation({ summary: 'Role families, each with its roles (current version unless ?versionId=)' })
  @ApiOkResponse({ type: RoleFamiliesResponse })
  @ApiNotModified()
  @ApiProblems(401, 404)
  async roleFamilies(@Query() query: VersionQuery): Promise<RoleFamiliesResponse> {
    return RoleFamiliesResponse.from(await this.framework.roleFamilies(query.versionId));
  }

  @Get('roles/:id')
  @RequirePermission(Permission.FrameworkRead)
  @ContentETag()
  @ApiOperation({
    summary: 'A role: its levels in order, each with the skills it requires, the level and what it means',
  })
  @ApiParam(ID_OR_SLUG)
  @ApiOkResponse({ type: RoleResponse })
  @ApiNotModified()
  @ApiProblems(414, 401, 404)
  async role(@Param('id', ParseIdOrSlugPipe) id: string, @Query() query: VersionQuery): Promise<RoleResponse> {
    return RoleResponse.from(await this.framework.role(id, query.versionId));
  }

  @Get('skills')
  @RequirePermission(Permission.FrameworkRead)
  @ContentETag()
  @ApiOperation({ summary: 'Skills by name: search with ?q=, filter by role family with ?family=' })
  @ApiPage(SkillSummaryResponse)
  @ApiNotModified()
  @ApiProblems(401, 404)
  async skills(@Query() query: ListSkillsQuery): Promise<Page<SkillSummaryResponse>> {
    return mapPage(await this.framework.skills(query, query), (s) => SkillSummaryResponse.from(s));
  }

  @Get('skills/:id')
  @RequirePermission(Permission.FrameworkRead)
  @ContentETag()
  @ApiOperation({ summary: 'A skill: its four level texts and the role levels that require it, at which level' })
  @ApiParam(ID_OR_SLUG)
  @ApiOkResponse({ type: SkillResponse })
  @ApiNotModified()
  @ApiProblems(414, 401, 404)
  async skill(@Param('id', ParseIdOrSlugPipe) id: string, @Query() query: VersionQuery): Promise<SkillResponse> {
    return SkillResponse.fromDetails(await this.framework.skill(id, query.versionId));
  }
}
