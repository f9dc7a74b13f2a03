import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { INCLUSION_CSV_COLUMNS, InclusionInsightsService, inclusionCsv } from '@capability/insights';
import { type Actor } from '@capability/platform';
import { Controller, Get, Header, Headers, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { ApiProblems } from '../../common/api-responses.js';
import { InclusionInsightsQuery, InclusionInsightsResponse } from './inclusion.dto.js';
import { PeopleInsightsReadersGuard } from './people-readers.guard.js';
import { wantsCsv } from './workforce.controller.js';

@ApiTags('insights: people')
@Controller('insights/inclusion')
export class InclusionInsightsController {
  constructor(private readonly inclusion: InclusionInsightsService) {}

  @Get()
  @RequirePermission(Permission.InsightsInclusionRead)
  @UseGuards(PeopleInsightsReadersGuard)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Digital inclusion: the distribution over levels 1..9 per unit on `to` (each person’s latest assessment by ' +
      'then), the share at 7 or above against that target and its trend per quarter or year, staff with no ' +
      'assessment; closed awareness pulses’ results per statement over [from, to] (HR and admins). Cells under k ' +
      'people are suppressed (and a sibling unit where the total would give one away). HR and admins see everyone; ' +
      'heads of profession the families they lead; line managers their reporting chain; anyone else 403. ' +
      '`Accept: text/csv` gives the same cells as CSV, one line each (columns: ' +
      INCLUSION_CSV_COLUMNS.join(', ') +
      ')',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: InclusionInsightsResponse,
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/InclusionInsightsResponse' } },
      'text/csv': { schema: { type: 'string', example: `${INCLUSION_CSV_COLUMNS.join(',')}\n` } },
    },
  })
  @ApiProblems(401, 403)
  async read(
    @CurrentActor() actor: Actor,
    @Query() query: InclusionInsightsQuery,
    @Headers('accept') accept: string | undefined,
  ): Promise<InclusionInsightsResponse | StreamableFile> {
    const report = await this.inclusion.report(actor, query);
    if (!wantsCsv(accept)) return InclusionInsightsResponse.from(report);
    return new StreamableFile(Readable.from(inclusionCsv(report)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="inclusion-${report.to}.csv"`,
    });
  }
}
