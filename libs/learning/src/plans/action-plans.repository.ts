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
  'priorityId' | 'kind' | 'learningItemId' | 'description' | 'owner' | 'dueOn'
>;
export type ActionPatch = Partial<Pick<ActionPlanAction, 'description' | 'owner' | 'dueOn' | 'status'>>;

export interface PlanFilter {
  status?: PlanStatus;
}

/** Whom a plan covers: a unit's subtree or a role family's people, optionally one role level. */
export interface MeasureScope {
  unitId: string | null;
  roleFamilySlug: string | null;
  roleLevelSlug: string | null;
}

/** People counted and of them those meeting the target's condition. */
export interface Measured {
  people: number;
  meeting: number;
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

  /** Verified completions of the items of a priority's learning actions, on or after `since`. */
  async completions(priorityId: string, since: string): Promise<number> {
    const [row]: { n: number }[] = await this.txHost.tx.query(
      `SELECT count(*)::int AS n FROM learning_records lr
        WHERE lr.state = 'verified' AND lr.completed_on >= $2::date
          AND lr.learning_item_id IN (
            SELECT a.learning_item_id FROM action_plan_actions a WHERE a.priority_id = $1 AND a.kind = 'learning')`,
      [priorityId, since],
    );
    return row?.n ?? 0;
  }
}
