import type { UnitType } from './organisation-unit.entity.js';

/**
 * Which unit types may sit directly under which: department → agency or directorate → team. A
 * department is a root; an agency sits under a department; a directorate under a department, an agency
 * or another directorate; a team under anything but a team.
 */
const ALLOWED_PARENTS: Record<UnitType, readonly UnitType[]> = {
  department: [],
  agency: ['department'],
  directorate: ['department', 'agency', 'directorate'],
  team: ['department', 'agency', 'directorate'],
};

/** Why a unit of `type` may not have a parent of `parentType` (null: no parent), or null when it may. */
export function unitPlacementProblem(type: UnitType, parentType: UnitType | null): string | null {
  const allowed = ALLOWED_PARENTS[type];
  if (parentType === null) {
    return allowed.length === 0 ? null : `A ${type} needs a parent (one of: ${allowed.join(', ')})`;
  }
  if (allowed.length === 0) return `A ${type} is the top of a tree and has no parent`;
  return allowed.includes(parentType)
    ? null
    : `A ${type} may not sit under a ${parentType} (allowed parents: ${allowed.join(', ')})`;
}
