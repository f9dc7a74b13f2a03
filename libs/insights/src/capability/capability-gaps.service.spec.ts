import { describe, expect, it } from 'vitest';
import { suppressedGroups } from './capability-gaps.service.js';

const cells = (rows: [string[], number][]) => rows.map(([ids, people]) => ({ ids, people }));

describe('suppressedGroups', () => {
  it('hides nothing when every group has k or more people', () => {
    expect(
      suppressedGroups(
        cells([
          [['a'], 5],
          [['b'], 9],
        ]),
        5,
      ),
    ).toEqual(new Set());
  });

  it('hides a small group and the smallest other one, so the total minus the rest gives nothing away', () => {
    const hidden = suppressedGroups(
      cells([
        [['a'], 2],
        [['b'], 12],
        [['c'], 7],
        [['d'], 30],
      ]),
      5,
    );
    expect([...hidden].sort()).toEqual([0, 2]);
  });

  it('hides two small groups together when they rest on k people between them', () => {
    expect(
      [
        ...suppressedGroups(
          cells([
            [['a'], 2],
            [['b'], 3],
            [['c'], 9],
          ]),
          5,
        ),
      ].sort(),
    ).toEqual([0, 1]);
  });

  it('with two groupings protects a hidden cell in each direction (no line shows all but one hidden cell)', () => {
    // family × type: (x, p) is small. The overall set hides it and the smallest other, (y, q); then the row x and
    // the column p each hold one hidden cell, so a second one is hidden in each, and so on until stable.
    const grid = cells([
      [['x', 'p'], 2],
      [['x', 'q'], 20],
      [['y', 'p'], 30],
      [['y', 'q'], 6],
    ]);
    const hidden = suppressedGroups(grid, 5);
    expect([...hidden].sort()).toEqual([0, 1, 2, 3]);
    for (const line of [
      [0, 1],
      [2, 3],
      [0, 2],
      [1, 3],
    ]) {
      const inLine = line.filter((i) => hidden.has(i)).length;
      expect(inLine === 0 || inLine >= 2).toBe(true);
    }
  });

  it('leaves a grid with no small cell alone', () => {
    const grid = cells([
      [['x', 'p'], 5],
      [['x', 'q'], 20],
      [['y', 'p'], 30],
      [['y', 'q'], 6],
    ]);
    expect(suppressedGroups(grid, 5)).toEqual(new Set());
  });
});
