import { SeedersService } from '@capability/platform';
import { DemoDepartmentService, generateDemoDepartment, tierOf, type DemoRoleLevel } from '@capability/workforce';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERSONAS } from '../../apps/api/src/demo/demo-personas.js';
import { DemoPersonasSeeder } from '../../apps/api/src/demo/demo-personas.seeder.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';

const SIZE = 400;
const SEED = 42;

async function roleLevels(t: TestApp): Promise<DemoRoleLevel[]> {
  return t.dataSource.query(`SELECT rl.slug, rl.name, rl.position, r.slug AS "roleSlug", rf.slug AS "familySlug"
    FROM role_levels rl JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
    JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id`);
}

async function one<T>(t: TestApp, sql: string, params: unknown[] = []): Promise<T> {
  const [row]: T[] = await t.dataSource.query(sql, params);
  return row as T;
}

describe('demo department generator', () => {
  let t: TestApp;
  let levels: DemoRoleLevel[];
  beforeAll(async () => {
    t = await createTestApp();
    levels = await roleLevels(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is deterministic: the same seed gives the same staff numbers, names and structure', () => {
    const options = { roleLevels: levels, size: 300, seed: 7, referenceDate: '2026-04-01' };
    const a = generateDemoDepartment(options);
    const b = generateDemoDepartment({ ...options, roleLevels: [...levels].reverse() });
    expect(b.staff).toEqual(a.staff);
    expect(b.units).toEqual(a.units);
    const c = generateDemoDepartment({ ...options, seed: 8 });
    expect(c.staff.map((s) => s.full_name)).not.toEqual(a.staff.map((s) => s.full_name));
  });

  it('scales with the size asked for, with plausible grades for each role level', () => {
    const small = generateDemoDepartment({ roleLevels: levels, size: 200, seed: 1 });
    const large = generateDemoDepartment({ roleLevels: levels, size: 5_000, seed: 1 });
    expect(small.staff.length).toBeGreaterThan(170);
    expect(small.staff.length).toBeLessThan(230);
    expect(large.staff.length).toBeGreaterThan(4_500);
    expect(large.staff.length).toBeLessThan(5_500);
    const bySlug = new Map(levels.map((l) => [l.slug, l]));
    const allowed = {
      entry: ['AO', 'EO'],
      junior: ['EO', 'HEO'],
      mid: ['HEO', 'SEO'],
      senior: ['SEO', 'G7'],
      lead: ['G7', 'G6'],
      head: ['G6', 'SCS1'],
    };
    for (const s of large.staff.filter((r) => r.role_level_slug)) {
      const level = bySlug.get(s.role_level_slug);
      expect(level, s.role_level_slug).toBeDefined();
      expect(allowed[tierOf(level!.name)], `${level!.name} at ${s.grade_code}`).toContain(s.grade_code);
    }
  });
});

describe('demo department (loaded)', () => {
  let t: TestApp;
  let seconds: number;
  beforeAll(async () => {
    t = await createTestApp();
    const started = performance.now();
    const loaded = await t.app.get(DemoDepartmentService).loadOnce({ size: SIZE, seed: SEED });
    seconds = (performance.now() - started) / 1000;
    expect(loaded?.staff).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await t.close();
  });

  it('loads the generated staff, the same ones the generator gives for the seed', async () => {
    const expected = generateDemoDepartment({ roleLevels: await roleLevels(t), size: SIZE, seed: SEED });
    const rows: { staff_number: string; full_name: string }[] = await t.dataSource.query(
      'SELECT staff_number, full_name FROM staff ORDER BY staff_number',
    );
    expect(rows).toEqual(expected.staff.map((s) => ({ staff_number: s.staff_number, full_name: s.full_name })));
    expect(seconds).toBeLessThan(30);
  });

  it('has a unit tree: one department, agencies, directorates, teams; locations with regional hubs', async () => {
    const types: { type: string; n: number }[] = await t.dataSource.query(
      'SELECT type, count(*)::int AS n FROM organisation_units GROUP BY type ORDER BY type',
    );
    const count = Object.fromEntries(types.map((r) => [r.type, r.n]));
    expect(count.department).toBe(1);
    expect(count.agency).toBe(3);
    expect(count.directorate).toBeGreaterThanOrEqual(4);
    expect(count.team).toBeGreaterThan(20);
    expect(await one(t, 'SELECT count(*)::int AS n FROM locations WHERE is_regional_hub')).toEqual({
      n: expect.any(Number),
    });
    expect(
      (await one<{ n: number }>(t, 'SELECT count(*)::int AS n FROM locations WHERE is_regional_hub')).n,
    ).toBeGreaterThanOrEqual(3);
  });

  it('covers every role family that has role levels, one current primary role each, and some staff with no DDaT role', async () => {
    const families: { slug: string; staff: number }[] = await t.dataSource.query(
      `SELECT rf.slug, count(ra.id)::int AS staff FROM role_families rf
       JOIN framework_versions v ON v.id = rf.version_id AND v.is_current
       JOIN roles r ON r.role_family_id = rf.id JOIN role_levels rl ON rl.role_id = r.id
       LEFT JOIN role_assignments ra ON ra.role_level_id = rl.id AND ra.is_primary AND ra.ends_on IS NULL
       GROUP BY rf.slug`,
    );
    expect(families.length).toBeGreaterThanOrEqual(7);
    for (const f of families) expect(f.staff, f.slug).toBeGreaterThan(0);
    expect(
      await t.dataSource.query(
        `SELECT staff_id FROM role_assignments WHERE is_primary AND ends_on IS NULL GROUP BY staff_id HAVING count(*) > 1`,
      ),
    ).toEqual([]);
    const noRole = await one<{ share: number }>(
      t,
      `SELECT avg((NOT EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.staff_id = s.id))::int)::float AS share FROM staff s`,
    );
    expect(noRole.share).toBeGreaterThan(0.1);
    expect(noRole.share).toBeLessThan(0.5);
  });

  it('has one line-management tree: a single root, no cycles, every team led, leavers manage nobody', async () => {
    const reach = await one<{ total: number; reached: number; roots: number; depth: number }>(
      t,
      `WITH RECURSIVE tree AS (
         SELECT id, 0 AS depth FROM staff WHERE line_manager_id IS NULL
         UNION ALL
         SELECT s.id, tree.depth + 1 FROM staff s JOIN tree ON s.line_manager_id = tree.id WHERE tree.depth < 50
       )
       SELECT (SELECT count(*) FROM staff)::int AS total, count(DISTINCT id)::int AS reached,
              (SELECT count(*) FROM staff WHERE line_manager_id IS NULL)::int AS roots, max(depth)::int AS depth
       FROM tree`,
    );
    // Everyone is reached from the root exactly once: a tree, so no cycles.
    expect(reach).toMatchObject({ roots: 1, reached: reach.total });
    expect(reach.depth).toBeGreaterThanOrEqual(4);
    const unled = await t.dataSource.query(
      `SELECT u.code FROM organisation_units u WHERE u.type = 'team' AND NOT EXISTS (
         SELECT 1 FROM staff m JOIN staff r ON r.line_manager_id = m.id WHERE m.unit_id = u.id AND r.unit_id = u.id)`,
    );
    expect(unled).toEqual([]);
    const managingLeavers = await t.dataSource.query(
      `SELECT 1 FROM staff m WHERE m.leaving_date <= current_date AND EXISTS (SELECT 1 FROM staff r WHERE r.line_manager_id = m.id)`,
    );
    expect(managingLeavers).toEqual([]);
  });

  it('has about 10% interim or contractor staff, and some leavers', async () => {
    const mix = await one<{ dependency: number; leavers: number }>(
      t,
      `SELECT avg((employment_type IN ('interim', 'contractor'))::int)::float AS dependency,
              count(*) FILTER (WHERE leaving_date <= current_date)::int AS leavers FROM staff`,
    );
    expect(mix.dependency).toBeGreaterThan(0.06);
    expect(mix.dependency).toBeLessThan(0.15);
    expect(mix.leavers).toBeGreaterThan(0);
  });

  it('loads only once', async () => {
    expect(await t.app.get(DemoDepartmentService).loadOnce({ size: SIZE, seed: SEED })).toBeNull();
  });

  it('exports and imports back as a no-op', async () => {
    const hr = (await signedIn(t, { roles: ['hr'] })).auth;
    const exported = await t.http().get('/api/v1/staff/export.csv').set(hr);
    expect(exported.status).toBe(200);
    const rows = parse(exported.text).length - 1;
    const { n } = await one<{ n: number }>(t, 'SELECT count(*)::int AS n FROM staff');
    expect(rows).toBe(n);
    const res = await t.http().post('/api/v1/staff/import').set(hr).set('Content-Type', 'text/csv').send(exported.text);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: n, leavers: 0 });
  });

  it('creates the demo personas, linked to fitting staff records, who can sign in with the demo passwords', async () => {
    await t.app.get(DemoPersonasSeeder).seed();
    await t.app.get(DemoPersonasSeeder).seed(); // idempotent
    const users: { email: string; roles: string[]; role_families: string[]; staff_id: string | null }[] =
      await t.dataSource.query(
        `SELECT email, roles, role_families, staff_id FROM users WHERE email = ANY($1) ORDER BY email`,
        [DEMO_PERSONAS.map((p) => p.email)],
      );
    expect(users).toHaveLength(DEMO_PERSONAS.length);
    const user = (label: string) => users.find((u) => u.email === DEMO_PERSONAS.find((p) => p.label === label)?.email)!;
    expect(user('HR')).toMatchObject({ roles: ['hr'], staff_id: null });
    expect(user('Head of Data')).toMatchObject({ roles: ['head_of_profession'], role_families: ['data'] });

    const familyOf = async (staffId: string | null) =>
      (
        await one<{ slug: string } | undefined>(
          t,
          `SELECT rf.slug FROM role_assignments ra JOIN role_levels rl ON rl.id = ra.role_level_id
           JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id
           WHERE ra.staff_id = $1 AND ra.is_primary AND ra.ends_on IS NULL`,
          [staffId],
        )
      )?.slug;
    expect(await familyOf(user('Head of Data').staff_id)).toBe('data');
    expect(await familyOf(user('Staff').staff_id)).toEqual(expect.any(String));
    const depth = await one<{ depth: number }>(
      t,
      `WITH RECURSIVE chain AS (SELECT id, 1 AS depth FROM staff WHERE line_manager_id = $1
         UNION ALL SELECT s.id, chain.depth + 1 FROM staff s JOIN chain ON s.line_manager_id = chain.id)
       SELECT max(depth)::int AS depth FROM chain`,
      [user('Line manager').staff_id],
    );
    expect(depth.depth).toBeGreaterThanOrEqual(2);

    for (const persona of DEMO_PERSONAS) {
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: persona.email, password: persona.password });
      expect(login.status, persona.label).toBe(200);
      if (persona.label !== 'Line manager') continue;
      // The line manager's export reaches two levels down.
      const exported = await t
        .http()
        .get('/api/v1/staff/export.csv')
        .set({ Authorization: `Bearer ${login.body.accessToken as string}` });
      expect(parse(exported.text).length - 1).toBeGreaterThan(depth.depth);
    }
  });

  it('is a demo seeder: skipped unless demo seeding is asked for', async () => {
    const seeders = t.app.get(SeedersService);
    await t.reset();
    await seeders.run({ demo: false });
    expect(await one(t, 'SELECT count(*)::int AS n FROM staff')).toEqual({ n: 0 });
  });
});
