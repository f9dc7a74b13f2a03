import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { WORKFORCE_CSV_COLUMNS, WorkforceInsightsService, workforceCsv } from '@capability/insights';
import { type Actor } from '@capability/platform';
import { Controller, Get, Header, Headers, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { ApiProblems } from '../../common/api-responses.js';
import { PeopleInsightsReadersGuard } from './people-readers.guard.js';
import { WorkforceInsightsQuery, WorkforceInsightsResponse } from './workforce.dto.js';

/** Whether the client asked for CSV (`Accept: text/csv`). */
export const wantsCsv = (accept: string | undefined): boolean => /\btext\/csv\b/i.test(accept ?? '');

@ApiTags('insights: people')
@Controller('insights/workforce')
export class WorkforceInsightsController {
  constructor(private readonly workforce: WorkforceInsightsService) {}

  @Get()
  @RequirePermission(Permission.InsightsWorkforceRead)
  @UseGuards(PeopleInsightsReadersGuard)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Workforce: headcount by role family, role and level against the establishment on `to` (posts funded then, ' +
      'counted as the establishment summary counts them), open vacancy posts, the share of interim and contractor ' +
      'staff per family per period of [from, to], joiners and leavers in it. Cells under k people are suppressed ' +
      '(and a sibling where a total would give one away). HR and admins see everyone; heads of profession the ' +
      'families they lead; line managers their reporting chain; anyone else 403. `Accept: text/csv` gives the same ' +
      'cells as CSV, one line each (columns: ' +
      WORKFORCE_CSV_COLUMNS.join(', ') +
      ')',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: WorkforceInsightsResponse,
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/WorkforceInsightsResponse' } },
      'text/csv': { schema: { type: 'string', example: `${WORKFORCE_CSV_COLUMNS.join(',')}\n` } },
    },
  })
  @ApiProblems(401, 403)
  async read(
    @CurrentActor() actor: Actor,
    @Query() query: WorkforceInsightsQuery,
    @Headers('accept') accept: string | undefined,
  ): Promise<WorkforceInsightsResponse | StreamableFile> {
    const report = await this.workforce.report(actor, query);
    if (!wantsCsv(accept)) return WorkforceInsightsResponse.from(report);
    return new StreamableFile(Readable.from(workforceCsv(report)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="workforce-${report.to}.csv"`,
    });
  }
}
