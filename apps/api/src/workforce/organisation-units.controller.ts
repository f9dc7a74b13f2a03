import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, IfMatch, JoinedRepresentation, mapPage, type Actor, type Page } from '@capability/platform';
import { OrganisationUnitsService } from '@capability/workforce';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiPage, ApiProblems } from '../common/api-responses.js';
import {
  CreateOrganisationUnitDto,
  ListOrganisationUnitsQuery,
  OrganisationUnitDetailResponse,
  OrganisationUnitResponse,
  UpdateOrganisationUnitDto,
} from './organisation-units.dto.js';

@ApiTags('organisation')
@Controller('organisation-units')
export class OrganisationUnitsController {
  constructor(private readonly units: OrganisationUnitsService) {}

  @Get()
  @RequirePermission(Permission.OrganisationRead)
  @ApiOperation({ summary: 'List organisation units by name (all of them, or the children of ?parentId=)' })
  @ApiPage(OrganisationUnitResponse)
  @ApiProblems(401)
  async list(@Query() query: ListOrganisationUnitsQuery): Promise<Page<OrganisationUnitResponse>> {
    return mapPage(await this.units.list(query, query), (u) => OrganisationUnitResponse.from(u));
  }

  @Post()
  @RequirePermission(Permission.OrganisationManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a unit under an existing parent (a department has none)' })
  @ApiCreatedResponse({ type: OrganisationUnitResponse })
  @ApiBodyProblems(401, 403, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateOrganisationUnitDto,
  ): Promise<OrganisationUnitResponse> {
    return OrganisationUnitResponse.from(await this.units.create(actor, body));
  }

  @Get(':id')
  @RequirePermission(Permission.OrganisationRead)
  @JoinedRepresentation()
  @ApiOperation({ summary: 'Read a unit with its children and the staff in post across its subtree' })
  @ApiOkResponse({ type: OrganisationUnitDetailResponse })
  @ApiProblems(414, 401, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<OrganisationUnitDetailResponse> {
    return OrganisationUnitDetailResponse.fromDetail(await this.units.describe(id));
  }

  @Patch(':id')
  @RequirePermission(Permission.OrganisationManage)
  @ApiOperation({ summary: 'Rename, recode or move a unit (its whole subtree moves with it)' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the unit' })
  @ApiOkResponse({ type: OrganisationUnitResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('organisation unit') version: number,
    @Body() body: UpdateOrganisationUnitDto,
  ): Promise<OrganisationUnitResponse> {
    return OrganisationUnitResponse.from(await this.units.update(actor, id, version, body));
  }
}
