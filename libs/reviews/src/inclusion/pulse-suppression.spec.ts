import { describe, expect, it } from 'vitest';
import { cellsToSuppress, MIN_RESPONSES, resultCell } from './pulse-suppression.js';

describe('resultCell', () => {
  it('shows no figures at all below 5 responses', () => {
    for (const distribution of [
      [0, 0, 0, 0, 0],
      [1, 0, 0, 0, 0],
      [0, 1, 1, 1, 1],
      [4, 0, 0, 0, 0],
    ]) {
      expect(resultCell(distribution)).toEqual({ suppressed: true, responses: null, mean: null, distribution: null });
    }
  });

  it('shows count, mean and distribution from 5 responses up', () => {
    // 1×1 + 1×2 + 1×3 + 1×4 + 1×5 = 15 over 5 → 3
    expect(resultCell([1, 1, 1, 1, 1])).toEqual({
      suppressed: false,
      responses: 5,
      mean: 3,
      distribution: [1, 1, 1, 1, 1],
    });
    // (2×4 + 5×5) / 7 = 33 / 7 = 4.714… → 4.71
    expect(resultCell([0, 0, 0, 2, 5])).toMatchObject({ responses: 7, mean: 4.71 });
  });
});

describe('cellsToSuppress', () => {
  it('hides nothing when every cell has 5 or more', () => {
    expect([...cellsToSuppress([5, 9, 12])]).toEqual([]);
  });

  it('hides each small cell, and the next smallest when the hidden part alone is under 5 (else total − shown gives it away)', () => {
    // 3 hidden; 3 < 5, so the smallest shown (6, index 2) goes too: hidden 9.
    expect([...cellsToSuppress([10, 3, 6])].sort()).toEqual([1, 2]);
    // 2 + 4 = 6 hidden already: enough.
    expect([...cellsToSuppress([2, 4, 20])].sort()).toEqual([0, 1]);
    // A lone small cell with nothing else to hide beside it hides everything there is.
    expect([...cellsToSuppress([1, 30])].sort()).toEqual([0, 1]);
  });

  it('never leaves a hidden part under the minimum when anything is hidden', () => {
    const cases = [
      [1, 5, 5],
      [4, 5, 6, 7],
      [2, 2, 50],
      [3, 8],
    ];
    for (const counts of cases) {
      const hidden = cellsToSuppress(counts);
      const hiddenTotal = [...hidden].reduce((s, i) => s + counts[i]!, 0);
      const total = counts.reduce((a, b) => a + b, 0);
      expect(hiddenTotal === 0 || hiddenTotal >= MIN_RESPONSES || hiddenTotal === total, String(counts)).toBe(true);
      for (const [i, n] of counts.entries()) if (n < MIN_RESPONSES) expect(hidden.has(i)).toBe(true);
    }
  });
});
