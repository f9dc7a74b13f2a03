import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { LearningItemsService } from '@capability/learning';
import { Idempotent, IfMatch, JoinedRepresentation, mapPage, type Actor, type Page } from '@capability/platform';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiPage, ApiProblems } from '../../common/api-responses.js';
import {
  CreateLearningItemDto,
  LearningItemResponse,
  ListLearningItemsQuery,
  UpdateLearningItemDto,
} from './learning-items.dto.js';

const MANAGE_DOC =
  'HR and admins manage every item; a head of profession the items whose skills all belong to roles (current ' +
  'framework version) of the families they lead, before and after the change (403 learning-item-not-manageable ' +
  'naming the others). Skills are checked against the current framework version (422 unknown-skill naming the ' +
  'slug; skill-level-too-high). An event (format event) needs startsAt, endsAt and location; other formats have ' +
  'none (422 event-fields-invalid).';

@ApiTags('learning')
@Controller('learning-items')
export class LearningItemsController {
  constructor(private readonly items: LearningItemsService) {}

  @Get()
  @RequirePermission(Permission.LearningItemRead)
  @ApiOperation({
    summary: 'Browse the learning catalogue, by title',
    description: 'Filters combine; skill with level: items taking a learner to at least that level of that skill.',
  })
  @ApiPage(LearningItemResponse)
  @ApiProblems(401)
  async list(@Query() query: ListLearningItemsQuery): Promise<Page<LearningItemResponse>> {
    const { provider, limit, cursor, ...filter } = query;
    return mapPage(await this.items.list({ ...filter, providerKind: provider }, { limit, cursor }), (i) =>
      LearningItemResponse.from(i),
    );
  }

  @Post()
  @RequirePermission(Permission.LearningItemManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Add a learning item (course, e-learning, event, certification, …)',
    description: MANAGE_DOC,
  })
  @ApiCreatedResponse({ type: LearningItemResponse })
  @ApiBodyProblems(401, 403, 409, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateLearningItemDto): Promise<LearningItemResponse> {
    return LearningItemResponse.from(await this.items.create(actor, body));
  }

  @Get(':id')
  @RequirePermission(Permission.LearningItemRead)
  @JoinedRepresentation()
  @ApiOperation({ summary: 'Read a learning item (the ETag header carries its version)' })
  @ApiOkResponse({ type: LearningItemResponse })
  @ApiProblems(414, 401, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<LearningItemResponse> {
    return LearningItemResponse.from(await this.items.find(id));
  }

  @Patch(':id')
  @RequirePermission(Permission.LearningItemManage)
  @ApiOperation({ summary: 'Change a learning item (skills, when given, replace them all)', description: MANAGE_DOC })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the item' })
  @ApiOkResponse({ type: LearningItemResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('learning item') version: number,
    @Body() body: UpdateLearningItemDto,
  ): Promise<LearningItemResponse> {
    return LearningItemResponse.from(await this.items.update(actor, id, version, body));
  }

  @Post(':id/retire')
  @RequirePermission(Permission.LearningItemManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Retire a learning item: it leaves the map but is never deleted (records of learning keep it)',
    description: MANAGE_DOC,
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the item' })
  @ApiOkResponse({ type: LearningItemResponse })
  @ApiProblems(414, 401, 403, 404, 412, 428)
  async retire(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('learning item') version: number,
  ): Promise<LearningItemResponse> {
    return LearningItemResponse.from(await this.items.setActive(actor, id, version, false));
  }

  @Post(':id/reactivate')
  @RequirePermission(Permission.LearningItemManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Bring a retired learning item back into the map', description: MANAGE_DOC })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the item' })
  @ApiOkResponse({ type: LearningItemResponse })
  @ApiProblems(414, 401, 403, 404, 412, 428)
  async reactivate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('learning item') version: number,
  ): Promise<LearningItemResponse> {
    return LearningItemResponse.from(await this.items.setActive(actor, id, version, true));
  }
}
