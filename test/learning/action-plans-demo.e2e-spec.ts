import { ActionPlansDemoSeeder, LearningMapDemoSeeder, LearningRecordsDemoSeeder } from '@capability/learning';
import { InclusionDemoSeeder, SkillsReviewDemoSeeder } from '@capability/reviews';
import { DemoDepartmentService, today } from '@capability/workforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoPersonasSeeder } from '../../apps/api/src/demo/demo-personas.seeder.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';

interface Action {
  id: string;
  kind: string;
  learningItemId: string | null;
  audience: string | null;
  people: { id: string; name: string }[];
  group: { unitId: string; unitName: string; roleLevelSlug: string | null } | null;
  pairs: { mentor: { id: string }; mentee: { id: string } }[];
  description: string;
}
interface Plan {
  id: string;
  title: string;
  unitId: string | null;
  roleFamilySlug: string | null;
  startsOn: string;
  priorities: { id: string; actions: Action[] }[];
}
interface Progress {
  priorities: {
    priorityId: string;
    onTrack: boolean | null;
    suppressed: boolean;
    learningCompletions: number;
    actions: { actionId: string; people: number | null; completed: number | null; pairs: number | null }[];
  }[];
}

/** The demo department's two active action plans: one on track, one behind, with their actions; loaded once. */
describe('demo department: capability action plans', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let plans: Plan[];
  let progress: Map<string, Progress>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoDepartmentService).loadOnce({ size: 600, seed: 11 });
    await t.app.get(DemoPersonasSeeder).seed();
    await t.app.get(SkillsReviewDemoSeeder).seed();
    await t.app.get(InclusionDemoSeeder).seed();
    await t.app.get(LearningMapDemoSeeder).seed();
    await t.app.get(LearningRecordsDemoSeeder).seed();
    await t.app.get(ActionPlansDemoSeeder).seed();
    await t.app.get(ActionPlansDemoSeeder).seed(); // once only
    auth = (await signedIn(t, { roles: ['hr'] })).auth;
    const list = await t.http().get('/api/v1/action-plans').set(auth).expect(200);
    plans = [];
    progress = new Map();
    for (const { id } of (list.body as { items: { id: string }[] }).items) {
      plans.push((await t.http().get(`/api/v1/action-plans/${id}`).set(auth).expect(200)).body as Plan);
      const res = await t.http().get(`/api/v1/action-plans/${id}/progress`).set(auth).expect(200);
      progress.set(id, res.body as Progress);
    }
  });
  afterAll(async () => t?.close());

  it('has two active plans with progress, one on track and one behind', async () => {
    const list = await t.http().get('/api/v1/action-plans').set(auth).expect(200);
    const items = (list.body as { items: { id: string; status: string }[] }).items;
    expect(items).toHaveLength(2);
    expect(items.every((p) => p.status === 'active')).toBe(true);
    const onTrack = plans.map((plan) => {
      const [priority] = progress.get(plan.id)!.priorities;
      expect(priority!.suppressed).toBe(false);
      return priority!.onTrack;
    });
    expect(onTrack.sort()).toEqual([false, true]);
  });

  it("gives the Data plan learning for named people and a mentoring pair, the inclusion plan learning for a group and for everyone; each action's figures as counted from the raw rows", async () => {
    const family = plans.find((p) => p.roleFamilySlug === 'data')!;
    const unit = plans.find((p) => p.unitId !== null)!;
    const familyActions = family.priorities[0]!.actions;
    const unitActions = unit.priorities[0]!.actions;
    // Made in one transaction, so in no particular order.
    const shape = (actions: Action[]) => actions.map((a) => `${a.kind}/${a.audience ?? '-'}`).sort();
    expect(shape(familyActions)).toEqual(['learning/people', 'shadowing/-']);
    expect(shape(unitActions)).toEqual(['learning/everyone', 'learning/group']);
    expect([...familyActions, ...unitActions].every((a) => a.description.startsWith('[Demo]'))).toBe(true);
    const named = familyActions.find((a) => a.audience === 'people')!;
    const pairs = familyActions.find((a) => a.kind === 'shadowing')!;
    const group = unitActions.find((a) => a.audience === 'group')!;
    const everyone = unitActions.find((a) => a.audience === 'everyone')!;
    expect(named.people.length).toBeGreaterThanOrEqual(5);
    expect(named.people.length).toBeLessThanOrEqual(8);
    expect(pairs.pairs).toHaveLength(1);
    expect(pairs.pairs[0]!.mentor.id).not.toBe(pairs.pairs[0]!.mentee.id);
    expect(group.group).toMatchObject({ roleLevelSlug: null });

    // The independent calculation, from the raw rows.
    const day = today();
    const staff = await t.dataSource.query<{ id: string; unit_id: string; leaving_date: string | null }[]>(
      `SELECT id, unit_id, to_char(leaving_date, 'YYYY-MM-DD') AS leaving_date FROM staff`,
    );
    const paths = new Map(
      (await t.dataSource.query<{ id: string; path: string[] }[]>('SELECT id, path FROM organisation_units')).map(
        (u) => [u.id, u.path],
      ),
    );
    const assignments = await t.dataSource.query<
      { staff_id: string; level: string; family: string; starts_on: string; ends_on: string | null }[]
    >(
      `SELECT ra.staff_id, rl.slug AS level, rf.slug AS family, to_char(ra.starts_on, 'YYYY-MM-DD') AS starts_on,
              to_char(ra.ends_on, 'YYYY-MM-DD') AS ends_on
         FROM role_assignments ra JOIN role_levels rl ON rl.id = ra.role_level_id
         JOIN roles ro ON ro.id = rl.role_id JOIN role_families rf ON rf.id = ro.role_family_id
        WHERE ra.is_primary`,
    );
    const records = await t.dataSource.query<
      { staff_id: string; learning_item_id: string; state: string; completed_on: string }[]
    >(
      `SELECT staff_id, learning_item_id, state, to_char(completed_on, 'YYYY-MM-DD') AS completed_on
         FROM learning_records WHERE learning_item_id IS NOT NULL`,
    );
    const role = new Map<string, { level: string; family: string; starts_on: string }>();
    for (const a of assignments) {
      if (a.starts_on > day || (a.ends_on !== null && a.ends_on <= day)) continue;
      const held = role.get(a.staff_id);
      if (!held || a.starts_on > held.starts_on) role.set(a.staff_id, a);
    }
    const active = staff.filter((s) => s.leaving_date === null || s.leaving_date > day);
    const under = (unitId: string, s: { unit_id: string }) => paths.get(s.unit_id)!.includes(unitId);
    const completedBy = (id: string, item: string, since: string) =>
      records.some(
        (r) => r.staff_id === id && r.learning_item_id === item && r.state === 'verified' && r.completed_on >= since,
      );
    const completed = (ids: string[], item: string, since: string) =>
      ids.filter((id) => completedBy(id, item, since)).length;

    const namedIds = named.people.map((p) => p.id);
    const groupIds = active.filter((s) => under(group.group!.unitId, s)).map((s) => s.id);
    const everyoneIds = active.filter((s) => under(unit.unitId!, s)).map((s) => s.id);
    // Every person named is in the data family now.
    expect(namedIds.every((id) => role.get(id)?.family === 'data')).toBe(true);
    const check = (plan: Plan, action: Action, ids: string[], shows: boolean) => {
      const figures = { people: ids.length, completed: completed(ids, action.learningItemId!, plan.startsOn) };
      expect(figures.people).toBeGreaterThanOrEqual(5);
      if (shows) expect(figures.completed, `${action.description} shows completions`).toBeGreaterThan(0);
      const priority = progress.get(plan.id)!.priorities[0]!;
      expect(priority.actions.find((a) => a.actionId === action.id)).toMatchObject(figures);
    };
    check(family, named, namedIds, true);
    check(unit, group, groupIds, true);
    check(unit, everyone, everyoneIds, false);
    expect(progress.get(family.id)!.priorities[0]!.actions.find((a) => a.actionId === pairs.id)).toMatchObject({
      pairs: 1,
      people: null,
    });
    // The priorities' completions: each person and item once across their learning actions.
    const distinct = (actions: [Action, string[]][], since: string) =>
      new Set(
        actions.flatMap(([a, ids]) =>
          ids.filter((id) => completedBy(id, a.learningItemId!, since)).map((id) => `${id}/${a.learningItemId!}`),
        ),
      ).size;
    expect(progress.get(family.id)!.priorities[0]!.learningCompletions).toBe(
      distinct([[named, namedIds]], family.startsOn),
    );
    expect(progress.get(unit.id)!.priorities[0]!.learningCompletions).toBe(
      distinct(
        [
          [group, groupIds],
          [everyone, everyoneIds],
        ],
        unit.startsOn,
      ),
    );
  });
});
