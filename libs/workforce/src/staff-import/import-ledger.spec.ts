import { describe, expect, it } from 'vitest';
import { ImportLedger, type StaffDirectory } from './import-ledger.js';
import type { ImportRowError } from './staff-import.errors.js';

/** Staff already in the service: number → manager (or null). */
function directory(inService: Record<string, string | null>): StaffDirectory & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    existing: (numbers) => Promise.resolve(new Set(numbers.filter((n) => n in inService))),
    managersOf: (numbers) => {
      asked.push(numbers);
      return Promise.resolve(
        new Map(numbers.flatMap((n) => (inService[n] ? [[n, inService[n]] as [string, string]] : []))),
      );
    },
  };
}

async function check(rows: [string, string | null][], inService: Record<string, string | null> = {}) {
  const ledger = new ImportLedger();
  const errors: ImportRowError[] = [];
  rows.forEach(([number, manager], i) => ledger.add(i + 2, number, manager, (e) => errors.push(e)));
  const dir = directory(inService);
  await ledger.checkManagers(dir, (e) => errors.push(e));
  await ledger.checkCycles(dir, (e) => errors.push(e));
  return { errors, asked: dir.asked };
}

describe('ImportLedger', () => {
  it('reports a repeated staff number on its second row', async () => {
    const { errors } = await check([
      ['A', null],
      ['B', 'A'],
      ['A', null],
    ]);
    expect(errors).toEqual([{ row: 4, column: 'staff_number', message: 'Staff number A is also on row 2' }]);
  });

  it('finds managers in the file or the service, and reports the rest', async () => {
    const { errors } = await check(
      [
        ['A', 'M'],
        ['B', 'A'],
        ['C', 'X'],
      ],
      { M: null },
    );
    expect(errors).toEqual([
      {
        row: 4,
        column: 'line_manager_staff_number',
        message: 'Line manager X is neither in this file nor in the service',
      },
    ]);
  });

  it('reports every row on a cycle, and self-management, but not rows that merely lead into a cycle', async () => {
    const { errors } = await check([
      ['A', 'C'],
      ['B', 'A'],
      ['C', 'B'],
      ['D', 'A'],
      ['E', 'E'],
    ]);
    expect(errors.map((e) => e.row).sort()).toEqual([2, 3, 4, 6]);
    expect(errors.find((e) => e.row === 6)?.message).toBe('A person cannot be their own line manager');
    expect(errors.find((e) => e.row === 2)?.message).toBe('Line management would go round in a circle: A → C → B → A');
  });

  it('follows chains through staff who are only in the service, asking level by level', async () => {
    const { errors, asked } = await check([['A', 'X']], { X: 'Y', Y: 'A' });
    expect(errors).toEqual([
      {
        row: 2,
        column: 'line_manager_staff_number',
        message: 'Line management would go round in a circle: A → X → Y → A',
      },
    ]);
    expect(asked).toEqual([['X'], ['Y']]);
  });

  it('ignores a cycle among staff the file does not touch', async () => {
    const { errors } = await check([['A', 'X']], { X: 'Y', Y: 'X' });
    expect(errors).toEqual([]);
  });

  it('walks a long chain in linear time without recursion, and shortens the message of a long cycle', async () => {
    const n = 200_000;
    const rows: [string, string | null][] = Array.from({ length: n }, (_, i) => [
      `P${i}`,
      i === 0 ? `P${n - 1}` : `P${i - 1}`,
    ]);
    // No stopwatch (timed assertions flake on a busy machine): 200,000 links overflow the stack if walked by
    // recursion, and a quadratic walk (2 × 10^10 steps) runs far past the test timeout.
    const { errors } = await check(rows);
    expect(errors).toHaveLength(n);
    expect(errors[0]?.message).toMatch(/^Line management would go round in a circle: P0 → P\d+ → .* → … → .* → P0$/);
  });
});
