import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { currentPrimaryAssignmentSql } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import { chainSql, scopeFamilies, type PeopleScope, type Period } from './people-scope.js';

export interface InclusionFilter {
  unitId: string | null;
  roleFamily: string | null;
  scope: PeopleScope;
}

/** How many people of a unit group were at `level` (null: never assessed) on the day. */
export interface LevelCount {
  unitId: string;
  unitCode: string;
  unitName: string;
  level: number | null;
  people: number;
}

export interface PeriodLevelCount {
  period: string;
  level: number | null;
  people: number;
}

/** How many gave each rating to one statement of a closed pulse. */
export interface PulseRatingCount {
  pulseId: string;
  title: string;
  closesOn: string;
  statementIndex: number;
  statement: string;
  rating: number;
  count: number;
}

const FAMILY_OF = (alias: string, day: string): string =>
  currentPrimaryAssignmentSql(
    alias,
    day,
    'rf.slug',
    'JOIN role_levels rl ON rl.id = ra.role_level_id JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id',
  );

/** The person's level on `day`: their latest assessment by then (by date, then when recorded). */
const LEVEL_ON = (alias: string, day: string): string =>
  `(SELECT a.level FROM inclusion_assessments a WHERE a.staff_id = ${alias}.id AND a.assessed_on <= ${day}
     ORDER BY a.assessed_on DESC, a.created_at DESC, a.id DESC LIMIT 1)`;

/**
 * Staff counted on `day`: in post, in the unit's subtree, in the reader's chain, and (when a family is asked for or
 * the reader is limited to families) whose primary role that day is in it.
 */
function counted(day: string, unit: string, family: string, families: string, chain: string): string {
  return `(s.start_date IS NULL OR s.start_date <= ${day}) AND (s.leaving_date IS NULL OR s.leaving_date > ${day})
    AND (${unit}::uuid IS NULL OR u.path @> ARRAY[${unit}::uuid]) AND ${chain}
    AND (${family}::text IS NULL OR ${FAMILY_OF('s', day)} = ${family})
    AND (${families}::text[] IS NULL OR ${FAMILY_OF('s', day)} = ANY(${families}::text[]))`;
}

/**
 * The inclusion report's SQL: people by digital-inclusion level (their latest assessment), per unit under the one
 * asked for, on a day and over periods; closed awareness pulses' ratings (the same tables the pulse results read).
 */
@Injectable()
export class InclusionInsightsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * Per unit group (each child of `unitId`, or `unitId` itself for its own staff; the top-level units without one)
   * and level, the people counted on `day`.
   */
  async levelsByUnit(filter: InclusionFilter, day: string): Promise<LevelCount[]> {
    const values: unknown[] = [day, filter.unitId, filter.roleFamily, scopeFamilies(filter.scope)];
    const chain = chainSql(filter.scope, 's', values);
    return this.txHost.tx.query<LevelCount[]>(
      `WITH depth AS (SELECT coalesce((SELECT cardinality(path) FROM organisation_units WHERE id = $2::uuid), 0) AS d),
       people AS (
         SELECT coalesce(u.path[(SELECT d FROM depth) + 1], u.id) AS group_id, ${LEVEL_ON('s', '$1::date')} AS level
           FROM staff s JOIN organisation_units u ON u.id = s.unit_id
          WHERE ${counted('$1::date', '$2', '$3', '$4', chain)})
       SELECT g.id AS "unitId", g.code AS "unitCode", g.name AS "unitName", p.level, count(*)::int AS people
         FROM people p JOIN organisation_units g ON g.id = p.group_id
        GROUP BY g.id, g.code, g.name, p.level
        ORDER BY g.code COLLATE "C", g.id, p.level`,
      values,
    );
  }

  /** Per period and level, the people counted on the period's day. */
  async levelsByPeriod(filter: InclusionFilter, periods: Period[]): Promise<PeriodLevelCount[]> {
    const values: unknown[] = [
      periods.map((p) => p.period),
      periods.map((p) => p.day),
      filter.unitId,
      filter.roleFamily,
      scopeFamilies(filter.scope),
    ];
    const chain = chainSql(filter.scope, 's', values);
    return this.txHost.tx.query<PeriodLevelCount[]>(
      `SELECT d.period, ${LEVEL_ON('s', 'd.day')} AS level, count(*)::int AS people
         FROM unnest($1::text[], $2::date[]) AS d(period, day)
         JOIN staff s ON TRUE JOIN organisation_units u ON u.id = s.unit_id
        WHERE ${counted('d.day', '$3', '$4', '$5', chain)}
        GROUP BY d.period, 2`,
      values,
    );
  }

  /**
   * For every closed pulse closing within [from, to] (oldest first), how many gave each rating to each statement,
   * counting the answers from the unit's subtree (all without one).
   */
  async pulseRatings(unitId: string | null, from: string, to: string): Promise<PulseRatingCount[]> {
    return this.txHost.tx.query<PulseRatingCount[]>(
      `SELECT p.id AS "pulseId", p.title, to_char(p.closes_on, 'YYYY-MM-DD') AS "closesOn",
              (r.idx - 1)::int AS "statementIndex", p.statements ->> (r.idx - 1)::int AS statement,
              r.rating::int AS rating, count(*)::int AS count
         FROM pulses p JOIN pulse_answers a ON a.pulse_id = p.id
         JOIN organisation_units u ON u.id = a.unit_id,
              unnest(a.ratings) WITH ORDINALITY AS r(rating, idx)
        WHERE p.state = 'closed' AND p.closes_on BETWEEN $2::date AND $3::date
          AND ($1::uuid IS NULL OR u.path @> ARRAY[$1::uuid])
        GROUP BY p.id, p.title, p.closes_on, r.idx, r.rating
        ORDER BY p.closes_on, p.id, r.idx, r.rating`,
      [unitId, from, to],
    );
  }
}
