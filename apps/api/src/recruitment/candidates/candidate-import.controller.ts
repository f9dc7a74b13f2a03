import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import type { Actor } from '@capability/platform';
import { CANDIDATE_CSV_COLUMN_DOCS, CANDIDATE_CSV_COLUMNS, CandidateImportService } from '@capability/recruitment';
import { MAX_REPORTED_ERRORS } from '@capability/workforce';
import { Controller, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { ApiProblems } from '../../common/api-responses.js';
import { ApiImportInvalid, CsvBody } from '../../common/csv-import.js';
import { CandidateImportQuery, CandidateImportResponse } from './candidates.dto.js';

const COLUMNS_DOC = CANDIDATE_CSV_COLUMNS.map((c) => `- \`${c}\`: ${CANDIDATE_CSV_COLUMN_DOCS[c]}`).join('\n');

const IMPORT_DOC = `Candidates from a partner or a job board as the request body (\`Content-Type: text/csv\`, UTF-8,
comma-separated, RFC 4180 quoting), one row per candidate. Say where the file comes from with \`?partnerId=\` or
\`?channel=\` (every row takes it). Streamed: at most IMPORT_MAX_BYTES bytes and IMPORT_MAX_ROWS data rows (413 past
either).

The first row is the header, naming these columns once each (any order):

${COLUMNS_DOC}

**New candidates only.** A row whose email the service already has (whatever its case) is left as it is and counted
as \`existing\`, so importing the same file again changes nothing.

**All or nothing.** Every row is checked: a missing or malformed value, the same email twice in the file (reported on
the second row). Any error → 422 (\`urn:ddat-capability:problem:import-invalid\`) listing up to ${MAX_REPORTED_ERRORS}
errors as \`{ row, column, message }\` (plus \`errorCount\`), and nothing is written. **\`row\` is numbered as a
spreadsheet shows it: the header is row 1.**

\`?dryRun=true\` checks everything and answers 200 with the counts, writing nothing; otherwise 201 and one audit entry
with the counts (never a value). \`Idempotency-Key\` is not supported here (the body is a stream).`;

@ApiTags('recruitment: candidates')
@Controller('candidates')
export class CandidateImportController {
  constructor(private readonly imports: CandidateImportService) {}

  @Post('import')
  @RequirePermission(Permission.CandidateManage)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Import candidates from a partner or a job board (CSV, one row per candidate, all or nothing)',
    description: IMPORT_DOC,
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: `${CANDIDATE_CSV_COLUMNS.join(',')}\n` } })
  @ApiCreatedResponse({ type: CandidateImportResponse, description: 'Imported; the counts' })
  @ApiOkResponse({ type: CandidateImportResponse, description: 'Dry run: the counts; nothing written' })
  @ApiImportInvalid()
  @ApiProblems(401, 403, 413, 415)
  async import(
    @CurrentActor() actor: Actor,
    @CsvBody() csv: Readable,
    @Query() query: CandidateImportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CandidateImportResponse> {
    const result = await this.imports.importCsv(actor, csv, query);
    if (result.dryRun) void reply.status(HttpStatus.OK);
    return CandidateImportResponse.from(result);
  }
}
