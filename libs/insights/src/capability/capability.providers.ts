import type { Provider, Type } from '@nestjs/common';
import { CalibrationRepository } from './calibration.repository.js';
import { CalibrationService } from './calibration.service.js';
import { CapabilityGapsRepository } from './capability-gaps.repository.js';
import { CapabilityGapsService } from './capability-gaps.service.js';
import { CapabilityHeatmapService } from './capability-heatmap.service.js';
import { CapabilityTrendRepository } from './capability-trend.repository.js';
import { CapabilityTrendService } from './capability-trend.service.js';
import { CycleSnapshot, GapSnapshotCell } from './snapshots/gap-snapshot.entity.js';
import { GapSnapshotsRepository } from './snapshots/gap-snapshots.repository.js';
import { GapSnapshotsService } from './snapshots/gap-snapshots.service.js';
import { SnapshotCyclesJob } from './snapshots/snapshot-cycles.job.js';

/**
 * Capability: the gap report, the heatmap (JSON and SVG), trends across cycles, calibration; snapshots of closed cycles.
 * Entities (snapshot tables only: insights writes nothing else), providers and the services other modules may use,
 * gathered here for InsightsModule.
 */
export const CAPABILITY_INSIGHTS_ENTITIES: Type[] = [GapSnapshotCell, CycleSnapshot];
export const CAPABILITY_INSIGHTS_SERVICES: Type[] = [
  CapabilityGapsService,
  CapabilityHeatmapService,
  CapabilityTrendService,
  CalibrationService,
  GapSnapshotsService,
];
export const CAPABILITY_INSIGHTS_PROVIDERS: Provider[] = [
  CapabilityGapsRepository,
  CapabilityTrendRepository,
  CalibrationRepository,
  GapSnapshotsRepository,
  SnapshotCyclesJob,
  ...CAPABILITY_INSIGHTS_SERVICES,
];
