import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, IfMatch, mapPage, type Actor, type Page } from '@capability/platform';
import { CandidatesService } from '@capability/recruitment';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiPage, ApiProblems } from '../../common/api-responses.js';
import { CandidateResponse, CreateCandidateDto, ListCandidatesQuery, UpdateCandidateDto } from './candidates.dto.js';

@ApiTags('recruitment: candidates')
@Controller('candidates')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Get()
  @RequirePermission(Permission.CandidateRead)
  @ApiOperation({
    summary: 'Candidates, newest first (HR and admins; anyone else an empty list); every candidate shown is audited',
  })
  @ApiPage(CandidateResponse)
  @ApiProblems(401)
  async list(@CurrentActor() actor: Actor, @Query() query: ListCandidatesQuery): Promise<Page<CandidateResponse>> {
    return mapPage(await this.candidates.list(actor, query, query), (c) => CandidateResponse.from(c));
  }

  @Post()
  @RequirePermission(Permission.CandidateManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'A candidate: name, contact details, source (a partner or a channel), education, right to work, retention ' +
      'consent; an email the service has (any case) is 409 naming that candidate',
  })
  @ApiCreatedResponse({ type: CandidateResponse })
  @ApiBodyProblems(401, 403, 409, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateCandidateDto): Promise<CandidateResponse> {
    return CandidateResponse.from(await this.candidates.create(actor, body));
  }

  @Get(':id')
  @RequirePermission(Permission.CandidateRead)
  @ApiOperation({ summary: 'A candidate (HR and admins; the read is audited; the ETag header carries its version)' })
  @ApiOkResponse({ type: CandidateResponse })
  @ApiProblems(414, 401, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CandidateResponse> {
    return CandidateResponse.from(await this.candidates.get(actor, id));
  }

  @Patch(':id')
  @RequirePermission(Permission.CandidateManage)
  @ApiOperation({ summary: 'Change a candidate (a partner given replaces a channel, and the other way round)' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the candidate' })
  @ApiOkResponse({ type: CandidateResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('candidate') version: number,
    @Body() body: UpdateCandidateDto,
  ): Promise<CandidateResponse> {
    return CandidateResponse.from(await this.candidates.update(actor, id, version, body));
  }
}
