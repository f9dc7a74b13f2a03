import { Permission } from '@capability/auth';
import { RecommendationPermission } from '@capability/learning';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
} from '../reviews/review-fixtures.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { expectProblem } from '../support/problems.js';

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

interface Closes {
  skillSlug: string;
  requiredLevel: number;
  currentLevel: number;
  itemLevel: number;
  closesFully: boolean;
}

interface RecommendationsBody {
  staffId: string;
  reviewId: string | null;
  against: { id: string; slug: string; name: string };
  inclusionLevel: number | null;
  inclusionFirst: boolean;
  items: {
    item: {
      id: string;
      code: string;
      title: string;
      format: string;
      hours: number | null;
      url: string | null;
      inclusionPackage: string | null;
      updatedAt: string;
    };
    closes: Closes[];
    rank: number;
  }[];
}

interface ReviewWithEvidence {
  id: string;
  skills: { skillSlug: string; learningEvidence: { recordId: string; completedOn: string; hours: number }[] }[];
}

interface ItemRow {
  id: string;
  code: string;
  hours: string | null;
  inclusion_package: string | null;
  active: boolean;
  updated_ms: string;
  skills: { slug: string; level: number }[];
}

interface Level {
  id: string;
  slug: string;
}

const SEED = 20261403;
const PEOPLE = 10;
const ITEMS = 60;
const PACKAGES = ['digital-awareness', 'digital-skills'];

/**
 * Recommendations against an independent calculation: random people, role levels, ratings, catalogue items (skills,
 * levels, hours, packages, retired ones, last updates), records of learning and inclusion assessments; the expected
 * list and order worked out here in plain TypeScript from the raw rows and the ratings the test sent.
 */
describe('recommendations', () => {
  let t: TestApp;
  let hr: Auth;
  let managerAuth: Auth;
  let cycleId: string;
  const rnd = random(SEED);
  const pick = <T>(items: T[]): T => items[Math.floor(rnd() * items.length)]!;
  const people: { staffId: string; level: Level; auth: Auth }[] = [];
  /** staffId → skill slug → the level that counts (validated, else self). */
  const ratings = new Map<string, Map<string, number>>();
  let levels: Level[];

  async function rate(staffId: string, auth: Auth, validate: boolean): Promise<void> {
    const reviewId = await reviewOf(t, cycleId, staffId);
    const review = (await t.http().get(`${API}/skill-reviews/${reviewId}`).set(auth)).body as ReviewBody;
    const self = review.skills.map((s) => ({ skillId: s.skillId, slug: s.skillSlug, level: Math.floor(rnd() * 5) }));
    const saved = await t
      .http()
      .put(`${API}/skill-reviews/${reviewId}/self-assessment`)
      .set(auth)
      .set('If-Match', `"${review.version}"`)
      .send({ ratings: self.map(({ skillId, level }) => ({ skillId, level })) });
    expect(saved.status, saved.text).toBe(200);
    const mine = new Map(self.map((s) => [s.slug, s.level]));
    ratings.set(staffId, mine);
    if (!validate) return;
    const submitted = await t.http().post(`${API}/skill-reviews/${reviewId}/submit`).set(auth);
    expect(submitted.status, submitted.text).toBe(200);
    const agreed = self.map((s) => ({ ...s, level: Math.floor(rnd() * 5) }));
    const validated = await t
      .http()
      .put(`${API}/skill-reviews/${reviewId}/validation`)
      .set(managerAuth)
      .set('If-Match', `"${(submitted.body as ReviewBody).version}"`)
      .send({ ratings: agreed.map(({ skillId, level }) => ({ skillId, level })) });
    expect(validated.status, validated.text).toBe(200);
    for (const a of agreed) mine.set(a.slug, a.level);
  }

  beforeAll(async () => {
    t = await createTestApp();
    hr = await userFor(t, ['hr'], null);
    levels = await t.dataSource.query(
      `SELECT rl.id, rl.slug FROM role_levels rl JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        WHERE EXISTS (SELECT 1 FROM skill_requirements sr WHERE sr.role_level_id = rl.id) ORDER BY rl.slug`,
    );
    // A few role levels, so items and gaps overlap.
    const chosen = [pick(levels), pick(levels), pick(levels)];
    const unitId = await createUnit(t);
    const manager = await createPerson(t, { unitId });
    managerAuth = await userFor(t, ['staff'], manager);
    for (let i = 0; i < PEOPLE; i++) {
      const level = pick(chosen);
      const staffId = await createPerson(t, { unitId, lineManagerId: manager, roleLevel: level.slug });
      people.push({ staffId, level, auth: await userFor(t, ['staff'], staffId) });
    }
    cycleId = await openCycle(t, hr, unitId);
    for (const [i, p] of people.entries()) if (i > 0) await rate(p.staffId, p.auth, rnd() < 0.5); // the first: unrated

    const slugs = [
      ...new Set((await Promise.all(chosen.map((l) => requiredSkills(t, l.id)))).flat().map((s) => s.slug)),
    ];
    for (let i = 0; i < ITEMS; i++) {
      const pkg = rnd() < 0.15 ? pick(PACKAGES) : null;
      const [row] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO learning_items (code, title, provider_kind, provider_name, format, hours, counts_towards_inclusion,
                                     inclusion_package, active, url, updated_at)
         VALUES ($1, $2, 'civil_service_learning', 'Civil Service Learning', 'course', $3, $4, $5, $6, $7,
                 now() - make_interval(mins => $8)) RETURNING id`,
        [
          `REC-${i}`,
          `Recommended item ${i}`,
          pick([null, 1, 2, 3.5, 7.5, 7.5, 15]),
          pkg !== null,
          pkg,
          rnd() < 0.9,
          rnd() < 0.5 ? `https://learning.example/${i}` : null,
          Math.floor(rnd() * 100_000),
        ],
      );
      const skills = new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(slugs)));
      for (const slug of skills) {
        await t.dataSource.query(`INSERT INTO learning_item_skills (item_id, skill_slug, level) VALUES ($1, $2, $3)`, [
          row!.id,
          slug,
          1 + Math.floor(rnd() * 4),
        ]);
      }
    }
    const items = await t.dataSource.query<{ id: string; slugs: string[] }[]>(
      `SELECT i.id, array(SELECT skill_slug FROM learning_item_skills s WHERE s.item_id = i.id) AS slugs
         FROM learning_items i ORDER BY i.code`,
    );
    for (const p of people) {
      // Records of learning in every state, on distinct days; some of external learning claiming skills.
      for (let d = 1; d <= 6; d++) {
        const state = pick(['submitted', 'verified', 'verified', 'rejected']);
        const item = rnd() < 0.7 ? pick(items) : null;
        const claimed = item ? item.slugs : [pick(slugs), pick(slugs)];
        await t.dataSource.query(
          `INSERT INTO learning_records (staff_id, learning_item_id, title, skill_slugs, completed_on, hours,
                                         evidence_url, state, verified_at, rejected_at, reject_reason)
           VALUES ($1, $2, $3, $4, current_date - $5::int, $6, 'https://evidence.example/1', $7::text,
                   CASE WHEN $7::text = 'verified' THEN now() END, CASE WHEN $7::text = 'rejected' THEN now() END,
                   CASE WHEN $7::text = 'rejected' THEN 'No certificate' END)`,
          [p.staffId, item?.id ?? null, item ? null : `External ${d}`, [...new Set(claimed)], d * 3, d, state],
        );
      }
      // Inclusion: none, one, or two (the later one counts).
      const count = Math.floor(rnd() * 3);
      for (let k = 0; k < count; k++) {
        await t.dataSource.query(
          `INSERT INTO inclusion_assessments (staff_id, level, method, assessed_on)
           VALUES ($1, $2, 'self', current_date - $3::int)`,
          [p.staffId, 1 + Math.floor(rnd() * 9), 100 - k * 10],
        );
      }
    }
  }, 180_000);
  afterAll(async () => t?.close());

  /** The expected answer, from the raw rows and the ratings the test sent. */
  async function expected(
    staffId: string,
    target: Level,
  ): Promise<
    Pick<RecommendationsBody, 'inclusionFirst'> & {
      items: { id: string; closes: Closes[] }[];
    }
  > {
    const mine = ratings.get(staffId) ?? new Map<string, number>();
    const gaps = new Map(
      (await requiredSkills(t, target.id))
        .map((r) => ({ slug: r.slug, required: r.requiredLevel, current: mine.get(r.slug) ?? 0 }))
        .filter((g) => g.required > g.current)
        .map((g) => [g.slug, g]),
    );
    const [inclusion] = await t.dataSource.query<{ level: number }[]>(
      `SELECT level FROM inclusion_assessments WHERE staff_id = $1 ORDER BY assessed_on DESC LIMIT 1`,
      [staffId],
    );
    const inclusionFirst = !inclusion || inclusion.level < 7;
    const done = new Set(
      (
        await t.dataSource.query<{ learning_item_id: string | null; state: string }[]>(
          `SELECT learning_item_id, state FROM learning_records WHERE staff_id = $1`,
          [staffId],
        )
      )
        .filter((r) => r.state !== 'rejected' && r.learning_item_id)
        .map((r) => r.learning_item_id!),
    );
    const rows = await t.dataSource.query<ItemRow[]>(
      `SELECT i.id, i.code, i.hours::text AS hours, i.inclusion_package, i.active,
              (extract(epoch FROM i.updated_at) * 1000)::bigint::text AS updated_ms,
              coalesce((SELECT json_agg(json_build_object('slug', s.skill_slug, 'level', s.level))
                          FROM learning_item_skills s WHERE s.item_id = i.id), '[]') AS skills
         FROM learning_items i`,
    );
    const candidates = rows
      .filter((r) => r.active && !done.has(r.id))
      .map((r) => {
        const closes = r.skills
          .filter((s) => gaps.has(s.slug) && s.level > gaps.get(s.slug)!.current)
          .map((s) => {
            const g = gaps.get(s.slug)!;
            return {
              skillSlug: s.slug,
              requiredLevel: g.required,
              currentLevel: g.current,
              itemLevel: s.level,
              closesFully: s.level >= g.required,
            };
          })
          .sort((a, b) => a.skillSlug.localeCompare(b.skillSlug));
        const first = inclusionFirst && r.inclusion_package !== null;
        return { r, closes, full: closes.filter((c) => c.closesFully).length, first };
      })
      .filter((c) => c.full > 0 || c.first);
    const key = (c: (typeof candidates)[number]): (number | string)[] => [
      c.first ? PACKAGES.indexOf(c.r.inclusion_package!) : 2,
      -c.full,
      c.r.hours === null ? Number.MAX_VALUE : Number(c.r.hours),
      -Number(c.r.updated_ms),
    ];
    candidates.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number);
      return a.r.code < b.r.code ? -1 : 1;
    });
    return { inclusionFirst, items: candidates.slice(0, 50).map((c) => ({ id: c.r.id, closes: c.closes })) };
  }

  const comparable = (body: RecommendationsBody) => ({
    inclusionFirst: body.inclusionFirst,
    items: body.items.map((i) => ({
      id: i.item.id,
      closes: [...i.closes].sort((a, b) => a.skillSlug.localeCompare(b.skillSlug)),
    })),
  });

  it('keeps its permission names equal to auth', () => {
    expect(RecommendationPermission.Read).toBe(Permission.RecommendationRead);
  });

  it('matches the independent calculation for everyone, against their own role level', async () => {
    let returned = 0;
    const inclusionFirst = new Set<boolean>();
    let partial = 0;
    for (const p of people) {
      const res = await t.http().get(`${API}/me/recommendations`).set(p.auth);
      expect(res.status, res.text).toBe(200);
      const body = res.body as RecommendationsBody;
      expect(body.staffId).toBe(p.staffId);
      expect(body.against.id).toBe(p.level.id);
      expect(comparable(body)).toEqual(await expected(p.staffId, p.level));
      expect(body.items.map((i) => i.rank)).toEqual(body.items.map((_, i) => i + 1));
      // The invariants, checked on their own: a gap skill to at least the required level, unless an inclusion
      // package put first; never an item already completed.
      for (const i of body.items) {
        if (!(body.inclusionFirst && i.item.inclusionPackage)) expect(i.closes.some((c) => c.closesFully)).toBe(true);
      }
      const done = await t.dataSource.query<{ id: string }[]>(
        `SELECT learning_item_id AS id FROM learning_records WHERE staff_id = $1 AND state <> 'rejected'`,
        [p.staffId],
      );
      for (const d of done) expect(body.items.map((i) => i.item.id)).not.toContain(d.id);
      returned += body.items.length;
      inclusionFirst.add(body.inclusionFirst);
      partial += body.items.flatMap((i) => i.closes).filter((c) => !c.closesFully).length;
    }
    // The generated data exercises both orders and gaps closed in part.
    expect(returned).toBeGreaterThan(PEOPLE);
    expect([...inclusionFirst].sort()).toEqual([false, true]);
    expect(partial).toBeGreaterThan(0);
  });

  it('takes ?against=next or a role level, and a line manager and HR read the same', async () => {
    for (const p of people.slice(0, 4)) {
      const target = pick(levels);
      const res = await t.http().get(`${API}/staff/${p.staffId}/recommendations`).query({ against: target.id }).set(hr);
      expect(res.status, res.text).toBe(200);
      expect(comparable(res.body as RecommendationsBody)).toEqual(await expected(p.staffId, target));
      const manager = await t
        .http()
        .get(`${API}/staff/${p.staffId}/recommendations`)
        .query({ against: target.id.toUpperCase() })
        .set(managerAuth);
      expect(manager.status, manager.text).toBe(200);
      expect(comparable(manager.body as RecommendationsBody)).toEqual(comparable(res.body as RecommendationsBody));
    }
    const next = await t.http().get(`${API}/me/recommendations`).query({ against: 'next' }).set(people[0]!.auth);
    expect([200, 422]).toContain(next.status);
  });

  it('answers 404 out of scope, 400 for a bad against, 404 for an unknown role level', async () => {
    const [a, b] = people;
    expectProblem(
      await t.http().get(`${API}/staff/${b!.staffId}/recommendations`).set(a!.auth),
      404,
      'staff-not-found',
    );
    expectProblem(
      await t.http().get(`${API}/staff/${b!.staffId}/recommendations`).query({ against: 'later' }).set(hr),
      400,
      'validation-failed',
    );
    expectProblem(
      await t
        .http()
        .get(`${API}/staff/${b!.staffId}/recommendations`)
        .query({ against: '00000000-0000-4000-8000-000000000000' })
        .set(hr),
      404,
      'role-level-not-found',
    );
    expectProblem(await t.http().get(`${API}/me/recommendations`).set(hr), 404, 'staff-not-found');
  });

  it('shows the verified records of learning beside each skill of a review, to the reviewee and the manager', async () => {
    let shown = 0;
    for (const p of people) {
      const mine = await t.http().get(`${API}/me/skills-review`).set(p.auth);
      expect(mine.status, mine.text).toBe(200);
      const body = mine.body as ReviewWithEvidence;
      const verified = await t.dataSource.query<
        { id: string; skill_slugs: string[]; completed_on: string; hours: string }[]
      >(
        `SELECT id, skill_slugs, to_char(completed_on, 'YYYY-MM-DD') AS completed_on, hours::text AS hours
           FROM learning_records WHERE staff_id = $1 AND state = 'verified'`,
        [p.staffId],
      );
      for (const s of body.skills) {
        const want = verified
          .filter((r) => r.skill_slugs.includes(s.skillSlug))
          .sort((x, y) => y.completed_on.localeCompare(x.completed_on))
          .map((r) => ({ recordId: r.id, completedOn: r.completed_on, hours: Number(r.hours) }));
        expect(
          s.learningEvidence.map(({ recordId, completedOn, hours }) => ({ recordId, completedOn, hours })),
        ).toEqual(want);
      }
      const managers = await t.http().get(`${API}/skill-reviews/${body.id}`).set(managerAuth);
      expect(managers.status, managers.text).toBe(200);
      expect((managers.body as typeof body).skills.map((s) => s.learningEvidence)).toEqual(
        body.skills.map((s) => s.learningEvidence),
      );
      shown += body.skills.reduce((n, s) => n + s.learningEvidence.length, 0);
    }
    expect(shown).toBeGreaterThan(0);
  });
});
