import { describe, expect, it } from 'vitest';
import { suppressCells } from './diversity.js';

const cells = (counts: Record<string, number>) => Object.entries(counts).map(([answer, count]) => ({ answer, count }));
const hidden = (counts: Record<string, number>) =>
  suppressCells(
    cells(counts),
    Object.values(counts).reduce((a, b) => a + b, 0),
  )
    .filter((c) => c.suppressed)
    .map((c) => c.answer);

describe('suppressCells', () => {
  it('shows every cell of 5 or more when none is smaller', () => {
    expect(hidden({ a: 5, b: 12, c: 7 })).toEqual([]);
    expect(suppressCells(cells({ a: 5, b: 12 }), 17)).toEqual([
      { answer: 'a', count: 5, suppressed: false },
      { answer: 'b', count: 12, suppressed: false },
    ]);
  });

  it('hides a lone small cell and the smallest shown one with it (ties by answer)', () => {
    expect(hidden({ a: 3, b: 12, c: 7 })).toEqual(['a', 'c']);
    expect(hidden({ a: 9, b: 6, c: 6, d: 1 })).toEqual(['b', 'd']);
  });

  it('counts zero as small', () => {
    expect(hidden({ a: 0, b: 20, c: 9 })).toEqual(['a', 'c']);
  });

  it('needs no second cell when two are hidden already', () => {
    expect(hidden({ a: 1, b: 2, c: 30 })).toEqual(['a', 'b']);
  });

  it('hides everything under a total of 5', () => {
    expect(hidden({ a: 4, b: 0 })).toEqual(['a', 'b']);
  });
});
