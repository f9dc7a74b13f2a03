import type { Provider, Type } from '@nestjs/common';

/**
 * Capability: the gap report, the heatmap (JSON and SVG), trends across cycles, calibration; snapshots of closed cycles.
 * Entities (snapshot tables only: insights writes nothing else), providers and the services other modules may use,
 * gathered here for InsightsModule.
 */
export const CAPABILITY_INSIGHTS_ENTITIES: Type[] = [];
export const CAPABILITY_INSIGHTS_PROVIDERS: Provider[] = [];
export const CAPABILITY_INSIGHTS_SERVICES: Type[] = [];
