import { describe, expect, it } from 'vitest';
import { UNIT_TYPES, type UnitType } from './organisation-unit.entity.js';
import { unitPlacementProblem } from './organisation-unit.rules.js';

describe('unitPlacementProblem', () => {
  const allowed: [UnitType, UnitType | null][] = [
    ['department', null],
    ['agency', 'department'],
    ['directorate', 'department'],
    ['directorate', 'agency'],
    ['directorate', 'directorate'],
    ['team', 'department'],
    ['team', 'agency'],
    ['team', 'directorate'],
  ];

  it.each(allowed)('lets a %s sit under %s', (type, parent) => {
    expect(unitPlacementProblem(type, parent)).toBeNull();
  });

  it('refuses every other placement, saying why', () => {
    const all: (UnitType | null)[] = [null, ...UNIT_TYPES];
    const refused = UNIT_TYPES.flatMap((type) =>
      all.filter((parent) => !allowed.some(([t, p]) => t === type && p === parent)).map((parent) => [type, parent]),
    ) as [UnitType, UnitType | null][];

    expect(refused).toContainEqual(['team', 'team']);
    expect(refused).toContainEqual(['department', 'department']);
    expect(refused).toContainEqual(['agency', null]);
    for (const [type, parent] of refused) {
      expect(unitPlacementProblem(type, parent), `${type} under ${parent}`).toEqual(expect.any(String));
    }
  });
});
