import { describe, expect, it } from 'vitest';
import { siblingsToSuppress } from './suppression.js';

const hidden = (counts: number[], k = 5): number[] =>
  [...siblingsToSuppress(counts, (n) => n, k)].sort((a, b) => a - b);

describe('siblingsToSuppress', () => {
  it('shows every cell when each rests on at least k people', () => {
    expect(hidden([5, 9, 12])).toEqual([]);
  });

  it('hides a small cell and, so that the total gives nothing away, the smallest other one until k are hidden', () => {
    // 3 alone hidden: total − 8 − 20 would give it back; 3 + 8 ≥ 5.
    expect(hidden([20, 3, 8])).toEqual([1, 2]);
    // Two small cells already hide 3 + 2 = 5 people: nothing more to hide.
    expect(hidden([3, 2, 40])).toEqual([0, 1]);
    // 1 + 1 = 2 < 5: the smallest shown cell goes too.
    expect(hidden([1, 1, 6, 9])).toEqual([0, 1, 2]);
  });

  it('leaves cells of no one shown (nothing to disclose) and follows k', () => {
    expect(hidden([0, 7, 0])).toEqual([]);
    expect(hidden([0, 2, 7, 0], 3)).toEqual([1, 2]);
    expect(hidden([4, 6], 3)).toEqual([]);
  });
});
