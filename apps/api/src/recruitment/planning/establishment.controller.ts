import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, IfMatch, JoinedRepresentation, mapPage, type Actor, type Page } from '@capability/platform';
import { EstablishmentService } from '@capability/recruitment';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiPage, ApiProblems } from '../../common/api-responses.js';
import {
  CreateEstablishmentPostDto,
  EstablishmentPostResponse,
  EstablishmentSummaryQuery,
  EstablishmentSummaryResponse,
  ListEstablishmentQuery,
  UpdateEstablishmentPostDto,
} from './establishment.dto.js';

@ApiTags('recruitment: establishment')
@Controller('establishment')
export class EstablishmentController {
  constructor(private readonly establishment: EstablishmentService) {}

  @Get()
  @RequirePermission(Permission.EstablishmentRead)
  @ApiOperation({
    summary:
      'Establishment rows (funded posts per unit, role level and grade, effective-dated), newest first ' +
      '(HR and admins all; heads of profession their families)',
  })
  @ApiPage(EstablishmentPostResponse)
  @ApiProblems(401, 403)
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListEstablishmentQuery,
  ): Promise<Page<EstablishmentPostResponse>> {
    return mapPage(await this.establishment.list(actor, query, query), (e) => EstablishmentPostResponse.from(e));
  }

  @Post()
  @RequirePermission(Permission.EstablishmentManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'Fund posts for a unit, role level and grade from a day (409 when another row already funds them then: end it first)',
  })
  @ApiCreatedResponse({ type: EstablishmentPostResponse })
  @ApiBodyProblems(401, 403, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateEstablishmentPostDto,
  ): Promise<EstablishmentPostResponse> {
    return EstablishmentPostResponse.from(await this.establishment.create(actor, body));
  }

  @Get('summary')
  @RequirePermission(Permission.EstablishmentRead)
  @ApiOperation({
    summary:
      'Per role level: posts funded today, people in post, interim and contractor staff in post, posts of open ' +
      'vacancies, offers accepted by people not yet in post, and the gap (funded − in post − offers awaiting a start)',
  })
  @ApiOkResponse({ type: EstablishmentSummaryResponse })
  @ApiProblems(401, 403, 422)
  async summary(
    @CurrentActor() actor: Actor,
    @Query() query: EstablishmentSummaryQuery,
  ): Promise<EstablishmentSummaryResponse> {
    return EstablishmentSummaryResponse.from(await this.establishment.summary(actor, query));
  }

  @Get(':id')
  @RequirePermission(Permission.EstablishmentRead)
  @JoinedRepresentation()
  @ApiOperation({ summary: 'An establishment row (the ETag header carries its version)' })
  @ApiOkResponse({ type: EstablishmentPostResponse })
  @ApiProblems(414, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<EstablishmentPostResponse> {
    return EstablishmentPostResponse.from(await this.establishment.get(actor, id));
  }

  @Patch(':id')
  @RequirePermission(Permission.EstablishmentManage)
  @ApiOperation({
    summary:
      "Correct a row's funded posts or change its period; end-date it (endsOn) to end the funding (rows are never deleted)",
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the row' })
  @ApiOkResponse({ type: EstablishmentPostResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('establishment row') version: number,
    @Body() body: UpdateEstablishmentPostDto,
  ): Promise<EstablishmentPostResponse> {
    return EstablishmentPostResponse.from(await this.establishment.update(actor, id, version, body));
  }
}
