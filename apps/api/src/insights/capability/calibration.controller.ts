import { CurrentActor, Permission, RequirePermission, securityEvent } from '@capability/auth';
import {
  CALIBRATION_CSV_COLUMNS,
  CalibrationService,
  CapabilityInsightsNotAllowed,
  XLSX_MEDIA_TYPE,
  calibrationCsv,
  calibrationXlsx,
  xlsxDisposition,
  type Calibration,
} from '@capability/insights';
import type { Actor } from '@capability/platform';
import { Controller, Get, Header, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { ApiProblems } from '../../common/api-responses.js';
import { CalibrationQueryDto, CalibrationResponse } from './calibration.dto.js';

const wantsCsv = (accept: string | undefined): boolean => /(^|[\s,])text\/csv\b/i.test(accept ?? '');

@ApiTags('insights: capability')
@Controller('insights')
export class CalibrationController {
  constructor(private readonly calibration: CalibrationService) {}

  @Get('calibration')
  @RequirePermission(Permission.CapabilityInsightsRead)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Calibration: self-assessed against validated levels, per role family and per validating manager',
    description:
      'For a review cycle (default: the one closed last), every rating of a validated review that has both a self ' +
      'and a validated level: how many, the mean self and validated levels, the mean difference (validated − self), ' +
      'the shares agreed, raised and lowered, and how many were flagged for calibration (two or more levels apart). ' +
      "Per role family (the cycle's snapshot) and per manager: the validator (the staff record of the user who " +
      "validated; when none is on record, the reviewee's line manager today), whose row is about the team they " +
      'validated. `mostDifferent` ranks the shown manager rows (k people or more) by the absolute mean difference.\n\n' +
      '**Suppression.** A family or manager row of fewer than k reviewees is suppressed (every figure null), and ' +
      'further rows of the same kind where the total would give a suppressed one away. The same in CSV.\n\n' +
      '**Scope.** HR and admins: everyone. Heads of profession: their families. Line managers: their reporting ' +
      'chain, in aggregate (the manager rows of the managers below them too, each of k people or more). Anyone ' +
      'else: 403.\n\n' +
      `\`Accept: text/csv\`: ${CALIBRATION_CSV_COLUMNS.join(', ')} (row: family, manager or total; suppressed ` +
      'figures empty).',
  })
  @ApiExtraModels(CalibrationResponse)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'The report (JSON), or the same as CSV with `Accept: text/csv`',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CalibrationResponse) } },
      'text/csv': { schema: { type: 'string', example: `${CALIBRATION_CSV_COLUMNS.join(',')}\r\n` } },
    },
  })
  @ApiProblems(401, 403, 404)
  async read(
    @CurrentActor() actor: Actor,
    @Query() query: CalibrationQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<CalibrationResponse | StreamableFile> {
    const report = await this.report(actor, query);
    if (wantsCsv(request.headers.accept)) {
      return new StreamableFile(Readable.from(calibrationCsv(report)), {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="calibration-${report.cycleId}.csv"`,
      });
    }
    return CalibrationResponse.from(report);
  }

  @Get('calibration.xlsx')
  @RequirePermission(Permission.CapabilityInsightsRead)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Calibration as XLSX',
    description:
      'The calibration report (the same query, scope and suppression as `GET /insights/calibration`) as a workbook: ' +
      'About (cycle, k, filters, generated at), Families and Managers (id and label, then people, ratings, mean ' +
      'self, mean validated, mean difference, % agreed, % raised, % lowered, flagged and Suppressed; a suppressed ' +
      'row has empty figures), Most different (rank, id, label, people, mean difference) and Total.',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({
    description: 'The workbook',
    content: { [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(401, 403, 404)
  async xlsx(@CurrentActor() actor: Actor, @Query() query: CalibrationQueryDto): Promise<StreamableFile> {
    const report = await this.report(actor, query);
    return new StreamableFile(await calibrationXlsx(report), {
      type: XLSX_MEDIA_TYPE,
      disposition: xlsxDisposition(`calibration-${report.cycleId}`),
    });
  }

  private report(actor: Actor, query: CalibrationQueryDto): Promise<Calibration> {
    return this.calibration.report(actor, query).catch((error: unknown) => {
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
