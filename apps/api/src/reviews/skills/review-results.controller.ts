import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import type { Actor } from '@capability/platform';
import {
  RESULTS_CSV_COLUMN_DOCS,
  RESULTS_CSV_COLUMNS,
  RESULTS_IMPORT_COLUMNS,
  ReviewResultsExportService,
  ReviewResultsImportService,
} from '@capability/reviews';
import { MAX_REPORTED_ERRORS } from '@capability/workforce';
import {
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
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
import { ReviewResultsImportQuery, ReviewResultsImportResponse } from './review-results.dto.js';

const COLUMNS_DOC = RESULTS_CSV_COLUMNS.map((c) => `- \`${c}\`: ${RESULTS_CSV_COLUMN_DOCS[c]}`).join('\n');

const IMPORT_DOC = `A cycle's results from a review the department ran elsewhere, as the request body (\`Content-Type: text/csv\`,
UTF-8, comma-separated, RFC 4180 quoting), one row per rating. Streamed, never held whole: at most IMPORT_MAX_BYTES
bytes and IMPORT_MAX_ROWS data rows (413 past either).

The first row is the header, naming these columns once each (any order); the last three are what the export adds,
and are accepted and ignored, so an exported file imports back unchanged:

${COLUMNS_DOC}

A cell written by an export as \`'=…\` (a formula-escaped value) is read back without the apostrophe.

**The cycle must be open**: a draft has no reviews yet, and a closed cycle is frozen (409 for both).

**All or nothing.** Every row is checked: a staff number with no review in this cycle, a skill that is not in the
cycle's framework version, a level that is not 0 to 4, a missing value, the same staff number and skill twice
(reported on the second row), an extra skill with neither level. Any error → 422
(\`urn:ddat-capability:problem:import-invalid\`) listing up to ${MAX_REPORTED_ERRORS} errors as
\`{ row, column, message }\` (plus \`errorCount\`), and nothing is written. **\`row\` is numbered as a spreadsheet
shows it: the header is row 1.**

**What it writes.** Each row replaces the self and validated levels of that rating (an empty cell clears one; the
calibration flag follows: both levels two or more apart); a skill the person's role level does not require becomes
an extra skill of the review. Ratings the file does not mention, evidence and comments are left alone. Each review
with a changed rating then takes the state its ratings give: every required skill self-rated and validated →
\`validated\`; every required skill self-rated → \`self_assessed\`; otherwise \`in_progress\` (a \`returned\` review
stays returned), or \`not_started\` when nothing is rated. One audit entry with the counts.

\`?dryRun=true\` checks everything and answers 200 with the counts, writing nothing; otherwise 201. Importing the
same file again changes nothing, so a retry is safe; \`Idempotency-Key\` is not supported here (the body is a
stream).`;

@ApiTags('skills review')
@Controller('review-cycles')
export class ReviewResultsController {
  constructor(
    private readonly imports: ReviewResultsImportService,
    private readonly exports: ReviewResultsExportService,
  ) {}

  @Post(':id/results/import')
  @RequirePermission(Permission.ReviewCycleManage)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: "Import an open cycle's results (CSV, one row per rating, all or nothing)",
    description: IMPORT_DOC,
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: `${RESULTS_IMPORT_COLUMNS.join(',')}\n` } })
  @ApiCreatedResponse({ type: ReviewResultsImportResponse, description: 'Imported; the counts' })
  @ApiOkResponse({ type: ReviewResultsImportResponse, description: 'Dry run: the counts; nothing written' })
  @ApiImportInvalid()
  @ApiProblems(414, 401, 403, 404, 409, 413, 415)
  async import(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @CsvBody() csv: Readable,
    @Query() query: ReviewResultsImportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReviewResultsImportResponse> {
    const result = await this.imports.importCsv(actor, id, csv, query);
    if (result.dryRun) void reply.status(HttpStatus.OK);
    return ReviewResultsImportResponse.from(result);
  }

  @Get(':id/results.csv')
  @RequirePermission(Permission.ReviewResultsExport)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: "Export a cycle's results as CSV: one row per rating, in the import's columns and more",
    description:
      'HR and admins get every review of the cycle; heads of profession the reviews whose role family (as the cycle ' +
      'snapshotted it) they lead; anyone else 403. Streamed; sorted by staff number, then required skills in the ' +
      "framework's order, then extra skills. Columns: " +
      RESULTS_CSV_COLUMNS.join(', ') +
      ". Cells that a spreadsheet would run as a formula are prefixed with '. Importing the file back changes nothing.",
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV with a header row (attachment review-results-<cycle id>-YYYY-MM-DD.csv)',
    content: { 'text/csv': { schema: { type: 'string', example: `${RESULTS_CSV_COLUMNS.join(',')}\n` } } },
  })
  @ApiProblems(414, 401, 403, 404)
  async export(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const { stream, filename } = await this.exports.exportCsv(actor, id);
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${filename}"`,
    });
  }
}
