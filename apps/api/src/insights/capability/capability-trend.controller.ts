import { CurrentActor, Permission, RequirePermission, securityEvent } from '@capability/auth';
import {
  CapabilityInsightsNotAllowed,
  CapabilityTrendService,
  TREND_CSV_COLUMNS,
  XLSX_MEDIA_TYPE,
  trendCsv,
  trendXlsx,
  xlsxDisposition,
  type CapabilityTrend,
} from '@capability/insights';
import type { Actor } from '@capability/platform';
import { Controller, Get, Header, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { ApiProblems } from '../../common/api-responses.js';
import { CapabilityTrendQueryDto, CapabilityTrendResponse } from './capability-trend.dto.js';

const wantsCsv = (accept: string | undefined): boolean => /(^|[\s,])text\/csv\b/i.test(accept ?? '');

@ApiTags('insights: capability')
@Controller('insights')
export class CapabilityTrendController {
  constructor(private readonly trends: CapabilityTrendService) {}

  @Get('capability-trend')
  @RequirePermission(Permission.CapabilityInsightsRead)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: "Capability trend: a role family's, role's or skill's gap figures in each review cycle",
    description:
      'Exactly one of `roleFamily`, `role`, `skill` (400 otherwise). For each review cycle that is open or closed ' +
      '(closed ones oldest first by the date they closed, then the open one; narrowed by `from`/`to` on that date or ' +
      "by `cycleIds`), the capability gap report's figures for it (people, requirements, met, percentMet, meanGap, " +
      'ratings: see capability-gaps), and for a family or role the same for each skill its role levels require.\n\n' +
      '**Across framework versions.** Each cycle pinned a framework version when it opened; families, roles and ' +
      "skills are matched across versions by slug. One the cycle's version lacks is `{ present: false }` (absent, " +
      'not zero); one it holds that nobody was assessed on has `present: true` and zero people.\n\n' +
      "**Suppression.** Each cycle's figures are that cycle's gap report's (grouped by the family, role or skill; the " +
      'skills: grouped by skill, filtered on the family or role), so a cell suppressed there is suppressed here, and a ' +
      "cell suppressed in one cycle stays suppressed in the trend. In a cycle where the family's or role's own row is " +
      'suppressed, its skills are too.\n\n' +
      '**Scope.** As the gap report: HR and admins everyone; heads of profession their families; line managers their ' +
      'reporting chain, in aggregate; anyone else 403.\n\n' +
      `\`Accept: text/csv\`: one row per series and cycle (${TREND_CSV_COLUMNS.join(', ')}); figures empty when ` +
      'absent or suppressed.',
  })
  @ApiExtraModels(CapabilityTrendResponse)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'The trend (JSON), or the same as CSV with `Accept: text/csv`',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CapabilityTrendResponse) } },
      'text/csv': { schema: { type: 'string', example: `${TREND_CSV_COLUMNS.join(',')}\r\n` } },
    },
  })
  @ApiProblems(401, 403, 404)
  async read(
    @CurrentActor() actor: Actor,
    @Query() query: CapabilityTrendQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<CapabilityTrendResponse | StreamableFile> {
    const trend = await this.trend(actor, query);
    if (wantsCsv(request.headers.accept)) {
      return new StreamableFile(Readable.from(trendCsv(trend)), {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="capability-trend-${trend.id}.csv"`,
      });
    }
    return CapabilityTrendResponse.from(trend);
  }

  @Get('capability-trend.xlsx')
  @RequirePermission(Permission.CapabilityInsightsRead)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Capability trend as XLSX',
    description:
      'The capability trend (the same query, scope and suppression as `GET /insights/capability-trend`) as a ' +
      'workbook: About (the family, role or skill, source, k, generated at), Points (one row per cycle: cycle id, ' +
      'name, state, closed at, framework version, Present, then people, assessed requirements, met, % met, mean gap, ' +
      'the ratings at each level and Suppressed) and, for a family or role, Skills (the per-skill series in long ' +
      'format: skill id and name, then the same columns per cycle). An absent or suppressed point has empty figures.',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({
    description: 'The workbook',
    content: { [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(401, 403, 404)
  async xlsx(@CurrentActor() actor: Actor, @Query() query: CapabilityTrendQueryDto): Promise<StreamableFile> {
    const trend = await this.trend(actor, query);
    return new StreamableFile(await trendXlsx(trend), {
      type: XLSX_MEDIA_TYPE,
      disposition: xlsxDisposition(`capability-trend-${trend.id}`),
    });
  }

  private trend(actor: Actor, query: CapabilityTrendQueryDto): Promise<CapabilityTrend> {
    return this.trends.trend(actor, query).catch((error: unknown) => {
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
