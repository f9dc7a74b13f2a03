import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LearningItemResponse } from '../../apps/api/src/learning/catalogue/learning-items.dto.js';
import type { LearningMapResponse } from '../../apps/api/src/learning/catalogue/learning-map.dto.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { familySkills, itemBody, ITEMS, MAP, type Auth } from './learning-fixtures.js';

interface Requirement {
  role_level_id: string;
  role_slug: string;
  skill_slug: string;
  required_level: number;
}

interface Generated {
  code: string;
  active: boolean;
  skills: { slug: string; level: number }[];
}

/** A deterministic pseudo-random sequence (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the learning map', () => {
  let t: TestApp;
  let hr: Auth;
  let staff: Auth;
  let family: { family: string; skills: string[] };
  let requirements: Requirement[];
  let levels: { id: string; role_slug: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    const families = await familySkills(t);
    family = families.reduce((best, f) => (f.skills.length > best.skills.length ? f : best));
    // The family's requirements straight from the framework tables: each (level, skill) at its highest level.
    requirements = await t.dataSource.query(
      `SELECT rl.id AS role_level_id, r.slug AS role_slug, sk.slug AS skill_slug, max(q.required_level)::int AS required_level
         FROM skill_requirements q JOIN role_levels rl ON rl.id = q.role_level_id JOIN roles r ON r.id = rl.role_id
         JOIN role_families f ON f.id = r.role_family_id JOIN skills sk ON sk.id = q.skill_id
         JOIN framework_versions v ON v.id = q.version_id AND v.is_current
        WHERE f.slug = $1 GROUP BY rl.id, r.slug, sk.slug`,
      [family.family],
    );
    levels = await t.dataSource.query(
      `SELECT rl.id, r.slug AS role_slug FROM role_levels rl JOIN roles r ON r.id = rl.role_id
         JOIN role_families f ON f.id = r.role_family_id JOIN framework_versions v ON v.id = f.version_id AND v.is_current
        WHERE f.slug = $1`,
      [family.family],
    );
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
    staff = (await signedIn(t, { roles: ['staff'] })).auth;
  });

  /** Items over half the family's skills at random levels, some retired. */
  async function generate(seed: number): Promise<Generated[]> {
    const next = random(seed);
    const pool = family.skills.filter(() => next() < 0.5);
    const generated: Generated[] = [];
    for (let i = 0; i < 30; i++) {
      const skills = pool
        .filter(() => next() < 0.15)
        .slice(0, 4)
        .map((slug) => ({ slug, level: 1 + Math.floor(next() * 4) }));
      const active = next() < 0.8;
      const item = (await t.http().post(ITEMS).set(hr).send(itemBody({ skills })).expect(201))
        .body as LearningItemResponse;
      if (!active) await t.http().post(`${ITEMS}/${item.id}/retire`).set(hr).set('If-Match', '"1"').expect(200);
      generated.push({ code: item.code, active, skills });
    }
    return generated;
  }

  it("the map's items and holes equal an independent calculation over generated items", async () => {
    const generated = await generate(20261203);
    const res = await t.http().get(MAP).set(staff).query({ roleFamily: family.family }).expect(200);
    const map = res.body as LearningMapResponse;
    expect(map.levels.map((l) => l.roleLevelId).sort()).toEqual(levels.map((l) => l.id).sort());
    let holes = 0;
    let filled = 0;
    for (const level of map.levels) {
      const required = requirements.filter((r) => r.role_level_id === level.roleLevelId);
      expect(level.skills.map((s) => `${s.slug}:${s.requiredLevel}`).sort()).toEqual(
        required.map((r) => `${r.skill_slug}:${r.required_level}`).sort(),
      );
      for (const r of required) {
        const meeting = generated
          .filter((g) => g.active && g.skills.some((s) => s.slug === r.skill_slug && s.level >= r.required_level))
          .map((g) => g.code)
          .sort();
        const skill = level.skills.find((s) => s.slug === r.skill_slug);
        expect(skill?.items.map((i) => i.code).sort()).toEqual(meeting);
        if (meeting.length === 0) holes++;
        else filled++;
      }
      const expectedHoles = required
        .filter(
          (r) =>
            !generated.some(
              (g) => g.active && g.skills.some((s) => s.slug === r.skill_slug && s.level >= r.required_level),
            ),
        )
        .map((r) => r.skill_slug)
        .sort();
      expect(level.holes.map((h) => h.slug).sort()).toEqual(expectedHoles);
    }
    // The generated data exercises both sides.
    expect(holes).toBeGreaterThan(0);
    expect(filled).toBeGreaterThan(0);
  });

  it('narrows to one role; retiring the only item meeting a skill opens a hole', async () => {
    const role = requirements[0]!.role_slug;
    const target = requirements.find((r) => r.role_slug === role)!;
    const item = (
      await t
        .http()
        .post(ITEMS)
        .set(hr)
        .send(itemBody({ skills: [{ slug: target.skill_slug, level: 4 }] }))
        .expect(201)
    ).body as LearningItemResponse;
    const read = async (): Promise<LearningMapResponse> =>
      (await t.http().get(MAP).set(staff).query({ role }).expect(200)).body as LearningMapResponse;
    const before = await read();
    expect(new Set(before.levels.map((l) => l.roleSlug))).toEqual(new Set([role]));
    const level = before.levels.find((l) => l.roleLevelId === target.role_level_id)!;
    expect(level.skills.find((s) => s.slug === target.skill_slug)?.items.map((i) => i.id)).toEqual([item.id]);
    expect(level.holes.map((h) => h.slug)).not.toContain(target.skill_slug);

    await t.http().post(`${ITEMS}/${item.id}/retire`).set(hr).set('If-Match', '"1"').expect(200);
    const after = (await read()).levels.find((l) => l.roleLevelId === target.role_level_id)!;
    expect(after.holes.map((h) => h.slug)).toContain(target.skill_slug);
  });

  it('needs a family or a role that the current framework has', async () => {
    expectProblem(await t.http().get(MAP).set(staff), 400, 'learning-map-scope-missing');
    expectProblem(
      await t.http().get(MAP).set(staff).query({ roleFamily: 'no-such-family' }),
      404,
      'role-family-not-found',
    );
    expectProblem(await t.http().get(MAP).set(staff).query({ role: 'no-such-role' }), 404, 'role-not-found');
    expectProblem(await t.http().get(MAP).set(staff).query({ roleFamily: 'Not A Slug' }), 400, 'validation-failed');
    await t.http().get(MAP).query({ roleFamily: family.family }).expect(401);
  });
});
