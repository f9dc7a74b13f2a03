import type { Role } from '@capability/auth';
import { today } from '@capability/workforce';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CreateRoleAssignmentDto } from '../../apps/api/src/workforce/role-assignments.dto.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Auth = { Authorization: string };
interface AssignmentRow {
  slug: string;
  is_primary: boolean;
  starts_on: string;
  ends_on: string | null;
}

describe('role assignments', () => {
  let t: TestApp;
  let hr: Auth;
  let staffId: string;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
    staffId = await person();
  });

  async function person(lineManagerId: string | null = null): Promise<string> {
    seq += 1;
    const unitId = randomUUID();
    await t.dataSource.query(
      `INSERT INTO organisation_units (id, code, name, type, path) VALUES ($1, $2, 'Dept', 'department', ARRAY[$1]::uuid[])`,
      [unitId, `D${seq}`],
    );
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO staff (staff_number, full_name, unit_id, employment_type, line_manager_id)
       VALUES ($1, $2, $3, 'permanent', $4) RETURNING id`,
      [`RA${seq}`, `Person ${seq}`, unitId, lineManagerId],
    );
    return row!.id;
  }

  const path = (id: string = staffId) => `/api/v1/staff/${id}/role-assignments`;
  const assign = (body: CreateRoleAssignmentDto | Record<string, unknown>, auth: Auth = hr, id: string = staffId) =>
    t.http().post(path(id)).set(auth).send(body);

  const rows = (id: string = staffId): Promise<AssignmentRow[]> =>
    t.dataSource.query(
      `SELECT rl.slug, ra.is_primary, ra.starts_on::text AS starts_on, ra.ends_on::text AS ends_on FROM role_assignments ra
         JOIN role_levels rl ON rl.id = ra.role_level_id WHERE ra.staff_id = $1 ORDER BY ra.starts_on, ra.created_at`,
      [id],
    );

  const roleLevelId = async (slug: string): Promise<string> => {
    const found = await t.dataSource.query<{ id: string }[]>(
      `SELECT rl.id FROM role_levels rl JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        WHERE rl.slug = $1`,
      [slug],
    );
    return found[0]!.id;
  };

  describe('POST /staff/:id/role-assignments', () => {
    it('assigns a role level by slug: primary, from today, with its role and family, audited', async () => {
      const res = await assign({ roleLevelSlug: 'senior-data-engineer' });

      expect(res.status, res.text).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        staffId,
        roleLevel: {
          id: await roleLevelId('senior-data-engineer'),
          slug: 'senior-data-engineer',
          name: expect.any(String),
        },
        role: { id: expect.any(String), slug: 'data-engineer', name: 'Data engineer' },
        family: { id: expect.any(String), slug: 'data', name: 'Data' },
        isPrimary: true,
        startsOn: today(),
        endsOn: null,
        createdAt: expect.any(String),
      });
      const staff = await t.http().get(`/api/v1/staff/${staffId}`).set(hr);
      expect(staff.body.currentRole).toMatchObject({ roleLevel: { slug: 'senior-data-engineer' }, startsOn: today() });
      const audit: { entity_id: string; changed_fields: string[] }[] = await t.dataSource.query(
        `SELECT entity_id, changed_fields FROM audit_events WHERE action = 'role-assignment.created'`,
      );
      expect(audit).toEqual([
        { entity_id: res.body.id, changed_fields: ['staffId', 'roleLevelId', 'isPrimary', 'startsOn'] },
      ]);
    });

    it('assigns by role-level id', async () => {
      const res = await assign({ roleLevelId: await roleLevelId('lead-data-scientist'), startsOn: '2024-04-01' });

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ roleLevel: { slug: 'lead-data-scientist' }, startsOn: '2024-04-01' });
    });

    it('closes the open primary assignment on the new start date, in the same change, audited', async () => {
      const first = await assign({ roleLevelSlug: 'data-engineer', startsOn: '2023-01-01' });

      const second = await assign({ roleLevelSlug: 'senior-data-engineer', startsOn: '2024-06-01' });

      expect(second.status).toBe(201);
      expect(await rows()).toEqual([
        { slug: 'data-engineer', is_primary: true, starts_on: '2023-01-01', ends_on: '2024-06-01' },
        { slug: 'senior-data-engineer', is_primary: true, starts_on: '2024-06-01', ends_on: null },
      ]);
      const ended: { entity_id: string; changed_fields: string[] }[] = await t.dataSource.query(
        `SELECT entity_id, changed_fields FROM audit_events WHERE action = 'role-assignment.ended'`,
      );
      expect(ended).toEqual([{ entity_id: first.body.id, changed_fields: ['endsOn'] }]);
    });

    it.each([
      ['before', '2023-12-31'],
      ['on', '2024-01-01'],
    ])('refuses a new primary starting %s the open one’s start (422), changing nothing', async (_name, startsOn) => {
      await assign({ roleLevelSlug: 'data-engineer', startsOn: '2024-01-01' }).expect(201);

      const res = await assign({ roleLevelSlug: 'senior-data-engineer', startsOn });

      expectProblem(res, 422, 'role-assignment-starts-too-early');
      expect(await rows()).toEqual([
        { slug: 'data-engineer', is_primary: true, starts_on: '2024-01-01', ends_on: null },
      ]);
    });

    it('keeps secondary assignments beside the primary, closing nothing', async () => {
      await assign({ roleLevelSlug: 'data-engineer', startsOn: '2024-01-01' }).expect(201);

      await assign({ roleLevelSlug: 'delivery-manager', isPrimary: false, startsOn: '2024-02-01' }).expect(201);
      await assign({ roleLevelSlug: 'product-manager', isPrimary: false, startsOn: '2024-03-01' }).expect(201);

      expect((await rows()).map((r) => [r.slug, r.is_primary, r.ends_on])).toEqual([
        ['data-engineer', true, null],
        ['delivery-manager', false, null],
        ['product-manager', false, null],
      ]);
      const staff = await t.http().get(`/api/v1/staff/${staffId}`).set(hr);
      expect(staff.body.currentRole.roleLevel.slug).toBe('data-engineer');
    });

    it('keeps the current role current until a future-dated one starts', async () => {
      await assign({ roleLevelSlug: 'data-engineer', startsOn: '2024-01-01' }).expect(201);

      await assign({ roleLevelSlug: 'senior-data-engineer', startsOn: '2999-01-01' }).expect(201);

      const staff = await t.http().get(`/api/v1/staff/${staffId}`).set(hr);
      expect(staff.body.currentRole).toMatchObject({ roleLevel: { slug: 'data-engineer' }, startsOn: '2024-01-01' });
    });

    it.each([
      ['an unknown slug', { roleLevelSlug: 'chief-wizard' }],
      ['an unknown id', { roleLevelId: UNKNOWN_ID }],
    ])('answers 422 for %s', async (_name, body) => {
      expectProblem(await assign(body), 422, 'unknown-role-level');
      expect(await rows()).toEqual([]);
    });

    it.each([
      ['neither id nor slug', {}, 'roleLevelId'],
      ['both id and slug', { roleLevelId: UNKNOWN_ID, roleLevelSlug: 'data-engineer' }, 'roleLevelSlug'],
      ['a bad slug', { roleLevelSlug: 'Data Engineer' }, 'roleLevelSlug'],
      ['a bad id', { roleLevelId: 'nope' }, 'roleLevelId'],
      ['a bad date', { roleLevelSlug: 'data-engineer', startsOn: '2024-13-01' }, 'startsOn'],
      ['a non-boolean isPrimary', { roleLevelSlug: 'data-engineer', isPrimary: 'yes' }, 'isPrimary'],
      ['an unknown field', { roleLevelSlug: 'data-engineer', endsOn: '2025-01-01' }, 'endsOn'],
    ])('answers 400 for %s', async (_name, body, field) => {
      const res = await assign(body);

      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
      expect(await rows()).toEqual([]);
    });

    it('answers 404 for an unknown person and 400 for a malformed id', async () => {
      expectProblem(await assign({ roleLevelSlug: 'data-engineer' }, hr, UNKNOWN_ID), 404, 'staff-not-found');
      expectProblem(await assign({ roleLevelSlug: 'data-engineer' }, hr, 'nope'), 400, 'bad-request');
    });

    it('answers 401 without a token and 403 to staff, line managers and heads of profession', async () => {
      expectProblem(await t.http().post(path()).send({ roleLevelSlug: 'data-engineer' }), 401, 'unauthenticated');
      const report = await person(staffId);
      const cases: [Role[], string | null, string[]][] = [
        [['staff'], staffId, []],
        [['staff'], null, []],
        [['head_of_profession'], null, ['data']],
      ];
      for (const [roles, linked, roleFamilies] of cases) {
        const { auth } = await signedIn(t, { roles, staffId: linked, roleFamilies });
        expectProblem(await assign({ roleLevelSlug: 'data-engineer' }, auth, report), 403, 'forbidden');
      }
      expect(await rows(report)).toEqual([]);
    });

    it('lets admins assign too', async () => {
      const { auth } = await signedIn(t, { roles: ['admin'] });

      expect((await assign({ roleLevelSlug: 'data-engineer' }, auth)).status).toBe(201);
    });

    it('replays the first answer for the same Idempotency-Key', async () => {
      const body = { roleLevelSlug: 'data-engineer', startsOn: '2024-01-01' };
      const first = await t.http().post(path()).set(hr).set('Idempotency-Key', 'ra-1').send(body);
      const again = await t.http().post(path()).set(hr).set('Idempotency-Key', 'ra-1').send(body);

      expect(first.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await rows()).toHaveLength(1);
    });
  });

  describe('at most one open primary', () => {
    const openPrimaries = async (): Promise<number> => {
      const [row] = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM role_assignments WHERE staff_id = $1 AND is_primary AND ends_on IS NULL',
        [staffId],
      );
      return row!.n;
    };

    it('is guarded by the database itself', async () => {
      await assign({ roleLevelSlug: 'data-engineer', startsOn: '2024-01-01' }).expect(201);

      await expect(
        t.dataSource.query(
          `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on) VALUES ($1, $2, true, '2025-01-01')`,
          [staffId, await roleLevelId('senior-data-engineer')],
        ),
      ).rejects.toMatchObject({ driverError: { constraint: 'uq_role_assignments_one_open_primary' } });
    });

    it('holds for two concurrent assignments with different start dates: they take turns', async () => {
      await assign({ roleLevelSlug: 'data-engineer', startsOn: '2023-01-01' }).expect(201);

      const [a, b] = await Promise.all([
        assign({ roleLevelSlug: 'senior-data-engineer', startsOn: '2024-01-01' }),
        assign({ roleLevelSlug: 'lead-data-engineer', startsOn: '2025-01-01' }),
      ]);

      const statuses = [a.status, b.status].sort();
      // Whichever commits first, the other sees it: a later start closes it, an earlier one is refused.
      expect([
        [201, 201],
        [201, 422],
      ]).toContainEqual(statuses);
      expect(await openPrimaries()).toBe(1);
      const history = await rows();
      for (let i = 1; i < history.length; i++) expect(history[i - 1]!.ends_on).toBe(history[i]!.starts_on);
    });

    it('holds for two concurrent assignments on the same day: exactly one wins', async () => {
      const [a, b] = await Promise.all([
        assign({ roleLevelSlug: 'senior-data-engineer', startsOn: '2024-01-01' }),
        assign({ roleLevelSlug: 'lead-data-engineer', startsOn: '2024-01-01' }),
      ]);

      expect([a.status, b.status].sort()).toEqual([201, 422]);
      expect(await openPrimaries()).toBe(1);
      expect(await rows()).toHaveLength(1);
    });
  });

  describe('GET /staff/:id/role-assignments', () => {
    it('lists the history newest first with role level, role and family names, and pages', async () => {
      await assign({ roleLevelSlug: 'data-engineer', startsOn: '2022-01-01' }).expect(201);
      await assign({ roleLevelSlug: 'senior-data-engineer', startsOn: '2023-01-01' }).expect(201);
      await assign({ roleLevelSlug: 'delivery-manager', isPrimary: false, startsOn: '2023-06-01' }).expect(201);
      await assign({ roleLevelSlug: 'lead-data-engineer', startsOn: '2024-01-01' }).expect(201);

      const res = await t.http().get(path()).set(hr);

      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      const items = res.body.items as {
        roleLevel: { slug: string };
        role: { name: string };
        family: { slug: string };
        startsOn: string;
        endsOn: string | null;
        isPrimary: boolean;
      }[];
      expect(items.map((i) => [i.roleLevel.slug, i.startsOn, i.endsOn, i.isPrimary])).toEqual([
        ['lead-data-engineer', '2024-01-01', null, true],
        ['delivery-manager', '2023-06-01', null, false],
        ['senior-data-engineer', '2023-01-01', '2024-01-01', true],
        ['data-engineer', '2022-01-01', '2023-01-01', true],
      ]);
      expect(items[1]).toMatchObject({ role: { name: 'Delivery manager' }, family: { slug: 'product-and-delivery' } });

      const first = await t.http().get(`${path()}?limit=3`).set(hr);
      const second = await t.http().get(`${path()}?limit=3&cursor=${first.body.nextCursor}`).set(hr);
      expect([...first.body.items, ...second.body.items].map((i: { startsOn: string }) => i.startsOn)).toEqual([
        '2024-01-01',
        '2023-06-01',
        '2023-01-01',
        '2022-01-01',
      ]);
    });

    it('is readable by the person themselves and their line manager, 404 to others', async () => {
      await assign({ roleLevelSlug: 'data-engineer', startsOn: '2022-01-01' }).expect(201);
      const manager = await person();
      await t.dataSource.query('UPDATE staff SET line_manager_id = $1 WHERE id = $2', [manager, staffId]);
      const self = (await signedIn(t, { roles: ['staff'], staffId })).auth;
      const lineManager = (await signedIn(t, { roles: ['staff'], staffId: manager })).auth;
      const stranger = (await signedIn(t, { roles: ['staff'], staffId: await person() })).auth;

      expect((await t.http().get(path()).set(self)).body.items).toHaveLength(1);
      expect((await t.http().get(path()).set(lineManager)).status).toBe(200);
      expectProblem(await t.http().get(path()).set(stranger), 404, 'staff-not-found');
      expectProblem(await t.http().get(path(UNKNOWN_ID)).set(hr), 404, 'staff-not-found');
      expectProblem(await t.http().get(path()), 401, 'unauthenticated');
      expectProblem(await t.http().get(`${path()}?limit=500`).set(hr), 400, 'validation-failed');
    });
  });
});
