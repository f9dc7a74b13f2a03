import type { Role } from '@capability/auth';
import type { FrameworkDocument } from '@capability/framework';
import { projectRoot } from '@capability/platform';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const API = '/api/v1';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const shipped = JSON.parse(
  readFileSync(join(projectRoot(), 'libs/framework/data/ddat-framework.json'), 'utf8'),
) as FrameworkDocument;
const shippedRole = (slug: string) => shipped.role_families.flatMap((f) => f.roles).find((r) => r.id === slug)!;
const shippedSkill = (slug: string) => shipped.skills.find((s) => s.id === slug)!;

type Auth = { Authorization: string };

interface RoleBody {
  id: string;
  slug: string;
  seniorCivilService: boolean;
  family: { slug: string };
  levels: {
    slug: string;
    order: number;
    skills: { slug: string; requiredLevel: { level: number; slug: string; name: string }; levelText: string | null }[];
  }[];
  skills: { slug: string }[];
}

describe('framework read API', () => {
  let t: TestApp;
  let auth: Auth;
  let v1: string;
  beforeAll(async () => {
    t = await createTestApp();
    const [row]: { id: string }[] = await t.dataSource.query('SELECT id FROM framework_versions WHERE number = 1');
    v1 = row!.id;
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    ({ auth } = await signedIn(t, { roles: ['staff'] }));
  });

  const get = (path: string, as: Auth = auth) => t.http().get(`${API}${path}`).set(as);

  describe('access', () => {
    const ROUTES = [
      '/framework/role-families',
      '/framework/roles/data-scientist',
      '/framework/skills',
      '/framework/skills/data-modelling',
      '/framework/versions',
      '/reference/inclusion-levels',
    ];

    it.each(ROUTES)('GET %s answers 401 without a token', async (path) => {
      expectProblem(await t.http().get(`${API}${path}`), 401, 'unauthenticated');
    });

    it.each(
      ROUTES.flatMap((path) => (['staff', 'hr', 'head_of_profession', 'admin'] as Role[]).map((role) => [path, role])),
    )('GET %s is open to a %s user', async (path, role) => {
      const { auth: as } = await signedIn(t, { roles: [role as Role] });
      expect((await get(path, as)).status).toBe(200);
    });
  });

  describe('GET /framework/role-families', () => {
    it('lists the 8 families in published order with their 52 roles and level counts', async () => {
      const res = await get('/framework/role-families');

      expect(res.status).toBe(200);
      expect(res.body.frameworkVersion).toEqual({ id: v1, number: 1, name: expect.any(String), isCurrent: true });
      const families = res.body.items as {
        slug: string;
        roles: { id: string; slug: string; name: string; seniorCivilService: boolean; levelCount: number }[];
      }[];
      expect(families.map((f) => f.slug)).toEqual(shipped.role_families.map((f) => f.id));
      expect(families.flatMap((f) => f.roles)).toHaveLength(52);
      expect(families.flatMap((f) => f.roles).reduce((n, r) => n + r.levelCount, 0)).toBe(201);
      expect(families.find((f) => f.slug === 'data')!.roles.find((r) => r.slug === 'data-scientist')).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        slug: 'data-scientist',
        name: 'Data scientist',
        seniorCivilService: false,
        levelCount: 6,
      });
      const scs = families.flatMap((f) => f.roles).filter((r) => r.seniorCivilService);
      expect(scs.map((r) => [r.slug, r.levelCount])).toEqual([
        ['chief-data-officer', 0],
        ['chief-digital-and-information-officer', 0],
        ['chief-information-security-officer', 0],
        ['chief-technology-officer', 0],
      ]);
    });

    it('answers 404 for an unknown ?versionId= and 400 for a malformed one', async () => {
      expectProblem(await get(`/framework/role-families?versionId=${UNKNOWN_ID}`), 404, 'framework-version-not-found');
      const bad = expectProblem(await get('/framework/role-families?versionId=nope'), 400, 'validation-failed');
      expect(bad.errors).toEqual([{ field: 'versionId', message: expect.any(String) }]);
    });

    it('answers 404 when no version is current', async () => {
      await t.dataSource.query('UPDATE framework_versions SET is_current = false');
      try {
        const body = expectProblem(await get('/framework/role-families'), 404, 'framework-version-not-found');
        expect(body.detail).toBe('No framework version is current yet');
        expect((await get(`/framework/role-families?versionId=${v1}`)).status).toBe(200);
      } finally {
        await t.dataSource.query('UPDATE framework_versions SET is_current = true WHERE id = $1', [v1]);
      }
    });
  });

  describe('GET /framework/roles/:id', () => {
    it('gives the levels in order, each skill once with its required level and what that level means', async () => {
      const res = await get('/framework/roles/data-analyst');

      expect(res.status).toBe(200);
      const body = res.body as RoleBody;
      const source = shippedRole('data-analyst');
      expect(body).toMatchObject({ slug: 'data-analyst', seniorCivilService: false, family: { slug: 'data' } });
      expect(body.skills).toEqual([]);
      expect(body.levels.map((l) => [l.slug, l.order])).toEqual(source.levels.map((l) => [l.id, l.order]));
      // The source repeats managing-a-data-project inside associate-data-analyst: shown once, where it first appears.
      const associate = body.levels[0]!;
      const sourceAssociate = source.levels[0]!;
      expect(sourceAssociate.skills).toHaveLength(11);
      expect(associate.skills.map((s) => s.slug)).toEqual([...new Set(sourceAssociate.skills.map((s) => s.skill_id))]);
      expect(associate.skills.length).toBeLessThan(sourceAssociate.skills.length);
      // Every level, every skill: the required level as number and name, and the skill's text for that level.
      const LEVELS = ['awareness', 'working', 'practitioner', 'expert'] as const;
      body.levels.forEach((level, i) => {
        const firsts = new Map<string, (typeof LEVELS)[number]>();
        for (const s of source.levels[i]!.skills) if (!firsts.has(s.skill_id)) firsts.set(s.skill_id, s.required_level);
        expect(level.skills.map(({ slug, requiredLevel, levelText }) => ({ slug, requiredLevel, levelText }))).toEqual(
          [...firsts].map(([slug, required]) => ({
            slug,
            requiredLevel: {
              level: LEVELS.indexOf(required) + 1,
              slug: required,
              name: shipped.skill_levels.find((l) => l.id === required)!.name,
            },
            levelText: shippedSkill(slug).levels[required],
          })),
        );
      });
    });

    it('reads the same role by id and by slug', async () => {
      const bySlug = await get('/framework/roles/data-scientist');
      const byId = await get(`/framework/roles/${bySlug.body.id}`);
      expect(byId.status).toBe(200);
      expect(byId.body).toEqual(bySlug.body);
      expect((await get(`/framework/roles/${bySlug.body.id}?versionId=${v1}`)).status).toBe(200);
    });

    it('gives a Senior Civil Service role its skills and no levels', async () => {
      const res = await get('/framework/roles/chief-data-officer');

      expect(res.status).toBe(200);
      const body = res.body as RoleBody;
      expect(body).toMatchObject({ seniorCivilService: true, levels: [], family: { slug: 'chief-digital-and-data' } });
      expect(body.skills.map((s) => s.slug)).toEqual(shippedRole('chief-data-officer').skills!.map((s) => s.skill_id));
    });

    it.each([
      ['an unknown id', `/framework/roles/${UNKNOWN_ID}`, 404, 'role-not-found'],
      ['an unknown slug', '/framework/roles/astronaut', 404, 'role-not-found'],
      [
        'a role of another version',
        `/framework/roles/data-scientist?versionId=${UNKNOWN_ID}`,
        404,
        'framework-version-not-found',
      ],
      ['a malformed id', '/framework/roles/Data%20Scientist', 400, 'validation-failed'],
    ])('answers %s with %i', async (_name, path, status, code) => {
      expectProblem(await get(path), status, code);
    });

    it('answers 404 for a role id asked for in a version it is not in', async () => {
      const { body } = await get('/framework/roles/data-scientist');
      const [other]: { id: string }[] = await t.dataSource.query(
        `INSERT INTO framework_versions (number, name, source, content_hash) VALUES (99, 'empty', 'test', repeat('0', 64))
         RETURNING id`,
      );
      try {
        expectProblem(await get(`/framework/roles/${body.id}?versionId=${other!.id}`), 404, 'role-not-found');
      } finally {
        await t.dataSource.query('DELETE FROM framework_versions WHERE id = $1', [other!.id]);
      }
    });
  });

  describe('GET /framework/skills', () => {
    it('pages through all 188 skills by name', async () => {
      const first = await get('/framework/skills?limit=100');
      const second = await get(`/framework/skills?limit=100&cursor=${first.body.nextCursor}`);

      expect(first.body.items).toHaveLength(100);
      expect(second.body.items).toHaveLength(88);
      expect(second.body.nextCursor).toBeNull();
      const names = [...first.body.items, ...second.body.items].map((s: { name: string }) => s.name);
      expect(new Set(names).size).toBe(188);
      const [sorted]: { names: string[] }[] = await t.dataSource.query(
        'SELECT array_agg(name ORDER BY name, id) AS names FROM skills WHERE version_id = $1',
        [v1],
      );
      expect(names).toEqual(sorted!.names);
      expect(first.body.items[0]).toEqual({
        id: expect.any(String),
        slug: expect.any(String),
        name: expect.any(String),
        description: expect.toBeOneOf([expect.any(String), null]),
      });
    });

    it('searches names case-insensitively', async () => {
      const res = await get('/framework/skills?q=DATA%20MODEL');
      expect(res.body.items.map((s: { name: string }) => s.name)).toEqual([
        'Data modelling',
        'Data modelling, cleansing and enrichment',
      ]);
      const percent = await get('/framework/skills?q=%25');
      expect(percent.body.items).toEqual([]);
    });

    it('filters by family: skills some role level of the family requires', async () => {
      const res = await get('/framework/skills?family=quality-assurance-testing-qat&limit=100');

      const qat = shipped.role_families.find((f) => f.id === 'quality-assurance-testing-qat')!;
      const expected = new Set(qat.roles.flatMap((r) => r.levels.flatMap((l) => l.skills.map((s) => s.skill_id))));
      expect(res.body.items.map((s: { slug: string }) => s.slug).sort()).toEqual([...expected].sort());
      const both = await get('/framework/skills?family=quality-assurance-testing-qat&q=TEST&limit=100');
      expect(both.body.items.map((s: { name: string }) => s.name)).toEqual([
        'Designing and executing tests',
        'Test analysis',
        'Test and quality planning',
        'Test engineering',
      ]);
    });

    it('filters the Senior Civil Service family by the skills its roles list', async () => {
      const res = await get('/framework/skills?family=chief-digital-and-data&limit=100');
      const chiefs = shipped.role_families.find((f) => f.id === 'chief-digital-and-data')!;
      const expected = new Set(chiefs.roles.flatMap((r) => r.skills!.map((s) => s.skill_id)));
      expect(res.body.items.map((s: { slug: string }) => s.slug).sort()).toEqual([...expected].sort());
    });

    it('answers 404 for an unknown family and 400 for bad paging', async () => {
      expectProblem(await get('/framework/skills?family=astrology'), 404, 'role-family-not-found');
      expectProblem(await get('/framework/skills?limit=101'), 400, 'validation-failed');
      expectProblem(await get('/framework/skills?family=Not%20A%20Slug'), 400, 'validation-failed');
    });
  });

  describe('GET /framework/skills/:id', () => {
    it('gives the four level texts (null where the source has none) and the role levels that need it', async () => {
      const res = await get('/framework/skills/data-modelling');

      expect(res.status).toBe(200);
      const source = shippedSkill('data-modelling');
      expect(res.body).toMatchObject({
        slug: 'data-modelling',
        name: 'Data modelling',
        description: source.description,
      });
      expect(res.body.levels).toEqual(
        shipped.skill_levels.map((l) => ({
          level: l.order,
          slug: l.id,
          name: l.name,
          summary: l.summary,
          text: source.levels[l.id],
        })),
      );
      expect(res.body.levels[0].text).toBeNull();
      const uses = shipped.role_families.flatMap((f) =>
        f.roles.flatMap((r) =>
          r.levels.flatMap((l) =>
            l.skills.filter((s) => s.skill_id === 'data-modelling').map((s) => [l.id, s.required_level]),
          ),
        ),
      );
      expect(
        res.body.requiredBy.map((u: { roleLevelSlug: string; requiredLevel: { slug: string } }) => [
          u.roleLevelSlug,
          u.requiredLevel.slug,
        ]),
      ).toEqual(uses);
      expect(res.body.requiredBy[0]).toEqual({
        roleLevelId: expect.any(String),
        roleLevelSlug: expect.any(String),
        roleLevelName: expect.any(String),
        roleLevelOrder: expect.any(Number),
        roleId: expect.any(String),
        roleSlug: expect.any(String),
        roleName: expect.any(String),
        roleFamilySlug: expect.any(String),
        roleFamilyName: expect.any(String),
        requiredLevel: { level: expect.any(Number), slug: expect.any(String), name: expect.any(String) },
      });
      expect(res.body.seniorCivilServiceRoles).toEqual([]);
    });

    it('shows a repeated requirement once, and the Senior Civil Service roles that list a skill', async () => {
      const repeated = await get('/framework/skills/managing-a-data-project');
      const slugs = repeated.body.requiredBy.map((u: { roleLevelSlug: string }) => u.roleLevelSlug);
      expect(slugs).toEqual([...new Set(slugs)]);

      const leadership = await get('/framework/skills/capability-building-for-digital-data-and-technology');
      expect(leadership.body.seniorCivilServiceRoles.map((r: { slug: string }) => r.slug)).toEqual([
        'chief-data-officer',
        'chief-digital-and-information-officer',
        'chief-information-security-officer',
        'chief-technology-officer',
      ]);
      expect(leadership.body.levels.map((l: { text: string | null }) => l.text)).toEqual([null, null, null, null]);
    });

    it('answers 404 for an unknown skill', async () => {
      expectProblem(await get(`/framework/skills/${UNKNOWN_ID}`), 404, 'skill-not-found');
      expectProblem(await get('/framework/skills/telepathy'), 404, 'skill-not-found');
    });
  });

  describe('GET /reference/inclusion-levels', () => {
    it('gives the nine points and marks 7 as the target', async () => {
      const res = await get('/reference/inclusion-levels');

      expect(res.status).toBe(200);
      expect(res.body.targetLevel).toBe(7);
      expect(res.body.items).toHaveLength(9);
      expect(res.body.items.map((l: { level: number }) => l.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(res.body.items[0]).toEqual({
        level: 1,
        name: 'Never have, never will',
        meaning: expect.any(String),
        isTarget: false,
      });
      expect(res.body.items.filter((l: { isTarget: boolean }) => l.isTarget)).toEqual([
        expect.objectContaining({ level: 7, name: 'Basic digital skills' }),
      ]);
    });
  });

  describe('ETags', () => {
    it.each([
      '/framework/role-families',
      '/framework/roles/data-scientist',
      '/framework/skills?q=data',
      '/framework/skills/data-modelling',
      '/framework/versions',
      '/reference/inclusion-levels',
    ])('GET %s carries a strong content ETag and answers If-None-Match with 304', async (path) => {
      const first = await get(path);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);

      const again = await get(path);
      expect(again.headers.etag).toBe(etag);

      const notModified = await get(path).set('If-None-Match', etag);
      expect(notModified.status).toBe(304);
      expect(notModified.text).toBe('');
      expect(notModified.headers.etag).toBe(etag);

      const weak = await get(path).set('If-None-Match', `"other", W/${etag}`);
      expect(weak.status).toBe(304);

      const stale = await get(path).set('If-None-Match', '"something-else"');
      expect(stale.status).toBe(200);
      expect(stale.body).toEqual(first.body);
    });

    it('gives different resources and different versions different ETags', async () => {
      const a = await get('/framework/roles/data-scientist');
      const b = await get('/framework/roles/data-analyst');
      const c = await get(`/framework/roles/data-scientist?versionId=${v1}`);
      expect(a.headers.etag).not.toBe(b.headers.etag);
      expect(c.headers.etag).toBe(a.headers.etag);
    });
  });
});
