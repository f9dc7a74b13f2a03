import { actorOf, Permission, UsersService, type Role } from '@capability/auth';
import { StaffNotFound, StaffPermission, StaffService } from '@capability/workforce';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const STAFF = '/api/v1/staff';

type Auth = { Authorization: string };

/**
 * Who sees which staff records. One organisation, built once (the tests only read, or write and
 * restore versions they check), and every role against every record on list, read and update.
 *
 *   head ── manager ─┬─ report ── subReport (a data scientist)
 *                    └─ report2
 *   engineer (data family), developer (software development), former (was data, now delivery),
 *   outsider (no role), hopDataSelf / hopDevSelf (the heads of profession's own records)
 */
const PEOPLE = [
  'head',
  'manager',
  'report',
  'report2',
  'subReport',
  'engineer',
  'developer',
  'former',
  'outsider',
  'hopDataSelf',
  'hopDevSelf',
] as const;
type Person = (typeof PEOPLE)[number];

describe('staff visibility scope', () => {
  let t: TestApp;
  const id = {} as Record<Person, string>;
  const actors = {} as Record<string, { auth: Auth; userId: string }>;

  async function person(name: Person, unitId: string, lineManager?: Person): Promise<void> {
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO staff (staff_number, full_name, unit_id, line_manager_id, employment_type)
       VALUES ($1, $2, $3, $4, 'permanent') RETURNING id`,
      [`N-${name}`, name, unitId, lineManager ? id[lineManager] : null],
    );
    id[name] = row!.id;
  }

  async function role(name: Person, slug: string, startsOn: string, endsOn: string | null = null): Promise<void> {
    const rows: unknown[] = await t.dataSource.query(
      `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on, ends_on)
       SELECT $1, rl.id, true, $3, $4 FROM role_levels rl
         JOIN framework_versions v ON v.id = rl.version_id AND v.is_current WHERE rl.slug = $2 RETURNING id`,
      [id[name], slug, startsOn, endsOn],
    );
    expect(rows).toHaveLength(1);
  }

  async function actor(key: string, roles: Role[], staff: Person | null, roleFamilies: string[] = []): Promise<void> {
    const { auth, user } = await signedIn(t, { roles, staffId: staff ? id[staff] : null, roleFamilies });
    actors[key] = { auth, userId: user.id };
  }

  beforeAll(async () => {
    t = await createTestApp();
    const dept = randomUUID();
    const team = randomUUID();
    await t.dataSource.query(
      `INSERT INTO organisation_units (id, code, name, type, parent_id, path) VALUES
         ($1, 'D', 'Department', 'department', NULL, ARRAY[$1]::uuid[]),
         ($2, 'T', 'Team', 'team', $1, ARRAY[$1, $2]::uuid[])`,
      [dept, team],
    );
    await person('head', dept);
    await person('manager', team, 'head');
    await person('report', team, 'manager');
    await person('report2', team, 'manager');
    await person('subReport', team, 'report');
    for (const name of ['engineer', 'developer', 'former', 'outsider', 'hopDataSelf', 'hopDevSelf'] as const) {
      await person(name, team);
    }
    await role('subReport', 'lead-data-scientist', '2024-01-01');
    await role('engineer', 'senior-data-engineer', '2024-01-01');
    await role('developer', 'senior-developer', '2024-01-01');
    await role('former', 'data-scientist', '2020-01-01', '2023-01-01');
    await role('former', 'delivery-manager', '2023-01-01');

    await actor('subReport (staff)', ['staff'], 'subReport');
    await actor('report (line manager, one level up)', ['staff'], 'report');
    await actor('manager (line manager, two levels up)', ['staff'], 'manager');
    await actor('head (three levels up)', ['staff'], 'head');
    await actor('outsider (staff, manages nobody)', ['staff'], 'outsider');
    await actor('unlinked staff user', ['staff'], null);
    await actor('head of profession: data', ['head_of_profession', 'staff'], 'hopDataSelf', ['data']);
    await actor('head of profession: software development', ['head_of_profession'], 'hopDevSelf', [
      'software-development',
    ]);
    await actor('head of profession: data, no staff record', ['head_of_profession'], null, ['data']);
    await actor('hr', ['hr'], null);
    await actor('admin', ['admin'], null);
  });
  afterAll(async () => t.close());

  const everyone = [...PEOPLE];
  const VISIBLE: Record<string, Person[]> = {
    'subReport (staff)': ['subReport'],
    'report (line manager, one level up)': ['report', 'subReport'],
    'manager (line manager, two levels up)': ['manager', 'report', 'report2', 'subReport'],
    'head (three levels up)': ['head', 'manager', 'report', 'report2', 'subReport'],
    'outsider (staff, manages nobody)': ['outsider'],
    'unlinked staff user': [],
    'head of profession: data': ['hopDataSelf', 'engineer', 'subReport'],
    'head of profession: software development': ['hopDevSelf', 'developer'],
    'head of profession: data, no staff record': ['engineer', 'subReport'],
    hr: everyone,
    admin: everyone,
  };
  const cases = Object.entries(VISIBLE);

  const names = (ids: string[]): string[] =>
    ids.map((x) => PEOPLE.find((p) => id[p] === x) ?? x).sort((a, b) => a.localeCompare(b));

  it.each(cases)('the list shows %s exactly what they may see', async (key, visible) => {
    const res = await t.http().get(`${STAFF}?limit=100`).set(actors[key]!.auth);

    expect(res.status).toBe(200);
    expect(names((res.body.items as { id: string }[]).map((s) => s.id))).toEqual(
      [...visible].sort((a, b) => a.localeCompare(b)),
    );
  });

  it.each(cases)('reading one record: %s gets 200 for what they may see, 404 for the rest', async (key, visible) => {
    for (const name of PEOPLE) {
      const res = await t.http().get(`${STAFF}/${id[name]}`).set(actors[key]!.auth);
      if (visible.includes(name)) {
        expect(res.status, `${key} reading ${name}`).toBe(200);
      } else {
        expectProblem(res, 404, 'staff-not-found');
      }
    }
  });

  it.each(cases)('the role history follows the same scope for %s', async (key, visible) => {
    for (const name of ['subReport', 'engineer', 'developer', 'outsider'] as Person[]) {
      const res = await t.http().get(`${STAFF}/${id[name]}/role-assignments`).set(actors[key]!.auth);
      expect(res.status, `${key} reading ${name}'s roles`).toBe(visible.includes(name) ? 200 : 404);
    }
  });

  it('shows the line manager only to those who may see the manager, and to the person themself', async () => {
    const managerOf = async (key: string, name: Person): Promise<unknown> =>
      (await t.http().get(`${STAFF}/${id[name]}`).set(actors[key]!.auth)).body.lineManager;

    // Their own manager, on their own record: yes; on a report's record, a manager above them: no.
    expect(await managerOf('report (line manager, one level up)', 'report')).toEqual({
      id: id.manager,
      fullName: 'manager',
    });
    expect(await managerOf('report (line manager, one level up)', 'subReport')).toEqual({
      id: id.report,
      fullName: 'report',
    });
    expect(await managerOf('head (three levels up)', 'report')).toEqual({ id: id.manager, fullName: 'manager' });
    expect(await managerOf('head of profession: data', 'subReport')).toBeNull();
    expect(await managerOf('hr', 'subReport')).toEqual({ id: id.report, fullName: 'report' });
    const list = await t.http().get(`${STAFF}?limit=100`).set(actors['subReport (staff)']!.auth);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].lineManager).toEqual({ id: id.report, fullName: 'report' });
  });

  describe('updates', () => {
    const patchName = async (key: string, name: Person) => {
      const [row]: { version: number; full_name: string }[] = await t.dataSource.query(
        'SELECT version, full_name FROM staff WHERE id = $1',
        [id[name]],
      );
      const res = await t
        .http()
        .patch(`${STAFF}/${id[name]}`)
        .set(actors[key]!.auth)
        .set('If-Match', `"${row!.version}"`)
        .send({ fullName: `${row!.full_name}` === name ? `${name} (edited)` : name });
      return res;
    };
    const restore = async (): Promise<void> => {
      for (const name of PEOPLE) {
        await t.dataSource.query('UPDATE staff SET full_name = $2 WHERE id = $1', [id[name], name]);
      }
    };

    it.each(cases.filter(([key]) => !['hr', 'admin'].includes(key)))(
      '%s may change only their own record: 404 where they may not see, 403 where they only may see',
      async (key, visible) => {
        try {
          for (const name of PEOPLE) {
            const res = await patchName(key, name);
            const own = visible[0] === name && !key.includes('no staff record') && key !== 'unlinked staff user';
            if (own) expect(res.status, `${key} changing ${name}`).toBe(200);
            else if (visible.includes(name)) expectProblem(res, 403, 'staff-not-editable');
            else expectProblem(res, 404, 'staff-not-found');
          }
        } finally {
          await restore();
        }
      },
    );

    it.each([['hr'], ['admin']])('%s may change anyone', async (key) => {
      try {
        for (const name of PEOPLE) {
          expect((await patchName(key, name)).status, `${key} changing ${name}`).toBe(200);
        }
      } finally {
        await restore();
      }
    });
  });

  describe('StaffService, for other contexts', () => {
    it('answers "is this person in the actor\'s scope" and findVisible as the routes do', async () => {
      const staff = t.app.get(StaffService);
      const users = t.app.get(UsersService);
      for (const [key, visible] of cases) {
        const actor = actorOf(await users.get(actors[key]!.userId));
        for (const name of PEOPLE) {
          expect(await staff.isInScope(actor, id[name]), `${key} / ${name}`).toBe(visible.includes(name));
        }
        const outsider = staff.findVisible(actor, id.outsider);
        if (visible.includes('outsider')) await expect(outsider).resolves.toMatchObject({ id: id.outsider });
        else await expect(outsider).rejects.toBeInstanceOf(StaffNotFound);
      }
    });

    it("names the same permissions as auth's Permission", () => {
      expect(Object.values(Permission)).toEqual(expect.arrayContaining(Object.values(StaffPermission)));
    });
  });
});
