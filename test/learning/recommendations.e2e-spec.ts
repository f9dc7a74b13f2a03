import { Permission } from '@capability/auth';
import { RecommendationPermission } from '@capability/learning';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  type RequiredSkill,
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

/** A role level of the current framework version, as the test reads it from the framework's rows. */
interface Level {
  id: string;
  slug: string;
  name: string;
  role_id: string;
  family_id: string;
  position: number;
}

/** A catalogue item as the test generated it. */
interface Item {
  id: string;
  code: string;
  title: string;
  hours: number | null;
  url: string | null;
  inclusionPackage: string | null;
  active: boolean;
  updatedAt: Date;
  skills: { slug: string; level: number }[];
}

interface Person {
  staffId: string;
  auth: Auth;
  /** The role level the gaps route compares against by default: the current one, else the latest review's. */
  own: Level | null;
  reviewId: string | null;
  /** Role levels to compare against: one at random, one in another role family. */
  targets: Level[];
}

const SEED = 20261403;
const PEOPLE = 10;
const ITEMS = 140;
const PACKAGES = ['digital-awareness', 'digital-skills'];

/**
 * Recommendations against an independent calculation: random people, role levels, ratings, catalogue items (skills,
 * levels, hours, packages, retired ones, last updates), records of learning and inclusion assessments; the whole
 * expected answer (gaps, items, what each closes, the order) worked out here in plain TypeScript from what the test
 * generated, against the person's own role level, the next one (`?against=next`, by the gaps route's rule mirrored
 * here) and random role levels of any family. Among the people: one never rated, one who moved to another role since
 * the review (their current role level counts), one who left their role (the review's counts) and one with neither
 * a role nor a review (422 unless a role level is named).
 */
describe('recommendations', () => {
  let t: TestApp;
  let hr: Auth;
  let managerAuth: Auth;
  let cycleId: string;
  const rnd = random(SEED);
  const pick = <T>(items: T[]): T => items[Math.floor(rnd() * items.length)]!;
  const people: Person[] = [];
  /** staffId → skill slug → the level that counts (validated, else self). */
  const ratings = new Map<string, Map<string, number>>();
  /** staffId → the items with a record that is not rejected. */
  const completed = new Map<string, Set<string>>();
  /** staffId → inclusion assessments as [level, days ago]. */
  const assessments = new Map<string, [number, number][]>();
  const items: Item[] = [];
  let levels: Level[];

  /**
   * "Next", as the gaps route defines it: the level one position up in the same role (a role's levels are numbered
   * 1, 2, … from the most junior, without gaps); none for a role's most senior level.
   */
  const nextOf = (level: Level): Level | null =>
    levels.find((l) => l.role_id === level.role_id && l.position === level.position + 1) ?? null;

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
      `SELECT rl.id, rl.slug, rl.name, rl.role_id, r.role_family_id AS family_id, rl.position
         FROM role_levels rl JOIN roles r ON r.id = rl.role_id
         JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        ORDER BY rl.slug`,
    );
    const required = new Set(
      (await t.dataSource.query<{ id: string }[]>('SELECT DISTINCT role_level_id AS id FROM skill_requirements')).map(
        (r) => r.id,
      ),
    );
    const withSkills = levels.filter((l) => required.has(l.id));
    // A few role levels, so items and gaps overlap: two with a next level, one the most senior of its role.
    const chosen = [
      pick(withSkills.filter((l) => nextOf(l) !== null)),
      pick(withSkills.filter((l) => nextOf(l) !== null)),
      pick(withSkills.filter((l) => nextOf(l) === null)),
    ];
    const unitId = await createUnit(t);
    const manager = await createPerson(t, { unitId });
    managerAuth = await userFor(t, ['staff'], manager);
    for (let i = 0; i < PEOPLE; i++) {
      const level = i < chosen.length ? chosen[i]! : pick(chosen);
      const staffId = await createPerson(t, { unitId, lineManagerId: manager, roleLevel: level.slug });
      people.push({ staffId, own: level, reviewId: null, auth: await userFor(t, ['staff'], staffId), targets: [] });
    }
    cycleId = await openCycle(t, hr, unitId);
    for (const [i, p] of people.entries()) {
      p.reviewId = await reviewOf(t, cycleId, p.staffId);
      if (i > 0) await rate(p.staffId, p.auth, rnd() < 0.5); // the first: unrated
    }
    // The last has left their role since the review: the review's role level counts (the one they had at opening).
    await t.dataSource.query(`UPDATE role_assignments SET ends_on = current_date WHERE staff_id = $1`, [
      people.at(-1)!.staffId,
    ]);
    // One before them has moved to another role since the review: the current role level counts, not the review's.
    const mover = people.at(-2)!;
    mover.own = pick(withSkills.filter((l) => l.role_id !== mover.own!.role_id && nextOf(l) !== null));
    await assignRole(t, mover.staffId, mover.own.slug, '2025-06-01');
    // And one with no role and no review: nothing of their own to compare against, but any role level will do.
    const roleless = await createPerson(t, { unitId, lineManagerId: manager });
    people.push({
      staffId: roleless,
      own: null,
      reviewId: null,
      auth: await userFor(t, ['staff'], roleless),
      targets: [],
    });
    for (const p of people) {
      const family = p.own?.family_id;
      p.targets = [pick(levels), pick(withSkills.filter((l) => l.family_id !== family))];
    }

    // Items develop the skills of every level compared against, so each comparison has some to find.
    const owned = people.flatMap((p) => (p.own ? [p.own] : []));
    const compared = [...owned, ...owned.map(nextOf), ...people.flatMap((p) => p.targets)].filter(
      (l): l is Level => l !== null,
    );
    const slugs = [
      ...new Set((await Promise.all(compared.map((l) => requiredSkills(t, l.id)))).flat().map((s) => s.slug)),
    ].sort();
    const now = Date.now();
    for (let i = 0; i < ITEMS; i++) {
      const pkg = rnd() < 0.1 ? pick(PACKAGES) : null;
      const skills = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(slugs)))].map((slug) => ({
        slug,
        level: 1 + Math.floor(rnd() * 4),
      }));
      const item: Omit<Item, 'id'> = {
        code: `REC-${i}`,
        title: `Recommended item ${i}`,
        hours: pick([null, 1, 2, 3.5, 7.5, 7.5, 15]),
        url: rnd() < 0.5 ? `https://learning.example/${i}` : null,
        inclusionPackage: pkg,
        active: rnd() < 0.9,
        updatedAt: new Date(now - Math.floor(rnd() * 100_000) * 60_000),
        skills,
      };
      const [row] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO learning_items (code, title, provider_kind, provider_name, format, hours, counts_towards_inclusion,
                                     inclusion_package, active, url, updated_at)
         VALUES ($1, $2, 'civil_service_learning', 'Civil Service Learning', 'course', $3, $4, $5, $6, $7, $8)
         RETURNING id`,
        [item.code, item.title, item.hours, pkg !== null, pkg, item.active, item.url, item.updatedAt.toISOString()],
      );
      for (const s of skills) {
        await t.dataSource.query(`INSERT INTO learning_item_skills (item_id, skill_slug, level) VALUES ($1, $2, $3)`, [
          row!.id,
          s.slug,
          s.level,
        ]);
      }
      items.push({ id: row!.id, ...item });
    }
    for (const p of people) {
      // Records of learning in every state, on distinct days; some of external learning claiming skills.
      const done = new Set<string>();
      completed.set(p.staffId, done);
      for (let d = 1; d <= 8; d++) {
        const state = pick(['submitted', 'verified', 'verified', 'rejected']);
        const item = rnd() < 0.75 ? pick(items) : null;
        const claimed = item ? item.skills.map((s) => s.slug) : [pick(slugs), pick(slugs)];
        await t.dataSource.query(
          `INSERT INTO learning_records (staff_id, learning_item_id, title, skill_slugs, completed_on, hours,
                                         evidence_url, state, verified_at, rejected_at, reject_reason)
           VALUES ($1, $2, $3, $4, current_date - $5::int, $6, 'https://evidence.example/1', $7::text,
                   CASE WHEN $7::text = 'verified' THEN now() END, CASE WHEN $7::text = 'rejected' THEN now() END,
                   CASE WHEN $7::text = 'rejected' THEN 'No certificate' END)`,
          [p.staffId, item?.id ?? null, item ? null : `External ${d}`, [...new Set(claimed)], d * 3, d, state],
        );
        if (item && state !== 'rejected') done.add(item.id);
      }
      // Inclusion: none, one, or two on different days (the later one counts).
      const mine: [number, number][] = [];
      assessments.set(p.staffId, mine);
      const count = Math.floor(rnd() * 3);
      for (let k = 0; k < count; k++) {
        const level = 1 + Math.floor(rnd() * 9);
        mine.push([level, 100 - k * 10]);
        await t.dataSource.query(
          `INSERT INTO inclusion_assessments (staff_id, level, method, assessed_on)
           VALUES ($1, $2, 'self', current_date - $3::int)`,
          [p.staffId, level, 100 - k * 10],
        );
      }
    }
  }, 240_000);
  afterAll(async () => t?.close());

  /** What each role level requires (each skill once, at the highest level listed), read once per level. */
  const requirements = new Map<string, RequiredSkill[]>();

  /** The whole expected answer against `target`, from what the test generated. */
  async function expected(p: Person, target: Level): Promise<RecommendationsBody> {
    if (!requirements.has(target.id)) requirements.set(target.id, await requiredSkills(t, target.id));
    const mine = ratings.get(p.staffId) ?? new Map<string, number>();
    const gaps = new Map(
      requirements
        .get(target.id)!
        .map((r) => ({ slug: r.slug, required: r.requiredLevel, current: mine.get(r.slug) ?? 0 }))
        .filter((g) => g.required > g.current)
        .map((g) => [g.slug, g]),
    );
    const latest = [...(assessments.get(p.staffId) ?? [])].sort((a, b) => a[1] - b[1])[0];
    const inclusionLevel = latest ? latest[0] : null;
    const inclusionFirst = inclusionLevel === null || inclusionLevel < 7;
    const done = completed.get(p.staffId)!;
    const candidates = items
      .filter((i) => i.active && !done.has(i.id))
      .map((i) => {
        const closes = i.skills
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
          .sort((a, b) => (a.skillSlug < b.skillSlug ? -1 : 1));
        const first = inclusionFirst && i.inclusionPackage !== null;
        return { i, closes, full: closes.filter((c) => c.closesFully).length, first };
      })
      .filter((c) => c.full > 0 || c.first);
    const key = (c: (typeof candidates)[number]): number[] => [
      c.first ? PACKAGES.indexOf(c.i.inclusionPackage!) : 2,
      -c.full,
      c.i.hours ?? Number.MAX_VALUE,
      -c.i.updatedAt.getTime(),
    ];
    candidates.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let k = 0; k < ka.length; k++) if (ka[k] !== kb[k]) return ka[k]! - kb[k]!;
      return a.i.code < b.i.code ? -1 : 1;
    });
    return {
      staffId: p.staffId,
      reviewId: p.reviewId,
      against: { id: target.id, slug: target.slug, name: target.name },
      inclusionLevel,
      inclusionFirst,
      items: candidates.slice(0, 50).map((c, n) => ({
        item: {
          id: c.i.id,
          code: c.i.code,
          title: c.i.title,
          format: 'course',
          hours: c.i.hours,
          url: c.i.url,
          inclusionPackage: c.i.inclusionPackage,
          updatedAt: c.i.updatedAt.toISOString(),
        },
        closes: c.closes,
        rank: n + 1,
      })),
    };
  }

  /** The body with each item's closed gaps by slug (the order within an item is not part of the contract). */
  const comparable = (body: RecommendationsBody): RecommendationsBody => ({
    ...body,
    items: body.items.map((i) => ({
      ...i,
      closes: [...i.closes].sort((a, b) => (a.skillSlug < b.skillSlug ? -1 : 1)),
    })),
  });

  /** The invariants on their own: a gap skill to at least the required level, unless an inclusion package put first; never an item already completed. */
  function checkInvariants(p: Person, body: RecommendationsBody): void {
    expect(body.items.map((i) => i.rank)).toEqual(body.items.map((_, i) => i + 1));
    for (const i of body.items) {
      if (!(body.inclusionFirst && i.item.inclusionPackage)) expect(i.closes.some((c) => c.closesFully)).toBe(true);
      expect(completed.get(p.staffId)!.has(i.item.id)).toBe(false);
    }
  }

  it('keeps its permission names equal to auth', () => {
    expect(RecommendationPermission.Read).toBe(Permission.RecommendationRead);
  });

  it('matches the independent calculation for everyone, against their own role level', async () => {
    let returned = 0;
    const inclusionFirst = new Set<boolean>();
    let partial = 0;
    for (const p of people) {
      const res = await t.http().get(`${API}/me/recommendations`).set(p.auth);
      if (!p.own) {
        expectProblem(res, 422, 'no-role-level');
        continue;
      }
      expect(res.status, res.text).toBe(200);
      const body = res.body as RecommendationsBody;
      expect(comparable(body)).toEqual(await expected(p, p.own));
      checkInvariants(p, body);
      returned += body.items.length;
      inclusionFirst.add(body.inclusionFirst);
      partial += body.items.flatMap((i) => i.closes).filter((c) => !c.closesFully).length;
    }
    // The generated data exercises both orders and gaps closed in part.
    expect(returned).toBeGreaterThan(PEOPLE);
    expect([...inclusionFirst].sort()).toEqual([false, true]);
    expect(partial).toBeGreaterThan(0);
  });

  it('matches it against the next level of the role (?against=next), or says there is none', async () => {
    let compared = 0;
    let none = 0;
    for (const p of people) {
      const next = p.own ? nextOf(p.own) : null;
      for (const [res, who] of [
        [await t.http().get(`${API}/me/recommendations`).query({ against: 'next' }).set(p.auth), 'self'],
        [await t.http().get(`${API}/staff/${p.staffId}/recommendations`).query({ against: 'NEXT' }).set(hr), 'hr'],
      ] as const) {
        if (!p.own) {
          expectProblem(res, 422, 'no-role-level');
          continue;
        }
        if (!next) {
          const problem = expectProblem(res, 422, 'no-next-role-level');
          expect(problem.detail, who).toContain(p.own.slug);
          none++;
          continue;
        }
        expect(res.status, `${who}: ${res.text}`).toBe(200);
        const body = res.body as RecommendationsBody;
        expect(comparable(body), who).toEqual(await expected(p, next));
        checkInvariants(p, body);
        compared += body.items.length > 0 ? 1 : 0;
      }
    }
    // People with a next level, with recommendations for it, and people at the top of their role.
    expect(compared).toBeGreaterThan(0);
    expect(none).toBeGreaterThan(0);
  });

  it('matches it against any role level, other families included; the line manager and HR read the same', async () => {
    let otherFamily = 0;
    for (const p of people) {
      for (const target of p.targets) {
        const res = await t.http().get(`${API}/me/recommendations`).query({ against: target.id }).set(p.auth);
        expect(res.status, res.text).toBe(200);
        const body = res.body as RecommendationsBody;
        expect(comparable(body)).toEqual(await expected(p, target));
        checkInvariants(p, body);
        if (target.family_id !== p.own?.family_id) otherFamily += body.items.filter((i) => i.closes.length).length;
        for (const [auth, against] of [
          [hr, target.id],
          [managerAuth, target.id.toUpperCase()],
        ] as const) {
          const other = await t.http().get(`${API}/staff/${p.staffId}/recommendations`).query({ against }).set(auth);
          expect(other.status, other.text).toBe(200);
          expect(other.body).toEqual(res.body);
        }
      }
    }
    // Role levels of other families give recommendations too (their skills were never rated: every gap is whole).
    expect(otherFamily).toBeGreaterThan(0);
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
    for (const p of people.filter((x) => x.reviewId !== null)) {
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
