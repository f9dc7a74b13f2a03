import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, IfMatch, JoinedRepresentation, mapPage, type Actor, type Page } from '@capability/platform';
import { VacanciesService } from '@capability/recruitment';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiPage, ApiProblems } from '../../common/api-responses.js';
import {
  CreateVacancyDto,
  ListVacanciesQuery,
  UpdateVacancyDto,
  VacancyResponse,
  VacancySummaryResponse,
} from './vacancies.dto.js';

@ApiTags('recruitment: vacancies')
@Controller('vacancies')
export class VacanciesController {
  constructor(private readonly vacancies: VacanciesService) {}

  @Get()
  @RequirePermission(Permission.VacancyRead)
  @ApiOperation({
    summary:
      'Vacancies you may read, newest first (HR and admins all; heads of profession those of their families; ' +
      'panel members those they sit on)',
  })
  @ApiPage(VacancySummaryResponse)
  @ApiProblems(401)
  async list(@CurrentActor() actor: Actor, @Query() query: ListVacanciesQuery): Promise<Page<VacancySummaryResponse>> {
    return mapPage(await this.vacancies.list(actor, query, query), (v) => VacancySummaryResponse.from(v));
  }

  @Post()
  @RequirePermission(Permission.VacancyManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'A draft vacancy under a draft or open campaign: role level, grade, unit, locations, posts, salary range, ' +
      'closing date (within the campaign), pre-employment checks, reserve list and panel',
  })
  @ApiCreatedResponse({ type: VacancyResponse })
  @ApiBodyProblems(401, 403, 409, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateVacancyDto): Promise<VacancyResponse> {
    return VacancyResponse.fromDetail(await this.vacancies.create(actor, body));
  }

  @Get(':id')
  @RequirePermission(Permission.VacancyRead)
  @JoinedRepresentation()
  @ApiOperation({
    summary: 'A vacancy with the skills its role level requires (the ETag header carries its version)',
  })
  @ApiOkResponse({ type: VacancyResponse })
  @ApiProblems(414, 401, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<VacancyResponse> {
    return VacancyResponse.fromDetail(await this.vacancies.get(actor, id));
  }

  @Patch(':id')
  @RequirePermission(Permission.VacancyManage)
  @ApiOperation({
    summary:
      "Change a draft's terms (an open vacancy's title, closing date, posts, locations and reserve list only), or " +
      'its panel until it is withdrawn',
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the vacancy' })
  @ApiOkResponse({ type: VacancyResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('vacancy') version: number,
    @Body() body: UpdateVacancyDto,
  ): Promise<VacancyResponse> {
    return VacancyResponse.fromDetail(await this.vacancies.update(actor, id, version, body));
  }

  @Post(':id/open')
  @RequirePermission(Permission.VacancyManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Open (advertise) a draft vacancy: its campaign open, its closing date not passed, a panel chair named',
  })
  @ApiOkResponse({ type: VacancyResponse })
  @ApiProblems(414, 401, 403, 404, 409, 422)
  async open(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<VacancyResponse> {
    return VacancyResponse.fromDetail(await this.vacancies.open(actor, id));
  }

  @Post(':id/close')
  @RequirePermission(Permission.VacancyManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Close an open vacancy: applications stop (sift, interviews and offers go on)' })
  @ApiOkResponse({ type: VacancyResponse })
  @ApiProblems(414, 401, 403, 404, 409)
  async close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<VacancyResponse> {
    return VacancyResponse.fromDetail(await this.vacancies.close(actor, id));
  }

  @Post(':id/withdraw')
  @RequirePermission(Permission.VacancyManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Withdraw a draft or open vacancy: the advert is pulled and the vacancy is over' })
  @ApiOkResponse({ type: VacancyResponse })
  @ApiProblems(414, 401, 403, 404, 409)
  async withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<VacancyResponse> {
    return VacancyResponse.fromDetail(await this.vacancies.withdraw(actor, id));
  }
}
