import { CurrentActor, Permission, RequirePermission, securityEvent } from '@capability/auth';
import {
  CapabilityHeatmapService,
  CapabilityInsightsNotAllowed,
  XLSX_MEDIA_TYPE,
  heatmapSvg,
  heatmapXlsx,
  xlsxDisposition,
  type CapabilityHeatmap,
} from '@capability/insights';
import type { Actor } from '@capability/platform';
import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-responses.js';
import { CapabilityHeatmapQueryDto, CapabilityHeatmapResponse } from './capability-heatmap.dto.js';

const DESCRIPTION =
  "A role family's roles or role levels (`by`) × the skills they require, each cell the capability gap report's " +
  'group for that pair (`assessed` = its `requirements`): the same cycle (default the one closed last), source, ' +
  'filters, scope and suppression — a cell under k people is suppressed, and further cells where a row, a column or ' +
  'the whole would give one away. A pair no one was assessed on is a cell of 0 assessed (not suppressed). Rows ' +
  'and skills are ordered worst first: by the mean gap of their shown cells (Σ meanGap × assessed ÷ Σ assessed), ' +
  'largest first, those with no shown cell last, ties by label.\n\n' +
  '**Scope.** HR and admins: everyone. Heads of profession: the families they lead (another family is 403 ' +
  '`insights-capability-family-not-allowed`, unless they manage people: then their reporting chain in it). Line ' +
  'managers: their reporting chain, in aggregate. Anyone else: 403.';

/** The capability heatmap: JSON, an SVG for a board paper, and XLSX. */
@ApiTags('insights: capability')
@Controller('insights')
export class CapabilityHeatmapController {
  constructor(private readonly heatmap: CapabilityHeatmapService) {}

  private async report(actor: Actor, query: CapabilityHeatmapQueryDto): Promise<CapabilityHeatmap> {
    return this.heatmap.report(actor, query).catch((error: unknown) => {
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

  @Get('capability-heatmap')
  @RequirePermission(Permission.CapabilityInsightsRead)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Capability heatmap: roles or role levels × skills of a role family',
    description: DESCRIPTION,
  })
  @ApiOkResponse({ type: CapabilityHeatmapResponse })
  @ApiProblems(400, 401, 403, 404)
  async read(
    @CurrentActor() actor: Actor,
    @Query() query: CapabilityHeatmapQueryDto,
  ): Promise<CapabilityHeatmapResponse> {
    return CapabilityHeatmapResponse.from(await this.report(actor, query));
  }

  @Get('capability-heatmap.svg')
  @RequirePermission(Permission.CapabilityInsightsRead)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Capability heatmap as SVG, for a board paper',
    description:
      `${DESCRIPTION}\n\nThe same grid as an SVG document: a title naming the family, cycle, source and date; the rows ` +
      'and skills labelled, with axis titles; one `<rect>` per row × skill (`data-row`, `data-skill`, and for a ' +
      'shown cell `data-percent-met`, `data-mean-gap`, `data-assessed`, `data-people`) filled by % met on the viridis ' +
      'scale (five bands of 20 points, colour-blind safe) with the figure written in; suppressed cells hatched and ' +
      'without any figure; a legend. `role="img"`, labelled by its `<title>` and `<desc>`.',
  })
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ description: 'The SVG document', content: { 'image/svg+xml': { schema: { type: 'string' } } } })
  @ApiProblems(400, 401, 403, 404)
  async svg(@CurrentActor() actor: Actor, @Query() query: CapabilityHeatmapQueryDto): Promise<StreamableFile> {
    const heatmap = await this.report(actor, query);
    return new StreamableFile(Buffer.from(heatmapSvg(heatmap), 'utf8'), {
      type: 'image/svg+xml; charset=utf-8',
      disposition: `inline; filename="capability-heatmap-${heatmap.roleFamily.id}-${heatmap.cycleId}.svg"`,
    });
  }

  @Get('capability-heatmap.xlsx')
  @RequirePermission(Permission.CapabilityInsightsRead)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Capability heatmap as XLSX',
    description:
      `${DESCRIPTION}\n\nThe same cells as a workbook: About (cycle, source, k, filters, generated at), Cells (one row ` +
      'per row × skill in the JSON order; a suppressed cell has empty figures and Suppressed = TRUE), Rows and Skills.',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({
    description: 'The workbook',
    content: { [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 401, 403, 404)
  async xlsx(@CurrentActor() actor: Actor, @Query() query: CapabilityHeatmapQueryDto): Promise<StreamableFile> {
    const heatmap = await this.report(actor, query);
    return new StreamableFile(await heatmapXlsx(heatmap), {
      type: XLSX_MEDIA_TYPE,
      disposition: xlsxDisposition(`capability-heatmap-${heatmap.roleFamily.id}-${heatmap.cycleId}`),
    });
  }
}
