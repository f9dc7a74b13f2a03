import { InclusionDemoSeeder, SkillsReviewDemoSeeder } from '@capability/reviews';
import { DemoDepartmentService, today } from '@capability/workforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERSONAS } from '../../apps/api/src/demo/demo-personas.js';
import { DemoPersonasSeeder } from '../../apps/api/src/demo/demo-personas.seeder.js';
import { createTestApp, type TestApp } from '../support/app.js';

interface CycleRow {
  id: string;
  name: string;
  state: string;
  opens_on: string;
  closes_on: string;
}
interface RatingRow {
  cycle_id: string;
  staff_id: string;
  state: string;
  family: string;
  skill_id: string;
  required_level: number;
  self_level: number | null;
  validated_level: number | null;
  flagged_for_calibration: boolean;
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

/**
 * The demo department's skills reviews: last year's closed cycle and this year's open one, with realistic
 * spreads, checked here from the raw rows (not through the service's figures), and the Staff persona's
 * review left for a newcomer to do, with the Line manager persona as their manager.
 */
describe('demo department: skills reviews and digital inclusion', () => {
  let t: TestApp;
  let cycles: CycleRow[];
  let ratings: RatingRow[];
  let reviews: { cycle_id: string; staff_id: string; state: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoDepartmentService).loadOnce({ size: 600, seed: 11 });
    await t.app.get(DemoPersonasSeeder).seed();
    await t.app.get(SkillsReviewDemoSeeder).seed();
    await t.app.get(SkillsReviewDemoSeeder).seed(); // once only
    await t.app.get(InclusionDemoSeeder).seed();
    await t.app.get(InclusionDemoSeeder).seed(); // once only
    cycles = await t.dataSource.query(
      `SELECT id, name, state, opens_on::text, closes_on::text FROM review_cycles ORDER BY opens_on`,
    );
    reviews = await t.dataSource.query(`SELECT cycle_id, staff_id, state FROM skill_reviews`);
    ratings = await t.dataSource.query(
      `SELECT r.cycle_id, r.staff_id, r.state, r.role_family_slug AS family, x.skill_id, x.required_level,
              x.self_level, x.validated_level, x.flagged_for_calibration
         FROM skill_review_ratings x JOIN skill_reviews r ON r.id = x.review_id`,
    );
  }, 120_000);
  afterAll(async () => t?.close());

  const inCycle = <T extends { cycle_id: string }>(rows: T[], cycle: CycleRow): T[] =>
    rows.filter((r) => r.cycle_id === cycle.id);

  it("has last year's cycle closed and this year's open, each covering the department", async () => {
    const day = today();
    const year = Number(day.slice(0, 4));
    expect(cycles.map((c) => [c.name, c.state])).toEqual([
      [`Annual skills review ${year - 1}`, 'closed'],
      [`Annual skills review ${year}`, 'open'],
    ]);
    const [last, current] = cycles as [CycleRow, CycleRow];
    expect(last.closes_on < day).toBe(true);
    expect(current.opens_on <= day && day <= current.closes_on).toBe(true);
    const [count] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(DISTINCT ra.staff_id)::int AS n FROM role_assignments ra JOIN staff s ON s.id = ra.staff_id
        WHERE ra.is_primary AND ra.starts_on <= current_date AND (ra.ends_on IS NULL OR ra.ends_on > current_date)
          AND (s.leaving_date IS NULL OR s.leaving_date > current_date)`,
    );
    const withRole = count!.n;
    expect(inCycle(reviews, current)).toHaveLength(withRole);
    expect(inCycle(reviews, last).length).toBeGreaterThan(0.9 * withRole);
  });

  it('last year: most self-assessed, most of those validated; this year: under way, some in every state', () => {
    const [last, current] = cycles as [CycleRow, CycleRow];
    const lastReviews = inCycle(reviews, last);
    const submitted = lastReviews.filter((r) => r.state === 'self_assessed' || r.state === 'validated');
    expect(share(submitted.length, lastReviews.length)).toBeGreaterThan(0.75);
    expect(share(submitted.filter((r) => r.state === 'validated').length, submitted.length)).toBeGreaterThan(0.7);
    const states = new Set(inCycle(reviews, current).map((r) => r.state));
    expect([...states].sort()).toEqual(['in_progress', 'not_started', 'returned', 'self_assessed', 'validated']);
    // Ratings follow the states: none for a review not started, every required skill for a submitted one.
    for (const r of ratings) {
      if (r.state === 'not_started') expect(r.self_level).toBeNull();
      if (['self_assessed', 'validated', 'returned'].includes(r.state)) expect(r.self_level).not.toBeNull();
      expect(r.validated_level === null).toBe(r.state !== 'validated');
    }
  });

  it('gaps concentrate in a few skills per family; some disagreements are flagged; levels improved', () => {
    const [last, current] = cycles as [CycleRow, CycleRow];
    const validated = inCycle(ratings, last).filter((r) => r.validated_level !== null);
    // Per family and skill: the share of validated ratings below the required level.
    const cells = new Map<string, { below: number; all: number }>();
    for (const r of validated) {
      const key = `${r.family}:${r.skill_id}`;
      const cell = cells.get(key) ?? { below: 0, all: 0 };
      cell.all += 1;
      if (r.validated_level! < r.required_level) cell.below += 1;
      cells.set(key, cell);
    }
    const rated = [...cells.values()].filter((c) => c.all >= 10);
    const weak = rated.filter((c) => share(c.below, c.all) >= 0.5);
    const strong = rated.filter((c) => share(c.below, c.all) < 0.35);
    expect(weak.length).toBeGreaterThan(0);
    expect(weak.length).toBeLessThan(0.35 * rated.length);
    expect(strong.length).toBeGreaterThan(0.5 * rated.length);

    const flagged = validated.filter((r) => Math.abs(r.self_level! - r.validated_level!) >= 2);
    expect(flagged.length).toBeGreaterThan(0);
    expect(share(flagged.length, validated.length)).toBeLessThan(0.1);
    expect(validated.filter((r) => r.flagged_for_calibration)).toHaveLength(flagged.length);

    // The same people and skills rated (self) both years: higher this year on average.
    const lastSelf = new Map(
      inCycle(ratings, last)
        .filter((r) => r.self_level !== null)
        .map((r) => [`${r.staff_id}:${r.skill_id}`, r.self_level!]),
    );
    const pairs = inCycle(ratings, current)
      .filter((r) => r.self_level !== null && lastSelf.has(`${r.staff_id}:${r.skill_id}`))
      .map((r) => r.self_level! - lastSelf.get(`${r.staff_id}:${r.skill_id}`)!);
    expect(pairs.length).toBeGreaterThan(100);
    expect(pairs.reduce((a, b) => a + b, 0) / pairs.length).toBeGreaterThan(0.1);
  });

  it("leaves the Staff persona's review not started, and the Line manager persona manages them", async () => {
    const users = await t.dataSource.query<{ email: string; staff_id: string }[]>(
      `SELECT email, staff_id FROM users WHERE email = ANY($1)`,
      [DEMO_PERSONAS.map((p) => p.email)],
    );
    const staffOf = (label: string): string =>
      users.find((u) => u.email === DEMO_PERSONAS.find((p) => p.label === label)!.email)!.staff_id;
    const member = staffOf('Staff');
    const [current] = cycles.slice(1);
    expect(reviews.find((r) => r.cycle_id === current!.id && r.staff_id === member)?.state).toBe('not_started');
    const [manager] = await t.dataSource.query<{ line_manager_id: string }[]>(
      `SELECT line_manager_id FROM staff WHERE id = $1`,
      [member],
    );
    expect(manager!.line_manager_id).toBe(staffOf('Line manager'));
  });

  it("lets a newcomer do the Staff persona's review end to end, and the Line manager persona validate it", async () => {
    const signIn = async (label: string): Promise<{ Authorization: string }> => {
      const persona = DEMO_PERSONAS.find((p) => p.label === label)!;
      const res = await t.http().post('/api/v1/auth/login').send({ email: persona.email, password: persona.password });
      expect(res.status, res.text).toBe(200);
      return { Authorization: `Bearer ${(res.body as { accessToken: string }).accessToken}` };
    };
    const staff = await signIn('Staff');
    const manager = await signIn('Line manager');
    const mine = await t.http().get('/api/v1/me/skills-review').set(staff);
    expect(mine.status, mine.text).toBe(200);
    const review = mine.body as {
      id: string;
      state: string;
      version: number;
      skills: { skillId: string; requiredLevel: number | null }[];
    };
    expect(review.state).toBe('not_started');
    const required = review.skills.filter((k) => k.requiredLevel !== null);
    expect(required.length).toBeGreaterThan(0);
    const rated = await t
      .http()
      .put(`/api/v1/skill-reviews/${review.id}/self-assessment`)
      .set(staff)
      .set('If-Match', `"${review.version}"`)
      .send({ ratings: required.map((k) => ({ skillId: k.skillId, level: k.requiredLevel! })) });
    expect(rated.status, rated.text).toBe(200);
    const submitted = await t.http().post(`/api/v1/skill-reviews/${review.id}/submit`).set(staff);
    expect(submitted.status, submitted.text).toBe(200);
    const seen = await t.http().get(`/api/v1/skill-reviews/${review.id}`).set(manager);
    expect(seen.status, seen.text).toBe(200);
    const validated = await t
      .http()
      .put(`/api/v1/skill-reviews/${review.id}/validation`)
      .set(manager)
      .set('If-Match', `"${(seen.body as { version: number }).version}"`)
      .send({ ratings: required.map((k) => ({ skillId: k.skillId, level: Math.max(0, k.requiredLevel! - 1) })) });
    expect(validated.status, validated.text).toBe(200);
    expect((validated.body as { state: string }).state).toBe('validated');
    const gaps = await t.http().get('/api/v1/me/gaps').set(staff);
    expect(gaps.status, gaps.text).toBe(200);
    const summary = (gaps.body as { summary: { required: number; met: number } }).summary;
    expect(summary).toMatchObject({
      required: required.length,
      met: required.filter((k) => k.requiredLevel === 0).length,
    });
  });

  it('gives every member of staff an inclusion level, most at 7 or above and more than a year ago', async () => {
    const day = today();
    const rows = await t.dataSource.query<{ staff_id: string; level: number; assessed_on: string }[]>(
      `SELECT a.staff_id, a.level, a.assessed_on::text FROM inclusion_assessments a ORDER BY a.assessed_on`,
    );
    const [activeRow] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM staff WHERE (leaving_date IS NULL OR leaving_date > current_date)
          AND (start_date IS NULL OR start_date <= current_date)`,
    );
    const active = activeRow!.n;
    const latest = new Map<string, number>();
    const yearAgo = new Map<string, number>();
    const cutoff = new Date(Date.parse(day) - 200 * 86_400_000).toISOString().slice(0, 10);
    for (const r of rows) {
      latest.set(r.staff_id, r.level);
      if (r.assessed_on < cutoff) yearAgo.set(r.staff_id, r.level);
    }
    expect(latest.size).toBeGreaterThan(0.95 * active);
    expect(latest.size).toBeLessThan(active); // some have no assessment yet
    const atTarget = (m: Map<string, number>): number => share([...m.values()].filter((l) => l >= 7).length, m.size);
    expect(atTarget(latest)).toBeGreaterThan(0.7);
    expect(atTarget(latest)).toBeLessThan(0.95);
    expect(atTarget(yearAgo)).toBeLessThan(atTarget(latest));
    expect(rows.every((r) => r.assessed_on <= day)).toBe(true);
  });

  it('has two closed awareness pulses whose answers cannot be linked to respondents, agreement up between them', async () => {
    const pulses = await t.dataSource.query<{ id: string; state: string; title: string }[]>(
      `SELECT id, state, title FROM pulses ORDER BY opens_on`,
    );
    expect(pulses.map((p) => p.state)).toEqual(['closed', 'closed']);
    const means: number[] = [];
    for (const pulse of pulses) {
      const [respondentRow] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pulse_respondents WHERE pulse_id = $1`,
        [pulse.id],
      );
      const respondents = respondentRow!.n;
      const answers = await t.dataSource.query<{ ratings: number[] }[]>(
        `SELECT ratings FROM pulse_answers WHERE pulse_id = $1`,
        [pulse.id],
      );
      expect(answers).toHaveLength(respondents);
      const all = answers.flatMap((a) => a.ratings);
      means.push(all.reduce((a, b) => a + b, 0) / all.length);
    }
    expect(means[1]!).toBeGreaterThan(means[0]!);
    // HR reads the results of each pulse.
    const hrPersona = DEMO_PERSONAS.find((p) => p.label === 'HR')!;
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: hrPersona.email, password: hrPersona.password });
    const hr = { Authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };
    const results = await t.http().get(`/api/v1/pulses/${pulses[1]!.id}/results`).set(hr);
    expect(results.status, results.text).toBe(200);
  });
});
