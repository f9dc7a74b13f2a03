import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { LearningEvidenceService } from '@capability/learning';
import { IfMatch, JoinedRepresentation, mapPage, type Actor, type Page } from '@capability/platform';
import { SkillReviewsService, type ReviewDetail } from '@capability/reviews';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiPage, ApiProblems } from '../../common/api-responses.js';
import {
  ListSkillReviewsQuery,
  ReturnReviewDto,
  SelfAssessmentDto,
  SkillReviewListItemResponse,
  SkillReviewResponse,
  ValidationDto,
} from './skill-reviews.dto.js';

@ApiTags('skills review')
@Controller()
export class SkillReviewsController {
  constructor(
    private readonly reviews: SkillReviewsService,
    private readonly evidence: LearningEvidenceService,
  ) {}

  /** The review with the reviewee's learning evidence beside each skill (composed here: reviews knows no learning). */
  private async respond(detail: ReviewDetail): Promise<SkillReviewResponse> {
    const slugs = detail.ratings.map((r) => r.skillSlug);
    return SkillReviewResponse.from(detail, await this.evidence.forReview(detail.review.staffId, slugs));
  }

  @Get('me/skills-review')
  @RequirePermission(Permission.SkillReviewRead)
  @JoinedRepresentation()
  @ApiOperation({ summary: 'Your review in the open cycle: each required skill, its levels, your ratings so far' })
  @ApiOkResponse({ type: SkillReviewResponse })
  @ApiProblems(401, 404)
  async mine(@CurrentActor() actor: Actor): Promise<SkillReviewResponse> {
    return this.respond(await this.reviews.mine(actor));
  }

  @Get('skill-reviews')
  @RequirePermission(Permission.SkillReviewRead)
  @ApiOperation({
    summary: 'Reviews you may read (your reporting chain, the families you lead, or all), by reviewee name',
  })
  @ApiPage(SkillReviewListItemResponse)
  @ApiProblems(401)
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListSkillReviewsQuery,
  ): Promise<Page<SkillReviewListItemResponse>> {
    return mapPage(await this.reviews.list(actor, query, query), (r) => SkillReviewListItemResponse.from(r));
  }

  @Get('skill-reviews/:id')
  @RequirePermission(Permission.SkillReviewRead)
  @JoinedRepresentation()
  @ApiOperation({ summary: 'A review you may read (the ETag header carries its version)' })
  @ApiOkResponse({ type: SkillReviewResponse })
  @ApiProblems(414, 401, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SkillReviewResponse> {
    return this.respond(await this.reviews.get(actor, id));
  }

  @Put('skill-reviews/:id/self-assessment')
  @RequirePermission(Permission.SkillReviewSelfAssess)
  @ApiOperation({
    summary: 'Rate yourself 0..4 on every required skill (the reviewee only; editable until validated)',
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the review' })
  @ApiOkResponse({ type: SkillReviewResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async selfAssess(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('skill review') version: number,
    @Body() body: SelfAssessmentDto,
  ): Promise<SkillReviewResponse> {
    return this.respond(await this.reviews.selfAssess(actor, id, version, body));
  }

  @Post('skill-reviews/:id/submit')
  @RequirePermission(Permission.SkillReviewSelfAssess)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Hand your self-assessment to your line manager (self-assessed)' })
  @ApiOkResponse({ type: SkillReviewResponse })
  @ApiProblems(414, 401, 403, 404, 409, 422)
  async submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SkillReviewResponse> {
    return this.respond(await this.reviews.submit(actor, id));
  }

  @Put('skill-reviews/:id/validation')
  @RequirePermission(Permission.SkillReviewValidate)
  @ApiOperation({
    summary:
      "Agree a level per skill (the reviewee's line manager, or an admin; never the reviewee): validated. Self and agreed 2+ apart are flagged for calibration",
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the review' })
  @ApiOkResponse({ type: SkillReviewResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async validate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('skill review') version: number,
    @Body() body: ValidationDto,
  ): Promise<SkillReviewResponse> {
    return this.respond(await this.reviews.validate(actor, id, version, body));
  }

  @Post('skill-reviews/:id/return')
  @RequirePermission(Permission.SkillReviewValidate)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send a submitted review back to the reviewee, with a reason (line manager or admin)' })
  @ApiOkResponse({ type: SkillReviewResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409)
  async returnToReviewee(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReturnReviewDto,
  ): Promise<SkillReviewResponse> {
    return this.respond(await this.reviews.returnToReviewee(actor, id, body.reason));
  }
}
