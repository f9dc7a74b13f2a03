import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { IfMatch, type Actor } from '@capability/platform';
import { PreEmploymentChecksService } from '@capability/recruitment';
import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiProblems } from '../../common/api-responses.js';
import { CheckListResponse, CheckParam, CheckResponse, DecideCheckDto } from './offers.dto.js';

/** An application's pre-employment checks (HR and admins): created when its offer is accepted, decided one by one. */
@ApiTags('recruitment: offers')
@Controller('applications/:id/checks')
export class PreEmploymentChecksController {
  constructor(private readonly checks: PreEmploymentChecksService) {}

  @Get()
  @RequirePermission(Permission.ApplicationManage)
  @ApiOperation({ summary: "An application's pre-employment checks, pending, passed or failed (HR and admins)" })
  @ApiOkResponse({ type: CheckListResponse })
  @ApiProblems(414, 401, 403, 404)
  async list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CheckListResponse> {
    return { items: (await this.checks.list(actor, id)).map((c) => CheckResponse.from(c)) };
  }

  @Put(':check')
  @RequirePermission(Permission.ApplicationManage)
  @ApiOperation({
    summary: 'Mark a pre-employment check passed or failed (HR and admins)',
    description:
      'While the application is at the pre-employment checks (409 `application-not-at-checks`). A failed check lets ' +
      'HR reject the application with a reason (the transitions route); appointment waits for every one to pass.',
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the check' })
  @ApiOkResponse({ type: CheckResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 428)
  async decide(
    @CurrentActor() actor: Actor,
    @Param() { id, check }: CheckParam,
    @IfMatch('pre-employment check') version: number,
    @Body() body: DecideCheckDto,
  ): Promise<CheckResponse> {
    return CheckResponse.from(await this.checks.decide(actor, id, check, version, body));
  }
}
