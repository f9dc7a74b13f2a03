import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, IfMatch, JoinedRepresentation, mapPage, type Actor, type Page } from '@capability/platform';
import { StaffService } from '@capability/workforce';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiPage, ApiProblems } from '../common/api-responses.js';
import { CreateStaffDto, ListStaffQuery, StaffResponse, UpdateStaffDto } from './staff.dto.js';

@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @RequirePermission(Permission.StaffRead)
  @ApiOperation({
    summary: 'List the staff you may see (own record, reporting chain, your families, or everyone), by name',
  })
  @ApiPage(StaffResponse)
  @ApiProblems(401)
  async list(@CurrentActor() actor: Actor, @Query() query: ListStaffQuery): Promise<Page<StaffResponse>> {
    return mapPage(await this.staff.list(actor, query, query), (s) => StaffResponse.from(s));
  }

  @Post()
  @RequirePermission(Permission.StaffCreate)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a staff record' })
  @ApiCreatedResponse({ type: StaffResponse })
  @ApiBodyProblems(401, 403, 409, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateStaffDto): Promise<StaffResponse> {
    return StaffResponse.from(await this.staff.createStaff(actor, body));
  }

  @Get(':id')
  @RequirePermission(Permission.StaffRead)
  @JoinedRepresentation()
  @ApiOperation({ summary: 'Read a staff record you may see (the ETag header carries its version)' })
  @ApiOkResponse({ type: StaffResponse })
  @ApiProblems(414, 401, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StaffResponse> {
    return StaffResponse.from(await this.staff.findVisible(actor, id));
  }

  @Patch(':id')
  @RequirePermission(Permission.StaffUpdate)
  @ApiOperation({ summary: 'Change a staff record (staff: only their own name and work email)' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the record' })
  @ApiOkResponse({ type: StaffResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('staff record') version: number,
    @Body() body: UpdateStaffDto,
  ): Promise<StaffResponse> {
    return StaffResponse.from(await this.staff.update(actor, id, version, body));
  }
}
