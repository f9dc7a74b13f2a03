import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  API,
  createPerson,
  createUnit,
  openCycle,
  requiredSkills,
  reviewOf,
  userFor,
  type Auth,
  type ReviewBody,
} from './review-fixtures.js';

interface CycleBody {
  frameworkVersionId: string;
  figures: Record<string, number | null>;
  leftOut: { count: number; sample: { staffId: string; reason: string }[] };
}

/**
 * A cycle pins the framework version current when it opens: a new version made current later changes
 * neither a closed cycle's results nor its snapshot, and the next cycle opens on the new version (people
 * whose role level it lacks are left out, saying so). Gaps match ratings to a newer version's skills by slug.
 */
describe('framework version pinning', () => {
  let t: TestApp;
  let hr: Auth;
  let unitId: string;
  let person: string;
  let colleague: string;
  let firstCycle: string;
  let firstVersion: string;
  let me: Auth;
  let before: ReviewBody;
  let agreed: Map<string, number>;
  const newVersion = { id: '', levelId: '', sharedSlug: '', sharedRequired: 3 };

  beforeAll(async () => {
    t = await createTestApp();
    hr = await userFor(t, ['hr'], null);
    unitId = await createUnit(t);
    const manager = await createPerson(t, { unitId });
    person = await createPerson(t, { unitId, lineManagerId: manager, roleLevel: 'data-scientist' });
    colleague = await createPerson(t, { unitId, roleLevel: 'lead-data-scientist' });
    me = await userFor(t, ['staff'], person);
    const boss = await userFor(t, ['staff'], manager);

    firstCycle = await openCycle(t, hr, unitId);
    const reviewId = await reviewOf(t, firstCycle, person);
    const url = `${API}/skill-reviews/${reviewId}`;
    let review = (await t.http().get(url).set(me)).body as ReviewBody;
    const self = review.skills.map((s, i) => ({ skillId: s.skillId, level: i % 5 }));
    review = (
      await t
        .http()
        .put(`${url}/self-assessment`)
        .set(me)
        .set('If-Match', `"${review.version}"`)
        .send({ ratings: self })
    ).body as ReviewBody;
    review = (await t.http().post(`${url}/submit`).set(me)).body as ReviewBody;
    const validated = self.map((r) => ({ skillId: r.skillId, level: (r.level + 1) % 5 }));
    const res = await t
      .http()
      .put(`${url}/validation`)
      .set(boss)
      .set('If-Match', `"${review.version}"`)
      .send({ ratings: validated });
    expect(res.status, res.text).toBe(200);
    agreed = new Map((res.body as ReviewBody).skills.map((s) => [s.skillSlug, s.validatedLevel!]));
    expect((await t.http().post(`${API}/review-cycles/${firstCycle}/close`).set(hr)).status).toBe(200);
    before = (await t.http().get(url).set(me)).body as ReviewBody;
    firstVersion = (
      await t.dataSource.query<{ id: string }[]>('SELECT id FROM framework_versions WHERE is_current')
    )[0]!.id;

    // Version 2: one family, one role, the level `data-scientist` only, needing a new skill and one of the skills
    // the first review rated (same slug, a new id), at a level of its own.
    newVersion.sharedSlug = before.skills[0]!.skillSlug;
    const [v] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO framework_versions (number, name, source, is_current, content_hash)
       SELECT max(number) + 1, 'Version 2', 'test', false, $1 FROM framework_versions RETURNING id`,
      [randomBytes(32).toString('hex')],
    );
    newVersion.id = v!.id;
    const [family] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO role_families (version_id, slug, name, position) VALUES ($1, 'data', 'Data', 1) RETURNING id`,
      [v!.id],
    );
    const [role] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO roles (version_id, role_family_id, slug, name, description, position)
       VALUES ($1, $2, 'data-scientist', 'Data scientist', 'Models', 1) RETURNING id`,
      [v!.id, family!.id],
    );
    const [level] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO role_levels (version_id, role_id, slug, name, description, position)
       VALUES ($1, $2, 'data-scientist', 'Data scientist', 'The level', 1) RETURNING id`,
      [v!.id, role!.id],
    );
    newVersion.levelId = level!.id;
    const skills = await t.dataSource.query<{ id: string; slug: string }[]>(
      `INSERT INTO skills (version_id, slug, name, awareness_text) VALUES
         ($1, 'prompt-craft', 'Prompt craft', 'Knows of it'), ($1, $2, 'Shared skill', 'Knows of it') RETURNING id, slug`,
      [v!.id, newVersion.sharedSlug],
    );
    for (const [i, skill] of skills.entries()) {
      await t.dataSource.query(
        `INSERT INTO skill_requirements (version_id, role_level_id, skill_id, required_level, position) VALUES ($1, $2, $3, $4, $5)`,
        [v!.id, level!.id, skill.id, skill.slug === 'prompt-craft' ? 2 : newVersion.sharedRequired, i + 1],
      );
    }
    await t.dataSource.query('UPDATE framework_versions SET is_current = (id = $1)', [v!.id]);
  });
  afterAll(async () => t.close());

  it("leaves a closed cycle's results exactly as they were when the framework changes", async () => {
    const after = await t
      .http()
      .get(`${API}/skill-reviews/${await reviewOf(t, firstCycle, person)}`)
      .set(me);
    expect(after.body).toEqual(before);
    const cycle = (await t.http().get(`${API}/review-cycles/${firstCycle}`).set(hr)).body as CycleBody;
    expect(cycle.frameworkVersionId).toBe(firstVersion);
  });

  it('opens the next cycle on the new version: the same slug maps to its level, a missing one is left out', async () => {
    const second = await t
      .http()
      .post(`${API}/review-cycles`)
      .set(hr)
      .send({ name: 'Next year', unitId, opensOn: '2027-04-01', closesOn: '2027-06-30' });
    const opened = await t
      .http()
      .post(`${API}/review-cycles/${(second.body as { id: string }).id}/open`)
      .set(hr);
    expect(opened.status, opened.text).toBe(200);
    const body = opened.body as CycleBody;
    expect(body.frameworkVersionId).toBe(newVersion.id);
    expect(body.figures).toMatchObject({ reviews: 1, leftOut: 2, inScope: 3 });
    expect(body.leftOut.sample).toContainEqual(
      expect.objectContaining({ staffId: colleague, reason: 'role_level_not_in_version' }),
    );
    expect(body.leftOut.sample.map((s) => s.reason).sort()).toEqual(['no_role_level', 'role_level_not_in_version']);
    const review = (await t.http().get(`${API}/me/skills-review`).set(me)).body as ReviewBody & {
      roleLevel: { id: string };
    };
    expect(review.roleLevel.id).toBe(newVersion.levelId);
    expect(review.skills.map((s) => [s.skillSlug, s.requiredLevel])).toEqual(
      (await requiredSkills(t, newVersion.levelId)).map((s) => [s.slug, s.requiredLevel]),
    );
  });

  it('counts ratings of the older version against the newer one by skill slug; never-rated skills as 0', async () => {
    const firstLevel = (
      await t.dataSource.query<{ role_level_id: string }[]>(
        'SELECT role_level_id FROM role_assignments WHERE staff_id = $1',
        [person],
      )
    )[0]!.role_level_id;
    const res = await t.http().get(`${API}/me/gaps`).query({ against: newVersion.levelId }).set(me);
    expect(res.status, res.text).toBe(200);
    const gaps = res.body as {
      roleLevel: { id: string };
      skills: { skillSlug: string; validatedLevel: number | null; gap: number }[];
    };
    // The person's own role level is still the one their assignment names (version 1's).
    expect(gaps.roleLevel).toMatchObject({ id: firstLevel, slug: 'data-scientist' });
    const shared = agreed.get(newVersion.sharedSlug)!;
    expect(Object.fromEntries(gaps.skills.map((s) => [s.skillSlug, [s.validatedLevel, s.gap]]))).toEqual({
      'prompt-craft': [null, 2],
      [newVersion.sharedSlug]: [shared, Math.max(0, newVersion.sharedRequired - shared)],
    });
  });
});
