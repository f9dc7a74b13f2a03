import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import {
  RECRUITMENT_INSIGHTS_CSV_COLUMNS,
  RecruitmentInsightsService,
  recruitmentInsightsCsv,
} from '@capability/insights';
import { type Actor } from '@capability/platform';
import { Controller, Get, Header, Headers, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { ApiProblems } from '../../common/api-responses.js';
import { wantsCsv } from '../people/workforce.controller.js';
import { RecruitmentInsightsQueryDto, RecruitmentInsightsResponse } from './recruitment-insights.dto.js';

@ApiTags('insights: recruitment')
@Controller('insights/recruitment')
export class RecruitmentInsightsController {
  constructor(private readonly recruitment: RecruitmentInsightsService) {}

  @Get()
  @RequirePermission(Permission.RecruitmentFiguresRead)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Recruitment: the recruitment figures, and gap closure per role level',
    description:
      'The recruitment figures for the campaign and period (as `GET /recruitment/figures`, with its scope and ' +
      'small-number suppression), and, per role level in your families (as things stand today): people in post ' +
      'at it and those with at least one requirement unmet (validated) in the cycle closed last, the open vacancies ' +
      'and their posts, against the applications with an accepted offer not yet appointed and the live pipeline ' +
      '(open stages, no accepted offer) for the open or closed vacancies at it.\n\n' +
      '**Suppression.** People figures of a level resting on fewer than k people, or leaving a remainder of fewer ' +
      'than k, are hidden (`peopleSuppressed`); candidate counts of 1..k−1 are hidden for heads of profession; ' +
      'vacancy and post counts are not about people.\n\n' +
      '**Scope.** HR and admins: everything. Heads of profession: their families. Anyone else: 403.\n\n' +
      '`Accept: text/csv` gives a line per role level and per stage of the overall funnel (columns: ' +
      RECRUITMENT_INSIGHTS_CSV_COLUMNS.join(', ') +
      ')',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: RecruitmentInsightsResponse,
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/RecruitmentInsightsResponse' } },
      'text/csv': { schema: { type: 'string', example: `${RECRUITMENT_INSIGHTS_CSV_COLUMNS.join(',')}\n` } },
    },
  })
  @ApiProblems(401, 403)
  async read(
    @CurrentActor() actor: Actor,
    @Query() query: RecruitmentInsightsQueryDto,
    @Headers('accept') accept: string | undefined,
  ): Promise<RecruitmentInsightsResponse | StreamableFile> {
    const report = await this.recruitment.report(actor, query);
    if (!wantsCsv(accept)) return RecruitmentInsightsResponse.from(report);
    return new StreamableFile(Readable.from(recruitmentInsightsCsv(report)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="recruitment-${report.measuredOn}.csv"`,
    });
  }
}
