import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

type Auth = { Authorization: string };
const PLANS = '/api/v1/action-plans';
const shiftDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** Every plan here starts 60 days ago: completions from that day on count. */
const START = -60;

/** A small deterministic generator (so a failure can be replayed), seeded per test. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

interface Person {
  id: string;
  name: string;
  unit: 'dept' | 'team' | 'other';
  family: 'data' | 'other';
  level: string;
  leaver: boolean;
}
interface LearningRecord {
  staffId: string;
  item: 'x' | 'y';
  day: number;
  state: 'submitted' | 'verified' | 'rejected';
}
/** The plan's side of an action, as the independent calculation sees it. */
interface ActionSpec {
  kind: 'learning' | 'shadowing' | 'text';
  item?: 'x' | 'y';
  named?: string[];
  group?: { unit: 'dept' | 'team' | 'other'; level: string | null };
  pairs?: { mentorStaffId: string; menteeStaffId: string }[];
}
interface PlanSpec {
  unit: 'dept' | null;
  family: 'data' | null;
}

const SUBTREE: Record<Person['unit'], Person['unit'][]> = { dept: ['dept', 'team'], team: ['team'], other: ['other'] };

// The independent calculation: whom each action reaches, and who completed its item since the plan's start.
const covers = (plan: PlanSpec, p: Person): boolean =>
  !p.leaver && (plan.unit ? SUBTREE[plan.unit].includes(p.unit) : p.family === plan.family);

function reach(people: Person[], plan: PlanSpec, action: ActionSpec): string[] {
  if (action.named && action.named.length > 0) return action.named;
  const covered = people.filter((p) => covers(plan, p));
  const group = action.group;
  if (!group) return covered.map((p) => p.id);
  return covered
    .filter((p) => SUBTREE[group.unit].includes(p.unit) && (group.level === null || p.level === group.level))
    .map((p) => p.id);
}

const completedItem = (records: LearningRecord[], staffId: string, item: 'x' | 'y'): boolean =>
  records.some((r) => r.staffId === staffId && r.item === item && r.state === 'verified' && r.day >= START);

function expectedAction(people: Person[], records: LearningRecord[], plan: PlanSpec, action: ActionSpec) {
  if (action.kind === 'shadowing') {
    return { people: null, completed: null, suppressed: false, pairs: action.pairs?.length ?? 0 };
  }
  if (action.kind !== 'learning') return { people: null, completed: null, suppressed: false, pairs: null };
  const ids = reach(people, plan, action);
  if (ids.length < 5) return { people: null, completed: null, suppressed: true, pairs: null };
  const completed = ids.filter((id) => completedItem(records, id, action.item!)).length;
  return { people: ids.length, completed, suppressed: false, pairs: null };
}

function expectedPriorityCompletions(
  people: Person[],
  records: LearningRecord[],
  plan: PlanSpec,
  actions: ActionSpec[],
): number {
  const done = new Set<string>();
  for (const action of actions) {
    if (action.kind !== 'learning') continue;
    const ids = reach(people, plan, action);
    if (ids.length < 5) continue;
    for (const id of ids) if (completedItem(records, id, action.item!)) done.add(`${id}/${action.item!}`);
  }
  return done.size;
}

describe('capability action plans: actions for people, groups and pairs', () => {
  let t: TestApp;
  let seq = 0;
  let units: Record<Person['unit'], string>;
  let dataLevels: [string, string];
  let otherLevel: string;
  let items: Record<'x' | 'y', string>;
  let as: Record<'hr' | 'hop', Auth>;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  async function unit(id: string, parent: string | null, code: string) {
    await t.dataSource.query(
      `INSERT INTO organisation_units (id, code, name, type, parent_id, path)
       VALUES ($1, $2, $2, $3, $4, (SELECT coalesce((SELECT path FROM organisation_units WHERE id = $4), '{}'::uuid[]) || $1::uuid))`,
      [id, code, parent ? 'team' : 'department', parent],
    );
  }

  async function person(random: () => number, spec: Partial<Person> = {}): Promise<Person> {
    seq++;
    const family = spec.family ?? (random() < 0.7 ? 'data' : 'other');
    const p: Omit<Person, 'id'> = {
      name: `Person ${String(seq).padStart(4, '0')} ${pick(random, ['Ash', 'Bo', 'Cy', 'Di'])}`,
      unit: spec.unit ?? pick(random, ['dept', 'team', 'other'] as const),
      family,
      level: spec.level ?? (family === 'data' ? pick(random, dataLevels) : otherLevel),
      leaver: spec.leaver ?? random() < 0.1,
    };
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO staff (staff_number, full_name, unit_id, employment_type, leaving_date)
       VALUES ($1, $2, $3, 'permanent', $4) RETURNING id`,
      [`AA${seq}`, p.name, units[p.unit], p.leaver ? shiftDays(-1) : null],
    );
    await t.dataSource.query(
      `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on)
       SELECT $1, rl.id, true, '2024-01-01' FROM role_levels rl
         JOIN framework_versions v ON v.id = rl.version_id AND v.is_current WHERE rl.slug = $2`,
      [row!.id, p.level],
    );
    return { id: row!.id, ...p };
  }

  async function record(r: LearningRecord) {
    await t.dataSource.query(
      `INSERT INTO learning_records (staff_id, learning_item_id, completed_on, hours, evidence_note, state, verified_at,
                                     rejected_at, reject_reason)
       VALUES ($1, $2, $3, 2, 'Attended', $4::varchar, CASE WHEN $4 = 'verified' THEN now() END,
               CASE WHEN $4 = 'rejected' THEN now() END, CASE WHEN $4 = 'rejected' THEN 'No evidence' END)`,
      [r.staffId, items[r.item], shiftDays(r.day), r.state],
    );
  }

  beforeEach(async () => {
    await t.reset();
    units = { dept: randomUUID(), team: randomUUID(), other: randomUUID() };
    await unit(units.dept, null, 'AAD');
    await unit(units.team, units.dept, 'AAT');
    await unit(units.other, null, 'AAO');
    const levels = await t.dataSource.query<{ slug: string }[]>(
      `SELECT rl.slug FROM role_levels rl JOIN roles r ON r.id = rl.role_id
         JOIN role_families rf ON rf.id = r.role_family_id
         JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        WHERE rf.slug = 'data' ORDER BY rl.slug LIMIT 2`,
    );
    dataLevels = [levels[0]!.slug, levels[1]!.slug];
    const [other] = await t.dataSource.query<{ slug: string }[]>(
      `SELECT rl.slug FROM role_levels rl JOIN roles r ON r.id = rl.role_id
         JOIN role_families rf ON rf.id = r.role_family_id
         JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        WHERE rf.slug <> 'data' ORDER BY rl.slug LIMIT 1`,
    );
    otherLevel = other!.slug;
    const rows = await t.dataSource.query<{ id: string; code: string }[]>(
      `INSERT INTO learning_items (code, title, provider_kind, provider_name, format, hours)
       VALUES ('AA-X', 'Item X', 'civil_service_learning', 'CSL', 'course', 3),
              ('AA-Y', 'Item Y', 'supplier', 'Supplier', 'course', 5) RETURNING id, code`,
    );
    items = { x: rows.find((r) => r.code === 'AA-X')!.id, y: rows.find((r) => r.code === 'AA-Y')!.id };
    as = {
      hr: (await signedIn(t, { roles: ['hr'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: ['data'] })).auth,
    };
  });

  async function plan(auth: Auth, body: Record<string, unknown>): Promise<string> {
    const res = await t
      .http()
      .post(PLANS)
      .set(auth)
      .set('Idempotency-Key', randomUUID())
      .send({ title: 'Plan', startsOn: shiftDays(START), endsOn: shiftDays(300), ...body });
    expect(res.status, res.text).toBe(201);
    return (res.body as { id: string }).id;
  }
  async function priority(auth: Auth, planId: string): Promise<string> {
    const res = await t
      .http()
      .post(`${PLANS}/${planId}/priorities`)
      .set(auth)
      .set('Idempotency-Key', randomUUID())
      .send({ targetKind: 'inclusion-share', targetValue: 60, dueOn: shiftDays(200) });
    expect(res.status, res.text).toBe(201);
    return (res.body as { id: string }).id;
  }
  const postAction = (auth: Auth, planId: string, priorityId: string, body: Record<string, unknown>) =>
    t
      .http()
      .post(`${PLANS}/${planId}/priorities/${priorityId}/actions`)
      .set(auth)
      .set('Idempotency-Key', randomUUID())
      .send({ description: 'An action', owner: 'Head of Data', dueOn: shiftDays(90), ...body });
  async function action(auth: Auth, planId: string, priorityId: string, spec: ActionSpec): Promise<string> {
    const res = await postAction(auth, planId, priorityId, {
      kind: spec.kind,
      ...(spec.item ? { learningItemId: items[spec.item] } : {}),
      ...(spec.named ? { staffIds: spec.named } : {}),
      ...(spec.group ? { group: { unitId: units[spec.group.unit], roleLevelSlug: spec.group.level } } : {}),
      ...(spec.pairs ? { pairs: spec.pairs } : {}),
    });
    expect(res.status, res.text).toBe(201);
    return (res.body as { id: string }).id;
  }

  interface ActionProgress {
    actionId: string;
    people: number | null;
    completed: number | null;
    suppressed: boolean;
    pairs: number | null;
  }
  interface PriorityProgress {
    priorityId: string;
    learningCompletions: number;
    actions: ActionProgress[];
  }
  async function progress(auth: Auth, planId: string): Promise<PriorityProgress[]> {
    const res = await t.http().get(`${PLANS}/${planId}/progress`).set(auth);
    expect(res.status, res.text).toBe(200);
    return (res.body as { priorities: PriorityProgress[] }).priorities;
  }

  it("measures each action's people and completions, and the priority's, as an independent calculation does", async () => {
    for (const seed of [11, 12, 13]) {
      await t.dataSource.query('DELETE FROM action_plans');
      await t.dataSource.query('DELETE FROM staff');
      const random = rng(seed * 104_729);
      const people: Person[] = [];
      for (let i = 0; i < 70; i++) people.push(await person(random));
      const records: LearningRecord[] = [];
      for (const p of people) {
        const n = Math.floor(random() * 4);
        for (let k = 0; k < n; k++) {
          const r: LearningRecord = {
            staffId: p.id,
            item: pick(random, ['x', 'y'] as const),
            // Either side of the start, the start itself included.
            day: pick(random, [START - 100, START - 1, START, START + 1, -20, -1]),
            state: pick(random, ['verified', 'verified', 'verified', 'submitted', 'rejected'] as const),
          };
          records.push(r);
          await record(r);
        }
      }
      const unitPlan: PlanSpec = { unit: 'dept', family: null };
      const familyPlan: PlanSpec = { unit: null, family: 'data' };
      const inUnit = people.filter((p) => covers(unitPlan, p));
      const inFamily = people.filter((p) => covers(familyPlan, p));
      const some = (from: Person[], n: number) =>
        from
          .filter(() => random() < 0.5)
          .slice(0, n)
          .map((p) => p.id);
      const unitActions: ActionSpec[][] = [
        [
          { kind: 'learning', item: 'x', named: some(inUnit, 12) },
          { kind: 'learning', item: 'y', group: { unit: 'team', level: null } },
          { kind: 'learning', item: 'x', named: some(inUnit, 3) }, // too few: suppressed
          {
            kind: 'shadowing',
            pairs: [
              { mentorStaffId: people.find((p) => !p.leaver && p.unit === 'other')!.id, menteeStaffId: inUnit[0]!.id },
              { mentorStaffId: inUnit[1]!.id, menteeStaffId: inUnit[0]!.id },
            ],
          },
          { kind: 'text' },
        ],
        [
          { kind: 'learning', item: 'x' },
          { kind: 'learning', item: 'y', group: { unit: 'team', level: dataLevels[0] } },
          { kind: 'learning', item: 'x', group: { unit: 'dept', level: dataLevels[1] } },
        ],
      ];
      const familyActions: ActionSpec[][] = [
        [
          { kind: 'learning', item: 'x', group: { unit: 'dept', level: dataLevels[0] } },
          { kind: 'learning', item: 'y' },
          { kind: 'learning', item: 'x', named: some(inFamily, 20) },
          { kind: 'learning', item: 'x' }, // the same item again: each person counted once at the priority
        ],
      ];
      const made: { planId: string; spec: PlanSpec; priorities: { id: string; actions: [string, ActionSpec][] }[] }[] =
        [];
      for (const [spec, actionsByPriority, auth] of [
        [unitPlan, unitActions, as.hr],
        [familyPlan, familyActions, as.hop],
      ] as const) {
        const planId = await plan(auth, spec.unit ? { unitId: units.dept } : { roleFamilySlug: 'data' });
        const priorities = [];
        for (const specs of actionsByPriority) {
          const priorityId = await priority(auth, planId);
          const actions: [string, ActionSpec][] = [];
          for (const a of specs) actions.push([await action(auth, planId, priorityId, a), a]);
          priorities.push({ id: priorityId, actions });
        }
        made.push({ planId, spec, priorities });
      }
      // Someone named leaves afterwards: still among the people named. Someone in a group leaves: no longer in it.
      const named = made[0]!.priorities[0]!.actions[0]![1].named!;
      const leaving = [named[0]!, inUnit.find((p) => p.unit === 'team' && !named.includes(p.id))!.id];
      await t.dataSource.query(`UPDATE staff SET leaving_date = current_date WHERE id = ANY($1::uuid[])`, [leaving]);
      for (const p of people) if (leaving.includes(p.id)) p.leaver = true;

      let measured = 0;
      for (const { planId, spec, priorities } of made) {
        const got = await progress(as.hr, planId);
        for (const pr of priorities) {
          const item = got.find((g) => g.priorityId === pr.id)!;
          const specs = pr.actions.map(([, a]) => a);
          expect(item.learningCompletions, `seed ${seed}`).toBe(
            expectedPriorityCompletions(people, records, spec, specs),
          );
          expect(item.actions.map((a) => a.actionId).sort()).toEqual(pr.actions.map(([id]) => id).sort());
          for (const [id, a] of pr.actions) {
            const actual = item.actions.find((x) => x.actionId === id)!;
            const expected = expectedAction(people, records, spec, a);
            expect(
              {
                people: actual.people,
                completed: actual.completed,
                suppressed: actual.suppressed,
                pairs: actual.pairs,
              },
              `seed ${seed}: ${JSON.stringify(a)}`,
            ).toEqual(expected);
            if (expected.completed) measured++;
          }
        }
      }
      // The generated data gives real figures, not only zeros and suppressed ones.
      expect(measured).toBeGreaterThan(3);
    }
  });

  it('refuses people, groups and pairs outside the plan or malformed, with problem+json, and saves nothing', async () => {
    const random = rng(7);
    const inDept = await person(random, { unit: 'dept', family: 'data', level: dataLevels[0], leaver: false });
    const inTeam = await person(random, { unit: 'team', family: 'other', level: otherLevel, leaver: false });
    const leaver = await person(random, { unit: 'team', family: 'data', level: dataLevels[0], leaver: true });
    const elsewhere = await person(random, { unit: 'other', family: 'data', level: dataLevels[1], leaver: false });
    const unitPlanId = await plan(as.hr, { unitId: units.dept });
    const unitPriority = await priority(as.hr, unitPlanId);
    const familyPlanId = await plan(as.hop, { roleFamilySlug: 'data' });
    const familyPriority = await priority(as.hop, familyPlanId);
    const nobody = randomUUID();
    const state = async () =>
      t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM action_plan_actions) AS actions,
                (SELECT count(*)::int FROM action_plan_action_people) AS people,
                (SELECT count(*)::int FROM action_plan_action_pairs) AS pairs,
                (SELECT count(*)::int FROM audit_events) AS audit`,
      );
    const before = await state();
    const learning = { kind: 'learning', learningItemId: items.x };

    const refused = async (planId: string, priorityId: string, body: Record<string, unknown>, field: string) => {
      const res = await postAction(planId === unitPlanId ? as.hr : as.hop, planId, priorityId, body);
      const problem = expectProblem(res, 422, 'action-plan-invalid');
      const errors = problem.errors as { field: string; message: string }[];
      expect(
        errors.map((e) => e.field),
        res.text,
      ).toContain(field);
      return errors.find((e) => e.field === field)!.message;
    };
    // Named people: each id outside the plan, a leaver or no one at all is named; those inside are not.
    const message = await refused(
      unitPlanId,
      unitPriority,
      { ...learning, staffIds: [inDept.id, elsewhere.id, leaver.id, nobody, inTeam.id] },
      'staffIds',
    );
    expect(message).toContain(`${elsewhere.id}, ${leaver.id}, ${nobody}`);
    expect(message).not.toContain(inDept.id);
    expect(message).not.toContain(inTeam.id);
    expect(
      await refused(familyPlanId, familyPriority, { ...learning, staffIds: [inDept.id, inTeam.id] }, 'staffIds'),
    ).toContain(inTeam.id);
    await refused(unitPlanId, unitPriority, { kind: 'text', staffIds: [inDept.id] }, 'staffIds');
    await refused(unitPlanId, unitPriority, { kind: 'text', group: { unitId: units.team } }, 'group');
    await refused(
      unitPlanId,
      unitPriority,
      { ...learning, staffIds: [inDept.id], group: { unitId: units.team } },
      'group',
    );
    // Groups: inside a unit plan's unit; a role level of a family plan's family.
    await refused(unitPlanId, unitPriority, { ...learning, group: { unitId: units.other } }, 'group.unitId');
    await refused(unitPlanId, unitPriority, { ...learning, group: { unitId: nobody } }, 'group.unitId');
    await refused(
      familyPlanId,
      familyPriority,
      { ...learning, group: { unitId: units.dept, roleLevelSlug: otherLevel } },
      'group.roleLevelSlug',
    );
    await refused(
      unitPlanId,
      unitPriority,
      { ...learning, group: { unitId: units.dept, roleLevelSlug: 'no-such-level' } },
      'group.roleLevelSlug',
    );
    // Pairs: mentees inside the plan, active mentors, never one's own mentee, each pair once, shadowing only.
    const shadowing = (pairs: [Person | string, Person | string][]) => ({
      kind: 'shadowing',
      pairs: pairs.map(([m, e]) => ({
        mentorStaffId: typeof m === 'string' ? m : m.id,
        menteeStaffId: typeof e === 'string' ? e : e.id,
      })),
    });
    await refused(unitPlanId, unitPriority, shadowing([[inDept, inDept]]), 'pairs.0');
    await refused(
      unitPlanId,
      unitPriority,
      shadowing([
        [elsewhere, inDept],
        [elsewhere, inDept],
      ]),
      'pairs.1',
    );
    expect(await refused(unitPlanId, unitPriority, shadowing([[inDept, elsewhere]]), 'pairs')).toContain(elsewhere.id);
    expect(await refused(unitPlanId, unitPriority, shadowing([[leaver, inDept]]), 'pairs')).toContain(leaver.id);
    expect(await refused(unitPlanId, unitPriority, shadowing([[nobody, inDept]]), 'pairs')).toContain(nobody);
    await refused(
      unitPlanId,
      unitPriority,
      { ...learning, pairs: [{ mentorStaffId: elsewhere.id, menteeStaffId: inDept.id }] },
      'pairs',
    );

    // Malformed bodies: 400 before any rule is asked.
    for (const body of [
      { ...learning, staffIds: ['not-a-uuid'] },
      { ...learning, staffIds: [inDept.id, inDept.id] },
      { ...learning, staffIds: Array.from({ length: 501 }, () => randomUUID()) },
      { ...learning, staffIds: inDept.id },
      { ...learning, group: 'team' },
      { ...learning, group: [units.team] },
      { ...learning, group: {} },
      { ...learning, group: { unitId: units.team, roleLevelSlug: 'Not A Slug' } },
      { kind: 'shadowing', pairs: [[]] },
      { kind: 'shadowing', pairs: [{ mentorStaffId: inDept.id }] },
      { kind: 'shadowing', pairs: [{ mentorStaffId: elsewhere.id, menteeStaffId: inDept.id, extra: 1 }] },
      { kind: 'shadowing', pairs: {} },
    ]) {
      expectProblem(await postAction(as.hr, unitPlanId, unitPriority, body), 400, 'validation-failed');
    }
    expect(await state()).toEqual(before);
    // A group in a family plan means the unit's people of that family: accepted, never refused for the others
    // (a refusal would list people outside the plan). Progress counts only the covered members (checked above).
    const groupAction = await postAction(as.hop, familyPlanId, familyPriority, {
      ...learning,
      group: { unitId: units.dept },
    });
    expect(groupAction.status, groupAction.text).toBe(201);
    expect(groupAction.text).not.toContain(inTeam.id);
  });

  it('creates and edits (If-Match) whom an action is for, and answers with the people and pairs by name', async () => {
    const random = rng(3);
    const [zed, amy, bob] = [
      await person(random, { unit: 'team', leaver: false }),
      await person(random, { unit: 'dept', leaver: false }),
      await person(random, { unit: 'team', leaver: false }),
    ];
    await t.dataSource.query(`UPDATE staff SET full_name = $2 WHERE id = $1`, [zed.id, 'Zed Zebra']);
    await t.dataSource.query(`UPDATE staff SET full_name = $2 WHERE id = $1`, [amy.id, 'Amy Adder']);
    await t.dataSource.query(`UPDATE staff SET full_name = $2 WHERE id = $1`, [bob.id, 'Bob Badger']);
    const outsider = await person(random, { unit: 'other', leaver: false });
    const planId = await plan(as.hr, { unitId: units.dept });
    const priorityId = await priority(as.hr, planId);

    const created = await postAction(as.hr, planId, priorityId, {
      kind: 'learning',
      learningItemId: items.x,
      staffIds: [zed.id, amy.id],
    });
    expect(created.status, created.text).toBe(201);
    const id = (created.body as { id: string }).id;
    expect(created.body).toMatchObject({
      audience: 'people',
      people: [
        { id: amy.id, name: 'Amy Adder' },
        { id: zed.id, name: 'Zed Zebra' },
      ],
      group: null,
      pairs: [],
      version: 1,
    });
    const patch = (version: number, body: Record<string, unknown>) =>
      t.http().patch(`${PLANS}/${planId}/actions/${id}`).set(as.hr).set('If-Match', `"${version}"`).send(body);

    const toGroup = await patch(1, { group: { unitId: units.team, roleLevelSlug: null } });
    expect(toGroup.status, toGroup.text).toBe(200);
    expect(toGroup.body).toMatchObject({
      audience: 'group',
      people: [],
      group: { unitId: units.team, unitName: 'AAT', roleLevelSlug: null },
      version: 2,
    });
    expectProblem(await patch(1, { staffIds: [bob.id] }), 412, 'precondition-failed');
    expectProblem(
      await t
        .http()
        .patch(`${PLANS}/${planId}/actions/${id}`)
        .set(as.hr)
        .send({ staffIds: [bob.id] }),
      428,
      'precondition-required',
    );
    // A refused edit changes nothing: the version, the group, the people.
    const stored = async () =>
      t.dataSource.query(
        `SELECT a.version, a.group_unit_id, array(SELECT staff_id FROM action_plan_action_people WHERE action_id = a.id ORDER BY 1) AS people
           FROM action_plan_actions a WHERE a.id = $1`,
        [id],
      );
    const beforeRefusal = await stored();
    expectProblem(await patch(2, { staffIds: [bob.id, outsider.id] }), 422, 'action-plan-invalid');
    expectProblem(await patch(2, { staffIds: ['nope'] }), 400, 'validation-failed');
    expectProblem(
      await patch(2, { pairs: [{ mentorStaffId: amy.id, menteeStaffId: bob.id }] }),
      422,
      'action-plan-invalid',
    );
    expect(await stored()).toEqual(beforeRefusal);

    const toPeople = await patch(2, { staffIds: [bob.id] });
    expect(toPeople.status, toPeople.text).toBe(200);
    expect(toPeople.body).toMatchObject({ audience: 'people', people: [{ id: bob.id }], group: null, version: 3 });
    const toEveryone = await patch(3, { staffIds: [], description: 'Everyone in the department' });
    expect(toEveryone.body).toMatchObject({ audience: 'everyone', people: [], group: null, version: 4 });

    const pairs = await postAction(as.hr, planId, priorityId, {
      kind: 'shadowing',
      pairs: [{ mentorStaffId: outsider.id, menteeStaffId: zed.id }],
    });
    expect(pairs.status, pairs.text).toBe(201);
    const pairsId = (pairs.body as { id: string }).id;
    const repaired = await t
      .http()
      .patch(`${PLANS}/${planId}/actions/${pairsId}`)
      .set(as.hr)
      .set('If-Match', '"1"')
      .send({
        pairs: [
          { mentorStaffId: zed.id, menteeStaffId: bob.id },
          { mentorStaffId: amy.id, menteeStaffId: zed.id },
        ],
      });
    expect(repaired.status, repaired.text).toBe(200);
    expect((repaired.body as { pairs: unknown[] }).pairs).toEqual([
      { mentor: { id: amy.id, name: 'Amy Adder' }, mentee: { id: zed.id, name: 'Zed Zebra' } },
      { mentor: { id: zed.id, name: 'Zed Zebra' }, mentee: { id: bob.id, name: 'Bob Badger' } },
    ]);

    // The plan reads them back the same way.
    const read = await t.http().get(`${PLANS}/${planId}`).set(as.hr).expect(200);
    const actions = (read.body as { priorities: { actions: Record<string, unknown>[] }[] }).priorities[0]!.actions;
    expect(actions.map((a) => [a.id, a.audience, (a.pairs as unknown[]).length])).toEqual([
      [id, 'everyone', 0],
      [pairsId, null, 2],
    ]);
    const updates = await auditRows(t, 'action-plan.action-updated');
    expect(updates.map((a) => a.changed_fields)).toEqual([
      ['group', 'staffIds'],
      ['group', 'staffIds'],
      ['description', 'staffIds'],
      ['pairs'],
    ]);
  });
});
