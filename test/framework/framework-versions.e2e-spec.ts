import type { Role } from '@capability/auth';
import type { FrameworkDocument } from '@capability/framework';
import { projectRoot } from '@capability/platform';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const VERSIONS = '/api/v1/framework/versions';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const TABLES = [
  'framework_versions',
  'role_families',
  'roles',
  'role_levels',
  'skills',
  'skill_levels',
  'skill_requirements',
  'role_skills',
] as const;

const shippedText = readFileSync(join(projectRoot(), 'libs/framework/data/ddat-framework.json'), 'utf8');
const shipped = (): FrameworkDocument => JSON.parse(shippedText) as FrameworkDocument;
const role = (doc: FrameworkDocument, slug: string) =>
  doc.role_families.flatMap((f) => f.roles).find((r) => r.id === slug)!;
const level = (doc: FrameworkDocument, slug: string) =>
  doc.role_families
    .flatMap((f) => f.roles)
    .flatMap((r) => r.levels)
    .find((l) => l.id === slug)!;

/** The shipped framework with a handful of known changes (the diff must list exactly these). */
function changedCopy(): FrameworkDocument {
  const doc = shipped();
  doc.name = 'Capability framework 2027';
  doc.source = 'CDDO draft, January 2027';
  role(doc, 'data-scientist').description += '\n- explain models to non-specialists';
  level(doc, 'senior-data-analyst').name = 'Senior data analyst (insight)';
  level(doc, 'data-scientist').skills.find((s) => s.skill_id === 'delivering-business-impact')!.required_level =
    'practitioner';
  const trainee = level(doc, 'trainee-data-scientist');
  trainee.skills = trainee.skills.filter((s) => s.skill_id !== 'data-engineering');
  doc.skills.push({
    id: 'ai-assurance',
    name: 'AI assurance',
    description: 'Assuring that AI systems are safe, fair and lawful.',
    levels: { awareness: 'You can: know', working: 'You can: apply', practitioner: 'You can: lead', expert: null },
  });
  trainee.skills.push({ skill_id: 'ai-assurance', skill: 'AI assurance', required_level: 'awareness' });
  doc.skills.find((s) => s.id === 'data-modelling')!.levels.expert = 'You can:\n- set modelling standards';
  return doc;
}

type Auth = { Authorization: string };

describe('framework versions', () => {
  let t: TestApp;
  let admin: { user: { id: string }; auth: Auth };
  let v1: string;
  beforeAll(async () => {
    t = await createTestApp();
    const [row]: { id: string }[] = await t.dataSource.query('SELECT id FROM framework_versions WHERE number = 1');
    v1 = row!.id;
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    // Framework tables are reference data that resets keep: put back the seeded state (version 1, current).
    await t.dataSource.query('DELETE FROM framework_versions WHERE number > 1');
    await t.dataSource.query('UPDATE framework_versions SET is_current = true WHERE number = 1');
    admin = await signedIn(t, { roles: ['admin'] });
  });

  const post = (body: unknown, auth: Auth = admin.auth) =>
    t
      .http()
      .post(VERSIONS)
      .set(auth)
      .send(body as object);

  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const [row]: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table] = row?.n ?? 0;
    }
    return counts;
  }

  async function audit(): Promise<{ action: string; actor_user_id: string | null; entity_id: string }[]> {
    return t.dataSource.query(
      `SELECT action, actor_user_id, entity_id FROM audit_events WHERE entity_type = 'framework-version'
       ORDER BY occurred_at, id`,
    );
  }

  describe('access', () => {
    const WRITES: [string, () => { path: string; body?: unknown }][] = [
      ['POST /framework/versions', () => ({ path: VERSIONS, body: changedCopy() })],
      ['POST /framework/versions/:id/make-current', () => ({ path: `${VERSIONS}/${v1}/make-current` })],
    ];

    it.each(WRITES)('%s answers 401 without a token', async (_name, route) => {
      const { path, body } = route();
      expectProblem(
        await t
          .http()
          .post(path)
          .send(body as object),
        401,
        'unauthenticated',
      );
    });

    it.each(
      WRITES.flatMap(([name, route]) =>
        (['staff', 'hr', 'head_of_profession'] as Role[]).map((r) => [name, r, route] as const),
      ),
    )('%s answers 403 for a %s user, storing nothing', async (_name, r, route) => {
      const { auth } = await signedIn(t, { roles: [r] });
      const before = await rowCounts();
      const { path, body } = route();

      expectProblem(
        await t
          .http()
          .post(path)
          .set(auth)
          .send(body as object),
        403,
        'forbidden',
      );

      expect(await rowCounts()).toEqual(before);
    });

    it('lets any signed-in user list, read and compare versions', async () => {
      const { auth } = await signedIn(t, { roles: ['head_of_profession'] });
      expect((await t.http().get(VERSIONS).set(auth)).status).toBe(200);
      expect((await t.http().get(`${VERSIONS}/${v1}`).set(auth)).status).toBe(200);
      expect((await t.http().get(`${VERSIONS}/${v1}/diff?against=${v1}`).set(auth)).status).toBe(200);
      expectProblem(await t.http().get(VERSIONS), 401, 'unauthenticated');
    });
  });

  describe('POST /framework/versions: validation', () => {
    it('refuses one bad skill reference with its exact path, and stores nothing', async () => {
      const doc = shipped();
      doc.role_families[2]!.roles[4]!.levels[1]!.skills[3]!.skill_id = 'telepathy';
      const before = await rowCounts();

      const res = await post(doc);

      const body = expectProblem(res, 422, 'framework-invalid');
      expect(body.errors).toEqual([
        { path: 'role_families[2].roles[4].levels[1].skills[3].skill_id', message: 'no skill "telepathy" in skills[]' },
      ]);
      expect(body.detail).toBe('The framework has 1 problem; nothing was stored');
      expect(await rowCounts()).toEqual(before);
      expect(await audit()).toEqual([]);
    });

    it('lists several problems at once: duplicate names and level orders that do not run 1..n', async () => {
      const doc = shipped();
      // References may leave out the skill name; then renaming a skill below breaks no reference.
      for (const r of doc.role_families.flatMap((f) => f.roles)) {
        for (const ref of [...r.levels.flatMap((l) => l.skills), ...(r.skills ?? [])]) delete ref.skill;
      }
      const architecture = doc.role_families[0]!;
      architecture.roles[1]!.name = architecture.roles[0]!.name;
      const levels = architecture.roles[0]!.levels;
      levels[1]!.name = levels[0]!.name;
      levels[3]!.order = 6;
      doc.skills[5]!.name = doc.skills[4]!.name;
      doc.role_families[3]!.roles[0]!.levels[0]!.skills[0]!.skill_id = 'nope';
      const before = await rowCounts();

      const body = expectProblem(await post(doc), 422, 'framework-invalid');

      expect(body.errors).toEqual([
        {
          path: 'skills[5].name',
          message: `skill name "${doc.skills[4]!.name}" is already used at skills[4].name`,
        },
        {
          path: 'role_families[0].roles[0].levels[1].name',
          message: `level name "${levels[0]!.name}" is already used at role_families[0].roles[0].levels[0].name`,
        },
        {
          path: 'role_families[0].roles[0].levels[3].order',
          message: 'order 6 leaves a gap: the 4 levels of this role must have orders 1 to 4',
        },
        {
          path: 'role_families[0].roles[1].name',
          message: `role name "${architecture.roles[0]!.name}" is already used at role_families[0].roles[0].name`,
        },
        { path: 'role_families[3].roles[0].levels[0].skills[0].skill_id', message: 'no skill "nope" in skills[]' },
      ]);
      expect(body.detail).toBe('The framework has 5 problems; nothing was stored');
      expect(await rowCounts()).toEqual(before);
    });

    it('lists every shape problem with its path (JSON Schema)', async () => {
      const doc = shipped();
      delete (doc.role_families[1] as Partial<FrameworkDocument['role_families'][number]>).name;
      Object.assign(doc.role_families[2]!.roles[0]!, { senior_civil_service: 'no' });
      Object.assign(doc.skills[0]!.levels, { working: 42 });

      const body = expectProblem(await post(doc), 422, 'framework-invalid');

      expect(body.errors).toEqual([
        { path: 'role_families[1].name', message: 'is required' },
        { path: 'role_families[2].roles[0].senior_civil_service', message: 'must be boolean' },
        { path: 'skills[0].levels.working', message: 'must be string' },
      ]);
    });

    it('refuses a body that is not a framework', async () => {
      const body = expectProblem(await post([]), 422, 'framework-invalid');
      expect(body.errors).toEqual([{ path: '(root)', message: 'must be object' }]);
    });
  });

  describe('POST /framework/versions: storing', () => {
    it('stores a valid changed copy as version 2, not current', async () => {
      const res = await post(changedCopy());

      expect(res.status, res.text).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        number: 2,
        name: 'Capability framework 2027',
        isCurrent: false,
        source: 'CDDO draft, January 2027',
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        createdByUserId: admin.user.id,
        createdAt: expect.any(String),
        counts: { roleFamilies: 8, roles: 52, roleLevels: 201, skills: 189, skillRequirements: 1797 },
      });
      const versions: { number: number; is_current: boolean }[] = await t.dataSource.query(
        'SELECT number, is_current FROM framework_versions ORDER BY number',
      );
      expect(versions).toEqual([
        { number: 1, is_current: true },
        { number: 2, is_current: false },
      ]);
      expect(await rowCounts()).toMatchObject({ skills: 188 + 189, skill_requirements: 1797 * 2, skill_levels: 8 });
      expect(await audit()).toEqual([
        { action: 'framework-version.created', actor_user_id: admin.user.id, entity_id: res.body.id },
      ]);
      // The read API still serves version 1 until version 2 is made current.
      const families = await t.http().get('/api/v1/framework/role-families').set(admin.auth);
      expect(families.body.frameworkVersion.number).toBe(1);
    });

    it('stores all or nothing: a failure in the last insert leaves no trace of the version', async () => {
      await t.dataSource.query(`
        CREATE FUNCTION test_refuse_role_skills() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$;
        CREATE TRIGGER test_refuse_role_skills BEFORE INSERT ON role_skills
          FOR EACH STATEMENT EXECUTE FUNCTION test_refuse_role_skills();`);
      const before = await rowCounts();
      try {
        const res = await t.http({ fault: true }).post(VERSIONS).set(admin.auth).send(changedCopy());
        expectProblem(res, 500, 'internal');
      } finally {
        await t.dataSource.query(`
          DROP TRIGGER test_refuse_role_skills ON role_skills;
          DROP FUNCTION test_refuse_role_skills();`);
      }
      expect(await rowCounts()).toEqual(before);
      expect(await audit()).toEqual([]);
      expect((await post(changedCopy())).body.number).toBe(2);
    });

    it('names a version after meta.title when no name is given', async () => {
      const doc = changedCopy();
      delete doc.name;
      delete doc.source;
      const res = await post(doc);
      expect(res.body).toMatchObject({ name: shipped().meta!.title, source: 'Uploaded through the API' });
      delete doc.meta;
      doc.skills[0]!.description = 'A different description';
      const untitled = await post(doc);
      expect(untitled.body).toMatchObject({ number: 3, name: 'Framework version 3' });
    });

    it('refuses content that is already stored with 409, naming the version, whatever its name and meta', async () => {
      const before = await rowCounts();
      const doc = shipped();
      doc.name = 'Same content, new name';
      doc.meta = { note: 'different meta' };
      doc.skills.reverse();

      const body = expectProblem(await post(doc), 409, 'framework-version-exists');

      expect(body).toMatchObject({ existingVersionId: v1, existingVersionNumber: 1 });
      expect(body.detail).toBe(`This framework is already stored as version 1 (${v1})`);
      expect(await rowCounts()).toEqual(before);

      const created = await post(changedCopy());
      const again = expectProblem(await post(changedCopy()), 409, 'framework-version-exists');
      expect(again).toMatchObject({ existingVersionId: created.body.id, existingVersionNumber: 2 });
    });

    it('replays a retry with the same Idempotency-Key instead of answering 409', async () => {
      const first = await post(changedCopy()).set('Idempotency-Key', 'framework-2027');
      const retry = await post(changedCopy()).set('Idempotency-Key', 'framework-2027');

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
    });
  });

  describe('make current', () => {
    it('makes version 2 current and version 1 not; the read API then serves version 2', async () => {
      const v2 = (await post(changedCopy())).body.id as string;

      const res = await t.http().post(`${VERSIONS}/${v2}/make-current`).set(admin.auth);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: v2, number: 2, isCurrent: true, counts: { skills: 189 } });
      const list = await t.http().get(VERSIONS).set(admin.auth);
      expect(list.body.items.map((v: { number: number; isCurrent: boolean }) => [v.number, v.isCurrent])).toEqual([
        [2, true],
        [1, false],
      ]);
      expect((await audit()).map((a) => [a.action, a.entity_id])).toEqual([
        ['framework-version.created', v2],
        ['framework-version.made-current', v2],
      ]);
      const families = await t.http().get('/api/v1/framework/role-families').set(admin.auth);
      expect(families.body.frameworkVersion).toMatchObject({ id: v2, number: 2 });
      const skill = await t.http().get('/api/v1/framework/skills/ai-assurance').set(admin.auth);
      expect(skill.status).toBe(200);
      expectProblem(
        await t.http().get(`/api/v1/framework/skills/ai-assurance?versionId=${v1}`).set(admin.auth),
        404,
        'skill-not-found',
      );
    });

    it('changes nothing when the version is already current', async () => {
      const res = await t.http().post(`${VERSIONS}/${v1}/make-current`).set(admin.auth);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: v1, isCurrent: true });
      expect(await audit()).toEqual([]);
    });

    it('answers 404 for an unknown version and 400 for a malformed id', async () => {
      expectProblem(
        await t.http().post(`${VERSIONS}/${UNKNOWN_ID}/make-current`).set(admin.auth),
        404,
        'framework-version-not-found',
      );
      expectProblem(await t.http().post(`${VERSIONS}/nope/make-current`).set(admin.auth), 400, 'bad-request');
    });

    it('has one current version at most, guaranteed by the database', async () => {
      const v2 = (await post(changedCopy())).body.id as string;
      await expect(
        t.dataSource.query('UPDATE framework_versions SET is_current = true WHERE id = $1', [v2]),
      ).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'uq_framework_versions_current' } });
    });

    it('keeps one current version when two admins make different versions current at once', async () => {
      const v2 = (await post(changedCopy())).body.id as string;
      const doc = changedCopy();
      doc.skills[0]!.description = 'Third';
      const v3 = (await post(doc)).body.id as string;

      const results = await Promise.all([
        t.http().post(`${VERSIONS}/${v2}/make-current`).set(admin.auth),
        t.http().post(`${VERSIONS}/${v3}/make-current`).set(admin.auth),
      ]);

      expect(results.map((r) => r.status)).toEqual([200, 200]);
      const current: { id: string }[] = await t.dataSource.query('SELECT id FROM framework_versions WHERE is_current');
      expect(current).toHaveLength(1);
      expect([v2, v3]).toContain(current[0]!.id);
    });
  });

  describe('GET /framework/versions and /:id', () => {
    it('lists newest first with counts, and pages', async () => {
      await post(changedCopy());

      const page = await t.http().get(`${VERSIONS}?limit=1`).set(admin.auth);
      expect(page.body.items.map((v: { number: number }) => v.number)).toEqual([2]);
      const next = await t.http().get(`${VERSIONS}?limit=1&cursor=${page.body.nextCursor}`).set(admin.auth);
      expect(next.body.items).toEqual([
        expect.objectContaining({
          id: v1,
          number: 1,
          isCurrent: true,
          createdByUserId: null,
          counts: { roleFamilies: 8, roles: 52, roleLevels: 201, skills: 188, skillRequirements: 1797 },
        }),
      ]);
      expect(next.body.nextCursor).toBeNull();
    });

    it('reads one version, 404 for an unknown one', async () => {
      const res = await t.http().get(`${VERSIONS}/${v1}`).set(admin.auth);
      expect(res.body).toMatchObject({ id: v1, number: 1, counts: { skillRequirements: 1797 } });
      expectProblem(
        await t.http().get(`${VERSIONS}/${UNKNOWN_ID}`).set(admin.auth),
        404,
        'framework-version-not-found',
      );
    });

    it('changes the ETag of a version when it stops being current', async () => {
      const before = await t.http().get(`${VERSIONS}/${v1}`).set(admin.auth);
      const v2 = (await post(changedCopy())).body.id as string;
      await t.http().post(`${VERSIONS}/${v2}/make-current`).set(admin.auth);

      const after = await t
        .http()
        .get(`${VERSIONS}/${v1}`)
        .set(admin.auth)
        .set('If-None-Match', before.headers.etag as string);

      expect(after.status).toBe(200);
      expect(after.body.isCurrent).toBe(false);
    });
  });

  describe('GET /framework/versions/:id/diff', () => {
    it('lists exactly the changes made in a changed copy', async () => {
      const v2 = (await post(changedCopy())).body.id as string;

      const res = await t.http().get(`${VERSIONS}/${v2}/diff?against=${v1}`).set(admin.auth);

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        from: { id: v1, number: 1, name: expect.any(String), isCurrent: true },
        to: { id: v2, number: 2, name: 'Capability framework 2027', isCurrent: false },
        roleFamilies: { added: [], removed: [], changed: [] },
        roles: {
          added: [],
          removed: [],
          changed: [{ slug: 'data-scientist', name: 'Data scientist', fields: ['description'] }],
        },
        roleLevels: {
          added: [],
          removed: [],
          changed: [{ slug: 'senior-data-analyst', name: 'Senior data analyst (insight)', fields: ['name'] }],
        },
        skills: {
          added: [{ slug: 'ai-assurance', name: 'AI assurance' }],
          removed: [],
          changed: [{ slug: 'data-modelling', name: 'Data modelling', fields: ['expertText'] }],
        },
        skillLevels: { changed: [] },
        requirements: {
          added: [{ roleLevel: 'trainee-data-scientist', skill: 'ai-assurance', level: 'awareness' }],
          removed: [{ roleLevel: 'trainee-data-scientist', skill: 'data-engineering', level: 'awareness' }],
          changed: [
            { roleLevel: 'data-scientist', skill: 'delivering-business-impact', from: 'working', to: 'practitioner' },
          ],
        },
        roleSkills: { added: [], removed: [] },
      });

      const back = await t.http().get(`${VERSIONS}/${v1}/diff?against=${v2}`).set(admin.auth);
      expect(back.body.skills.removed).toEqual([{ slug: 'ai-assurance', name: 'AI assurance' }]);
      expect(back.body.requirements.changed).toEqual([
        { roleLevel: 'data-scientist', skill: 'delivering-business-impact', from: 'practitioner', to: 'working' },
      ]);
    });

    it('answers 400 without ?against= and 404 for an unknown version on either side', async () => {
      expectProblem(await t.http().get(`${VERSIONS}/${v1}/diff`).set(admin.auth), 400, 'validation-failed');
      expectProblem(
        await t.http().get(`${VERSIONS}/${v1}/diff?against=${UNKNOWN_ID}`).set(admin.auth),
        404,
        'framework-version-not-found',
      );
      expectProblem(
        await t.http().get(`${VERSIONS}/${UNKNOWN_ID}/diff?against=${v1}`).set(admin.auth),
        404,
        'framework-version-not-found',
      );
    });
  });
});
