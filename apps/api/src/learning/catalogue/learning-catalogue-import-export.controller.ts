import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import {
  CATALOGUE_CSV_COLUMN_DOCS,
  CATALOGUE_CSV_COLUMNS,
  CatalogueExportService,
  CatalogueImportService,
} from '@capability/learning';
import type { Actor } from '@capability/platform';
import { MAX_REPORTED_ERRORS } from '@capability/workforce';
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
import { ApiProblems } from '../../common/api-responses.js';
import { ApiImportInvalid, CsvBody } from '../../common/csv-import.js';
import { CatalogueImportQuery, CatalogueImportResponse } from './learning-items.dto.js';

const COLUMNS_DOC = CATALOGUE_CSV_COLUMNS.map((c) => `- \`${c}\`: ${CATALOGUE_CSV_COLUMN_DOCS[c]}`).join('\n');

const IMPORT_DOC = `The learning catalogue as the request body (\`Content-Type: text/csv\`, UTF-8, comma-separated, RFC 4180
quoting), one row per item. Streamed: at most IMPORT_MAX_BYTES bytes and IMPORT_MAX_ROWS data rows (413 past either).

The first row is the header, naming these columns once each (any order); the export writes the same columns, so an
exported file imports back unchanged:

${COLUMNS_DOC}

A cell written by an export as \`'=…\` (a formula-escaped value) is read back without the apostrophe.

**Matched on code.** A new code adds an item; a known one replaces its fields and skills. Items the file does not
mention are left alone: an import never deletes (set \`active\` to false to retire one).

**All or nothing.** Every row is checked: a missing or malformed value, a skill not in the current framework version
or above the highest level it describes, an event without its dates and location (or another format with them), the
same code twice (reported on the second row). Any error → 422 (\`urn:ddat-capability:problem:import-invalid\`)
listing up to ${MAX_REPORTED_ERRORS} errors as \`{ row, column, message }\` (plus \`errorCount\`), and nothing is
written. **\`row\` is numbered as a spreadsheet shows it: the header is row 1.**

\`?dryRun=true\` checks everything and answers 200 with the counts, writing nothing; otherwise 201 and one audit entry
with the counts. Importing the same file again changes nothing, so a retry is safe; \`Idempotency-Key\` is not
supported here (the body is a stream).`;

@ApiTags('learning')
@Controller('learning-items')
export class LearningCatalogueImportExportController {
  constructor(
    private readonly imports: CatalogueImportService,
    private readonly exports: CatalogueExportService,
  ) {}

  @Post('import')
  @RequirePermission(Permission.LearningCatalogueImport)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Import the learning catalogue (CSV, one row per item, all or nothing)',
    description: IMPORT_DOC,
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: `${CATALOGUE_CSV_COLUMNS.join(',')}\n` } })
  @ApiCreatedResponse({ type: CatalogueImportResponse, description: 'Imported; the counts' })
  @ApiOkResponse({ type: CatalogueImportResponse, description: 'Dry run: the counts; nothing written' })
  @ApiImportInvalid()
  @ApiProblems(401, 403, 413, 415)
  async import(
    @CurrentActor() actor: Actor,
    @CsvBody() csv: Readable,
    @Query() query: CatalogueImportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CatalogueImportResponse> {
    const result = await this.imports.importCsv(actor, csv, query);
    if (result.dryRun) void reply.status(HttpStatus.OK);
    return CatalogueImportResponse.from(result);
  }

  @Get('export.csv')
  @RequirePermission(Permission.LearningCatalogueExport)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Export the learning catalogue as CSV, in the import columns',
    description:
      'Every item, active and retired, by code. Streamed. Columns: ' +
      CATALOGUE_CSV_COLUMNS.join(', ') +
      ". Cells that a spreadsheet would run as a formula are prefixed with '. Importing the file back changes nothing.",
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV with a header row (attachment learning-catalogue-YYYY-MM-DD.csv)',
    content: { 'text/csv': { schema: { type: 'string', example: `${CATALOGUE_CSV_COLUMNS.join(',')}\n` } } },
  })
  @ApiProblems(401, 403)
  async export(@CurrentActor() actor: Actor): Promise<StreamableFile> {
    const { stream, filename } = await this.exports.exportCsv(actor);
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${filename}"`,
    });
  }
}
