import { scopesFor, type Actor } from '@capability/platform';

/**
 * The permissions of applications. Their names are auth's `Permission` values; an e2e test checks they stay equal.
 *
 * Scopes: `any` (HR, admins) every application; `own` (everyone) the applications to the vacancies whose panel they
 * sit on. Moving applications, adding them and a vacancy's pipeline settings are HR's and admins' (`manage`).
 */
export const ApplicationPermission = {
  Read: 'application:read',
  Manage: 'application:manage',
  Score: 'application:score',
} as const;

/** Appends `value` to `values` and returns its placeholder. */
function bind(values: unknown[], value: unknown, cast: string): string {
  values.push(value);
  return `$${values.length}::${cast}`;
}

/**
 * SQL over a row `alias` with a `vacancy_id` column (an application, or `vacancy` for a vacancy's own id) admitting
 * what the actor's scopes of `permission` reach: everything (`any`); what belongs to a vacancy whose panel they sit on
 * (`own`).
 */
export function pipelineScopeSql(actor: Actor, permission: string, vacancyIdSql: string, values: unknown[]): string {
  const scopes = scopesFor(actor, permission);
  if (scopes.includes('any')) return 'TRUE';
  if (scopes.includes('own')) {
    return `EXISTS (SELECT 1 FROM vacancy_panel_members pm
      WHERE pm.vacancy_id = ${vacancyIdSql} AND pm.user_id = ${bind(values, actor.userId, 'uuid')})`;
  }
  return 'FALSE';
}

/**
 * Whether the actor sees candidates whole (HR and admins). Everyone else reading an application is a panel member:
 * name-blind while it is in sift, and never shown a Disability Confident opt-in (that is HR's to apply).
 */
export function seesCandidatesWhole(actor: Actor): boolean {
  return scopesFor(actor, 'candidate:read').includes('any');
}
