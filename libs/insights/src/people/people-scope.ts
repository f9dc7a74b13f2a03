import { scopesFor, ValidationFailedError, type Actor } from '@capability/platform';
import { staffScopeSql, today } from '@capability/workforce';
import { PeopleInsightsFamilyNotAllowed, PeopleInsightsNotAllowed } from './people.errors.js';

/**
 * Whose figures a reader of a people report sees: everyone (HR, admins), the staff whose role (on the day counted)
 * is in a family they lead (heads of profession), or their reporting chain (line managers), in aggregate.
 */
export type PeopleScope =
  { kind: 'all' } | { kind: 'families'; families: string[] } | { kind: 'chain'; managerStaffId: string };

/**
 * The reader's scope of `permission`: `any` first, then `profession` (with families), then `team` when they manage
 * someone (`managesAnyone`); anything else is a 403. A family asked for outside a head of profession's is a 403 too.
 */
export async function peopleScope(
  actor: Actor,
  permission: string,
  report: string,
  roleFamily: string | undefined,
  managesAnyone: (staffId: string) => Promise<boolean>,
): Promise<PeopleScope> {
  const scopes = scopesFor(actor, permission);
  if (scopes.includes('any')) return { kind: 'all' };
  if (scopes.includes('profession') && actor.roleFamilies.length > 0) {
    if (roleFamily && !actor.roleFamilies.includes(roleFamily)) throw new PeopleInsightsFamilyNotAllowed(roleFamily);
    return { kind: 'families', families: [...actor.roleFamilies] };
  }
  if (scopes.includes('team') && actor.staffId && (await managesAnyone(actor.staffId))) {
    return { kind: 'chain', managerStaffId: actor.staffId };
  }
  throw new PeopleInsightsNotAllowed(report);
}

/**
 * Whether the actor reads a people report at all with `permission`: HR and admins, heads of profession with families,
 * and line managers (`team`) who manage someone. The API refuses anyone else before the service runs (a 403 as for a
 * missing permission); the service checks again through peopleScope.
 */
export async function readsPeopleInsights(
  actor: Actor,
  permission: string,
  managesAnyone: (staffId: string) => Promise<boolean>,
): Promise<boolean> {
  const scopes = scopesFor(actor, permission);
  if (scopes.includes('any')) return true;
  if (scopes.includes('profession') && actor.roleFamilies.length > 0) return true;
  return scopes.includes('team') && actor.staffId !== null && (await managesAnyone(actor.staffId));
}

/** The families a scope limits the figures to (null: no limit). */
export const scopeFamilies = (scope: PeopleScope): string[] | null =>
  scope.kind === 'families' ? scope.families : null;

/** SQL over a staff row `alias`: in the reporting chain for `chain`, TRUE otherwise (families are filtered by role). */
export function chainSql(scope: PeopleScope, alias: string, values: unknown[]): string {
  if (scope.kind !== 'chain') return 'TRUE';
  return staffScopeSql({ kind: 'some', ownStaffId: null, teamOf: scope.managerStaffId, families: [] }, alias, values);
}

export type PeriodInterval = 'month' | 'quarter' | 'year';

/** One period of a trend: its label and the day it is counted on (its last day, or `to` when that comes first). */
export interface Period {
  period: string;
  day: string;
}

/** The most periods a trend spans (a longer range is a 400). */
export const MAX_PERIODS = 120;

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (year: number, month0: number): string =>
  new Date(Date.UTC(year, month0 + 1, 0)).toISOString().slice(0, 10);

/** The periods from the one holding `from` to the one holding `to`, each counted on its last day (at most `to`). */
export function periods(from: string, to: string, interval: PeriodInterval): Period[] {
  const step = interval === 'month' ? 1 : interval === 'quarter' ? 3 : 12;
  const start = (d: string): number => {
    const months = Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
    return months - (months % step);
  };
  const out: Period[] = [];
  for (let m = start(from); m <= start(to); m += step) {
    const year = Math.floor(m / 12);
    const month0 = m % 12;
    const label =
      interval === 'month'
        ? `${year}-${pad(month0 + 1)}`
        : interval === 'quarter'
          ? `${year}-Q${month0 / 3 + 1}`
          : `${year}`;
    const end = lastDay(year, month0 + step - 1);
    out.push({ period: label, day: end < to ? end : to });
  }
  return out;
}

/** The report's range: `to` defaults to today, `from` to the first day of the month eleven months before `to`'s. */
export function range(query: { from?: string; to?: string }, interval: PeriodInterval): { from: string; to: string } {
  const to = query.to ?? today();
  let from = query.from;
  if (!from) {
    const d = new Date(`${to.slice(0, 7)}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - (interval === 'year' ? 36 : 11));
    from = d.toISOString().slice(0, 10);
  }
  if (from > to) throw new ValidationFailedError([{ field: 'from', message: 'from must not be after to' }]);
  if (periods(from, to, interval).length > MAX_PERIODS) {
    throw new ValidationFailedError([{ field: 'from', message: `the range spans more than ${MAX_PERIODS} periods` }]);
  }
  return { from, to };
}
