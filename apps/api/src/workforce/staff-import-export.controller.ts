import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import type { Actor } from '@capability/platform';
import {
  MAX_REPORTED_ERRORS,
  SAMPLE_SIZE,
  STAFF_CSV_COLUMN_DOCS,
  STAFF_CSV_COLUMNS,
  StaffExportService,
  StaffImportService,
} from '@capability/workforce';
import { Controller, Get, Header, HttpCode, HttpStatus, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { ApiProblems } from '../common/api-responses.js';
import { ApiImportInvalid, CsvBody } from '../common/csv-import.js';
import { StaffImportQuery, StaffImportResponse } from './staff-import-export.dto.js';

const COLUMNS_DOC = STAFF_CSV_COLUMNS.map((c) => `- \`${c}\`: ${STAFF_CSV_COLUMN_DOCS[c]}`).join('\n');

const IMPORT_DOC = `The HR system's staff file, as the request body (\`Content-Type: text/csv\`, UTF-8, comma-separated,
RFC 4180 quoting). It is streamed, never held whole: at most IMPORT_MAX_BYTES bytes (default 100 MiB; more gets
413) and IMPORT_MAX_ROWS data rows (default 200,000; more gets 413). Staff are matched by \`staff_number\`:
new numbers are created, existing ones updated.

The first row is the header, naming these columns once each (any order):

${COLUMNS_DOC}

A cell written by an export as \`'=…\` (a formula-escaped value) is read back without the apostrophe.

**All or nothing.** Every row is checked: unknown unit, location or grade codes and role-level slugs, bad
dates, leaving before start, a bad employment type or email, a missing required value, a staff number twice
in the file, a line manager found neither in the file nor in the service, and line management that would go
round in a circle. Any error → 422 (\`urn:ddat-capability:problem:import-invalid\`) listing up to
${MAX_REPORTED_ERRORS} errors as \`{ row, column, message }\` (plus \`errorCount\`), and nothing is written.
**\`row\` is numbered as a spreadsheet shows it: the header is row 1, so the first data row is row 2.** \`column\`
is the header name (null when the whole row is wrong).

**Roles.** When \`role_level_slug\` differs from the person's current primary role, that assignment ends today
and a new one starts today (one that started today is replaced); the same slug changes nothing; an empty slug
ends the current one.

\`?dryRun=true\` checks everything and answers 200 with the counts and up to ${SAMPLE_SIZE} of the changes
(with the columns that differ), writing nothing. Otherwise 201 with the counts. A second import of the same
file changes nothing (0 created, 0 updated), so a retry is safe; \`Idempotency-Key\` is not supported here
(the body is a stream, and the key is checked against a parsed body).`;

@ApiTags('staff')
@Controller('staff')
export class StaffImportExportController {
  constructor(
    private readonly imports: StaffImportService,
    private readonly exports: StaffExportService,
  ) {}

  @Post('import')
  @RequirePermission(Permission.StaffImport)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Import staff from the HR system (CSV, all or nothing)', description: IMPORT_DOC })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: `${STAFF_CSV_COLUMNS.join(',')}\n` } })
  @ApiCreatedResponse({ type: StaffImportResponse, description: 'Imported; the counts' })
  @ApiOkResponse({ type: StaffImportResponse, description: 'Dry run: the counts and a sample; nothing written' })
  @ApiImportInvalid()
  @ApiProblems(401, 403, 409, 413, 415)
  async import(
    @CurrentActor() actor: Actor,
    @CsvBody() csv: Readable,
    @Query() query: StaffImportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StaffImportResponse> {
    const result = await this.imports.importCsv(actor, csv, query);
    if (result.dryRun) void reply.status(HttpStatus.OK);
    return StaffImportResponse.from(result);
  }

  @Get('export.csv')
  @RequirePermission(Permission.StaffExport)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Export the staff you may see as CSV, in the import format',
    description:
      'Scoped like the staff list: your own record, your reporting chain, the role families you lead, or ' +
      'everyone (HR, admin). Streamed; sorted by staff number. Cells that a spreadsheet would run as a formula ' +
      "(starting with =, +, -, @, tab or carriage return) are prefixed with '. Importing the file back changes nothing.",
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV with a header row (attachment staff-YYYY-MM-DD.csv)',
    content: { 'text/csv': { schema: { type: 'string', example: `${STAFF_CSV_COLUMNS.join(',')}\n` } } },
  })
  @ApiProblems(401)
  async export(@CurrentActor() actor: Actor): Promise<StreamableFile> {
    const { stream, filename } = await this.exports.exportCsv(actor);
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${filename}"`,
    });
  }
}
