import { CurrentActor, Permission, RequirePermission, securityEvent } from '@capability/auth';
import {
  CapabilityGapsService,
  CapabilityInsightsNotAllowed,
  GAPS_CSV_FIXED_COLUMNS,
  XLSX_MEDIA_TYPE,
  gapsCsv,
  gapsXlsx,
  xlsxDisposition,
  type CapabilityGaps,
} from '@capability/insights';
import type { Actor } from '@capability/platform';
import { Controller, Get, Header, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { ApiProblems } from '../../common/api-responses.js';
import { CapabilityGapsQueryDto, CapabilityGapsResponse } from './capability-gaps.dto.js';

const wantsCsv = (accept: string | undefined): boolean => /(^|[\s,])text\/csv\b/i.test(accept ?? '');

@ApiTags('insights: capability')
@Controller('insights')
export class CapabilityGapsController {
  constructor(private readonly gaps: CapabilityGapsService) {}

  @Get('capability-gaps')
  @RequirePermission(Permission.CapabilityInsightsRead)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Capability gaps: assessed requirements met and the mean gap, by any grouping, for a review cycle',
    description:
      "Live from the skills review: each required skill of each review in the cycle (the role level's requirement as " +
      'the cycle snapshotted it) with the level that counts for `source`. A requirement is met when the level is at ' +
      'least the required level; `percentMet` = 100 × met ÷ requirements (1 decimal); `meanGap` = the mean of ' +
      'max(0, required − level) (2 decimals); `ratings` = how many counted ratings are at each level 0..4. Extra ' +
      'skills a reviewee added count nowhere; groups with no counted rating are absent.\n\n' +
      '**Suppression.** A group of fewer than k people (`k`, INSIGHTS_MIN_GROUP_SIZE) is suppressed (`suppressed: ' +
      'true`, every figure null), and further groups where the total (or, with several groupings, a report grouped ' +
      'by one fewer) would give a suppressed one away. The same in CSV.\n\n' +
      '**Scope.** HR and admins: everyone. Heads of profession: the reviews in the role families they lead (as the ' +
      'cycle snapshotted them). Line managers: their reporting chain, in aggregate. Anyone else: 403.\n\n' +
      '`Accept: text/csv` answers the same groups as CSV (a `row` column: group or total; each grouping as ' +
      `\`<grouping>_id\` and \`<grouping>_label\`; then ${GAPS_CSV_FIXED_COLUMNS.join(', ')}; suppressed cells empty).`,
  })
  @ApiExtraModels(CapabilityGapsResponse)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'The report (JSON), or the same as CSV with `Accept: text/csv`',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CapabilityGapsResponse) } },
      'text/csv': {
        schema: {
          type: 'string',
          example: `row,role_family_id,role_family_label,${GAPS_CSV_FIXED_COLUMNS.join(',')}\r\n`,
        },
      },
    },
  })
  @ApiProblems(401, 403, 404)
  async read(
    @CurrentActor() actor: Actor,
    @Query() query: CapabilityGapsQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<CapabilityGapsResponse | StreamableFile> {
    const report = await this.report(actor, query);
    if (wantsCsv(request.headers.accept)) {
      return new StreamableFile(Readable.from(gapsCsv(report)), {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="capability-gaps-${report.cycleId}.csv"`,
      });
    }
    return CapabilityGapsResponse.from(report);
  }

  @Get('capability-gaps.xlsx')
  @RequirePermission(Permission.CapabilityInsightsRead)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Capability gaps as XLSX',
    description:
      'The capability gap report (the same query, scope and suppression as `GET /insights/capability-gaps`) as a ' +
      'workbook: About (cycle, source, k, groupings, filters, generated at), Groups (each grouping as id and label, ' +
      'then people, assessed requirements, met, % met, mean gap, the ratings at each level and Suppressed; a ' +
      'suppressed group has empty figures) and Total.',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({
    description: 'The workbook',
    content: { [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(401, 403, 404)
  async xlsx(@CurrentActor() actor: Actor, @Query() query: CapabilityGapsQueryDto): Promise<StreamableFile> {
    const report = await this.report(actor, query);
    return new StreamableFile(await gapsXlsx(report), {
      type: XLSX_MEDIA_TYPE,
      disposition: xlsxDisposition(`capability-gaps-${report.cycleId}`),
    });
  }

  private report(actor: Actor, query: CapabilityGapsQueryDto): Promise<CapabilityGaps> {
    return this.gaps.report(actor, query).catch((error: unknown) => {
      // Nothing in reach (no reports, no families): refused as a missing permission is, and logged the same way.
      if (error instanceof CapabilityInsightsNotAllowed) {
        securityEvent('auth.permission-denied', {
          userId: actor.userId,
          permission: Permission.CapabilityInsightsRead,
        });
      }
      throw error;
    });
  }
}
