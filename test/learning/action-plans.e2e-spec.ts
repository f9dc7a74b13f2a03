import { Permission } from '@capability/auth';
import { PlanPermission } from '@capability/learning';
import { today } from '@capability/workforce';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

type Auth = { Authorization: string };
const PLANS = '/api/v1/action-plans';
const shiftDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A small deterministic generator (so a failure can be replayed), seeded per test. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Person {
  id: string;
  family: string;
  roleLevelSlug: string;
  unitId: string;
  leaver: boolean;
  /** Reviews, oldest cycle first: the rating of the skill (required, validated) or none. */
  reviews: { cycle: 'old' | 'new'; required: number | null; validated: number | null }[];
  /** Inclusion assessments (day offset, level). */
  assessments: { day: number; level: number }[];
}

// Independent calculations of the figures, from what the test generated.
function skillShare(people: Person[], family: string | null, unitIds: string[] | null, level: string | null) {
  let counted = 0;
  let meeting = 0;
  for (const p of people) {
    const latest = p.reviews.at(-1);
    if (!latest || latest.required === null) continue;
    if (family !== null && p.family !== family) continue;
    if (unitIds !== null && !unitIds.includes(p.unitId)) continue;
    if (level !== null && p.roleLevelSlug !== level) continue;
    counted++;
    if (latest.validated !== null && latest.validated >= latest.required) meeting++;
  }
  return counted < 5 ? null : { counted, value: Math.round((1000 * meeting) / counted) / 10 };
}

function inclusionShare(people: Person[], unitIds: string[]) {
  const inScope = people.filter((p) => !p.leaver && unitIds.includes(p.unitId));
  const meeting = inScope.filter((p) => {
    const latest = [...p.assessments].sort((a, b) => a.day - b.day).at(-1);
    return latest !== undefined && latest.level >= 7;
  }).length;
  return inScope.length < 5
    ? null
    : { counted: inScope.length, value: Math.round((1000 * meeting) / inScope.length) / 10 };
}

function expectedOnPath(baseline: number, target: number, startsOn: string, dueOn: string, on: string): number {
  const ms = (d: string) => new Date(`${d}T00:00:00Z`).getTime();
  const f = Math.min(1, Math.max(0, (ms(on) - ms(startsOn)) / (ms(dueOn) - ms(startsOn))));
  return Math.round((baseline + (target - baseline) * f) * 10) / 10;
}

describe('capability action plans', () => {
  let t: TestApp;
  let seq = 0;
  let deptId: string;
  let teamId: string;
  let otherUnitId: string;
  let dataLevel: string;
  let otherLevel: string;
  let otherFamily: string;
  let skill: { id: string; slug: string; name: string };
  let as: Record<'hr' | 'hop' | 'otherHop' | 'owner' | 'staff', Auth>;
  let ownerUserId: string;
  let oldCycle: string;
  let newCycle: string;
  let people: Person[];

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

  async function cycle(name: string, state: 'open' | 'closed', openedDaysAgo: number): Promise<string> {
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO review_cycles (name, unit_id, opens_on, closes_on, state, framework_version_id, opened_at, closed_at)
       SELECT $1, $2, current_date - $3::int, current_date + 30, $4::varchar, v.id, now() - make_interval(days => $3::int),
              CASE WHEN $4 = 'closed' THEN now() END
         FROM framework_versions v WHERE v.is_current RETURNING id`,
      [name, deptId, openedDaysAgo, state],
    );
    return row!.id;
  }

  async function addReview(p: Person, cycleId: string, required: number | null, validated: number | null) {
    const [review] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO skill_reviews (cycle_id, staff_id, role_level_id, role_level_slug, role_level_name, role_family_slug, unit_id)
       SELECT $1, $2, rl.id, rl.slug, rl.name, rf.slug, $3 FROM role_levels rl
         JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id
         JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        WHERE rl.slug = $4 RETURNING id`,
      [cycleId, p.id, p.unitId, p.roleLevelSlug],
    );
    await t.dataSource.query(
      `INSERT INTO skill_review_ratings (review_id, skill_id, skill_slug, skill_name, position, required_level, validated_level)
       VALUES ($1, $2, $3, $4, 1, $5, $6)`,
      [review!.id, skill.id, skill.slug, skill.name, required, validated],
    );
  }

  /** Generates people with reviews and assessments; returns them as the independent calculation sees them. */
  async function generate(seed: number, n: number): Promise<Person[]> {
    const random = rng(seed);
    const out: Person[] = [];
    for (let i = 0; i < n; i++) {
      seq++;
      const inData = random() < 0.7;
      const unitId = [deptId, teamId, otherUnitId][Math.floor(random() * 3)]!;
      const leaver = random() < 0.1;
      const [row] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO staff (staff_number, full_name, unit_id, employment_type, leaving_date)
         VALUES ($1, $2, $3, 'permanent', $4) RETURNING id`,
        [`AP${seq}`, `Person ${seq}`, unitId, leaver ? shiftDays(-1) : null],
      );
      const p: Person = {
        id: row!.id,
        family: inData ? 'data' : otherFamily,
        roleLevelSlug: inData ? dataLevel : otherLevel,
        unitId,
        leaver,
        reviews: [],
        assessments: [],
      };
      await t.dataSource.query(
        `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on)
         SELECT $1, rl.id, true, '2024-01-01' FROM role_levels rl
           JOIN framework_versions v ON v.id = rl.version_id AND v.is_current WHERE rl.slug = $2`,
        [p.id, p.roleLevelSlug],
      );
      if (random() < 0.9) {
        const required = random() < 0.85 ? 1 + Math.floor(random() * 4) : null;
        const validated = random() < 0.85 ? Math.floor(random() * 5) : null;
        p.reviews.push({ cycle: 'old', required, validated });
        await addReview(p, oldCycle, required, validated);
      }
      const assessments = Math.floor(random() * 3);
      for (let a = 0; a < assessments; a++) {
        const day = -Math.floor(random() * 300) - a * 400;
        const level = 1 + Math.floor(random() * 9);
        p.assessments.push({ day, level });
        await t.dataSource.query(
          `INSERT INTO inclusion_assessments (staff_id, level, method, assessed_on) VALUES ($1, $2, 'self', $3)`,
          [p.id, level, shiftDays(day)],
        );
      }
      out.push(p);
    }
    return out;
  }

  beforeEach(async () => {
    await t.reset();
    deptId = randomUUID();
    teamId = randomUUID();
    otherUnitId = randomUUID();
    await unit(deptId, null, 'APD');
    await unit(teamId, deptId, 'APT');
    await unit(otherUnitId, null, 'APO');
    const [level] = await t.dataSource.query<{ slug: string }[]>(
      `SELECT rl.slug FROM role_levels rl JOIN roles r ON r.id = rl.role_id
         JOIN role_families rf ON rf.id = r.role_family_id
         JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        WHERE rf.slug = 'data' ORDER BY rl.slug LIMIT 1`,
    );
    dataLevel = level!.slug;
    const [other] = await t.dataSource.query<{ slug: string; family: string }[]>(
      `SELECT rl.slug, rf.slug AS family FROM role_levels rl JOIN roles r ON r.id = rl.role_id
         JOIN role_families rf ON rf.id = r.role_family_id
         JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        WHERE rf.slug <> 'data' ORDER BY rl.slug LIMIT 1`,
    );
    otherLevel = other!.slug;
    otherFamily = other!.family;
    const [sk] = await t.dataSource.query<{ id: string; slug: string; name: string }[]>(
      `SELECT sk.id, sk.slug, sk.name FROM skills sk JOIN framework_versions v ON v.id = sk.version_id AND v.is_current
        ORDER BY sk.slug LIMIT 1`,
    );
    skill = sk!;
    oldCycle = await cycle('Last year', 'closed', 400);
    newCycle = await cycle('This year', 'open', 10);
    const owner = await signedIn(t, { roles: ['staff'] });
    ownerUserId = owner.user.id;
    as = {
      hr: (await signedIn(t, { roles: ['hr'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: ['data'] })).auth,
      otherHop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: [otherFamily] })).auth,
      owner: owner.auth,
      staff: (await signedIn(t, { roles: ['staff'] })).auth,
    };
  });

  const createPlan = (auth: Auth, body: Record<string, unknown>) =>
    t.http().post(PLANS).set(auth).set('Idempotency-Key', randomUUID()).send(body);
  async function plan(auth: Auth, body: Record<string, unknown>): Promise<{ id: string; version: number }> {
    const res = await createPlan(auth, {
      title: 'Plan',
      startsOn: shiftDays(-60),
      endsOn: shiftDays(300),
      ...body,
    });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; version: number };
  }
  async function priority(auth: Auth, planId: string, body: Record<string, unknown>): Promise<{ id: string }> {
    const res = await t
      .http()
      .post(`${PLANS}/${planId}/priorities`)
      .set(auth)
      .set('Idempotency-Key', randomUUID())
      .send({ dueOn: shiftDays(240), ...body });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string };
  }
  interface ProgressItem {
    priorityId: string;
    now: number | null;
    baseline: number | null;
    target: number;
    people: number | null;
    suppressed: boolean;
    expectedNow: number | null;
    onTrack: boolean | null;
    note: string | null;
    learningCompletions: number;
  }
  async function progress(auth: Auth, planId: string): Promise<ProgressItem[]> {
    const res = await t.http().get(`${PLANS}/${planId}/progress`).set(auth);
    expect(res.status, res.text).toBe(200);
    return (res.body as { priorities: ProgressItem[] }).priorities;
  }

  it('keeps its permission names equal to auth', () => {
    expect(PlanPermission.Read).toBe(Permission.ActionPlanRead);
    expect(PlanPermission.Manage).toBe(Permission.ActionPlanManage);
  });

  it('measures a family plan and a unit plan as an independent calculation does, baseline at activation', async () => {
    for (const seed of [1, 2, 3]) {
      await t.dataSource.query('DELETE FROM action_plans');
      await t.dataSource.query('DELETE FROM staff');
      people = await generate(seed * 7919, 40);
      const family = await plan(as.hop, { roleFamilySlug: 'data' });
      const skillPr = await priority(as.hop, family.id, {
        targetKind: 'skill-met-share',
        skillSlug: skill.slug,
        targetValue: 80,
      });
      const levelPr = await priority(as.hop, family.id, {
        targetKind: 'skill-met-share',
        skillSlug: skill.slug,
        roleLevelSlug: dataLevel,
        targetValue: 90,
      });
      const unitPlan = await plan(as.hr, { unitId: deptId });
      const inclPr = await priority(as.hr, unitPlan.id, { targetKind: 'inclusion-share', targetValue: 75 });
      const hiresPr = await priority(as.hr, unitPlan.id, {
        targetKind: 'hires',
        roleLevelSlug: dataLevel,
        targetValue: 3,
      });
      const unitSkillPr = await priority(as.hr, unitPlan.id, {
        targetKind: 'skill-met-share',
        skillSlug: skill.slug,
        targetValue: 60,
      });

      // A draft has no baseline, so whether it is on track is unknown.
      const draft = await progress(as.hop, family.id);
      expect(draft.every((p) => p.baseline === null && p.onTrack === null)).toBe(true);

      for (const [id, auth] of [
        [family.id, as.hop],
        [unitPlan.id, as.hr],
      ] as const) {
        const res = await t.http().post(`${PLANS}/${id}/activate`).set(auth);
        expect(res.status, res.text).toBe(200);
      }
      const atStart = {
        skill: skillShare(people, 'data', null, null),
        level: skillShare(people, 'data', null, dataLevel),
        incl: inclusionShare(people, [deptId, teamId]),
        unitSkill: skillShare(people, null, [deptId, teamId], null),
      };

      // This year's cycle: some people are validated again; the latest review counts.
      const random = rng(seed);
      for (const p of people) {
        if (random() < 0.5) {
          const required = 1 + Math.floor(random() * 4);
          const validated = random() < 0.8 ? Math.floor(random() * 5) : null;
          p.reviews.push({ cycle: 'new', required, validated });
          await addReview(p, newCycle, required, validated);
        }
      }
      const now = {
        skill: skillShare(people, 'data', null, null),
        level: skillShare(people, 'data', null, dataLevel),
        incl: inclusionShare(people, [deptId, teamId]),
        unitSkill: skillShare(people, null, [deptId, teamId], null),
      };
      // The generated groups are large enough to be measured, so the comparison is of real figures.
      expect([now.skill, now.incl, now.unitSkill, atStart.skill].every((m) => m !== null)).toBe(true);
      const measuredOn = today();
      const check = (
        item: ProgressItem | undefined,
        start: typeof now.skill,
        current: typeof now.skill,
        target: number,
        dueOn: string,
      ) => {
        expect(item).toBeDefined();
        expect(item!.baseline).toBe(start?.value ?? null);
        expect(item!.now).toBe(current?.value ?? null);
        expect(item!.suppressed).toBe(current === null);
        expect(item!.people).toBe(current?.counted ?? null);
        const expected = start === null ? null : expectedOnPath(start.value, target, shiftDays(-60), dueOn, measuredOn);
        expect(item!.expectedNow).toBe(expected);
        expect(item!.onTrack).toBe(expected === null || current === null ? null : current.value >= expected);
      };
      const fam = await progress(as.hop, family.id);
      check(
        fam.find((p) => p.priorityId === skillPr.id),
        atStart.skill,
        now.skill,
        80,
        shiftDays(240),
      );
      check(
        fam.find((p) => p.priorityId === levelPr.id),
        atStart.level,
        now.level,
        90,
        shiftDays(240),
      );
      const unitProgress = await progress(as.hr, unitPlan.id);
      check(
        unitProgress.find((p) => p.priorityId === inclPr.id),
        atStart.incl,
        now.incl,
        75,
        shiftDays(240),
      );
      check(
        unitProgress.find((p) => p.priorityId === unitSkillPr.id),
        atStart.unitSkill,
        now.unitSkill,
        60,
        shiftDays(240),
      );
      const hires = unitProgress.find((p) => p.priorityId === hiresPr.id)!;
      expect(hires).toMatchObject({ now: 0, baseline: 0, suppressed: false });
      expect(hires.note).toMatch(/recruitment/);
    }
  });

  it('suppresses a group under 5 people', async () => {
    people = await generate(99, 3);
    const p = await plan(as.hr, { unitId: teamId });
    await priority(as.hr, p.id, { targetKind: 'inclusion-share', targetValue: 50 });
    await t.http().post(`${PLANS}/${p.id}/activate`).set(as.hr).expect(200);
    const [item] = await progress(as.hr, p.id);
    expect(item).toMatchObject({ suppressed: true, now: null, people: null, baseline: null, onTrack: null });
  });

  it('enforces scope: heads of profession their families, owners theirs, HR all; others 404', async () => {
    const dataPlan = await plan(as.hop, { roleFamilySlug: 'data', ownerUserId });
    const unitPlan = await plan(as.hr, { unitId: deptId });
    const otherPlan = await plan(as.hr, { roleFamilySlug: otherFamily });

    const listed = async (auth: Auth) =>
      ((await t.http().get(PLANS).set(auth).expect(200)).body as { items: { id: string }[] }).items
        .map((i) => i.id)
        .sort();
    expect(await listed(as.hr)).toEqual([dataPlan.id, unitPlan.id, otherPlan.id].sort());
    expect(await listed(as.hop)).toEqual([dataPlan.id]);
    expect(await listed(as.otherHop)).toEqual([otherPlan.id]);
    expect(await listed(as.owner)).toEqual([dataPlan.id]);
    expect(await listed(as.staff)).toEqual([]);

    // Each plan gets a priority and an action (by HR), so the nested routes have something to hide.
    const parts: Record<string, { priorityId: string; actionId: string }> = {};
    for (const id of [dataPlan.id, unitPlan.id, otherPlan.id]) {
      const pr = await priority(as.hr, id, { targetKind: 'inclusion-share', targetValue: 40 });
      const action = await t
        .http()
        .post(`${PLANS}/${id}/priorities/${pr.id}/actions`)
        .set(as.hr)
        .set('Idempotency-Key', randomUUID())
        .send({ kind: 'text', description: 'Something', owner: 'HR', dueOn: shiftDays(30) });
      expect(action.status, action.text).toBe(201);
      parts[id] = { priorityId: pr.id, actionId: (action.body as { id: string }).id };
    }
    const before = await t.dataSource.query<unknown[]>(
      'SELECT p.version, pr.id, a.version AS av FROM action_plans p JOIN action_plan_priorities pr ON pr.plan_id = p.id JOIN action_plan_actions a ON a.priority_id = pr.id ORDER BY pr.id',
    );
    for (const [auth, hidden] of [
      [as.hop, unitPlan.id],
      [as.hop, otherPlan.id],
      [as.otherHop, dataPlan.id],
      [as.staff, dataPlan.id],
      [as.owner, unitPlan.id],
    ] as const) {
      expectProblem(await t.http().get(`${PLANS}/${hidden}`).set(auth), 404, 'action-plan-not-found');
      expectProblem(await t.http().get(`${PLANS}/${hidden}/progress`).set(auth), 404, 'action-plan-not-found');
      expectProblem(await t.http().post(`${PLANS}/${hidden}/activate`).set(auth), 404, 'action-plan-not-found');
      expectProblem(
        await t.http().patch(`${PLANS}/${hidden}`).set(auth).set('If-Match', '"1"').send({ title: 'x' }),
        404,
        'action-plan-not-found',
      );
      expectProblem(
        await t
          .http()
          .post(`${PLANS}/${hidden}/priorities`)
          .set(auth)
          .set('Idempotency-Key', randomUUID())
          .send({ targetKind: 'inclusion-share', targetValue: 50, dueOn: shiftDays(100) }),
        404,
        'action-plan-not-found',
      );
      expectProblem(await t.http().post(`${PLANS}/${hidden}/close`).set(auth), 404, 'action-plan-not-found');
      expectProblem(
        await t
          .http()
          .post(`${PLANS}/${hidden}/priorities/${parts[hidden]!.priorityId}/actions`)
          .set(auth)
          .set('Idempotency-Key', randomUUID())
          .send({ kind: 'text', description: 'x', owner: 'x', dueOn: shiftDays(10) }),
        404,
        'action-plan-not-found',
      );
      expectProblem(
        await t
          .http()
          .patch(`${PLANS}/${hidden}/actions/${parts[hidden]!.actionId}`)
          .set(auth)
          .set('If-Match', '"1"')
          .send({ status: 'done' }),
        404,
        'action-plan-not-found',
      );
    }
    // Nothing changed by any refused call.
    expect(
      await t.dataSource.query<unknown[]>(
        'SELECT p.version, pr.id, a.version AS av FROM action_plans p JOIN action_plan_priorities pr ON pr.plan_id = p.id JOIN action_plan_actions a ON a.priority_id = pr.id ORDER BY pr.id',
      ),
    ).toEqual(before);
    // An action of one plan is not reachable through another.
    expectProblem(
      await t
        .http()
        .patch(`${PLANS}/${dataPlan.id}/actions/${parts[otherPlan.id]!.actionId}`)
        .set(as.hr)
        .set('If-Match', '"1"')
        .send({ status: 'done' }),
      404,
      'action-plan-part-not-found',
    );
    // The owner manages their plan; staff and heads of profession create only what they may.
    await priority(as.owner, dataPlan.id, { targetKind: 'inclusion-share', targetValue: 50 });
    expectProblem(
      await createPlan(as.staff, { title: 'Mine', unitId: deptId, startsOn: shiftDays(0), endsOn: shiftDays(10) }),
      403,
      'action-plan-management-not-allowed',
    );
    expectProblem(
      await createPlan(as.hop, { title: 'Unit', unitId: deptId, startsOn: shiftDays(0), endsOn: shiftDays(10) }),
      403,
      'action-plan-management-not-allowed',
    );
    expectProblem(
      await createPlan(as.hop, {
        title: 'Other',
        roleFamilySlug: otherFamily,
        startsOn: shiftDays(0),
        endsOn: shiftDays(10),
      }),
      403,
      'action-plan-management-not-allowed',
    );
  });

  it('edits with If-Match, creates once per Idempotency-Key, moves draft → active → closed, audits', async () => {
    const key = randomUUID();
    const body = { title: 'Data 2026', roleFamilySlug: 'data', startsOn: shiftDays(-10), endsOn: shiftDays(200) };
    const first = await t.http().post(PLANS).set(as.hop).set('Idempotency-Key', key).send(body);
    const again = await t.http().post(PLANS).set(as.hop).set('Idempotency-Key', key).send(body);
    expect(first.status, first.text).toBe(201);
    expect((again.body as { id: string }).id).toBe((first.body as { id: string }).id);
    const id = (first.body as { id: string }).id;

    expectProblem(
      await t.http().patch(`${PLANS}/${id}`).set(as.hop).send({ title: 'New' }),
      428,
      'precondition-required',
    );
    expectProblem(
      await t.http().patch(`${PLANS}/${id}`).set(as.hop).set('If-Match', '"7"').send({ title: 'New' }),
      412,
      'precondition-failed',
    );
    const got = await t.http().get(`${PLANS}/${id}`).set(as.hop).expect(200);
    const edited = await t
      .http()
      .patch(`${PLANS}/${id}`)
      .set(as.hop)
      .set('If-Match', got.headers['etag'] as string)
      .send({ title: 'New' });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ title: 'New', version: 2 });

    const pr = await priority(as.hop, id, {
      targetKind: 'skill-met-share',
      skillSlug: skill.slug,
      targetValue: 70,
      dueOn: shiftDays(100),
    });
    const [item] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO learning_items (code, title, provider_kind, provider_name, format, hours)
       VALUES ('AP-1', 'Data bootcamp', 'civil_service_learning', 'CSL', 'course', 3) RETURNING id`,
    );
    const action = await t
      .http()
      .post(`${PLANS}/${id}/priorities/${pr.id}/actions`)
      .set(as.hop)
      .set('Idempotency-Key', randomUUID())
      .send({
        kind: 'learning',
        learningItemId: item!.id,
        description: 'Bootcamp for the analysts',
        owner: 'Head of Data',
        dueOn: shiftDays(60),
      });
    expect(action.status, action.text).toBe(201);
    const actionId = (action.body as { id: string }).id;
    expectProblem(
      await t
        .http()
        .patch(`${PLANS}/${id}/actions/${actionId}`)
        .set(as.hop)
        .set('If-Match', '"9"')
        .send({ status: 'done' }),
      412,
      'precondition-failed',
    );
    const done = await t
      .http()
      .patch(`${PLANS}/${id}/actions/${actionId}`)
      .set(as.hop)
      .set('If-Match', '"1"')
      .send({ status: 'done' });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', version: 2 });
    expectProblem(
      await t
        .http()
        .patch(`${PLANS}/${id}/actions/${randomUUID()}`)
        .set(as.hop)
        .set('If-Match', '"1"')
        .send({ status: 'done' }),
      404,
      'action-plan-part-not-found',
    );

    expectProblem(await t.http().post(`${PLANS}/${id}/close`).set(as.hop), 409, 'illegal-action-plan-move');
    await t.http().post(`${PLANS}/${id}/activate`).set(as.hop).expect(200);
    expectProblem(await t.http().post(`${PLANS}/${id}/activate`).set(as.hop), 409, 'illegal-action-plan-move');
    await t.http().post(`${PLANS}/${id}/close`).set(as.hop).expect(200);

    const actions = (await auditRows(t)).filter((a) => a.action.startsWith('action-plan')).map((a) => a.action);
    expect(actions).toEqual([
      'action-plan.created',
      'action-plan.updated',
      'action-plan.priority-added',
      'action-plan.action-added',
      'action-plan.action-updated',
      'action-plan.activated',
      'action-plan.closed',
    ]);
  });

  it('refuses bad input with problem+json and changes nothing', async () => {
    const count = async () =>
      (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM action_plans'))[0]!.n;
    expectProblem(
      await createPlan(as.hr, {
        title: 'Both',
        unitId: deptId,
        roleFamilySlug: 'data',
        startsOn: shiftDays(0),
        endsOn: shiftDays(9),
      }),
      422,
      'action-plan-invalid',
    );
    expectProblem(
      await createPlan(as.hr, { title: 'Backwards', unitId: deptId, startsOn: shiftDays(9), endsOn: shiftDays(0) }),
      422,
      'action-plan-invalid',
    );
    expectProblem(
      await createPlan(as.hr, {
        title: 'Nofamily',
        roleFamilySlug: 'no-such-family',
        startsOn: shiftDays(0),
        endsOn: shiftDays(9),
      }),
      422,
      'action-plan-invalid',
    );
    expectProblem(
      await createPlan(as.hr, { title: 'Nounit', unitId: randomUUID(), startsOn: shiftDays(0), endsOn: shiftDays(9) }),
      422,
      'action-plan-invalid',
    );
    expectProblem(
      await createPlan(as.hr, { title: '', unitId: deptId, startsOn: 'soon', endsOn: shiftDays(9) }),
      400,
      'validation-failed',
    );
    expect(await count()).toBe(0);
    const p = await plan(as.hr, { roleFamilySlug: 'data' });
    const add = (body: Record<string, unknown>) =>
      t
        .http()
        .post(`${PLANS}/${p.id}/priorities`)
        .set(as.hr)
        .set('Idempotency-Key', randomUUID())
        .send({ dueOn: shiftDays(100), ...body });
    expectProblem(
      await add({ targetKind: 'skill-met-share', skillSlug: 'no-such-skill', targetValue: 50 }),
      422,
      'action-plan-invalid',
    );
    expectProblem(await add({ targetKind: 'skill-met-share', targetValue: 50 }), 422, 'action-plan-invalid');
    expectProblem(await add({ targetKind: 'inclusion-share', targetValue: 150 }), 422, 'action-plan-invalid');
    expectProblem(await add({ targetKind: 'hires', targetValue: 2 }), 422, 'action-plan-invalid');
    expectProblem(
      await add({ targetKind: 'hires', roleLevelSlug: otherLevel, targetValue: 2 }),
      422,
      'action-plan-invalid',
    );
    expectProblem(
      await add({ targetKind: 'inclusion-share', targetValue: 50, dueOn: shiftDays(900) }),
      422,
      'action-plan-invalid',
    );
    expectProblem(await add({ targetKind: 'nonsense', targetValue: 50 }), 400, 'validation-failed');
    const [row] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM action_plan_priorities');
    expect(row!.n).toBe(0);
  });
});
