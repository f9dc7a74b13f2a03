import {
  decodeCursor,
  pageFrom,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  updateIfVersion,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { currentPrimaryAssignmentSql } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import { ActionPlanAction } from './action-plan-action.entity.js';
import { ActionPlanPriority } from './action-plan-priority.entity.js';
import { ActionPlan, type PlanStatus } from './action-plan.entity.js';

export type NewPlanRow = Pick<
  ActionPlan,
  'title' | 'unitId' | 'roleFamilySlug' | 'ownerUserId' | 'startsOn' | 'endsOn' | 'createdByUserId'
>;
export type PlanPatch = Partial<
  Pick<ActionPlan, 'title' | 'ownerUserId' | 'startsOn' | 'endsOn' | 'status' | 'activatedAt' | 'closedAt'>
>;
export type NewPriorityRow = Pick<
  ActionPlanPriority,
  'planId' | 'targetKind' | 'skillSlug' | 'roleLevelSlug' | 'targetValue' | 'dueOn' | 'baselineValue' | 'baselineAt'
>;
export type NewActionRow = Pick<
  ActionPlanAction,
  'priorityId' | 'kind' | 'learningItemId' | 'groupUnitId' | 'groupRoleLevelSlug' | 'description' | 'owner' | 'dueOn'
>;
export type ActionPatch = Partial<
  Pick<ActionPlanAction, 'description' | 'owner' | 'dueOn' | 'status' | 'groupUnitId' | 'groupRoleLevelSlug'>
>;

export interface PlanFilter {
  status?: PlanStatus;
}

/** Whom a plan covers: a unit's subtree or a role family's people, optionally one role level. */
export interface MeasureScope {
  unitId: string | null;
  roleFamilySlug: string | null;
  roleLevelSlug: string | null;
}

/** Whom a plan covers: its unit and the unit's subtree, or its role family (exactly one). */
export interface PlanScope {
  unitId: string | null;
  roleFamilySlug: string | null;
}

/** A person named by a learning action. */
export interface ActionPersonRow {
  actionId: string;
  staffId: string;
  fullName: string;
}

/** A shadowing action's pair, with both names. */
export interface ActionPairRow {
  actionId: string;
  mentorStaffId: string;
  mentorName: string;
  menteeStaffId: string;
  menteeName: string;
}

/** A learning action's people now, and how many of them have completed its item (verified) since the plan began. */
export interface ActionReach {
  actionId: string;
  people: number;
  completed: number;
}

/** People counted and of them those meeting the target's condition. */
export interface Measured {
  people: number;
  meeting: number;
}

const ACTIVE = '(s.leaving_date IS NULL OR s.leaving_date > current_date)';

/** The slug of the current primary role level of staff `s` (null without one). */
const CURRENT_LEVEL = `(SELECT rl.slug FROM role_levels rl
   WHERE rl.id = ${currentPrimaryAssignmentSql('s', 'current_date', 'ra.role_level_id')})`;

/**
 * SQL over staff `s` admitting an active member of staff (not a leaver) the plan covers now: in its unit's subtree,
 * or holding a current primary role in its family (as inclusion-share counts them). Its value is pushed onto `values`.
 */
function coveredSql(scope: PlanScope, values: unknown[]): string {
  if (scope.unitId) {
    values.push(scope.unitId);
    return `${ACTIVE} AND s.unit_id IN (SELECT ou.id FROM organisation_units ou WHERE ou.path @> ARRAY[$${values.length}::uuid])`;
  }
  values.push(scope.roleFamilySlug);
  return `${ACTIVE} AND EXISTS (
      SELECT 1 FROM role_levels rl JOIN roles ro ON ro.id = rl.role_id JOIN role_families rf ON rf.id = ro.role_family_id
       WHERE rl.id = ${currentPrimaryAssignmentSql('s', 'current_date', 'ra.role_level_id')} AND rf.slug = $${values.length})`;
}

const PLAN_DATES = `to_char(p.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(p.ends_on, 'YYYY-MM-DD') AS ends_on`;

interface RawPlan {
  id: string;
  title: string;
  unit_id: string | null;
  role_family_slug: string | null;
  owner_user_id: string;
  starts_on: string;
  ends_on: string;
  status: PlanStatus;
  activated_at: Date | null;
  closed_at: Date | null;
  created_by_user_id: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

function planFromRaw(raw: RawPlan): ActionPlan {
  return Object.assign(new ActionPlan(), {
    id: raw.id,
    title: raw.title,
    unitId: raw.unit_id,
    roleFamilySlug: raw.role_family_slug,
    ownerUserId: raw.owner_user_id,
    startsOn: raw.starts_on,
    endsOn: raw.ends_on,
    status: raw.status,
    activatedAt: raw.activated_at,
    closedAt: raw.closed_at,
    createdByUserId: raw.created_by_user_id,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    version: raw.version,
  });
}

@Injectable()
export class ActionPlansRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get plans() {
    return this.txHost.tx.getRepository(ActionPlan);
  }

  private get priorities() {
    return this.txHost.tx.getRepository(ActionPlanPriority);
  }

  private get actions() {
    return this.txHost.tx.getRepository(ActionPlanAction);
  }

  /** The plan when `visible` (SQL over `p`; its values after `$1`, the id) admits it; `lock` locks it. */
  async find(id: string, visible: string, values: unknown[], lock = false): Promise<ActionPlan | null> {
    const rows: RawPlan[] = await this.txHost.tx.query(
      `SELECT p.*, ${PLAN_DATES} FROM action_plans p WHERE p.id = $1 AND ${visible} ${lock ? 'FOR UPDATE OF p' : ''}`,
      [id, ...values],
    );
    return rows[0] ? planFromRaw(rows[0]) : null;
  }

  /** Plans `visible` admits (SQL over `p`, its values after the filter's), newest first. */
  async list(filter: PlanFilter, visible: (values: unknown[]) => string, page: PageQuery): Promise<Page<ActionPlan>> {
    const values: unknown[] = [];
    const where: string[] = [];
    if (filter.status) {
      values.push(filter.status);
      where.push(`p.status = $${values.length}`);
    }
    if (page.cursor) {
      const [createdAt, id] = decodeCursor(page.cursor, 2);
      values.push(createdAt, id);
      where.push(`(p.created_at, p.id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
    }
    where.push(visible(values));
    values.push(page.limit + 1);
    const rows: RawPlan[] = await this.txHost.tx.query(
      `SELECT p.*, ${PLAN_DATES} FROM action_plans p WHERE ${where.join(' AND ')}
        ORDER BY p.created_at DESC, p.id DESC LIMIT $${values.length}`,
      values,
    );
    return pageFrom(rows.map(planFromRaw), page.limit, (last) => [last.createdAt.toISOString(), last.id]);
  }

  async insertPlan(row: NewPlanRow): Promise<string> {
    const result = await this.plans.createQueryBuilder().insert().values(row).returning('id').execute();
    return (result.identifiers[0] as { id: string }).id;
  }

  updatePlanIfVersion(id: string, version: number, patch: PlanPatch): Promise<ActionPlan | null> {
    return updateIfVersion(this.plans, id, version, patch);
  }

  priorityList(planId: string): Promise<ActionPlanPriority[]> {
    return this.priorities.find({ where: { planId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  priority(planId: string, id: string): Promise<ActionPlanPriority | null> {
    return this.priorities.findOne({ where: { planId, id } });
  }

  async insertPriority(row: NewPriorityRow): Promise<string> {
    const result = await this.priorities.createQueryBuilder().insert().values(row).returning('id').execute();
    return (result.identifiers[0] as { id: string }).id;
  }

  async setBaseline(id: string, value: string | null, at: Date): Promise<void> {
    await this.priorities.update({ id }, { baselineValue: value, baselineAt: at });
  }

  actionList(priorityIds: string[]): Promise<ActionPlanAction[]> {
    if (priorityIds.length === 0) return Promise.resolve([]);
    return this.actions
      .createQueryBuilder('a')
      .where('a.priority_id IN (:...ids)', { ids: priorityIds })
      .orderBy('a.created_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  /** The action when it belongs to a priority of `planId`, locked when `lock`. */
  async action(planId: string, id: string): Promise<ActionPlanAction | null> {
    return this.actions
      .createQueryBuilder('a')
      .innerJoin(ActionPlanPriority, 'pr', 'pr.id = a.priority_id')
      .where('a.id = :id AND pr.plan_id = :planId', { id, planId })
      .getOne();
  }

  async insertAction(row: NewActionRow): Promise<string> {
    const result = await this.actions.createQueryBuilder().insert().values(row).returning('id').execute();
    return (result.identifiers[0] as { id: string }).id;
  }

  updateActionIfVersion(id: string, version: number, patch: ActionPatch): Promise<ActionPlanAction | null> {
    return updateIfVersion(this.actions, id, version, patch);
  }

  async userExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query('SELECT 1 FROM users WHERE id = $1', [id]);
    return rows.length > 0;
  }

  async unitExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query('SELECT 1 FROM organisation_units WHERE id = $1', [id]);
    return rows.length > 0;
  }

  async currentFamily(slug: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      `SELECT 1 FROM role_families rf JOIN framework_versions v ON v.id = rf.version_id AND v.is_current
        WHERE rf.slug = $1`,
      [slug],
    );
    return rows.length > 0;
  }

  async currentSkill(slug: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      `SELECT 1 FROM skills sk JOIN framework_versions v ON v.id = sk.version_id AND v.is_current WHERE sk.slug = $1`,
      [slug],
    );
    return rows.length > 0;
  }

  /** The role family of a role level of the current framework, or null when there is no such level. */
  async currentRoleLevelFamily(slug: string): Promise<string | null> {
    const [row]: { family: string }[] = await this.txHost.tx.query(
      `SELECT rf.slug AS family FROM role_levels rl
         JOIN roles ro ON ro.id = rl.role_id
         JOIN role_families rf ON rf.id = ro.role_family_id
         JOIN framework_versions v ON v.id = ro.version_id AND v.is_current
        WHERE rl.slug = $1 LIMIT 1`,
      [slug],
    );
    return row?.family ?? null;
  }

  async learningItemExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query('SELECT 1 FROM learning_items WHERE id = $1', [id]);
    return rows.length > 0;
  }

  /**
   * skill-met-share: each person's latest review (the most recently opened cycle they were reviewed in, open or
   * closed) that requires the skill, in scope as the cycle snapshotted them (family, unit, role level); meeting
   * when the validated level is at least the required one (not yet validated: not meeting).
   */
  async skillMet(scope: MeasureScope, skillSlug: string): Promise<Measured> {
    const values: unknown[] = [skillSlug, scope.roleLevelSlug];
    const where = [`($2::text IS NULL OR l.role_level_slug = $2)`];
    if (scope.unitId) {
      values.push(scope.unitId);
      where.push(
        `l.unit_id IN (SELECT ou.id FROM organisation_units ou WHERE ou.path @> ARRAY[$${values.length}::uuid])`,
      );
    } else {
      values.push(scope.roleFamilySlug);
      where.push(`l.role_family_slug = $${values.length}`);
    }
    const [row]: Measured[] = await this.txHost.tx.query(
      `WITH latest AS (
         SELECT DISTINCT ON (r.staff_id) r.id, r.staff_id, r.role_family_slug, r.role_level_slug, r.unit_id
           FROM skill_reviews r JOIN review_cycles c ON c.id = r.cycle_id
          ORDER BY r.staff_id, c.opened_at DESC NULLS LAST, r.created_at DESC, r.id DESC)
       SELECT count(*)::int AS people,
              count(*) FILTER (WHERE rt.validated_level IS NOT NULL AND rt.validated_level >= rt.required_level)::int
                AS meeting
         FROM latest l
         JOIN skill_review_ratings rt ON rt.review_id = l.id AND rt.skill_slug = $1 AND rt.required_level IS NOT NULL
        WHERE ${where.join(' AND ')}`,
      values,
    );
    return row ?? { people: 0, meeting: 0 };
  }

  /**
   * inclusion-share: the people in scope now (not leavers; a unit's subtree, or a current primary role in the
   * family; optionally the role level), meeting when their latest assessment is at level 7 or above (none: not).
   */
  async inclusion(scope: MeasureScope): Promise<Measured> {
    const values: unknown[] = [scope.roleLevelSlug];
    const where = ['(s.leaving_date IS NULL OR s.leaving_date > current_date)', '($1::text IS NULL OR rl.slug = $1)'];
    if (scope.unitId) {
      values.push(scope.unitId);
      where.push(
        `s.unit_id IN (SELECT ou.id FROM organisation_units ou WHERE ou.path @> ARRAY[$${values.length}::uuid])`,
      );
    } else {
      values.push(scope.roleFamilySlug);
      where.push(`rf.slug = $${values.length}`);
    }
    const [row]: Measured[] = await this.txHost.tx.query(
      `SELECT count(*)::int AS people, count(*) FILTER (WHERE la.level >= 7)::int AS meeting
         FROM staff s
         LEFT JOIN role_levels rl ON rl.id = ${currentPrimaryAssignmentSql('s', 'current_date', 'ra.role_level_id')}
         LEFT JOIN roles ro ON ro.id = rl.role_id
         LEFT JOIN role_families rf ON rf.id = ro.role_family_id
         LEFT JOIN LATERAL (
           SELECT ia.level FROM inclusion_assessments ia WHERE ia.staff_id = s.id
            ORDER BY ia.assessed_on DESC, ia.created_at DESC, ia.id DESC LIMIT 1) la ON true
        WHERE ${where.join(' AND ')}`,
      values,
    );
    return row ?? { people: 0, meeting: 0 };
  }

  /** Of `staffIds`, in the order given: those that are not active members of staff the plan covers (or not staff). */
  async notCovered(scope: PlanScope, staffIds: string[]): Promise<string[]> {
    if (staffIds.length === 0) return [];
    const values: unknown[] = [staffIds];
    const covered = coveredSql(scope, values);
    const rows: { id: string }[] = await this.txHost.tx.query(
      `SELECT x.id FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n)
        WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = x.id AND ${covered}) ORDER BY x.n`,
      values,
    );
    return rows.map((r) => r.id);
  }

  /** Of `staffIds`, in the order given: those that are not active members of staff. */
  async notActive(staffIds: string[]): Promise<string[]> {
    if (staffIds.length === 0) return [];
    const rows: { id: string }[] = await this.txHost.tx.query(
      `SELECT x.id FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n)
        WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = x.id AND ${ACTIVE}) ORDER BY x.n`,
      [staffIds],
    );
    return rows.map((r) => r.id);
  }

  /** Whether the unit `unitId` is `ancestorId` or lies under it. */
  async unitWithin(unitId: string, ancestorId: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      'SELECT 1 FROM organisation_units WHERE id = $1 AND path @> ARRAY[$2::uuid]',
      [unitId, ancestorId],
    );
    return rows.length > 0;
  }

  /** The people a learning action names, replaced by `staffIds` (none: the group or everyone the plan covers). */
  async replacePeople(actionId: string, staffIds: string[]): Promise<void> {
    await this.txHost.tx.query('DELETE FROM action_plan_action_people WHERE action_id = $1', [actionId]);
    if (staffIds.length === 0) return;
    await this.txHost.tx.query(
      `INSERT INTO action_plan_action_people (action_id, staff_id) SELECT $1, x.id FROM unnest($2::uuid[]) AS x(id)`,
      [actionId, staffIds],
    );
  }

  /** A shadowing action's pairs, replaced by `pairs`. */
  async replacePairs(actionId: string, pairs: { mentorStaffId: string; menteeStaffId: string }[]): Promise<void> {
    await this.txHost.tx.query('DELETE FROM action_plan_action_pairs WHERE action_id = $1', [actionId]);
    if (pairs.length === 0) return;
    await this.txHost.tx.query(
      `INSERT INTO action_plan_action_pairs (action_id, mentor_staff_id, mentee_staff_id)
       SELECT $1, p.mentor, p.mentee FROM unnest($2::uuid[], $3::uuid[]) AS p(mentor, mentee)`,
      [actionId, pairs.map((p) => p.mentorStaffId), pairs.map((p) => p.menteeStaffId)],
    );
  }

  /** The people the actions name, by name. */
  async people(actionIds: string[]): Promise<ActionPersonRow[]> {
    if (actionIds.length === 0) return [];
    return this.txHost.tx.query(
      `SELECT p.action_id AS "actionId", s.id AS "staffId", s.full_name AS "fullName"
         FROM action_plan_action_people p JOIN staff s ON s.id = p.staff_id
        WHERE p.action_id = ANY($1::uuid[]) ORDER BY s.full_name, s.id`,
      [actionIds],
    );
  }

  /** The actions' pairs, by the mentor's then the mentee's name. */
  async pairs(actionIds: string[]): Promise<ActionPairRow[]> {
    if (actionIds.length === 0) return [];
    return this.txHost.tx.query(
      `SELECT p.action_id AS "actionId", m.id AS "mentorStaffId", m.full_name AS "mentorName",
              e.id AS "menteeStaffId", e.full_name AS "menteeName"
         FROM action_plan_action_pairs p
         JOIN staff m ON m.id = p.mentor_staff_id
         JOIN staff e ON e.id = p.mentee_staff_id
        WHERE p.action_id = ANY($1::uuid[]) ORDER BY m.full_name, m.id, e.full_name, e.id`,
      [actionIds],
    );
  }

  /** Unit names by id. */
  async unitNames(unitIds: string[]): Promise<Map<string, string>> {
    if (unitIds.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.txHost.tx.query(
      'SELECT id, name FROM organisation_units WHERE id = ANY($1::uuid[])',
      [unitIds],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * The people of each learning action of a plan, now, with whether each has a verified completion of the action's
   * item on or after `since`: the people it names (as named); else a group's active members the plan covers (in
   * the unit's subtree, at the role level when one is given); else everyone the plan covers. `people` is the
   * action's count. Parameters: $1 the plan, $2 `since`, then the scope's.
   */
  private reachSql(planId: string, scope: PlanScope, since: string, values: unknown[]): string {
    values.push(planId, since);
    const covered = coveredSql(scope, values);
    return `acts AS (
        SELECT a.id, a.priority_id, a.learning_item_id, a.group_unit_id, a.group_role_level_slug,
               EXISTS (SELECT 1 FROM action_plan_action_people ap WHERE ap.action_id = a.id) AS named
          FROM action_plan_actions a JOIN action_plan_priorities pr ON pr.id = a.priority_id
         WHERE pr.plan_id = $1 AND a.kind = 'learning'
      ), covered AS (
        SELECT s.id, s.unit_id, ${CURRENT_LEVEL} AS level FROM staff s WHERE ${covered}
      ), reach AS (
        SELECT a.id AS action_id, a.priority_id, a.learning_item_id, ap.staff_id
          FROM acts a JOIN action_plan_action_people ap ON ap.action_id = a.id
        UNION ALL
        SELECT a.id, a.priority_id, a.learning_item_id, c.id
          FROM acts a JOIN covered c
            ON c.unit_id IN (SELECT ou.id FROM organisation_units ou WHERE ou.path @> ARRAY[a.group_unit_id])
           AND (a.group_role_level_slug IS NULL OR c.level = a.group_role_level_slug)
         WHERE NOT a.named AND a.group_unit_id IS NOT NULL
        UNION ALL
        SELECT a.id, a.priority_id, a.learning_item_id, c.id
          FROM acts a CROSS JOIN covered c WHERE NOT a.named AND a.group_unit_id IS NULL
      ), done AS (
        SELECT r.action_id, r.priority_id, r.learning_item_id, r.staff_id,
               count(*) OVER (PARTITION BY r.action_id) AS people,
               EXISTS (SELECT 1 FROM learning_records lr
                        WHERE lr.staff_id = r.staff_id AND lr.learning_item_id = r.learning_item_id
                          AND lr.state = 'verified' AND lr.completed_on >= $2::date) AS completed
          FROM reach r
      )`;
  }

  /** Each learning action of the plan: its people now and how many completed its item since `since` (see reachSql). */
  async actionReach(planId: string, scope: PlanScope, since: string): Promise<ActionReach[]> {
    const values: unknown[] = [];
    const ctes = this.reachSql(planId, scope, since, values);
    return this.txHost.tx.query(
      `WITH ${ctes}
       SELECT a.id AS "actionId", count(d.staff_id)::int AS people,
              (count(d.staff_id) FILTER (WHERE d.completed))::int AS completed
         FROM acts a LEFT JOIN done d ON d.action_id = a.id
        GROUP BY a.id`,
      values,
    );
  }

  /**
   * Per priority of the plan: the people with a verified completion since `since` of the item of a learning action
   * of the priority that they are among the people of, each person and item once, counting only actions of at
   * least `minGroup` people (a smaller action's figures are suppressed, so they are left out here too).
   */
  async priorityCompletions(
    planId: string,
    scope: PlanScope,
    since: string,
    minGroup: number,
  ): Promise<Map<string, number>> {
    const values: unknown[] = [];
    const ctes = this.reachSql(planId, scope, since, values);
    values.push(minGroup);
    const rows: { priorityId: string; n: number }[] = await this.txHost.tx.query(
      `WITH ${ctes}
       SELECT d.priority_id AS "priorityId", count(DISTINCT (d.staff_id, d.learning_item_id))::int AS n
         FROM done d WHERE d.completed AND d.people >= $${values.length} GROUP BY d.priority_id`,
      values,
    );
    return new Map(rows.map((r) => [r.priorityId, r.n]));
  }

  /** The number of pairs of each shadowing action of the plan. */
  async pairCounts(planId: string): Promise<Map<string, number>> {
    const rows: { actionId: string; n: number }[] = await this.txHost.tx.query(
      `SELECT a.id AS "actionId", count(p.action_id)::int AS n
         FROM action_plan_actions a JOIN action_plan_priorities pr ON pr.id = a.priority_id
         LEFT JOIN action_plan_action_pairs p ON p.action_id = a.id
        WHERE pr.plan_id = $1 AND a.kind = 'shadowing' GROUP BY a.id`,
      [planId],
    );
    return new Map(rows.map((r) => [r.actionId, r.n]));
  }
}
