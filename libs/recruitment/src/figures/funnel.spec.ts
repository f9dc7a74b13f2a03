import { describe, expect, it } from 'vitest';
import { PIPELINE_STAGES } from '../applications/pipeline.js';
import { FUNNEL_STAGES, percent, suppress } from './funnel.js';

describe('recruitment figures: funnel helpers', () => {
  it('walks the main line of the pipeline in its order', () => {
    const order = FUNNEL_STAGES.map((s) => PIPELINE_STAGES.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(FUNNEL_STAGES).not.toContain('reserve');
  });

  it('gives percentages to 1 decimal, half up, and none of nothing', () => {
    expect(percent(3, 80)).toBe(3.8);
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(5, 5)).toBe(100);
    expect(percent(0, 7)).toBe(0);
    expect(percent(1, 0)).toBeNull();
    expect(percent(null, 10)).toBeNull();
    expect(percent(3, null)).toBeNull();
  });

  it('suppresses counts from 1 to 4 only', () => {
    expect([0, 1, 2, 3, 4, 5, 17].map(suppress)).toEqual([0, null, null, null, null, 5, 17]);
  });
});
