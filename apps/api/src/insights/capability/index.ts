import type { Type } from '@nestjs/common';
import { CalibrationController } from './calibration.controller.js';
import { CapabilityGapsController } from './capability-gaps.controller.js';
import { CapabilityHeatmapController } from './capability-heatmap.controller.js';
import { CapabilityTrendController } from './capability-trend.controller.js';

/** Capability: the gap report, the heatmap (JSON and SVG), trends across cycles, calibration; snapshots of closed cycles. Controllers for InsightsApiModule. */
export const CAPABILITY_INSIGHTS_CONTROLLERS: Type[] = [
  CapabilityGapsController,
  CapabilityHeatmapController,
  CapabilityTrendController,
  CalibrationController,
];
