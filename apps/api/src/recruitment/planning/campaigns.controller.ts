import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, IfMatch, JoinedRepresentation, mapPage, type Actor, type Page } from '@capability/platform';
import { CampaignsService } from '@capability/recruitment';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiPage, ApiProblems } from '../../common/api-responses.js';
import { CampaignResponse, CreateCampaignDto, ListCampaignsQuery, UpdateCampaignDto } from './campaigns.dto.js';

@ApiTags('recruitment: campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @RequirePermission(Permission.CampaignRead)
  @ApiOperation({
    summary:
      'Campaigns you may read, newest first (HR and admins all; heads of profession those with a vacancy or gap ' +
      'role level in their families; panel members those with a vacancy they sit on)',
  })
  @ApiPage(CampaignResponse)
  @ApiProblems(401)
  async list(@CurrentActor() actor: Actor, @Query() query: ListCampaignsQuery): Promise<Page<CampaignResponse>> {
    return mapPage(await this.campaigns.list(actor, query, query), (c) => CampaignResponse.from(c));
  }

  @Post()
  @RequirePermission(Permission.CampaignManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'A draft campaign: graduate, apprenticeship, specialist or interim, its partners and the capability gap it ' +
      'addresses (role levels and skills of the current framework, as the gaps name them)',
  })
  @ApiCreatedResponse({ type: CampaignResponse })
  @ApiBodyProblems(401, 403, 409, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateCampaignDto): Promise<CampaignResponse> {
    return CampaignResponse.from(await this.campaigns.create(actor, body));
  }

  @Get(':id')
  @RequirePermission(Permission.CampaignRead)
  @JoinedRepresentation()
  @ApiOperation({ summary: 'A campaign (the ETag header carries its version)' })
  @ApiOkResponse({ type: CampaignResponse })
  @ApiProblems(414, 401, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignResponse> {
    return CampaignResponse.from(await this.campaigns.get(actor, id));
  }

  @Patch(':id')
  @RequirePermission(Permission.CampaignManage)
  @ApiOperation({
    summary:
      "Change a draft or open campaign (an open one keeps its kind; its vacancies' closing dates stay within its period)",
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the campaign' })
  @ApiOkResponse({ type: CampaignResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('campaign') version: number,
    @Body() body: UpdateCampaignDto,
  ): Promise<CampaignResponse> {
    return CampaignResponse.from(await this.campaigns.update(actor, id, version, body));
  }

  @Post(':id/open')
  @RequirePermission(Permission.CampaignManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Open a draft campaign (its vacancies may then open); not once its last day has passed' })
  @ApiOkResponse({ type: CampaignResponse })
  @ApiProblems(414, 401, 403, 404, 409, 422)
  async open(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignResponse> {
    return CampaignResponse.from(await this.campaigns.open(actor, id));
  }

  @Post(':id/close')
  @RequirePermission(Permission.CampaignManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Close an open campaign, once each of its vacancies is closed or withdrawn' })
  @ApiOkResponse({ type: CampaignResponse })
  @ApiProblems(414, 401, 403, 404, 409)
  async close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignResponse> {
    return CampaignResponse.from(await this.campaigns.close(actor, id));
  }
}
