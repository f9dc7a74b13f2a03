import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, IfMatch, mapPage, type Actor, type Page } from '@capability/platform';
import { LocationsService } from '@capability/workforce';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiNotModified, ApiPage, ApiProblems } from '../common/api-responses.js';
import { CreateLocationDto, ListLocationsQuery, LocationResponse, UpdateLocationDto } from './locations.dto.js';

@ApiTags('locations')
@Controller('locations')
export class LocationsController {
  constructor(private readonly locations: LocationsService) {}

  @Get()
  @RequirePermission(Permission.OrganisationRead)
  @ApiOperation({ summary: 'List locations by name' })
  @ApiPage(LocationResponse)
  @ApiProblems(401)
  async list(@Query() query: ListLocationsQuery): Promise<Page<LocationResponse>> {
    return mapPage(await this.locations.list(query, query), (l) => LocationResponse.from(l));
  }

  @Post()
  @RequirePermission(Permission.OrganisationManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a location' })
  @ApiCreatedResponse({ type: LocationResponse })
  @ApiBodyProblems(401, 403, 409, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateLocationDto): Promise<LocationResponse> {
    return LocationResponse.from(await this.locations.create(actor, body));
  }

  @Get(':id')
  @RequirePermission(Permission.OrganisationRead)
  @ApiOperation({ summary: 'Read a location (the ETag header carries its version)' })
  @ApiOkResponse({ type: LocationResponse })
  @ApiNotModified()
  @ApiProblems(414, 401, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<LocationResponse> {
    return LocationResponse.from(await this.locations.get(id));
  }

  @Patch(':id')
  @RequirePermission(Permission.OrganisationManage)
  @ApiOperation({ summary: 'Change a location' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the location' })
  @ApiOkResponse({ type: LocationResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('location') version: number,
    @Body() body: UpdateLocationDto,
  ): Promise<LocationResponse> {
    return LocationResponse.from(await this.locations.update(actor, id, version, body));
  }
}
