import { scopesFor, type Actor } from '@capability/platform';
import { isUUID } from 'class-validator';

/**
 * Which staff records an actor reaches with a permission: everything, nothing, or the union of
 * their own record, their whole reporting chain (team) and the staff whose current primary role is
 * in a role family they lead (profession). Pure: repositories render it to SQL with the helpers below.
 */
export type StaffScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'some'; ownStaffId: string | null; teamOf: string | null; families: string[] };

export function staffScope(actor: Actor, permission: string): StaffScope {
  const scopes = scopesFor(actor, permission);
  if (scopes.includes('any')) return { kind: 'all' };
  const ownStaffId = scopes.includes('own') ? actor.staffId : null;
  const teamOf = scopes.includes('team') ? actor.staffId : null;
  const families = scopes.includes('profession') ? [...actor.roleFamilies] : [];
  if (!ownStaffId && !teamOf && families.length === 0) return { kind: 'none' };
  return { kind: 'some', ownStaffId, teamOf, families };
}

/**
 * How the team part is asked. `set`: everyone below the manager, walked down once (a hashed set the
 * rows are checked against): for lists and exports, which test many rows. `row`: the row's own line
 * walked up (at most the depth of the tree, by primary key) looking for the manager: for one record,
 * where walking a large team down would read every member to answer for one.
 */
export type ScopeForm = 'set' | 'row';

/** Below `manager` in the line-management tree (UNION, so a bad cycle cannot loop). */
const reportingChain = (alias: string, manager: string, form: ScopeForm): string =>
  form === 'set'
    ? `${alias}.id IN (WITH RECURSIVE chain AS (
      SELECT id FROM staff WHERE line_manager_id = ${manager}
      UNION
      SELECT s2.id FROM staff s2 JOIN chain ON s2.line_manager_id = chain.id
    ) SELECT id FROM chain)`
    : `EXISTS (WITH RECURSIVE up AS (
      SELECT line_manager_id AS id FROM staff WHERE id = ${alias}.id
      UNION
      SELECT s2.line_manager_id FROM staff s2 JOIN up ON s2.id = up.id
    ) SELECT 1 FROM up WHERE up.id = ${manager})`;

/** The person's current primary role is in one of the families. */
const inFamilies = (alias: string, families: string): string =>
  `EXISTS (SELECT 1 FROM role_assignments ra
      JOIN role_levels rl ON rl.id = ra.role_level_id
      JOIN roles r ON r.id = rl.role_id
      JOIN role_families rf ON rf.id = r.role_family_id
    WHERE ra.staff_id = ${alias}.id AND ra.is_primary
      AND ra.starts_on <= current_date AND (ra.ends_on IS NULL OR ra.ends_on > current_date)
      AND rf.slug = ANY(${families}))`;

/** The scope as SQL over `alias`, each value rendered by `value`: the one place the scope becomes SQL. */
function render(
  scope: StaffScope,
  alias: string,
  value: (v: string | string[]) => string,
  form: ScopeForm = 'set',
): string {
  if (scope.kind === 'all') return 'TRUE';
  if (scope.kind === 'none') return 'FALSE';
  const parts: string[] = [];
  if (scope.ownStaffId) parts.push(`${alias}.id = ${value(scope.ownStaffId)}`);
  if (scope.teamOf) parts.push(reportingChain(alias, value(scope.teamOf), form));
  if (scope.families.length > 0) parts.push(inFamilies(alias, value(scope.families)));
  return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
}

/**
 * For a raw statement with positional parameters: the condition, its values appended to `values`
 * (`$n` numbered after those already there). The text depends only on the scope's shape, so a
 * prepared statement built from it is shared by every actor of that shape.
 */
export function staffScopeSql(scope: StaffScope, alias: string, values: unknown[], form: ScopeForm = 'set'): string {
  return render(
    scope,
    alias,
    (v) => {
      values.push(v);
      return Array.isArray(v) ? `$${values.length}::text[]` : `$${values.length}::uuid`;
    },
    form,
  );
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * For `COPY (SELECT …) TO STDOUT`, which takes no bind parameters: the same condition with the values
 * inlined. Safe because every value is a uuid or a slug, checked here; anything else is refused.
 */
export function staffScopeLiteralCondition(scope: StaffScope, alias = 's'): string {
  return render(scope, alias, (v) => {
    const values = Array.isArray(v) ? v : [v];
    for (const item of values) {
      if (!isUUID(item) && !SLUG.test(item)) {
        throw new Error('Refusing to inline a value that is neither a uuid nor a slug');
      }
    }
    return Array.isArray(v) ? `ARRAY[${v.map((x) => `'${x}'`).join(', ')}]::text[]` : `'${v}'::uuid`;
  });
}
