import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { LearningInsightsService, XLSX_MEDIA_TYPE, learningXlsx, xlsxDisposition } from '@capability/insights';
import { type Actor } from '@capability/platform';
import { Controller, Get, Header, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-responses.js';
import { PeopleInsightsReadersGuard } from '../people/people-readers.guard.js';
import { LearningInsightsQuery } from './learning.dto.js';

/**
 * The learning report as XLSX (`/insights/learning.xlsx`): the same query, readers, scope and suppressed figures as
 * `GET /insights/learning`, through the shared workbook writer.
 */
@ApiTags('insights: learning')
@Controller('insights')
export class LearningInsightsXlsxController {
  constructor(private readonly learning: LearningInsightsService) {}

  @Get('learning.xlsx')
  @RequirePermission(Permission.InsightsLearningRead)
  @UseGuards(PeopleInsightsReadersGuard)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Learning as XLSX',
    description:
      'The learning report (the same query, readers, scope and suppression as `GET /insights/learning`) as a ' +
      'workbook: About (period, scope, k, filters, cycles, generated at), By item, By family, By unit, Total, Uptake ' +
      'and Gap closure (a row per skill with its learned and not-learned halves); a suppressed cell has empty ' +
      'figures and Suppressed = TRUE.',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({
    description: 'The workbook',
    content: { [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(401, 403, 404)
  async learningXlsx(@CurrentActor() actor: Actor, @Query() query: LearningInsightsQuery): Promise<StreamableFile> {
    const report = await this.learning.report(actor, query);
    return new StreamableFile(await learningXlsx(report), {
      type: XLSX_MEDIA_TYPE,
      disposition: xlsxDisposition(`learning-${report.to}`),
    });
  }
}
