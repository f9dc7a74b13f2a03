import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { ActionPlansService } from '@capability/learning';
import { Idempotent, IfMatch, JoinedRepresentation, mapPage, type Actor, type Page } from '@capability/platform';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiPage, ApiProblems } from '../../common/api-responses.js';
import {
  ActionPlanProgressResponse,
  ActionPlanResponse,
  ActionPlanSummaryResponse,
  ActionResponse,
  CreateActionDto,
  CreateActionPlanDto,
  CreatePriorityDto,
  ListActionPlansQuery,
  PriorityResponse,
  UpdateActionDto,
  UpdateActionPlanDto,
} from './action-plans.dto.js';

@ApiTags('capability action plans')
@Controller('action-plans')
export class ActionPlansController {
  constructor(private readonly plans: ActionPlansService) {}

  @Get()
  @RequirePermission(Permission.ActionPlanRead)
  @ApiOperation({
    summary:
      'Action plans you may read, newest first (HR and admins all; heads of profession their families; owners theirs)',
  })
  @ApiPage(ActionPlanSummaryResponse)
  @ApiProblems(401)
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListActionPlansQuery,
  ): Promise<Page<ActionPlanSummaryResponse>> {
    return mapPage(await this.plans.list(actor, query, query), (p) => ActionPlanSummaryResponse.from(p));
  }

  @Post()
  @RequirePermission(Permission.ActionPlanManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'A draft action plan for an organisation unit (and its subtree) or a role family (HR, admins; a head of profession for a family they lead)',
  })
  @ApiCreatedResponse({ type: ActionPlanResponse })
  @ApiBodyProblems(401, 403, 409, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateActionPlanDto): Promise<ActionPlanResponse> {
    return ActionPlanResponse.fromDetail(await this.plans.create(actor, body));
  }

  @Get(':id')
  @RequirePermission(Permission.ActionPlanRead)
  @JoinedRepresentation()
  @ApiOperation({ summary: 'An action plan with its priorities and actions (the ETag header carries its version)' })
  @ApiOkResponse({ type: ActionPlanResponse })
  @ApiProblems(414, 401, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ActionPlanResponse> {
    return ActionPlanResponse.fromDetail(await this.plans.get(actor, id));
  }

  @Patch(':id')
  @RequirePermission(Permission.ActionPlanManage)
  @ApiOperation({ summary: "Change a plan's title, period or owner (not once closed; an active plan keeps its start)" })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the plan' })
  @ApiOkResponse({ type: ActionPlanResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('action plan') version: number,
    @Body() body: UpdateActionPlanDto,
  ): Promise<ActionPlanResponse> {
    return ActionPlanResponse.fromDetail(await this.plans.update(actor, id, version, body));
  }

  @Post(':id/activate')
  @RequirePermission(Permission.ActionPlanManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Activate a draft plan: each priority's baseline is the figure now" })
  @ApiOkResponse({ type: ActionPlanResponse })
  @ApiProblems(414, 401, 403, 404, 409)
  async activate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ActionPlanResponse> {
    return ActionPlanResponse.fromDetail(await this.plans.activate(actor, id));
  }

  @Post(':id/close')
  @RequirePermission(Permission.ActionPlanManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Close an active plan' })
  @ApiOkResponse({ type: ActionPlanResponse })
  @ApiProblems(414, 401, 403, 404, 409)
  async close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ActionPlanResponse> {
    return ActionPlanResponse.fromDetail(await this.plans.close(actor, id));
  }

  @Get(':id/progress')
  @RequirePermission(Permission.ActionPlanRead)
  @ApiOperation({
    summary:
      'Each priority measured from the data now, against its baseline and target, and whether it is on track ' +
      '(a straight line from the baseline at the start to the target at the due date); under 5 people suppressed',
  })
  @ApiOkResponse({ type: ActionPlanProgressResponse })
  @ApiProblems(414, 401, 404)
  async progress(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ActionPlanProgressResponse> {
    return ActionPlanProgressResponse.from(await this.plans.progress(actor, id));
  }

  @Post(':id/priorities')
  @RequirePermission(Permission.ActionPlanManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'Add a priority, e.g. straight from a gap: a skill (and role level) of the current framework with a target ' +
      '(on an active plan its baseline is the figure now)',
  })
  @ApiCreatedResponse({ type: PriorityResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 422)
  async addPriority(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreatePriorityDto,
  ): Promise<PriorityResponse> {
    return PriorityResponse.from(await this.plans.addPriority(actor, id, body));
  }

  @Post(':id/priorities/:priorityId/actions')
  @RequirePermission(Permission.ActionPlanManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'Add an action under a priority: learning (a catalogue item or event for named people, a group or everyone ' +
      'the plan covers), shadowing or mentoring pairs, a recruitment campaign or free text',
    description:
      "The people named, a group's members and mentees must be active members of staff the plan covers (its unit's " +
      'subtree or its role family); a mentor, any active member of staff. Otherwise 422 names the ids, and nothing is ' +
      'saved. A campaign is described in free text until recruitment exists.',
  })
  @ApiCreatedResponse({ type: ActionResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 422)
  async addAction(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('priorityId', ParseUUIDPipe) priorityId: string,
    @Body() body: CreateActionDto,
  ): Promise<ActionResponse> {
    return ActionResponse.from(await this.plans.addAction(actor, id, priorityId, body));
  }

  @Patch(':id/actions/:actionId')
  @RequirePermission(Permission.ActionPlanManage)
  @ApiOperation({
    summary:
      'Change an action: its description, owner, due date or status (open, done); the people, group or pairs ' +
      '(each replaces what was there)',
  })
  @ApiHeader({ name: 'If-Match', required: true, description: "The action's version, from reading the plan" })
  @ApiOkResponse({ type: ActionResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async updateAction(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @IfMatch('action') version: number,
    @Body() body: UpdateActionDto,
  ): Promise<ActionResponse> {
    return ActionResponse.from(await this.plans.updateAction(actor, id, actionId, version, body));
  }
}
