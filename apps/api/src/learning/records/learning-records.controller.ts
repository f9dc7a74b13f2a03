import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { LearningRecordsService } from '@capability/learning';
import { Idempotent, IfMatch, JoinedRepresentation, mapPage, type Actor, type Page } from '@capability/platform';
import { NoStaffRecord } from '@capability/reviews';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiBodyProblems, ApiPage, ApiProblems } from '../../common/api-responses.js';
import {
  CreateLearningRecordDto,
  LearningRecordQueueQuery,
  LearningRecordResponse,
  ListLearningRecordsQuery,
  RejectLearningRecordDto,
  UpdateLearningRecordDto,
} from './learning-records.dto.js';

@ApiTags('records of learning')
@Controller()
export class LearningRecordsController {
  constructor(private readonly records: LearningRecordsService) {}

  @Get('me/learning-records')
  @RequirePermission(Permission.LearningRecordRead)
  @ApiOperation({ summary: 'Your records of learning, newest completion first' })
  @ApiPage(LearningRecordResponse)
  @ApiProblems(401, 404)
  async mine(
    @CurrentActor() actor: Actor,
    @Query() query: ListLearningRecordsQuery,
  ): Promise<Page<LearningRecordResponse>> {
    return mapPage(await this.records.mine(actor, query, query), (r) => LearningRecordResponse.from(r));
  }

  @Post('me/learning-records')
  @RequirePermission(Permission.LearningRecordRecord)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'Record learning you completed: a catalogue item (an event: your attendance) or external learning, with ' +
      'evidence; submitted to your line manager. A completed inclusion package answers with a hint to reassess',
  })
  @ApiCreatedResponse({ type: LearningRecordResponse })
  @ApiBodyProblems(401, 404, 409, 422)
  async createMine(
    @CurrentActor() actor: Actor,
    @Body() body: CreateLearningRecordDto,
  ): Promise<LearningRecordResponse> {
    if (!actor.staffId) throw new NoStaffRecord();
    return LearningRecordResponse.from(await this.records.create(actor, actor.staffId, body));
  }

  @Get('staff/:staffId/learning-records')
  @RequirePermission(Permission.LearningRecordRead)
  @ApiOperation({
    summary: "A person's records of learning (yours, your reporting chain's, your families', or anyone's)",
  })
  @ApiPage(LearningRecordResponse)
  @ApiProblems(414, 401, 404)
  async forStaff(
    @CurrentActor() actor: Actor,
    @Param('staffId', ParseUUIDPipe) staffId: string,
    @Query() query: ListLearningRecordsQuery,
  ): Promise<Page<LearningRecordResponse>> {
    return mapPage(await this.records.forStaff(actor, staffId, query, query), (r) => LearningRecordResponse.from(r));
  }

  @Post('staff/:staffId/learning-records')
  @RequirePermission(Permission.LearningRecordRecord)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'Record learning a person completed: your own, or for someone in your reporting chain (HR anyone), e.g. ' +
      "a team's attendance at an event",
  })
  @ApiCreatedResponse({ type: LearningRecordResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Param('staffId', ParseUUIDPipe) staffId: string,
    @Body() body: CreateLearningRecordDto,
  ): Promise<LearningRecordResponse> {
    return LearningRecordResponse.from(await this.records.create(actor, staffId, body));
  }

  @Get('learning-records')
  @RequirePermission(Permission.LearningRecordRead)
  @ApiOperation({
    summary:
      "Other people's records you may read, oldest recorded first: with state=submitted, the records waiting " +
      'for you to verify (your reporting chain; HR everyone)',
  })
  @ApiPage(LearningRecordResponse)
  @ApiProblems(401)
  async queue(
    @CurrentActor() actor: Actor,
    @Query() query: LearningRecordQueueQuery,
  ): Promise<Page<LearningRecordResponse>> {
    return mapPage(await this.records.queue(actor, query, query), (r) => LearningRecordResponse.from(r));
  }

  @Get('learning-records/:id')
  @RequirePermission(Permission.LearningRecordRead)
  @JoinedRepresentation()
  @ApiOperation({ summary: 'A record of learning you may read (the ETag header carries its version)' })
  @ApiOkResponse({ type: LearningRecordResponse })
  @ApiProblems(414, 401, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<LearningRecordResponse> {
    return LearningRecordResponse.from(await this.records.get(actor, id));
  }

  @Patch('learning-records/:id')
  @RequirePermission(Permission.LearningRecordRecord)
  @ApiOperation({
    summary: 'Correct your record until it is verified (the owner only); a rejected record edited is resubmitted',
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the record' })
  @ApiOkResponse({ type: LearningRecordResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('learning record') version: number,
    @Body() body: UpdateLearningRecordDto,
  ): Promise<LearningRecordResponse> {
    return LearningRecordResponse.from(await this.records.update(actor, id, version, body));
  }

  @Delete('learning-records/:id')
  @RequirePermission(Permission.LearningRecordRecord)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete your record until it is verified (the owner only)' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the record' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(414, 401, 403, 404, 409, 412, 428)
  async delete(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('learning record') version: number,
  ): Promise<void> {
    await this.records.delete(actor, id, version);
  }

  @Post('learning-records/:id/resubmit')
  @RequirePermission(Permission.LearningRecordRecord)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send your rejected record back to your line manager as it is (the owner only)' })
  @ApiOkResponse({ type: LearningRecordResponse })
  @ApiProblems(414, 401, 403, 404, 409)
  async resubmit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<LearningRecordResponse> {
    return LearningRecordResponse.from(await this.records.resubmit(actor, id));
  }

  @Post('learning-records/:id/verify')
  @RequirePermission(Permission.LearningRecordVerify)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Verify a submitted record (someone above the person in the line-management chain, HR or an admin; never the person)',
  })
  @ApiOkResponse({ type: LearningRecordResponse })
  @ApiProblems(414, 401, 403, 404, 409)
  async verify(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<LearningRecordResponse> {
    return LearningRecordResponse.from(await this.records.verify(actor, id));
  }

  @Post('learning-records/:id/reject')
  @RequirePermission(Permission.LearningRecordVerify)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Reject a submitted record with a reason, for the person to correct and resubmit' })
  @ApiOkResponse({ type: LearningRecordResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409)
  async reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RejectLearningRecordDto,
  ): Promise<LearningRecordResponse> {
    return LearningRecordResponse.from(await this.records.reject(actor, id, body.reason));
  }
}
