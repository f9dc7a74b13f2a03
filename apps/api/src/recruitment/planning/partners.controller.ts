import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, IfMatch, mapPage, type Actor, type Page } from '@capability/platform';
import { PartnerPerformanceService, PartnersService } from '@capability/recruitment';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiNotModified, ApiPage, ApiProblems } from '../../common/api-responses.js';
import { PartnerPerformanceQuery, PartnerPerformanceResponse } from './partner-performance.dto.js';
import { CreatePartnerDto, ListPartnersQuery, PartnerResponse, UpdatePartnerDto } from './partners.dto.js';

@ApiTags('recruitment: partners')
@Controller('partners')
export class PartnersController {
  constructor(
    private readonly partners: PartnersService,
    private readonly performance: PartnerPerformanceService,
  ) {}

  @Get()
  @RequirePermission(Permission.PartnerRead)
  @ApiOperation({ summary: 'Universities, suppliers and agencies, by name (HR and admins)' })
  @ApiPage(PartnerResponse)
  @ApiProblems(401, 403)
  async list(@CurrentActor() actor: Actor, @Query() query: ListPartnersQuery): Promise<Page<PartnerResponse>> {
    return mapPage(await this.partners.list(actor, query, query), (p) => PartnerResponse.from(p));
  }

  @Post()
  @RequirePermission(Permission.PartnerManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'A partner: its country, contract dates, agreed service levels (measurable targets) and contacts',
  })
  @ApiCreatedResponse({ type: PartnerResponse })
  @ApiBodyProblems(401, 403, 409, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreatePartnerDto): Promise<PartnerResponse> {
    return PartnerResponse.from(await this.partners.create(actor, body));
  }

  @Get(':id')
  @RequirePermission(Permission.PartnerRead)
  @ApiOperation({ summary: 'A partner (the ETag header carries its version)' })
  @ApiOkResponse({ type: PartnerResponse })
  @ApiNotModified()
  @ApiProblems(414, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PartnerResponse> {
    return PartnerResponse.from(await this.partners.get(actor, id));
  }

  @Get(':id/performance')
  @RequirePermission(Permission.PartnerRead)
  @ApiOperation({
    summary:
      "A partner's agreed service levels measured month by month: met, missed or no data, and months missed in a row",
    description:
      'Calendar months (Europe/London), only those the contract runs in; default the last 12 up to and including the ' +
      'current month, at most 36. A month with nothing to measure is no data (met null): it neither breaks nor ' +
      'extends a run of missed months.',
  })
  @ApiOkResponse({ type: PartnerPerformanceResponse })
  @ApiProblems(414, 400, 401, 403, 404)
  async performanceOf(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PartnerPerformanceQuery,
  ): Promise<PartnerPerformanceResponse> {
    return PartnerPerformanceResponse.from(await this.performance.forPartner(actor, id, query));
  }

  @Patch(':id')
  @RequirePermission(Permission.PartnerManage)
  @ApiOperation({ summary: 'Change a partner; a list given (service levels, contacts) replaces its list' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the partner' })
  @ApiOkResponse({ type: PartnerResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('partner') version: number,
    @Body() body: UpdatePartnerDto,
  ): Promise<PartnerResponse> {
    return PartnerResponse.from(await this.partners.update(actor, id, version, body));
  }
}
