import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, IfMatch, JoinedRepresentation, mapPage, type Actor, type Page } from '@capability/platform';
import { ReviewCyclesService } from '@capability/reviews';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiPage, ApiProblems } from '../../common/api-responses.js';
import { API_PREFIX } from '../../create-app.js';
import {
  CreateReviewCycleDto,
  LeftOutResponse,
  ListLeftOutQuery,
  ListReviewCyclesQuery,
  OpenedReviewCycleResponse,
  ReviewCycleDetailResponse,
  ReviewCycleResponse,
  UpdateReviewCycleDto,
} from './review-cycles.dto.js';

@ApiTags('skills review')
@Controller('review-cycles')
export class ReviewCyclesController {
  constructor(private readonly cycles: ReviewCyclesService) {}

  @Post()
  @RequirePermission(Permission.ReviewCycleManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a review cycle (a draft) for a unit and its subtree' })
  @ApiCreatedResponse({ type: ReviewCycleDetailResponse })
  @ApiBodyProblems(401, 403, 409, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateReviewCycleDto): Promise<ReviewCycleDetailResponse> {
    return ReviewCycleDetailResponse.fromDetail(await this.cycles.create(actor, body));
  }

  @Get()
  @RequirePermission(Permission.ReviewCycleRead)
  @ApiOperation({ summary: 'List review cycles, newest first' })
  @ApiPage(ReviewCycleResponse)
  @ApiProblems(401)
  async list(@CurrentActor() actor: Actor, @Query() query: ListReviewCyclesQuery): Promise<Page<ReviewCycleResponse>> {
    return mapPage(await this.cycles.list(actor, query, query), (c) => ReviewCycleResponse.from(c));
  }

  @Get(':id')
  @RequirePermission(Permission.ReviewCycleRead)
  @JoinedRepresentation()
  @ApiOperation({
    summary:
      'A review cycle with its completion figures (every review for HR and admins; the reviews you may read otherwise)',
  })
  @ApiOkResponse({ type: ReviewCycleDetailResponse })
  @ApiProblems(414, 401, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ReviewCycleDetailResponse> {
    return ReviewCycleDetailResponse.fromDetail(await this.cycles.get(actor, id));
  }

  @Patch(':id')
  @RequirePermission(Permission.ReviewCycleManage)
  @ApiOperation({ summary: 'Change a draft review cycle' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the cycle' })
  @ApiOkResponse({ type: ReviewCycleDetailResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('review cycle') version: number,
    @Body() body: UpdateReviewCycleDto,
  ): Promise<ReviewCycleDetailResponse> {
    return ReviewCycleDetailResponse.fromDetail(await this.cycles.update(actor, id, version, body));
  }

  @Post(':id/open')
  @RequirePermission(Permission.ReviewCycleManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Open a draft: pins the current framework version and creates a review for every in-scope person with a role level',
  })
  @ApiOkResponse({ type: OpenedReviewCycleResponse })
  @ApiProblems(414, 401, 403, 404, 409)
  async open(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OpenedReviewCycleResponse> {
    return OpenedReviewCycleResponse.fromOpened(await this.cycles.open(actor, id), `/${API_PREFIX}`);
  }

  @Post(':id/close')
  @RequirePermission(Permission.ReviewCycleManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Close an open cycle: its reviews are frozen' })
  @ApiOkResponse({ type: ReviewCycleDetailResponse })
  @ApiProblems(414, 401, 403, 404, 409)
  async close(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ReviewCycleDetailResponse> {
    return ReviewCycleDetailResponse.fromDetail(await this.cycles.close(actor, id));
  }

  @Get(':id/left-out')
  @RequirePermission(Permission.ReviewCycleManage)
  @ApiOperation({ summary: 'The in-scope staff the opening left out (no role level), by name' })
  @ApiPage(LeftOutResponse)
  @ApiProblems(414, 401, 403, 404)
  async leftOut(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListLeftOutQuery,
  ): Promise<Page<LeftOutResponse>> {
    return mapPage(await this.cycles.leftOut(actor, id, query), (r) => LeftOutResponse.from(r));
  }
}
