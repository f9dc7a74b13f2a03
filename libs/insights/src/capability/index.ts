export { CALIBRATION_CSV_COLUMNS, calibrationCsv } from './calibration-csv.js';
export {
  CalibrationService,
  type Calibration,
  type CalibrationFigures,
  type CalibrationQueryInput,
  type CalibrationRanked,
  type CalibrationRow,
} from './calibration.service.js';
export { GAPS_CSV_FIXED_COLUMNS, gapsCsv } from './capability-gaps-csv.js';
export {
  CapabilityGapsService,
  suppressedGroups,
  type CapabilityGaps,
  type CapabilityGapsQuery,
  type GapFigures,
  type GapGroup,
  type GapGroupKey,
  type GroupKeyPart,
} from './capability-gaps.service.js';
export { HEATMAP_BANDS, bandOf, heatmapSvg, heatmapTitle, xmlText } from './capability-heatmap-svg.js';
export {
  CapabilityHeatmapService,
  HEATMAP_ROWS,
  orderWorstFirst,
  type CapabilityHeatmap,
  type CapabilityHeatmapQuery,
  type HeatmapAxisItem,
  type HeatmapBy,
  type HeatmapCell,
} from './capability-heatmap.service.js';
export { CapabilityInsightsPermission } from './capability-permissions.js';
export { TREND_CSV_COLUMNS, trendCsv } from './capability-trend-csv.js';
export type { TrendCycle, TrendDimension } from './capability-trend.repository.js';
export {
  CapabilityTrendService,
  TREND_DIMENSIONS,
  type CapabilityTrend,
  type CapabilityTrendQuery,
  type TrendCycleInfo,
  type TrendPoint,
  type TrendSkillSeries,
} from './capability-trend.service.js';
export { calibrationXlsx, gapsXlsx, heatmapXlsx, trendXlsx } from './capability-xlsx.js';
export { CapabilityFamilyNotAllowed, CapabilityInsightsNotAllowed, NoClosedCycle } from './capability.errors.js';
export { CAPABILITY_INSIGHTS_ENTITIES, CAPABILITY_INSIGHTS_SERVICES } from './capability.providers.js';
export { GAP_DIMENSIONS, GAP_SOURCES, type GapDimension, type GapSource } from './gap-dimensions.js';
export { CycleSnapshot, GapSnapshotCell } from './snapshots/gap-snapshot.entity.js';
export { GAP_GRAINS } from './snapshots/gap-snapshots.repository.js';
export { GapSnapshotsService } from './snapshots/gap-snapshots.service.js';
