import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import {
  InclusionInsightsService,
  WorkforceInsightsService,
  XLSX_MEDIA_TYPE,
  inclusionXlsx,
  workforceXlsx,
  xlsxDisposition,
} from '@capability/insights';
import { type Actor } from '@capability/platform';
import { Controller, Get, Header, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-responses.js';
import { InclusionInsightsQuery } from './inclusion.dto.js';
import { PeopleInsightsReadersGuard } from './people-readers.guard.js';
import { WorkforceInsightsQuery } from './workforce.dto.js';

const workbook = {
  description: 'The workbook',
  content: { [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } },
};

/**
 * The people reports as XLSX (`/insights/workforce.xlsx`, `/insights/inclusion.xlsx`): the same query, readers,
 * scope and suppressed figures as their JSON routes, through the shared workbook writer.
 */
@ApiTags('insights: people')
@Controller('insights')
export class PeopleInsightsXlsxController {
  constructor(
    private readonly workforce: WorkforceInsightsService,
    private readonly inclusion: InclusionInsightsService,
  ) {}

  @Get('workforce.xlsx')
  @RequirePermission(Permission.InsightsWorkforceRead)
  @UseGuards(PeopleInsightsReadersGuard)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Workforce as XLSX',
    description:
      'The workforce report (the same query, readers, scope and suppression as `GET /insights/workforce`) as a ' +
      'workbook: About (period, scope, k, filters, generated at), Levels, Families, Total, Interim trend, Joiners ' +
      'and Leavers; a suppressed cell has empty figures and Suppressed = TRUE.',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse(workbook)
  @ApiProblems(401, 403)
  async workforceXlsx(@CurrentActor() actor: Actor, @Query() query: WorkforceInsightsQuery): Promise<StreamableFile> {
    const report = await this.workforce.report(actor, query);
    return new StreamableFile(await workforceXlsx(report), {
      type: XLSX_MEDIA_TYPE,
      disposition: xlsxDisposition(`workforce-${report.to}`),
    });
  }

  @Get('inclusion.xlsx')
  @RequirePermission(Permission.InsightsInclusionRead)
  @UseGuards(PeopleInsightsReadersGuard)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Digital inclusion as XLSX',
    description:
      'The inclusion report (the same query, readers, scope and suppression as `GET /insights/inclusion`) as a ' +
      'workbook: About (period, target, scope, k, filters, generated at), Units, Total, Trend and (HR and admins) ' +
      'Pulses; a suppressed cell has empty figures and Suppressed = TRUE.',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse(workbook)
  @ApiProblems(401, 403)
  async inclusionXlsx(@CurrentActor() actor: Actor, @Query() query: InclusionInsightsQuery): Promise<StreamableFile> {
    const report = await this.inclusion.report(actor, query);
    return new StreamableFile(await inclusionXlsx(report), {
      type: XLSX_MEDIA_TYPE,
      disposition: xlsxDisposition(`inclusion-${report.to}`),
    });
  }
}
