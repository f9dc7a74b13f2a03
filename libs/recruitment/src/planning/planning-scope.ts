import { scopesFor, type Actor } from '@capability/platform';

/** The slug of the role family of the role level `roleLevelId` (a SQL expression), through its own version. */
export const familyOfRoleLevel = (roleLevelId: string): string =>
  `(SELECT rf.slug FROM role_levels rl JOIN roles r ON r.id = rl.role_id
     JOIN role_families rf ON rf.id = r.role_family_id WHERE rl.id = ${roleLevelId})`;

/** Appends `value` to `values` and returns its placeholder. */
function bind(values: unknown[], value: unknown, cast: string): string {
  values.push(value);
  return `$${values.length}::${cast}`;
}

/**
 * SQL over a vacancy row `alias` admitting the vacancies the actor's scopes of `permission` reach: everything
 * (`any`); those whose role level is in a family they lead (`profession`); those whose panel they sit on (`own`).
 */
export function vacancyScopeSql(actor: Actor, permission: string, alias: string, values: unknown[]): string {
  const scopes = scopesFor(actor, permission);
  if (scopes.includes('any')) return 'TRUE';
  const parts: string[] = [];
  if (scopes.includes('own')) {
    parts.push(`EXISTS (SELECT 1 FROM vacancy_panel_members pm
      WHERE pm.vacancy_id = ${alias}.id AND pm.user_id = ${bind(values, actor.userId, 'uuid')})`);
  }
  if (scopes.includes('profession') && actor.roleFamilies.length > 0) {
    parts.push(
      `${familyOfRoleLevel(`${alias}.role_level_id`)} = ANY(${bind(values, [...actor.roleFamilies], 'text[]')})`,
    );
  }
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'FALSE';
}

/**
 * SQL over a campaign row `alias`: everything (`any`); a campaign with a vacancy, or a gap role level, in a family
 * they lead (`profession`); a campaign with a vacancy whose panel they sit on (`own`).
 */
export function campaignScopeSql(actor: Actor, permission: string, alias: string, values: unknown[]): string {
  const scopes = scopesFor(actor, permission);
  if (scopes.includes('any')) return 'TRUE';
  const parts: string[] = [];
  if (scopes.includes('own')) {
    parts.push(`EXISTS (SELECT 1 FROM vacancies cv JOIN vacancy_panel_members pm ON pm.vacancy_id = cv.id
      WHERE cv.campaign_id = ${alias}.id AND pm.user_id = ${bind(values, actor.userId, 'uuid')})`);
  }
  if (scopes.includes('profession') && actor.roleFamilies.length > 0) {
    const families = bind(values, [...actor.roleFamilies], 'text[]');
    parts.push(`(EXISTS (SELECT 1 FROM vacancies cv
        WHERE cv.campaign_id = ${alias}.id AND ${familyOfRoleLevel('cv.role_level_id')} = ANY(${families}))
      OR EXISTS (SELECT 1 FROM campaign_gap_role_levels g
        WHERE g.campaign_id = ${alias}.id AND ${familyOfRoleLevel('g.role_level_id')} = ANY(${families})))`);
  }
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'FALSE';
}

/** SQL over an establishment row `alias`: everything (`any`); a role level in a family they lead (`profession`). */
export function establishmentScopeSql(actor: Actor, permission: string, alias: string, values: unknown[]): string {
  const scopes = scopesFor(actor, permission);
  if (scopes.includes('any')) return 'TRUE';
  if (scopes.includes('profession') && actor.roleFamilies.length > 0) {
    return `${familyOfRoleLevel(`${alias}.role_level_id`)} = ANY(${bind(values, [...actor.roleFamilies], 'text[]')})`;
  }
  return 'FALSE';
}

/**
 * The role families an actor's figures may cover: null for all (`any`), the families they lead (`profession`),
 * none otherwise.
 */
export function familiesInScope(actor: Actor, permission: string): string[] | null {
  const scopes = scopesFor(actor, permission);
  if (scopes.includes('any')) return null;
  return scopes.includes('profession') ? [...actor.roleFamilies] : [];
}
