import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { expectProblem } from '../support/problems.js';
import {
  API,
  assignRole,
  createPerson,
  createUnit,
  openCycle,
  requiredSkills,
  reviewOf,
  userFor,
  type Auth,
  type ReviewBody,
} from './review-fixtures.js';

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Level {
  id: string;
  slug: string;
  name: string;
  role_id: string;
  position: number;
}

interface Rating {
  self: number | null;
  validated: number | null;
}

interface GapsBody {
  staffId: string;
  reviewId: string | null;
  cycleId: string | null;
  roleLevel: { id: string; slug: string; name: string } | null;
  against: { id: string; slug: string; name: string };
  skills: {
    skillId: string;
    skillSlug: string;
    skillName: string;
    requiredLevel: number;
    selfLevel: number | null;
    validatedLevel: number | null;
    gap: number;
    met: boolean;
  }[];
  summary: { required: number; met: number; meanGap: number };
}

const SEED = 20260401;
const PEOPLE = 14;

/**
 * Gaps and career paths against an independent calculation: random people, role levels and ratings over
 * two cycles (the second after some people changed role), the expected figures worked out here in plain
 * TypeScript from what the test itself sent and the framework's requirement rows.
 */
describe('skill gaps and career paths', () => {
  let t: TestApp;
  let hr: Auth;
  let managerAuth: Auth;
  const rnd = random(SEED);
  const pick = <T>(items: T[]): T => items[Math.floor(rnd() * items.length)]!;
  const level = (): number => Math.floor(rnd() * 5);
  let levels: Level[];
  const people: { staffId: string; current: Level; latestReview: string; latestCycle: string }[] = [];
  /** staffId → skill slug → the latest rating the test gave. */
  const latest = new Map<string, Map<string, Rating>>();

  async function rate(
    cycleId: string,
    staffId: string,
    auth: Auth,
    mode: 'none' | 'self' | 'validated',
  ): Promise<void> {
    const reviewId = await reviewOf(t, cycleId, staffId);
    if (mode === 'none') return;
    const review = (await t.http().get(`${API}/skill-reviews/${reviewId}`).set(auth)).body as ReviewBody;
    const self = review.skills.map((s) => ({ skillId: s.skillId, slug: s.skillSlug, level: level() }));
    const saved = await t
      .http()
      .put(`${API}/skill-reviews/${reviewId}/self-assessment`)
      .set(auth)
      .set('If-Match', `"${review.version}"`)
      .send({ ratings: self.map(({ skillId, level: l }) => ({ skillId, level: l })) });
    expect(saved.status, saved.text).toBe(200);
    const ratings = latest.get(staffId) ?? new Map<string, Rating>();
    latest.set(staffId, ratings);
    const agreed = self.map((s) => ({ ...s, level: level() }));
    for (const [i, s] of self.entries()) {
      ratings.set(s.slug, { self: s.level, validated: mode === 'validated' ? agreed[i]!.level : null });
    }
    if (mode === 'self') return;
    const submitted = await t.http().post(`${API}/skill-reviews/${reviewId}/submit`).set(auth);
    expect(submitted.status, submitted.text).toBe(200);
    const validated = await t
      .http()
      .put(`${API}/skill-reviews/${reviewId}/validation`)
      .set(managerAuth)
      .set('If-Match', `"${(submitted.body as ReviewBody).version}"`)
      .send({ ratings: agreed.map(({ skillId, level: l }) => ({ skillId, level: l })) });
    expect(validated.status, validated.text).toBe(200);
  }

  beforeAll(async () => {
    t = await createTestApp();
    hr = await userFor(t, ['hr'], null);
    levels = await t.dataSource.query(
      `SELECT rl.id, rl.slug, rl.name, rl.role_id, rl.position FROM role_levels rl
         JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        WHERE EXISTS (SELECT 1 FROM skill_requirements sr WHERE sr.role_level_id = rl.id)
        ORDER BY rl.slug`,
    );
    const unitId = await createUnit(t);
    const manager = await createPerson(t, { unitId });
    managerAuth = await userFor(t, ['staff'], manager);
    const auths = new Map<string, Auth>();
    for (let i = 0; i < PEOPLE; i++) {
      const current = pick(levels);
      const staffId = await createPerson(t, { unitId, lineManagerId: manager, roleLevel: current.slug });
      auths.set(staffId, await userFor(t, ['staff'], staffId));
      people.push({ staffId, current, latestReview: '', latestCycle: '' });
    }

    const first = await openCycle(t, hr, unitId);
    for (const p of people) {
      await rate(first, p.staffId, auths.get(p.staffId)!, pick(['none', 'self', 'validated', 'validated'] as const));
      p.latestCycle = first;
      p.latestReview = await reviewOf(t, first, p.staffId);
    }
    expect((await t.http().post(`${API}/review-cycles/${first}/close`).set(hr)).status).toBe(200);

    for (const p of people) {
      if (rnd() < 0.5) {
        p.current = pick(levels);
        await assignRole(t, p.staffId, p.current.slug, '2026-01-01');
      }
    }
    const second = await openCycle(t, hr, unitId);
    for (const p of people) {
      await rate(second, p.staffId, auths.get(p.staffId)!, pick(['none', 'self', 'validated'] as const));
      p.latestCycle = second;
      p.latestReview = await reviewOf(t, second, p.staffId);
    }
  });
  afterAll(async () => t.close());

  /** The expected answer, worked out from the requirement rows and the ratings the test sent. */
  async function expected(staffId: string, target: Level): Promise<Pick<GapsBody, 'skills' | 'summary'>> {
    const ratings = latest.get(staffId) ?? new Map<string, Rating>();
    const skills = (await requiredSkills(t, target.id)).map((req) => {
      const r = ratings.get(req.slug);
      const selfLevel = r?.self ?? null;
      const validatedLevel = r?.validated ?? null;
      const gap = Math.max(0, req.requiredLevel - (validatedLevel ?? selfLevel ?? 0));
      return {
        skillId: req.skillId,
        skillSlug: req.slug,
        requiredLevel: req.requiredLevel,
        selfLevel,
        validatedLevel,
        gap,
        met: gap === 0,
      };
    });
    const met = skills.filter((s) => s.met).length;
    const total = skills.reduce((sum, s) => sum + s.gap, 0);
    return {
      skills: skills.sort((a, b) => a.skillSlug.localeCompare(b.skillSlug)) as GapsBody['skills'],
      summary: {
        required: skills.length,
        met,
        meanGap: skills.length ? Math.round((total / skills.length) * 100) / 100 : 0,
      },
    };
  }

  function comparable(body: GapsBody): Pick<GapsBody, 'skills' | 'summary'> {
    return {
      skills: body.skills
        .map(({ skillName: _name, ...s }) => s)
        .sort((a, b) => a.skillSlug.localeCompare(b.skillSlug)) as GapsBody['skills'],
      summary: body.summary,
    };
  }

  const gapsOf = async (staffId: string, against?: string, auth: Auth = hr) => {
    const req = t.http().get(`${API}/staff/${staffId}/gaps`).set(auth);
    return against ? req.query({ against }) : req;
  };

  it('matches the independent calculation against each person’s own role level', async () => {
    let someGap = false;
    let someMet = false;
    for (const p of people) {
      const res = await gapsOf(p.staffId);
      expect(res.status, res.text).toBe(200);
      const body = res.body as GapsBody;
      expect(body).toMatchObject({
        staffId: p.staffId,
        reviewId: p.latestReview,
        cycleId: p.latestCycle,
        roleLevel: { id: p.current.id, slug: p.current.slug, name: p.current.name },
        against: { id: p.current.id, slug: p.current.slug, name: p.current.name },
      });
      expect(comparable(body)).toEqual(await expected(p.staffId, p.current));
      someGap ||= body.skills.some((s) => s.gap > 0);
      someMet ||= body.skills.some((s) => s.met);
    }
    expect(someGap && someMet).toBe(true);
  });

  it('matches it against the next level of the role (?against=next), or says there is none', async () => {
    let compared = 0;
    for (const p of people) {
      const next = levels.find((l) => l.role_id === p.current.role_id && l.position === p.current.position + 1);
      const res = await gapsOf(p.staffId, 'next');
      if (!next) {
        expectProblem(res, 422, 'no-next-role-level');
        continue;
      }
      expect(res.status, res.text).toBe(200);
      const body = res.body as GapsBody;
      expect(body.against.id).toBe(next.id);
      expect(comparable(body)).toEqual(await expected(p.staffId, next));
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('matches it against any role level, another role included (never-rated skills count as 0)', async () => {
    for (const p of people) {
      const target = pick(levels.filter((l) => l.role_id !== p.current.role_id));
      const res = await gapsOf(p.staffId, target.id);
      expect(res.status, res.text).toBe(200);
      const body = res.body as GapsBody;
      expect(body.against).toEqual({ id: target.id, slug: target.slug, name: target.name });
      expect(comparable(body)).toEqual(await expected(p.staffId, target));
    }
    const unrated = people.find((p) => !latest.has(p.staffId));
    if (unrated) {
      const body = (await gapsOf(unrated.staffId)).body as GapsBody;
      expect(body.skills.every((s) => s.gap === s.requiredLevel && s.selfLevel === null)).toBe(true);
    }
  });

  it('answers /me/gaps for the signed-in person, and keeps others’ gaps to their scope (404)', async () => {
    const [p, other] = people;
    const me = await userFor(t, ['staff'], p!.staffId);
    const mine = await t.http().get(`${API}/me/gaps`).set(me);
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body).toEqual((await gapsOf(p!.staffId)).body);
    expect((await gapsOf(p!.staffId, undefined, me)).status).toBe(200);
    expectProblem(await gapsOf(other!.staffId, undefined, me), 404, 'staff-not-found');
    expect((await gapsOf(other!.staffId, undefined, managerAuth)).status).toBe(200);
    expectProblem(await t.http().get(`${API}/me/gaps`).set(hr), 404, 'staff-not-found');
    expectProblem(await gapsOf(p!.staffId, 'upwards'), 400, 'validation-failed');
    expectProblem(await gapsOf(p!.staffId, '6f1c4d2e-0000-4000-8000-000000000009'), 404, 'role-level-not-found');
  });
});
