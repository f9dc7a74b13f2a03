import { describe, expect, it } from 'vitest';
import { expectedNow, share } from './plan-progress.js';

describe('plan progress', () => {
  it('follows a straight line from the baseline at the start to the target at the due date', () => {
    expect(expectedNow(40, 70, '2026-01-01', '2026-01-31', '2025-12-01')).toBe(40);
    expect(expectedNow(40, 70, '2026-01-01', '2026-01-31', '2026-01-16')).toBe(55);
    expect(expectedNow(40, 70, '2026-01-01', '2026-01-31', '2026-03-01')).toBe(70);
    expect(expectedNow(10, 20, '2026-01-01', '2026-01-01', '2026-01-01')).toBe(20);
  });

  it('suppresses groups under 5 and rounds to one decimal', () => {
    expect(share(4, 4)).toBeNull();
    expect(share(5, 0)).toBe(0);
    expect(share(6, 1)).toBe(16.7);
    expect(share(3, 3)).toBeNull();
  });
});
