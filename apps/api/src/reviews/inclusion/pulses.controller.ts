import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, IfMatch, mapPage, type Actor, type Page } from '@capability/platform';
import { MIN_RESPONSES, PulseResultsService, PulsesService } from '@capability/reviews';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiNotModified, ApiPage, ApiProblems } from '../../common/api-responses.js';
import {
  CreatePulseDto,
  ListPulsesQuery,
  OpenPulseDto,
  PulseResponse,
  PulseResultsQuery,
  PulseResultsResponse,
  PulseTrendResponse,
  UpdatePulseDto,
} from './pulses.dto.js';

@ApiTags('pulses')
@Controller('pulses')
export class PulsesController {
  constructor(
    private readonly pulses: PulsesService,
    private readonly results: PulseResultsService,
  ) {}

  @Get()
  @RequirePermission(Permission.PulseManage)
  @ApiOperation({ summary: 'List digital awareness pulse surveys, newest first' })
  @ApiPage(PulseResponse)
  @ApiProblems(401, 403)
  async list(@Query() query: ListPulsesQuery): Promise<Page<PulseResponse>> {
    return mapPage(await this.pulses.list(query, query), (p) => PulseResponse.from(p));
  }

  @Post()
  @RequirePermission(Permission.PulseManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a pulse (a draft): statements rated 1..5, for a unit and its subtree' })
  @ApiCreatedResponse({ type: PulseResponse })
  @ApiBodyProblems(401, 403, 409, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreatePulseDto): Promise<PulseResponse> {
    return PulseResponse.from(await this.pulses.create(actor, body));
  }

  @Get('trend')
  @RequirePermission(Permission.PulseResultsRead)
  @ApiOperation({ summary: 'Each statement across the closed pulses that asked it (suppressed under 5 responses)' })
  @ApiOkResponse({ type: PulseTrendResponse })
  @ApiProblems(401, 403)
  async trend(): Promise<PulseTrendResponse> {
    return PulseTrendResponse.from(await this.results.trend());
  }

  @Get(':id')
  @RequirePermission(Permission.PulseManage)
  @ApiOperation({ summary: 'Read a pulse (the ETag header carries its version)' })
  @ApiOkResponse({ type: PulseResponse })
  @ApiNotModified()
  @ApiProblems(414, 401, 403, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<PulseResponse> {
    return PulseResponse.from(await this.pulses.get(id));
  }

  @Patch(':id')
  @RequirePermission(Permission.PulseManage)
  @ApiOperation({ summary: 'Change a draft pulse' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the pulse' })
  @ApiOkResponse({ type: PulseResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('pulse') version: number,
    @Body() body: UpdatePulseDto,
  ): Promise<PulseResponse> {
    return PulseResponse.from(await this.pulses.update(actor, id, version, body));
  }

  @Post(':id/open')
  @RequirePermission(Permission.PulseManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Open a draft today, until its closing date (inclusive)' })
  @ApiOkResponse({ type: PulseResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 422)
  async open(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OpenPulseDto,
  ): Promise<PulseResponse> {
    return PulseResponse.from(await this.pulses.open(actor, id, body.closesOn));
  }

  @Post(':id/close')
  @RequirePermission(Permission.PulseManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Close an open pulse: no more answers; results readable' })
  @ApiOkResponse({ type: PulseResponse })
  @ApiProblems(414, 401, 403, 404, 409)
  async close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PulseResponse> {
    return PulseResponse.from(await this.pulses.close(actor, id));
  }

  @Get(':id/results')
  @RequirePermission(Permission.PulseResultsRead)
  @ApiOperation({
    summary:
      'Results of a closed pulse per statement, overall (and per unit with by=unit); cells under 5 responses suppressed',
  })
  @ApiOkResponse({ type: PulseResultsResponse })
  @ApiProblems(414, 401, 403, 404, 409)
  async resultsOf(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PulseResultsQuery,
  ): Promise<PulseResultsResponse> {
    return PulseResultsResponse.from(await this.results.results(id, { byUnit: query.by === 'unit' }), MIN_RESPONSES);
  }
}
