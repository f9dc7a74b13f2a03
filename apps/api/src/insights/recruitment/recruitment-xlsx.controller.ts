import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import {
  RecruitmentInsightsService,
  XLSX_MEDIA_TYPE,
  recruitmentInsightsXlsx,
  xlsxDisposition,
} from '@capability/insights';
import { type Actor } from '@capability/platform';
import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-responses.js';
import { RecruitmentInsightsQueryDto } from './recruitment-insights.dto.js';

/**
 * The recruitment insights as XLSX (`/insights/recruitment.xlsx`): the same query, readers, scope and suppressed
 * figures as `GET /insights/recruitment`, through the shared workbook writer.
 */
@ApiTags('insights: recruitment')
@Controller('insights')
export class RecruitmentInsightsXlsxController {
  constructor(private readonly recruitment: RecruitmentInsightsService) {}

  @Get('recruitment.xlsx')
  @RequirePermission(Permission.RecruitmentFiguresRead)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Recruitment as XLSX',
    description:
      'The recruitment insights (the same query, readers, scope and suppression as `GET /insights/recruitment`) as ' +
      'a workbook: About (measured on, filters, gap cycle, k, generated at), Gap closure (a row per role level), ' +
      'Funnel stages (overall, per campaign and per vacancy, a row per stage), Funnel totals, Time to hire, Time in ' +
      'stage, Offer acceptance, Outcomes by partner, Outcomes by channel, Campaigns below target, Interim conversion ' +
      'and Partner compliance (a row per service level); a suppressed figure is an empty cell, with People ' +
      'suppressed or Suppressed = TRUE.',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({
    description: 'The workbook',
    content: { [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(401, 403)
  async recruitmentXlsx(
    @CurrentActor() actor: Actor,
    @Query() query: RecruitmentInsightsQueryDto,
  ): Promise<StreamableFile> {
    const report = await this.recruitment.report(actor, query);
    return new StreamableFile(await recruitmentInsightsXlsx(report), {
      type: XLSX_MEDIA_TYPE,
      disposition: xlsxDisposition(`recruitment-${report.measuredOn}`),
    });
  }
}
