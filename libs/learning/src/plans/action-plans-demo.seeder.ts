import {
  Seeder,
  TransactionHost,
  Transactional,
  type SeederHandler,
  type TransactionalAdapterTypeOrm,
} from '@capability/platform';
import { currentPrimaryAssignmentSql, today } from '@capability/workforce';
import { Injectable, Logger } from '@nestjs/common';
import { ActionPlansRepository } from './action-plans.repository.js';
import { share } from './plan-progress.js';

const DAY = 86_400_000;
const shift = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The data family's people now (not leavers), with their current role level and its position in its role. */
const DATA_PEOPLE = `data_people AS (
    SELECT s.id, s.staff_number, s.unit_id, rl.slug AS level, rl.position
      FROM staff s
      JOIN role_levels rl ON rl.id = ${currentPrimaryAssignmentSql('s', 'current_date', 'ra.role_level_id')}
      JOIN roles ro ON ro.id = rl.role_id
      JOIN role_families rf ON rf.id = ro.role_family_id
     WHERE rf.slug = 'data' AND (s.leaving_date IS NULL OR s.leaving_date > current_date)
  )`;

/** Each person's verified completions of active catalogue items on or after $1 (the plans' start), once per item. */
const COMPLETIONS = `completions AS (
    SELECT DISTINCT lr.staff_id, lr.learning_item_id AS item
      FROM learning_records lr JOIN learning_items li ON li.id = lr.learning_item_id AND li.active
     WHERE lr.state = 'verified' AND lr.completed_on >= $1::date
  )`;

/**
 * The group for the inclusion plan's group learning: the unit below the top (with its subtree) of at least 5 people in
 * post, and the catalogue item, that most of its people have completed since $1.
 */
const DEMO_GROUP = `
  WITH ${COMPLETIONS}, members AS (
    SELECT ou.id AS unit_id, ou.code, s.id
      FROM organisation_units ou
      JOIN organisation_units sub ON sub.path @> ARRAY[ou.id]
      JOIN staff s ON s.unit_id = sub.id AND (s.leaving_date IS NULL OR s.leaving_date > current_date)
     WHERE ou.parent_id IS NOT NULL
  ), groups AS (
    SELECT unit_id, code FROM members GROUP BY unit_id, code HAVING count(*) >= 5
  )
  SELECT g.unit_id AS "unitId", x.item
    FROM groups g
    JOIN members m ON m.unit_id = g.unit_id
    JOIN completions x ON x.staff_id = m.id
    JOIN learning_items li ON li.id = x.item
   GROUP BY g.unit_id, g.code, x.item, li.code
   ORDER BY count(*) DESC, g.code, li.code
   LIMIT 1`;

/**
 * The Data plan's named people: the catalogue item the most of the family have completed since $1, and up to four who
 * have completed it and four who have not, by staff number.
 */
const DEMO_NAMED = `
  WITH ${DATA_PEOPLE}, ${COMPLETIONS}, item AS (
    SELECT x.item FROM data_people p JOIN completions x ON x.staff_id = p.id JOIN learning_items li ON li.id = x.item
     GROUP BY x.item, li.code ORDER BY count(*) DESC, li.code LIMIT 1
  ), ranked AS (
    SELECT p.id, i.item, x.item IS NOT NULL AS done,
           row_number() OVER (PARTITION BY x.item IS NOT NULL ORDER BY p.staff_number) AS n
      FROM data_people p CROSS JOIN item i LEFT JOIN completions x ON x.staff_id = p.id AND x.item = i.item
  )
  SELECT item, array_agg(id ORDER BY done DESC, n) AS "staffIds" FROM ranked WHERE n <= 4 GROUP BY item`;

/** A mentoring pair in the data family: the person at the most senior level mentors the one at the most junior. */
const DEMO_PAIR = `
  WITH ${DATA_PEOPLE}
  SELECT (SELECT id FROM data_people ORDER BY position DESC, staff_number LIMIT 1) AS mentor,
         (SELECT id FROM data_people ORDER BY position, staff_number LIMIT 1) AS mentee`;

/**
 * After the demo department, its skills review and inclusion assessments, the learning map and records of learning:
 * two active plans that started 90 days ago, owned by the Data head of profession persona. The Data family's plan
 * (the Data skill with the most people measured) has a baseline 10 points below today's figure, so it is on track;
 * the department's inclusion plan has today's figure as its baseline and 100 % as its target, so it is behind. The
 * Data plan's actions: learning for named people (some who have completed the family's most taken item since the
 * start, four who have not) and a mentoring pair; the inclusion plan's: learning for a group (the unit and item with
 * the most completions since the start) and Digital Skills for everyone it covers. Actions are left out quietly when
 * the catalogue or the records are missing. Skipped when any plan exists, and quietly when there is nobody to own them
 * or too few people to measure.
 */
@Injectable()
@Seeder({ name: 'demo-action-plans', order: 160, demo: true })
export class ActionPlansDemoSeeder implements SeederHandler {
  private readonly logger = new Logger(ActionPlansDemoSeeder.name);

  constructor(
    private readonly plans: ActionPlansRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  @Transactional()
  async seed(): Promise<void> {
    const sql = this.txHost.tx;
    if ((await sql.query<unknown[]>('SELECT 1 FROM action_plans LIMIT 1')).length > 0) return;
    const [owner] = await sql.query<{ id: string }[]>(
      `SELECT id FROM users ORDER BY ('head_of_profession' = ANY(roles) AND 'data' = ANY(role_families)) DESC,
              created_at LIMIT 1`,
    );
    const [root] = await sql.query<{ id: string }[]>(
      'SELECT id FROM organisation_units WHERE parent_id IS NULL ORDER BY code LIMIT 1',
    );
    if (!owner || !root) return;
    const skills = await sql.query<{ slug: string }[]>(
      `SELECT DISTINCT sk.slug FROM skill_requirements sr JOIN role_levels rl ON rl.id = sr.role_level_id
         JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id
         JOIN skills sk ON sk.id = sr.skill_id JOIN framework_versions v ON v.id = sr.version_id AND v.is_current
        WHERE rf.slug = 'data' ORDER BY sk.slug`,
    );
    let best: { slug: string; people: number; value: number } | null = null;
    for (const { slug } of skills) {
      const m = await this.plans.skillMet({ unitId: null, roleFamilySlug: 'data', roleLevelSlug: null }, slug);
      const value = share(m.people, m.meeting);
      if (value !== null && (!best || m.people > best.people)) best = { slug, people: m.people, value };
    }
    const inclusion = await this.plans.inclusion({ unitId: root.id, roleFamilySlug: null, roleLevelSlug: null });
    const inclusionNow = share(inclusion.people, inclusion.meeting);
    if (!best || inclusionNow === null) return;

    const day = today();
    const startsOn = shift(day, -90);
    const period = { startsOn, endsOn: shift(day, 275), createdByUserId: null, ownerUserId: owner.id };
    const activatedAt = new Date(Date.parse(`${startsOn}T09:00:00Z`));
    const family = await this.plans.insertPlan({
      ...period,
      title: `Data family: ${best.slug} to the required level`,
      unitId: null,
      roleFamilySlug: 'data',
    });
    const familyPriority = await this.plans.insertPriority({
      planId: family,
      targetKind: 'skill-met-share',
      skillSlug: best.slug,
      roleLevelSlug: null,
      targetValue: String(Math.min(100, best.value + 5)),
      dueOn: shift(day, 270),
      baselineValue: String(Math.max(0, Math.round((best.value - 10) * 10) / 10)),
      baselineAt: activatedAt,
    });
    const unit = await this.plans.insertPlan({
      ...period,
      title: 'Everyone at inclusion level 7 or above',
      unitId: root.id,
      roleFamilySlug: null,
    });
    const unitPriority = await this.plans.insertPriority({
      planId: unit,
      targetKind: 'inclusion-share',
      skillSlug: null,
      roleLevelSlug: null,
      targetValue: '100',
      dueOn: shift(day, 270),
      baselineValue: String(inclusionNow),
      baselineAt: activatedAt,
    });
    await sql.query(`UPDATE action_plans SET status = 'active', activated_at = $2 WHERE id = ANY($1::uuid[])`, [
      [family, unit],
      activatedAt,
    ]);
    const actions = await this.seedActions(familyPriority, unitPriority, startsOn, day);
    this.logger.log(
      `Loaded two demo action plans: the Data family's (${best.slug}) and the department's inclusion plan, ` +
        `with ${actions} actions`,
    );
  }

  /** The plans' actions (see the class); returns how many were made. */
  private async seedActions(
    familyPriority: string,
    unitPriority: string,
    startsOn: string,
    day: string,
  ): Promise<number> {
    const sql = this.txHost.tx;
    const base = { groupUnitId: null, groupRoleLevelSlug: null, owner: 'Head of Data' };
    let made = 0;
    const [named] = await sql.query<{ item: string; staffIds: string[] }[]>(DEMO_NAMED, [startsOn]);
    if (named) {
      const id = await this.plans.insertAction({
        ...base,
        priorityId: familyPriority,
        kind: 'learning',
        learningItemId: named.item,
        description: "[Demo] Named analysts and engineers take the family's most taken course",
        dueOn: shift(day, 90),
      });
      await this.plans.replacePeople(id, named.staffIds);
      made++;
    }
    const [pair] = await sql.query<{ mentor: string | null; mentee: string | null }[]>(DEMO_PAIR);
    if (pair?.mentor && pair.mentee && pair.mentor !== pair.mentee) {
      const id = await this.plans.insertAction({
        ...base,
        priorityId: familyPriority,
        kind: 'shadowing',
        learningItemId: null,
        description: '[Demo] A senior data professional mentors a new starter in the family',
        dueOn: shift(day, 180),
      });
      await this.plans.replacePairs(id, [{ mentorStaffId: pair.mentor, menteeStaffId: pair.mentee }]);
      made++;
    }
    const [group] = await sql.query<{ unitId: string; item: string }[]>(DEMO_GROUP, [startsOn]);
    if (group) {
      await this.plans.insertAction({
        ...base,
        owner: 'Digital inclusion lead',
        priorityId: unitPriority,
        kind: 'learning',
        learningItemId: group.item,
        groupUnitId: group.unitId,
        description: '[Demo] A learning hour for the unit: everyone in it takes its most taken course',
        dueOn: shift(day, 150),
      });
      made++;
    }
    const [skills] = await sql.query<{ id: string }[]>(
      `SELECT id FROM learning_items WHERE active AND inclusion_package = 'digital-skills' ORDER BY code LIMIT 1`,
    );
    if (skills) {
      await this.plans.insertAction({
        ...base,
        owner: 'Digital inclusion lead',
        priorityId: unitPriority,
        kind: 'learning',
        learningItemId: skills.id,
        description: '[Demo] Digital Skills for everyone in the department',
        dueOn: shift(day, 240),
      });
      made++;
    }
    return made;
  }
}
