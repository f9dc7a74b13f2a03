import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, mapPage, type Actor, type Page } from '@capability/platform';
import { RoleAssignmentsService } from '@capability/workforce';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiPage, ApiProblems } from '../common/api-responses.js';
import { CreateRoleAssignmentDto, ListRoleAssignmentsQuery, RoleAssignmentResponse } from './role-assignments.dto.js';

@ApiTags('staff')
@Controller('staff/:staffId/role-assignments')
export class RoleAssignmentsController {
  constructor(private readonly assignments: RoleAssignmentsService) {}

  @Post()
  @RequirePermission(Permission.RoleAssignmentCreate)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Give a person a role level; a primary one closes the open primary assignment' })
  @ApiCreatedResponse({ type: RoleAssignmentResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Param('staffId', ParseUUIDPipe) staffId: string,
    @Body() body: CreateRoleAssignmentDto,
  ): Promise<RoleAssignmentResponse> {
    return RoleAssignmentResponse.from(await this.assignments.assign(actor, staffId, body));
  }

  @Get()
  @RequirePermission(Permission.StaffRead)
  @ApiOperation({ summary: "A person's role history, newest first" })
  @ApiPage(RoleAssignmentResponse)
  @ApiProblems(414, 401, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('staffId', ParseUUIDPipe) staffId: string,
    @Query() query: ListRoleAssignmentsQuery,
  ): Promise<Page<RoleAssignmentResponse>> {
    return mapPage(await this.assignments.history(actor, staffId, query), (a) => RoleAssignmentResponse.from(a));
  }
}
