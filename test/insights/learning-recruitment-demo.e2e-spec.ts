import { LearningMapDemoSeeder, LearningRecordsDemoSeeder } from '@capability/learning';
import { ApplicationsDemoSeeder, OffersDemoSeeder, PlanningDemoSeeder } from '@capability/recruitment';
import { SkillsReviewDemoSeeder } from '@capability/reviews';
import { DemoDepartmentService } from '@capability/workforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERSONAS } from '../../apps/api/src/demo/demo-personas.js';
import { DemoPersonasSeeder } from '../../apps/api/src/demo/demo-personas.seeder.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { API, pct, type Auth } from './people-support.js';

/**
 * The demo department (as `npm start` loads it) gives the learning and recruitment insights something to show: by
 * default, learning's gap closure compares last year's closed review with this year's open one, and the learning
 * recorded since last year's review gives skills where both those who learned and those who did not are shown.
 */
describe('demo department: learning and recruitment insights', () => {
  let t: TestApp;
  const as = {} as Record<string, Auth>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoDepartmentService).loadOnce();
    await t.app.get(DemoPersonasSeeder).seed();
    await t.app.get(SkillsReviewDemoSeeder).seed();
    await t.app.get(LearningMapDemoSeeder).seed();
    await t.app.get(LearningRecordsDemoSeeder).seed();
    await t.app.get(PlanningDemoSeeder).seed();
    await t.app.get(ApplicationsDemoSeeder).seed();
    await t.app.get(OffersDemoSeeder).seed();
    for (const persona of DEMO_PERSONAS) {
      const res = await t.http().post(`${API}/auth/login`).send({ email: persona.email, password: persona.password });
      expect(res.status, persona.label).toBe(200);
      as[persona.label] = { Authorization: `Bearer ${(res.body as { accessToken: string }).accessToken}` };
    }
  }, 300_000);
  afterAll(async () => t?.close());

  interface Cell {
    suppressed: boolean;
    people: number | null;
  }
  interface Split extends Cell {
    closed: number | null;
    percentClosed: number | null;
  }
  interface SkillRow extends Split {
    skill: { slug: string; name: string };
    learned: Split;
    notLearned: Split;
  }
  interface Learning {
    scope: string;
    to: string;
    total: Cell;
    byItem: Cell[];
    uptake: { package: string; completed: number | null; suppressed: boolean }[];
    gapClosure: {
      fromCycle: { id: string; closesOn: string };
      toCycle: { id: string; closesOn: string };
      learningAfter: string;
      learningUntil: string;
      skills: SkillRow[];
    } | null;
  }
  interface Level {
    roleFamily: string;
    inPost: number | null;
    peopleSuppressed: boolean;
    openPosts: number;
    livePipeline: number | null;
  }
  const get = async <T>(path: string, label: string, query: Record<string, string> = {}): Promise<T> => {
    const res = await t.http().get(`${API}/insights/${path}`).query(query).set(as[label]!);
    expect(res.status, res.text).toBe(200);
    return res.body as T;
  };

  /**
   * Per skill, the gap closure between two cycles worked out here in plain TypeScript from the raw rows (staff, role
   * assignments, validated ratings, verified records and the items' skills), not the report's SQL: the people in post
   * on `day` (of `family` when given) with a validated level below the required one in `from` and a validated level in
   * `to`; how many met it in `to`; how many completed verified learning mapped to the skill in (after, until].
   */
  const closureFromRows = async (
    day: string,
    family: string | null,
    cycles: { from: string; to: string; after: string; until: string },
  ) => {
    const staff = await t.dataSource.query<{ id: string; start: string | null; leaving: string | null }[]>(
      `SELECT id, to_char(start_date, 'YYYY-MM-DD') AS start, to_char(leaving_date, 'YYYY-MM-DD') AS leaving FROM staff`,
    );
    const assignments = await t.dataSource.query<
      { staff_id: string; starts: string; ends: string | null; primary: boolean; family: string }[]
    >(
      `SELECT ra.staff_id, to_char(ra.starts_on, 'YYYY-MM-DD') AS starts, to_char(ra.ends_on, 'YYYY-MM-DD') AS ends,
              ra.is_primary AS primary, rf.slug AS family
         FROM role_assignments ra JOIN role_levels rl ON rl.id = ra.role_level_id JOIN roles r ON r.id = rl.role_id
         JOIN role_families rf ON rf.id = r.role_family_id`,
    );
    const familyOn = new Map<string, { starts: string; family: string }>();
    for (const a of assignments) {
      if (!a.primary || a.starts > day || (a.ends !== null && a.ends <= day)) continue;
      const seen = familyOn.get(a.staff_id);
      if (!seen || a.starts > seen.starts) familyOn.set(a.staff_id, { starts: a.starts, family: a.family });
    }
    const counted = new Set(
      staff
        .filter((s) => (s.start === null || s.start <= day) && (s.leaving === null || s.leaving > day))
        .filter((s) => family === null || familyOn.get(s.id)?.family === family)
        .map((s) => s.id),
    );
    const ratings = await t.dataSource.query<
      { cycle_id: string; staff_id: string; skill: string; required: number | null; validated: number | null }[]
    >(
      `SELECT r.cycle_id, r.staff_id, rr.skill_slug AS skill, rr.required_level AS required,
              rr.validated_level AS validated
         FROM skill_reviews r JOIN skill_review_ratings rr ON rr.review_id = r.id
        WHERE r.state = 'validated' AND r.cycle_id = ANY($1::uuid[])`,
      [[cycles.from, cycles.to]],
    );
    const met = (cycleId: string) => {
      const m = new Map<string, boolean>();
      for (const r of ratings) {
        if (r.cycle_id !== cycleId || r.required === null || r.validated === null || !counted.has(r.staff_id)) continue;
        const key = `${r.staff_id}|${r.skill}`;
        m.set(key, (m.get(key) ?? true) && r.validated >= r.required);
      }
      return m;
    };
    const records = await t.dataSource.query<
      { staff_id: string; item: string | null; slugs: string[]; completed: string; state: string }[]
    >(
      `SELECT staff_id, learning_item_id AS item, skill_slugs AS slugs, to_char(completed_on, 'YYYY-MM-DD') AS completed,
              state FROM learning_records`,
    );
    const itemSkills = new Map<string, Set<string>>();
    for (const x of await t.dataSource.query<{ item_id: string; skill_slug: string }[]>(
      'SELECT item_id, skill_slug FROM learning_item_skills',
    )) {
      itemSkills.set(x.item_id, (itemSkills.get(x.item_id) ?? new Set()).add(x.skill_slug));
    }
    const learnedSkills = new Map<string, Set<string>>();
    for (const r of records) {
      if (r.state !== 'verified' || r.completed <= cycles.after || r.completed > cycles.until) continue;
      const skills = learnedSkills.get(r.staff_id) ?? new Set<string>();
      for (const slug of [...r.slugs, ...(r.item ? (itemSkills.get(r.item) ?? []) : [])]) skills.add(slug);
      learnedSkills.set(r.staff_id, skills);
    }
    const first = met(cycles.from);
    const second = met(cycles.to);
    const perSkill = new Map<string, { people: number; closed: number; learned: number; learnedClosed: number }>();
    for (const [key, wasMet] of first) {
      const nowMet = second.get(key);
      if (wasMet || nowMet === undefined) continue;
      const [staffId, skill] = key.split('|') as [string, string];
      const learned = learnedSkills.get(staffId)?.has(skill) ?? false;
      const e = perSkill.get(skill) ?? { people: 0, closed: 0, learned: 0, learnedClosed: 0 };
      e.people++;
      if (nowMet) e.closed++;
      if (learned) e.learned++;
      if (learned && nowMet) e.learnedClosed++;
      perSkill.set(skill, e);
    }
    return perSkill;
  };
  it('shows learning figures to HR and the Head of Data', async () => {
    const hr = await get<Learning>('learning', 'HR');
    expect(hr.total.suppressed).toBe(false);
    expect(hr.total.people).toBeGreaterThan(100);
    expect(hr.byItem.some((c) => !c.suppressed)).toBe(true);
    expect(hr.uptake.find((u) => u.package === 'either')).toMatchObject({ suppressed: false });
    const hod = await get<Learning>('learning', 'Head of Data');
    expect(hod.scope).toBe('families');
    expect(hod.total.suppressed).toBe(false);
    expect(hod.byItem.some((c) => !c.suppressed)).toBe(true);
  });

  it('compares last year’s review with this year’s by default: learned and not learned shown, as the rows give', async () => {
    const cycles = await t.dataSource.query<{ id: string; state: string; closes_on: string }[]>(
      `SELECT id, state, to_char(closes_on, 'YYYY-MM-DD') AS closes_on FROM review_cycles ORDER BY opens_on`,
    );
    expect(cycles.map((c) => c.state)).toEqual(['closed', 'open']);
    const [lastYear, thisYear] = cycles as [(typeof cycles)[0], (typeof cycles)[0]];
    for (const [label, family] of [
      ['HR', null],
      ['Head of Data', 'data'],
    ] as const) {
      const report = await get<Learning>('learning', label);
      const closure = report.gapClosure!;
      expect(closure, label).not.toBeNull();
      expect([closure.fromCycle.id, closure.toCycle.id], label).toEqual([lastYear.id, thisYear.id]);
      expect([closure.learningAfter, closure.learningUntil]).toEqual([lastYear.closes_on, thisYear.closes_on]);
      // The same as naming the pair.
      expect(await get<Learning>('learning', label, { fromCycleId: lastYear.id, toCycleId: thisYear.id })).toEqual(
        report,
      );

      const expected = await closureFromRows(report.to, family, {
        from: lastYear.id,
        to: thisYear.id,
        after: closure.learningAfter,
        until: closure.learningUntil,
      });
      expect(closure.skills.map((s) => s.skill.slug).sort(), label).toEqual([...expected.keys()].sort());
      // Skills where both those who learned and those who did not are shown (and neither is empty).
      const bothHalves = closure.skills.filter(
        (s) => !s.learned.suppressed && !s.notLearned.suppressed && s.learned.people! > 0 && s.notLearned.people! > 0,
      );
      // Several for HR (the department); at least one for the Head of Data (one family, smaller cohorts).
      expect(bothHalves.length, `${label}: skills with both halves shown`).toBeGreaterThanOrEqual(
        label === 'HR' ? 5 : 1,
      );
      for (const s of closure.skills) {
        const e = expected.get(s.skill.slug)!;
        if (s.suppressed) {
          expect(e.people, `${label} ${s.skill.slug}`).toBeLessThan(5);
          continue;
        }
        expect(
          { people: s.people, closed: s.closed, percentClosed: s.percentClosed },
          `${label} ${s.skill.slug}`,
        ).toEqual({ people: e.people, closed: e.closed, percentClosed: pct(e.closed, e.people) });
        if (!s.learned.suppressed) {
          expect(s.learned, `${label} ${s.skill.slug} learned`).toEqual({
            people: e.learned,
            closed: e.learnedClosed,
            percentClosed: pct(e.learnedClosed, e.learned),
            suppressed: false,
          });
        }
        if (!s.notLearned.suppressed) {
          expect(s.notLearned, `${label} ${s.skill.slug} not learned`).toEqual({
            people: e.people - e.learned,
            closed: e.closed - e.learnedClosed,
            percentClosed: pct(e.closed - e.learnedClosed, e.people - e.learned),
            suppressed: false,
          });
        }
      }
    }
  });

  it('shows recruitment gap closure to HR and the Head of Data', async () => {
    for (const label of ['HR', 'Head of Data']) {
      const levels = (await get<{ gapClosure: Level[] }>('recruitment', label)).gapClosure;
      expect(
        levels.some((l) => !l.peopleSuppressed && (l.inPost ?? 0) > 0),
        label,
      ).toBe(true);
      expect(
        levels.some((l) => l.openPosts > 0 && (l.livePipeline ?? 0) > 0),
        label,
      ).toBe(true);
      if (label === 'Head of Data') expect(levels.every((l) => l.roleFamily === 'data')).toBe(true);
    }
  });
});
