import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { FRAMEWORK_SCHEMA, FrameworkVersionsService } from '@capability/framework';
import { ContentETag, Idempotent, mapPage, PageQuery, type Actor, type Page } from '@capability/platform';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
  type SchemaObject,
} from '@nestjs/swagger';

import {
  ApiBodyProblems,
  ApiNotModified,
  ApiPage,
  ApiProblems,
  ApiProblemWith,
  PathError,
} from '../common/api-responses.js';
import { DiffQuery, FrameworkDiffResponse, FrameworkVersionResponse } from './dto/framework-version.dto.js';

@ApiTags('framework')
@Controller('framework/versions')
export class FrameworkVersionsController {
  constructor(private readonly versions: FrameworkVersionsService) {}

  @Get()
  @RequirePermission(Permission.FrameworkRead)
  @ContentETag()
  @ApiOperation({ summary: 'List framework versions, newest first, with their counts' })
  @ApiPage(FrameworkVersionResponse)
  @ApiNotModified()
  @ApiProblems(401, 403)
  async list(@Query() query: PageQuery): Promise<Page<FrameworkVersionResponse>> {
    return mapPage(await this.versions.list(query), (v) => FrameworkVersionResponse.fromSummary(v));
  }

  @Post()
  @RequirePermission(Permission.FrameworkManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Store a new framework version (not current until made current)',
    description:
      'Takes a framework in the shape of the shipped data file (`meta` optional; `name` and `source` name the ' +
      'version). It is validated completely before anything is stored: 422 framework-invalid lists every problem ' +
      '(up to 1,000) as `errors: [{ path, message }]`, with paths such as ' +
      '`role_families[2].roles[4].levels[1].skills[3].skill_id`. Content that is already stored (same content ' +
      'hash, whatever its name or meta) is refused with 409 framework-version-exists naming the existing version.',
  })
  @ApiBody({ schema: FRAMEWORK_SCHEMA as SchemaObject })
  @ApiCreatedResponse({ type: FrameworkVersionResponse })
  @ApiExtraModels(PathError)
  @ApiProblemWith(422, 'The framework is not valid; nothing was stored', {
    errors: { type: 'array', items: { $ref: getSchemaPath(PathError) } },
  })
  @ApiBodyProblems(401, 403, 409)
  async create(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<FrameworkVersionResponse> {
    return FrameworkVersionResponse.fromSummary(await this.versions.create(actor, body));
  }

  @Get(':id')
  @RequirePermission(Permission.FrameworkRead)
  @ContentETag()
  @ApiOperation({ summary: 'Read a framework version, with its counts' })
  @ApiOkResponse({ type: FrameworkVersionResponse })
  @ApiNotModified()
  @ApiProblems(414, 401, 403, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<FrameworkVersionResponse> {
    return FrameworkVersionResponse.fromSummary(await this.versions.get(id));
  }

  @Post(':id/make-current')
  @RequirePermission(Permission.FrameworkManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Make a version the current one (the previous current version stops being current)',
    description: 'Already current: answered as is, nothing changes.',
  })
  @ApiOkResponse({ type: FrameworkVersionResponse })
  @ApiProblems(414, 401, 403, 404)
  async makeCurrent(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<FrameworkVersionResponse> {
    return FrameworkVersionResponse.fromSummary(await this.versions.makeCurrent(actor, id));
  }

  @Get(':id/diff')
  @RequirePermission(Permission.FrameworkRead)
  @ContentETag()
  @ApiOperation({
    summary: 'What changes from version ?against= to this version',
    description:
      'Roles, role levels, skills (and families, skill levels) added, removed and changed, matched by slug, with ' +
      'the fields that changed; requirements added, removed, or required at another level; SCS role skills.',
  })
  @ApiOkResponse({ type: FrameworkDiffResponse })
  @ApiNotModified()
  @ApiProblems(414, 401, 403, 404)
  async diff(@Param('id', ParseUUIDPipe) id: string, @Query() query: DiffQuery): Promise<FrameworkDiffResponse> {
    return FrameworkDiffResponse.from(await this.versions.diff(id, query.against));
  }
}
