import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, IfMatch, JoinedRepresentation, mapPage, type Actor, type Page } from '@capability/platform';
import {
  ApplicationScoresService,
  ApplicationsService,
  ApplicationTransitionsService,
  PIPELINE_MOVES,
} from '@capability/recruitment';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiPage, ApiProblems } from '../../common/api-responses.js';
import {
  ApplicationDetailResponse,
  ApplicationResponse,
  CreateApplicationDto,
  ListApplicationsQuery,
  ScoredStageParam,
  ScoreStageDto,
  TransitionDto,
} from './applications.dto.js';

const MOVES_DOC = PIPELINE_MOVES.map(
  (m) =>
    `- ${m.from} → ${m.to}${m.reasonRequired ? ' (with a reason)' : ''}` +
    `${m.when === 'vacancy-has-assessment' ? ' (when the vacancy has an assessment stage)' : ''}`,
).join('\n');

@ApiTags('recruitment: applications')
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly transitions: ApplicationTransitionsService,
    private readonly scores: ApplicationScoresService,
  ) {}

  @Get()
  @RequirePermission(Permission.ApplicationRead)
  @ApiOperation({
    summary:
      'Applications you may read, newest first (HR and admins all; panel members those to their vacancies, ' +
      'name-blind during sift); every one shown is audited',
  })
  @ApiPage(ApplicationResponse)
  @ApiProblems(401)
  async list(@CurrentActor() actor: Actor, @Query() query: ListApplicationsQuery): Promise<Page<ApplicationResponse>> {
    return mapPage(await this.applications.list(actor, query, query), (a) => ApplicationResponse.from(a));
  }

  @Post()
  @RequirePermission(Permission.ApplicationManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: "A candidate's application to an open vacancy, at applied (one per candidate and vacancy: 409 naming it)",
  })
  @ApiCreatedResponse({ type: ApplicationDetailResponse })
  @ApiBodyProblems(401, 403, 409, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateApplicationDto): Promise<ApplicationDetailResponse> {
    return ApplicationDetailResponse.fromDetail(await this.applications.create(actor, body));
  }

  @Get(':id')
  @RequirePermission(Permission.ApplicationRead)
  @JoinedRepresentation()
  @ApiOperation({
    summary:
      'An application with every move and each stage’s scores (each assessor’s and combined); the read is audited',
  })
  @ApiOkResponse({ type: ApplicationDetailResponse })
  @ApiProblems(414, 401, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationDetailResponse> {
    return ApplicationDetailResponse.fromDetail(await this.applications.get(actor, id));
  }

  @Post(':id/transitions')
  @RequirePermission(Permission.ApplicationManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Move an application to another stage of the pipeline (HR and admins)',
    description:
      `The allowed moves (anything else is 409 \`illegal-application-move\` naming the allowed ones):\n\n${MOVES_DOC}\n\n` +
      'A Disability Confident applicant who meets the minimum sift score cannot be rejected at sift (422 ' +
      '`disability-confident-interview-guaranteed`). Every move is recorded: from, to, who, when and why.',
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the application' })
  @ApiOkResponse({ type: ApplicationDetailResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async transition(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('application') version: number,
    @Body() body: TransitionDto,
  ): Promise<ApplicationDetailResponse> {
    return ApplicationDetailResponse.fromDetail(await this.transitions.transition(actor, id, version, body));
  }

  @Put(':id/scores/:stage')
  @RequirePermission(Permission.ApplicationScore)
  @ApiOperation({
    summary:
      'Your scores of an application at the stage it is at (sift, interview, assessment): Success Profiles ' +
      "behaviours 1..7 and the vacancy's technical skills 0..4; replaces your scores for that stage",
  })
  @ApiOkResponse({ type: ApplicationDetailResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 422)
  async score(
    @CurrentActor() actor: Actor,
    @Param() { id, stage }: ScoredStageParam,
    @Body() body: ScoreStageDto,
  ): Promise<ApplicationDetailResponse> {
    return ApplicationDetailResponse.fromDetail(await this.scores.score(actor, id, stage, body));
  }
}
