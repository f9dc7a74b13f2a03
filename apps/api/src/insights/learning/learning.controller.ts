import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { LEARNING_CSV_COLUMNS, LearningInsightsService, learningCsv } from '@capability/insights';
import { type Actor } from '@capability/platform';
import { Controller, Get, Header, Headers, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { ApiProblems } from '../../common/api-responses.js';
import { PeopleInsightsReadersGuard } from '../people/people-readers.guard.js';
import { wantsCsv } from '../people/workforce.controller.js';
import { LearningInsightsQuery, LearningInsightsResponse } from './learning.dto.js';

@ApiTags('insights: learning')
@Controller('insights/learning')
export class LearningInsightsController {
  constructor(private readonly learning: LearningInsightsService) {}

  @Get()
  @RequirePermission(Permission.InsightsLearningRead)
  @UseGuards(PeopleInsightsReadersGuard)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Learning: completions and hours, inclusion package uptake, and whether gaps closed for those who learned',
    description:
      'Of the staff in post on `to` (in the unit’s subtree, the family asked for, the reader’s scope): verified ' +
      'completions and their hours within [from, to] by catalogue item (external learning as one row), by role ' +
      'family (primary role on `to`) and by unit directly under the one asked for; the uptake of the digital ' +
      'inclusion packages (completed, verified, by `to` ÷ staff counted); and, between two review cycles (default ' +
      'the two closed last), per skill, of those whose validated level was below the required one in the first ' +
      'and who were rated (validated) in the second, the share who reached it, split by whether they completed ' +
      'verified learning mapped to the skill (the item’s skills or those a record claims) after the first cycle’s ' +
      'closing date and by the second’s.\n\n' +
      '**Suppression.** A cell of fewer than k people (`k`) is suppressed (`suppressed: true`, figures null), and ' +
      'siblings where a total would give one away. The same in CSV.\n\n' +
      '**Scope.** HR and admins: everyone. Heads of profession: the families they lead. Line managers: their ' +
      'reporting chain, in aggregate. Anyone else: 403.\n\n' +
      '`Accept: text/csv` gives the same cells, one line each (columns: ' +
      LEARNING_CSV_COLUMNS.join(', ') +
      ')',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: LearningInsightsResponse,
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/LearningInsightsResponse' } },
      'text/csv': { schema: { type: 'string', example: `${LEARNING_CSV_COLUMNS.join(',')}\n` } },
    },
  })
  @ApiProblems(401, 403, 404)
  async read(
    @CurrentActor() actor: Actor,
    @Query() query: LearningInsightsQuery,
    @Headers('accept') accept: string | undefined,
  ): Promise<LearningInsightsResponse | StreamableFile> {
    const report = await this.learning.report(actor, query);
    if (!wantsCsv(accept)) return LearningInsightsResponse.from(report);
    return new StreamableFile(Readable.from(learningCsv(report)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="learning-${report.to}.csv"`,
    });
  }
}
