import type { PipelineStage } from '../applications/pipeline.js';

/**
 * The funnel's stages, in pipeline order: the main line an application takes to appointment (`pipeline.ts`). The
 * reserve list is a side branch (counted apart), rejected and withdrawn are exits (counted per stage left). An
 * application "reached" a stage when it ever moved into it or into a later one, so a vacancy without an assessment
 * stage counts everyone past the interview as through it, and every count is at most the one before.
 */
export const FUNNEL_STAGES = [
  'applied',
  'sift',
  'interview',
  'assessment',
  'offer',
  'pre-employment-checks',
  'appointed',
] as const satisfies readonly PipelineStage[];
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Counts from 1 to this are suppressed in a head of profession's per-source figures (a cell of fewer than 5). */
export const SMALL_NUMBER_MAX = 4;

/** `part` as a percentage of `whole`, to 1 decimal; null when `whole` is 0 or either is unknown (suppressed). */
export function percent(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

/** A count as a head of profession may see it: 1–4 suppressed (null); 0 and 5 or more as they are. */
export function suppress(n: number): number | null {
  return n >= 1 && n <= SMALL_NUMBER_MAX ? null : n;
}
