import { scopesFor, type Actor } from '@capability/platform';
import { staffScope, staffScopeSql } from '@capability/workforce';

/**
 * Which reviews an actor reaches with a permission: the reviewee's own, their current reporting chain
 * (team, as staff records are scoped), and, for heads of profession, the reviews whose snapshotted role
 * family they lead (the family the person's role level was in when the cycle opened, so a closed cycle's
 * readers do not change with later moves). Rendered as SQL over `r` (skill_reviews) and `s` (staff).
 */
export function reviewScopeSql(actor: Actor, permission: string, values: unknown[], form: 'set' | 'row'): string {
  const scope = staffScope(actor, permission);
  if (scope.kind !== 'some') return staffScopeSql(scope, 's', values, form);
  const parts: string[] = [];
  const people = { ...scope, families: [] };
  if (people.ownStaffId || people.teamOf) parts.push(staffScopeSql(people, 's', values, form));
  if (scope.families.length > 0) {
    values.push(scope.families);
    parts.push(`r.role_family_slug = ANY($${values.length}::text[])`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
}

/** Whether the actor holds `permission` at every scope (admin, HR). */
export function reachesAll(actor: Actor, permission: string): boolean {
  return scopesFor(actor, permission).includes('any');
}
