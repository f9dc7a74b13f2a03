import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { type Actor } from '@capability/platform';
import { PulseResponsesService } from '@capability/reviews';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiProblems } from '../../common/api-responses.js';
import { CreatePulseAnswerDto, MyPulseResponse, MyPulsesResponse, PulseReceiptResponse } from './pulses.dto.js';

@ApiTags('pulses')
@Controller()
export class PulseResponsesController {
  constructor(private readonly responses: PulseResponsesService) {}

  @Get('me/pulses')
  @RequirePermission(Permission.PulseRespond)
  @ApiOperation({ summary: 'The open pulses you are asked to answer, answered or not' })
  @ApiOkResponse({ type: MyPulsesResponse })
  @ApiProblems(401)
  async mine(@CurrentActor() actor: Actor): Promise<MyPulsesResponse> {
    return { items: (await this.responses.mine(actor)).map((p) => MyPulseResponse.from(p)) };
  }

  /**
   * No Idempotency-Key: the key store would keep, per user, a hash of the ratings, linking a person to an
   * answer. A retry is answered 409 pulse-already-answered.
   */
  @Post('pulses/:id/responses')
  @RequirePermission(Permission.PulseRespond)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'Answer an open pulse, anonymously: the answer keeps no person and only the day; once each ' +
      '(no Idempotency-Key: a retry gets 409)',
  })
  @ApiCreatedResponse({ type: PulseReceiptResponse })
  @ApiBodyProblems(414, 401, 404, 409, 422)
  async respond(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreatePulseAnswerDto,
  ): Promise<PulseReceiptResponse> {
    return PulseReceiptResponse.from(await this.responses.respond(actor, id, body.ratings));
  }
}
