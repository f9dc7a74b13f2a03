import { scopesFor, type Actor } from '@capability/platform';

/**
 * Which staff records an actor reaches with a permission: everything, nothing, or the union of
 * their own record, their whole reporting chain (team) and the staff whose current primary role is
 * in a role family they lead (profession). Pure: services render it to SQL with the helpers below.
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

/** Everyone below `managerParam` in the line-management tree (UNION, so a bad cycle cannot loop). */
const reportingChain = (alias: string, manager: string): string =>
  `${alias}.id IN (WITH RECURSIVE chain AS (
      SELECT id FROM staff WHERE line_manager_id = ${manager}
      UNION
      SELECT s2.id FROM staff s2 JOIN chain ON s2.line_manager_id = chain.id
    ) SELECT id FROM chain)`;

/** The person's current primary role is in one of the families. */
const inFamilies = (alias: string, families: string): string =>
  `EXISTS (SELECT 1 FROM role_assignments ra
      JOIN role_levels rl ON rl.id = ra.role_level_id
      JOIN roles r ON r.id = rl.role_id
      JOIN role_families rf ON rf.id = r.role_family_id
    WHERE ra.staff_id = ${alias}.id AND ra.is_primary
      AND ra.starts_on <= current_date AND (ra.ends_on IS NULL OR ra.ends_on > current_date)
      AND rf.slug = ANY(${families}))`;

function render(scope: StaffScope, alias: string, value: (name: string, v: string | string[]) => string): string {
  if (scope.kind === 'all') return 'TRUE';
  if (scope.kind === 'none') return 'FALSE';
  const parts: string[] = [];
  if (scope.ownStaffId) parts.push(`${alias}.id = ${value('scopeOwn', scope.ownStaffId)}`);
  if (scope.teamOf) parts.push(reportingChain(alias, value('scopeManager', scope.teamOf)));
  if (scope.families.length > 0) parts.push(inFamilies(alias, value('scopeFamilies', scope.families)));
  return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
}

/** For a QueryBuilder: a condition with named parameters (`:scopeOwn`, `:scopeManager`, `:scopeFamilies`). */
export function staffScopeCondition(scope: StaffScope, alias = 's'): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const sql = render(scope, alias, (name, v) => {
    params[name] = v;
    return `:${name}`;
  });
  return { sql, params };
}

/**
 * For a raw statement with positional parameters: the condition, its values appended to `values`
 * (`$n` numbered after those already there). The text depends only on the scope's shape, so a
 * prepared statement built from it is shared by every actor of that shape.
 */
export function staffScopeSql(scope: StaffScope, alias: string, values: unknown[]): string {
  return render(scope, alias, (_name, v) => {
    values.push(v);
    return Array.isArray(v) ? `$${values.length}::text[]` : `$${values.length}::uuid`;
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * For `COPY (SELECT …) TO STDOUT`, which takes no bind parameters: the same condition with the values
 * inlined. Safe because every value is a uuid or a slug, checked here; anything else is refused.
 */
export function staffScopeLiteralCondition(scope: StaffScope, alias = 's'): string {
  return render(scope, alias, (_name, v) => {
    const values = Array.isArray(v) ? v : [v];
    for (const item of values) {
      if (!UUID.test(item) && !SLUG.test(item)) {
        throw new Error('Refusing to inline a value that is neither a uuid nor a slug');
      }
    }
    return Array.isArray(v) ? `ARRAY[${v.map((x) => `'${x}'`).join(', ')}]::text[]` : `'${v}'::uuid`;
  });
}
