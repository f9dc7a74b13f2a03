import type { Role } from '@capability/auth';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CreateStaffDto, UpdateStaffDto } from '../../apps/api/src/workforce/staff.dto.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const STAFF = '/api/v1/staff';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Auth = { Authorization: string };
interface StaffItem {
  id: string;
  staffNumber: string;
  fullName: string;
  version: number;
  [key: string]: unknown;
}

describe('staff', () => {
  let t: TestApp;
  let hr: Auth;
  let hrUserId: string;
  let dept: string;
  let team: string;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    const signed = await signedIn(t, { roles: ['hr'] });
    hr = signed.auth;
    hrUserId = signed.user.id;
    dept = await unit('DEPT', 'department');
    team = await unit('TEAM', 'team', dept);
  });

  async function unit(code: string, type: string, parentId?: string): Promise<string> {
    const id = randomUUID();
    await t.dataSource.query(
      `INSERT INTO organisation_units (id, code, name, type, parent_id, path)
       VALUES ($1, $2, $3, $4, $5, COALESCE((SELECT path FROM organisation_units WHERE id = $5), '{}') || $1::uuid)`,
      [id, code, `${code} unit`, type, parentId ?? null],
    );
    return id;
  }

  async function location(code: string): Promise<string> {
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO locations (code, name, region) VALUES ($1, $2, 'North West') RETURNING id`,
      [code, `${code} office`],
    );
    return row!.id;
  }

  async function gradeId(code: string): Promise<string> {
    const [row]: { id: string }[] = await t.dataSource.query('SELECT id FROM grades WHERE code = $1', [code]);
    return row!.id;
  }

  interface StaffSeed {
    fullName?: string;
    staffNumber?: string;
    unitId?: string;
    lineManagerId?: string | null;
    employmentType?: string;
    gradeId?: string | null;
    locationId?: string | null;
    leavingDate?: string | null;
    workEmail?: string | null;
  }

  async function person(seed: StaffSeed = {}): Promise<string> {
    seq += 1;
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO staff (staff_number, full_name, unit_id, line_manager_id, employment_type, grade_id, location_id,
                          leaving_date, work_email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        seed.staffNumber ?? `S${String(seq).padStart(5, '0')}`,
        seed.fullName ?? `Person ${String(seq).padStart(5, '0')}`,
        seed.unitId ?? team,
        seed.lineManagerId ?? null,
        seed.employmentType ?? 'permanent',
        seed.gradeId ?? null,
        seed.locationId ?? null,
        seed.leavingDate ?? null,
        seed.workEmail ?? null,
      ],
    );
    return row!.id;
  }

  async function assignRole(staffId: string, roleLevelSlug: string, startsOn = '2024-01-01'): Promise<void> {
    const rows: unknown[] = await t.dataSource.query(
      `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on)
       SELECT $1, rl.id, true, $3 FROM role_levels rl
         JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        WHERE rl.slug = $2 RETURNING id`,
      [staffId, roleLevelSlug, startsOn],
    );
    expect(rows, `role level ${roleLevelSlug} in the current framework`).toHaveLength(1);
  }

  const newStaff = (overrides: Partial<CreateStaffDto> = {}): CreateStaffDto =>
    ({
      staffNumber: '100234',
      fullName: 'Jo Bloggs',
      workEmail: 'Jo.Bloggs@Department.Example',
      unitId: team,
      employmentType: 'permanent',
      startDate: '2024-09-02',
      ...overrides,
    }) satisfies CreateStaffDto;

  const patch = (id: string, version: number | string | undefined, body: UpdateStaffDto, auth: Auth = hr) => {
    const req = t.http().patch(`${STAFF}/${id}`).set(auth);
    if (version !== undefined) req.set('If-Match', typeof version === 'number' ? `"${version}"` : version);
    return req.send(body);
  };

  const row = async (id: string): Promise<Record<string, unknown>> =>
    (
      await t.dataSource.query(
        'SELECT full_name, work_email, unit_id, line_manager_id, grade_id, version FROM staff WHERE id = $1',
        [id],
      )
    )[0];

  const audits = (action: string): Promise<{ entity_id: string; changed_fields: string[]; actor_user_id: string }[]> =>
    t.dataSource.query(
      'SELECT entity_id, changed_fields, actor_user_id FROM audit_events WHERE action = $1 ORDER BY occurred_at, id',
      [action],
    );

  describe('POST /staff', () => {
    it('creates a record (201) with its details, audited with the fields given', async () => {
      const g7 = await gradeId('G7');
      const loc = await location('MAN');
      const manager = await person({ fullName: 'Mo Manager' });

      const res = await t
        .http()
        .post(STAFF)
        .set(hr)
        .send(newStaff({ gradeId: g7, locationId: loc, lineManagerId: manager, employmentType: 'fixed_term' }));

      expect(res.status, res.text).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        staffNumber: '100234',
        fullName: 'Jo Bloggs',
        workEmail: 'jo.bloggs@department.example',
        unit: { id: team, code: 'TEAM', name: 'TEAM unit' },
        location: { id: loc, code: 'MAN', name: 'MAN office' },
        grade: { id: g7, code: 'G7', name: 'Grade 7' },
        employmentType: 'fixed_term',
        lineManager: { id: manager, fullName: 'Mo Manager' },
        status: 'active',
        startDate: '2024-09-02',
        leavingDate: null,
        currentRole: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        version: 1,
      });
      expect(res.headers.etag).toBe('"1"');
      expect(await audits('staff.created')).toEqual([
        {
          entity_id: res.body.id,
          actor_user_id: hrUserId,
          changed_fields: [
            'staffNumber',
            'fullName',
            'workEmail',
            'unitId',
            'employmentType',
            'startDate',
            'gradeId',
            'locationId',
            'lineManagerId',
          ],
        },
      ]);
    });

    it('answers 409 for a staff number already used, creating nothing more', async () => {
      await t.http().post(STAFF).set(hr).send(newStaff()).expect(201);

      const res = await t
        .http()
        .post(STAFF)
        .set(hr)
        .send(newStaff({ fullName: 'Someone Else' }));

      expectProblem(res, 409, 'conflict');
      expect(res.body.detail).toBe('A member of staff with this staff number already exists');
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM staff')).toEqual([{ n: 1 }]);
      expect(await audits('staff.created')).toHaveLength(1);
    });

    it('answers 409 for a unit, grade or line manager that does not exist', async () => {
      for (const overrides of [{ unitId: UNKNOWN_ID }, { gradeId: UNKNOWN_ID }, { lineManagerId: UNKNOWN_ID }]) {
        const res = await t.http().post(STAFF).set(hr).send(newStaff(overrides));
        expectProblem(res, 409, 'conflict');
        expect(res.body.detail).toMatch(/does not exist/);
      }
    });

    it('answers 422 for a leaving date before the start date', async () => {
      const res = await t
        .http()
        .post(STAFF)
        .set(hr)
        .send(newStaff({ startDate: '2024-09-02', leavingDate: '2024-09-01' }));

      expectProblem(res, 422, 'unprocessable');
      expect(res.body.detail).toBe('leavingDate must be on or after startDate');
    });

    it.each([
      ['no staff number', { staffNumber: undefined }, 'staffNumber'],
      ['an unknown employment type', { employmentType: 'volunteer' }, 'employmentType'],
      ['a malformed email', { workEmail: 'not-an-email' }, 'workEmail'],
      ['a malformed unit id', { unitId: 'nope' }, 'unitId'],
      ['a date that is not a date', { startDate: '2024-02-30' }, 'startDate'],
      ['a date-time for a date', { leavingDate: '2024-02-01T00:00:00Z' }, 'leavingDate'],
      ['an unknown field', { salary: 1 }, 'salary'],
    ])('answers 400 for %s', async (_name, overrides, field) => {
      const res = await t
        .http()
        .post(STAFF)
        .set(hr)
        .send({ ...newStaff(), ...overrides });

      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM staff')).toEqual([{ n: 0 }]);
    });

    it('answers 401 without a token, 403 to staff and heads of profession', async () => {
      expectProblem(await t.http().post(STAFF).send(newStaff()), 401, 'unauthenticated');
      for (const role of ['staff', 'head_of_profession'] as Role[]) {
        const { auth } = await signedIn(t, { roles: [role] });
        expectProblem(await t.http().post(STAFF).set(auth).send(newStaff()), 403, 'forbidden');
      }
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM staff')).toEqual([{ n: 0 }]);
    });

    it('lets admins create too', async () => {
      const { auth } = await signedIn(t, { roles: ['admin'] });

      expect((await t.http().post(STAFF).set(auth).send(newStaff())).status).toBe(201);
    });

    it('replays the first answer for the same Idempotency-Key, creating one record', async () => {
      const first = await t.http().post(STAFF).set(hr).set('Idempotency-Key', 'staff-1').send(newStaff());
      const again = await t.http().post(STAFF).set(hr).set('Idempotency-Key', 'staff-1').send(newStaff());

      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM staff')).toEqual([{ n: 1 }]);
    });
  });

  describe('GET /staff/:id', () => {
    it('reads a record with its version as ETag, and a leaver as such', async () => {
      const id = await person({ fullName: 'Lee Leaver', leavingDate: '2020-01-31' });

      const res = await t.http().get(`${STAFF}/${id}`).set(hr);

      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({ id, fullName: 'Lee Leaver', status: 'leaver', leavingDate: '2020-01-31' });
    });

    it('shows the current primary role with its level, role and family', async () => {
      const id = await person();
      await assignRole(id, 'data-engineer', '2023-01-01');
      await t.dataSource.query(`UPDATE role_assignments SET ends_on = '2024-01-01' WHERE staff_id = $1`, [id]);
      await assignRole(id, 'senior-data-engineer', '2024-01-01');

      const res = await t.http().get(`${STAFF}/${id}`).set(hr);

      expect(res.body.currentRole).toEqual({
        roleLevel: { id: expect.any(String), slug: 'senior-data-engineer', name: expect.stringMatching(/senior/i) },
        role: { id: expect.any(String), slug: 'data-engineer', name: 'Data engineer' },
        family: { id: expect.any(String), slug: 'data', name: 'Data' },
        startsOn: '2024-01-01',
      });
    });

    // The point read is a prepared statement of its own, the list a query builder: one representation.
    it('reads a record field for field as the list shows it, every detail filled in', async () => {
      const manager = await person({ fullName: 'Morgan Manager' });
      const id = await person({
        fullName: 'Fen Filled',
        workEmail: 'fen.filled@department.example',
        lineManagerId: manager,
        gradeId: await gradeId('G7'),
        locationId: await location('LEEDS'),
        employmentType: 'fixed_term',
        leavingDate: '2099-03-31',
      });
      await t.dataSource.query(`UPDATE staff SET start_date = '2021-04-06' WHERE id = $1`, [id]);
      await assignRole(id, 'senior-data-engineer', '2024-01-01');

      const one = await t.http().get(`${STAFF}/${id}`).set(hr);
      const list = await t.http().get(`${STAFF}?q=Fen%20Filled`).set(hr);

      expect(one.status).toBe(200);
      expect(list.body.items).toEqual([one.body]);
      expect(one.body).toMatchObject({
        startDate: '2021-04-06',
        leavingDate: '2099-03-31',
        status: 'active',
        lineManager: { id: manager, fullName: 'Morgan Manager' },
        grade: { code: 'G7' },
        location: { code: 'LEEDS' },
        currentRole: { roleLevel: { slug: 'senior-data-engineer' }, startsOn: '2024-01-01' },
      });
    });

    it('answers If-None-Match with the full body: the role and names can change without the version', async () => {
      const id = await person();

      const res = await t.http().get(`${STAFF}/${id}`).set(hr).set('If-None-Match', '"1"');

      expect(res.status).toBe(200);
      expect(res.body.id).toBe(id);
    });

    it('answers 404 (staff-not-found) for an unknown id, 400 for a malformed one, 401 without a token', async () => {
      expectProblem(await t.http().get(`${STAFF}/${UNKNOWN_ID}`).set(hr), 404, 'staff-not-found');
      expectProblem(await t.http().get(`${STAFF}/nope`).set(hr), 400, 'bad-request');
      expectProblem(await t.http().get(`${STAFF}/${UNKNOWN_ID}`), 401, 'unauthenticated');
    });
  });

  describe('PATCH /staff/:id by HR', () => {
    it('changes any field at the version read, audited with the changed field names only', async () => {
      const id = await person({ fullName: 'Jo Bloggs' });
      const other = await unit('OTHER', 'team', dept);
      const g6 = await gradeId('G6');

      const res = await patch(id, 1, { fullName: 'Jo Bloggs', unitId: other, gradeId: g6, workEmail: 'JO@X.EXAMPLE' });

      expect(res.status, res.text).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({
        unit: { id: other, code: 'OTHER' },
        grade: { code: 'G6' },
        workEmail: 'jo@x.example',
        version: 2,
      });
      expect(await audits('staff.updated')).toEqual([
        { entity_id: id, actor_user_id: hrUserId, changed_fields: ['unitId', 'gradeId', 'workEmail'] },
      ]);
    });

    it('treats a change that changes nothing as no change: same version, no audit row', async () => {
      const id = await person({ fullName: 'Same' });

      const res = await patch(id, 1, { fullName: 'Same' });

      expect(res.status).toBe(200);
      expect(res.body.version).toBe(1);
      expect(await audits('staff.updated')).toEqual([]);
      expectProblem(await patch(id, 5, { fullName: 'Same' }), 412, 'precondition-failed');
    });

    it('answers 428 without If-Match and 412 when stale, and changes nothing', async () => {
      const id = await person({ fullName: 'Original' });
      await patch(id, 1, { fullName: 'Second' }).expect(200);

      expectProblem(await patch(id, undefined, { fullName: 'X' }), 428, 'precondition-required');
      expectProblem(await patch(id, 1, { fullName: 'X' }), 412, 'precondition-failed');
      expectProblem(await patch(id, 'garbage', { fullName: 'X' }), 412, 'precondition-failed');
      expect(await row(id)).toMatchObject({ full_name: 'Second', version: 2 });
    });

    it('answers 404 for an unknown record and 400 for bad input', async () => {
      const id = await person();

      expectProblem(await patch(UNKNOWN_ID, 1, { fullName: 'X' }), 404, 'staff-not-found');
      expectProblem(await patch(id, 1, { salary: 1 } as UpdateStaffDto), 400, 'validation-failed');
      expectProblem(await patch(id, 1, { fullName: null } as unknown as UpdateStaffDto), 400, 'validation-failed');
      expectProblem(
        await patch(id, 1, { employmentType: 'volunteer' } as unknown as UpdateStaffDto),
        400,
        'validation-failed',
      );
      expect(await row(id)).toMatchObject({ version: 1 });
    });

    it('answers 409 for a staff number already used', async () => {
      await person({ staffNumber: 'TAKEN' });
      const id = await person();

      expectProblem(await patch(id, 1, { staffNumber: 'TAKEN' }), 409, 'conflict');
    });

    it('sets and clears a line manager', async () => {
      const manager = await person({ fullName: 'Mo Manager' });
      const id = await person();

      const set = await patch(id, 1, { lineManagerId: manager });
      const cleared = await patch(id, 2, { lineManagerId: null });

      expect(set.body.lineManager).toEqual({ id: manager, fullName: 'Mo Manager' });
      expect(cleared.body.lineManager).toBeNull();
      expect(await row(id)).toMatchObject({ line_manager_id: null, version: 3 });
    });

    it.each([
      ['themselves', 0],
      ['their direct report', 1],
      ['someone two levels down', 2],
      ['someone three levels down', 3],
    ])('refuses to make a person line managed by %s (422), changing nothing', async (_name, depth) => {
      const top = await person();
      const chain = [top];
      for (let i = 0; i < 3; i++) chain.push(await person({ lineManagerId: chain[i] }));

      const res = await patch(top, 1, { lineManagerId: chain[depth] });

      expectProblem(res, 422, 'line-management-cycle');
      expect(await row(top)).toMatchObject({ line_manager_id: null, version: 1 });
      expect(await audits('staff.updated')).toEqual([]);
    });

    it('refuses both halves of a cycle closed by two concurrent changes', async () => {
      const a = await person();
      const b = await person();

      const [first, second] = await Promise.all([patch(a, 1, { lineManagerId: b }), patch(b, 1, { lineManagerId: a })]);

      expect([first.status, second.status].sort()).toEqual([200, 422]);
      const loops: unknown[] = await t.dataSource.query(
        `SELECT 1 FROM staff x JOIN staff y ON y.id = x.line_manager_id WHERE y.line_manager_id = x.id`,
      );
      expect(loops).toEqual([]);
    });
  });

  describe('PATCH /staff/:id by the person themselves', () => {
    async function me(seed: StaffSeed = {}): Promise<{ id: string; auth: Auth }> {
      const id = await person(seed);
      const { auth } = await signedIn(t, { roles: ['staff'], staffId: id });
      return { id, auth };
    }

    it('changes their own name and work email', async () => {
      const { id, auth } = await me({ fullName: 'Jo Blogs' });

      const res = await patch(id, 1, { fullName: 'Jo Bloggs', workEmail: 'jo@department.example' }, auth);

      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ fullName: 'Jo Bloggs', workEmail: 'jo@department.example', version: 2 });
      expect((await audits('staff.updated'))[0]?.changed_fields).toEqual(['fullName', 'workEmail']);
    });

    it('answers 403 field-not-writable naming every field they may not write, and changes nothing', async () => {
      const { id, auth } = await me({ fullName: 'Jo' });
      const other = await unit('OTHER', 'team', dept);
      const g6 = await gradeId('G6');

      const res = await patch(
        id,
        1,
        { fullName: 'Jo Changed', unitId: other, gradeId: g6, leavingDate: null, startDate: '2020-01-01' },
        auth,
      );

      const body = expectProblem(res, 403, 'field-not-writable');
      expect(body.fields).toEqual(['unitId', 'gradeId', 'leavingDate', 'startDate']);
      expect(await row(id)).toMatchObject({ full_name: 'Jo', unit_id: team, version: 1 });
    });

    it.each(['lineManagerId', 'employmentType', 'locationId', 'staffNumber'] as const)(
      'refuses %s (403)',
      async (field) => {
        const { id, auth } = await me();
        const values: Record<string, unknown> = {
          lineManagerId: await person(),
          employmentType: 'contractor',
          locationId: await location('LDS'),
          staffNumber: 'NEW-1',
        };

        const res = await patch(id, 1, { [field]: values[field] }, auth);

        expect(expectProblem(res, 403, 'field-not-writable').fields).toEqual([field]);
      },
    );

    it('answers 400 for an unknown field before anything else', async () => {
      const { id, auth } = await me();

      expectProblem(await patch(id, 1, { nickname: 'J' } as UpdateStaffDto, auth), 400, 'validation-failed');
    });

    it("answers 404 for someone else's record they may not see, changing nothing", async () => {
      const { auth } = await me();
      const stranger = await person({ fullName: 'Stranger' });

      expectProblem(await patch(stranger, 1, { fullName: 'Hacked' }, auth), 404, 'staff-not-found');
      expect(await row(stranger)).toMatchObject({ full_name: 'Stranger', version: 1 });
    });

    it("answers 403 staff-not-editable to a line manager changing their report's record", async () => {
      const { id: manager, auth } = await me();
      const report = await person({ lineManagerId: manager, fullName: 'Report' });

      expectProblem(await patch(report, 1, { fullName: 'Renamed' }, auth), 403, 'staff-not-editable');
      expect(await row(report)).toMatchObject({ full_name: 'Report', version: 1 });
    });

    it('answers 401 without a token', async () => {
      const { id } = await me();

      expectProblem(await t.http().patch(`${STAFF}/${id}`).send({ fullName: 'X' }), 401, 'unauthenticated');
    });
  });

  describe('GET /staff (filters)', () => {
    const ids = async (query: string, auth: Auth = hr): Promise<string[]> => {
      const res = await t.http().get(`${STAFF}?limit=100&${query}`).set(auth);
      expect(res.status, res.text).toBe(200);
      return (res.body.items as StaffItem[]).map((s) => s.id);
    };

    it('filters by unit subtree: the unit and everything under it', async () => {
      const dir = await unit('DIR', 'directorate', dept);
      const sub = await unit('SUB', 'team', dir);
      const atDept = await person({ fullName: 'A Dept', unitId: dept });
      const atDir = await person({ fullName: 'B Dir', unitId: dir });
      const atSub = await person({ fullName: 'C Sub', unitId: sub });
      const atTeam = await person({ fullName: 'D Team', unitId: team });

      expect(await ids(`unitId=${dir}`)).toEqual([atDir, atSub]);
      expect(await ids(`unitId=${sub}`)).toEqual([atSub]);
      expect(await ids(`unitId=${dept}`)).toEqual([atDept, atDir, atSub, atTeam]);
      expect(await ids(`unitId=${UNKNOWN_ID}`)).toEqual([]);
    });

    it('filters by grade, employment type, location, line manager and status', async () => {
      const g7 = await gradeId('G7');
      const man = await location('MAN');
      const a = await person({ fullName: 'A', gradeId: g7, employmentType: 'contractor' });
      const b = await person({ fullName: 'B', locationId: man, lineManagerId: a });
      const c = await person({ fullName: 'C', leavingDate: '2021-03-31', employmentType: 'contractor' });
      const d = await person({ fullName: 'D', leavingDate: '2999-12-31' });

      expect(await ids('grade=G7')).toEqual([a]);
      expect(await ids('grade=G6')).toEqual([]);
      expect(await ids('employmentType=contractor')).toEqual([a, c]);
      expect(await ids(`locationId=${man}`)).toEqual([b]);
      expect(await ids(`lineManagerId=${a}`)).toEqual([b]);
      expect(await ids('status=leaver')).toEqual([c]);
      expect(await ids('status=active')).toEqual([a, b, d]);
      expect(await ids('status=active&employmentType=contractor')).toEqual([a]);
    });

    it('searches name or staff number, case-insensitive, contains, with LIKE wildcards taken literally', async () => {
      const ada = await person({ fullName: 'Ada Lovelace', staffNumber: 'X-1001' });
      const alan = await person({ fullName: 'Alan Turing', staffNumber: 'X-2001' });
      const grace = await person({ fullName: 'Grace 100% Hopper', staffNumber: 'Y_3001' });

      expect(await ids('q=LOVE')).toEqual([ada]);
      expect(await ids('q=a')).toEqual([ada, alan, grace]);
      expect(await ids('q=x-2')).toEqual([alan]);
      expect(await ids('q=001')).toEqual([ada, alan, grace]);
      expect(await ids('q=%25')).toEqual([grace]);
      expect(await ids('q=y_')).toEqual([grace]);
      expect(await ids('q=_3')).toEqual([grace]);
      expect(await ids('q=nobody')).toEqual([]);
    });

    it('filters by role family, role and role level of the current primary role only', async () => {
      const engineer = await person({ fullName: 'A Engineer' });
      await assignRole(engineer, 'senior-data-engineer');
      const scientist = await person({ fullName: 'B Scientist' });
      await assignRole(scientist, 'lead-data-scientist');
      const developer = await person({ fullName: 'C Developer' });
      await assignRole(developer, 'senior-developer');
      const formerScientist = await person({ fullName: 'D Former' });
      await assignRole(formerScientist, 'data-scientist', '2020-01-01');
      await t.dataSource.query(`UPDATE role_assignments SET ends_on = '2023-01-01' WHERE staff_id = $1`, [
        formerScientist,
      ]);
      await assignRole(formerScientist, 'delivery-manager', '2023-01-01');
      const future = await person({ fullName: 'E Future' });
      await assignRole(future, 'data-engineer', '2999-01-01');
      const [role]: { id: string }[] = await t.dataSource.query(`SELECT id FROM roles WHERE slug = 'data-scientist'`);
      const [level]: { id: string }[] = await t.dataSource.query(
        `SELECT id FROM role_levels WHERE slug = 'senior-data-engineer'`,
      );

      expect(await ids('roleFamily=data')).toEqual([engineer, scientist]);
      expect(await ids('roleFamily=software-development')).toEqual([developer]);
      expect(await ids('roleFamily=product-and-delivery')).toEqual([formerScientist]);
      expect(await ids('role=data-scientist')).toEqual([scientist]);
      expect(await ids(`role=${role!.id}`)).toEqual([scientist]);
      expect(await ids('roleLevel=senior-data-engineer')).toEqual([engineer]);
      expect(await ids(`roleLevel=${level!.id}`)).toEqual([engineer]);
      expect(await ids('roleFamily=data&role=data-engineer')).toEqual([engineer]);
      expect(await ids('role=data-engineer')).toEqual([engineer]);
      const items = (await t.http().get(`${STAFF}?limit=100`).set(hr)).body.items as StaffItem[];
      expect(items.find((s) => s.id === future)?.currentRole).toBeNull();
    });

    it.each([
      ['status=gone'],
      ['employmentType=volunteer'],
      ['unitId=nope'],
      ['roleFamily=Not A Slug'],
      ['role=%20'],
      ['grade=g7'],
      ['q='],
      ['limit=0'],
      ['cursor=not*a*cursor'],
      ['wizard=1'],
    ])('answers 400 for ?%s', async (query) => {
      expectProblem(await t.http().get(`${STAFF}?${query}`).set(hr), 400, 'validation-failed');
    });

    it('answers 401 without a token', async () => {
      expectProblem(await t.http().get(STAFF), 401, 'unauthenticated');
    });
  });

  describe('GET /staff (paging and cost)', () => {
    /** 150 people under a manager chain, each with a grade, location and current role. */
    async function population(n: number): Promise<string[]> {
      const manager = await person({ fullName: 'Aaron Manager' });
      await t.dataSource.query(
        `INSERT INTO staff (staff_number, full_name, unit_id, line_manager_id, employment_type, grade_id, location_id)
         SELECT 'P' || lpad(i::text, 5, '0'), 'Person ' || lpad(((i * 37) % $1)::text, 5, '0'), $2, $3, 'permanent',
                (SELECT id FROM grades WHERE code = 'EO'), $4
           FROM generate_series(1, $1) AS i`,
        [n, team, manager, await location('MAN')],
      );
      await t.dataSource.query(
        `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on)
         SELECT s.id, (SELECT rl.id FROM role_levels rl JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
                        WHERE rl.slug = 'data-engineer'), true, '2024-01-01'
           FROM staff s WHERE s.line_manager_id = $1`,
        [manager],
      );
      const rows: { id: string }[] = await t.dataSource.query('SELECT id FROM staff ORDER BY full_name, id');
      return rows.map((r) => r.id);
    }

    async function allPages(limit: number, auth: Auth = hr): Promise<{ ids: string[]; pages: number }> {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await t
          .http()
          .get(`${STAFF}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
          .set(auth);
        expect(res.status).toBe(200);
        seen.push(...(res.body.items as StaffItem[]).map((s) => s.id));
        cursor = res.body.nextCursor as string | null;
        pages += 1;
      } while (cursor);
      return { ids: seen, pages };
    }

    it('visits everyone exactly once, in name order, whatever the page size', async () => {
      const expected = await population(150);

      for (const limit of [1, 7, 100]) {
        const { ids, pages } = await allPages(limit);
        expect(ids).toEqual(expected);
        expect(pages).toBe(Math.ceil(expected.length / limit));
      }
    });

    it('pages through a line manager’s chain the same way', async () => {
      await population(40);
      const [manager]: { id: string }[] = await t.dataSource.query(
        `SELECT id FROM staff WHERE full_name = 'Aaron Manager'`,
      );
      const { auth } = await signedIn(t, { roles: ['staff'], staffId: manager!.id });

      const { ids } = await allPages(9, auth);

      expect(ids).toHaveLength(41);
      expect(new Set(ids).size).toBe(41);
    });

    /**
     * Every statement the app sends to PostgreSQL while `fn` runs (pg's Client is shared with TypeORM), but
     * the notification listener's heartbeat, which its own connection sends every few seconds whatever
     * the requests do.
     */
    async function statements(fn: () => Promise<unknown>): Promise<string[]> {
      const seen: string[] = [];
      const original = pg.Client.prototype.query;
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const first = args[0] as string | { text?: string };
        const text = typeof first === 'string' ? first : (first.text ?? '');
        if (!text.startsWith('SELECT pg_notify(')) seen.push(text);
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      try {
        await fn();
      } finally {
        pg.Client.prototype.query = original;
      }
      return seen;
    }

    it('costs the same fixed, small number of statements for 10 and for 100 rows, and on a deep page', async () => {
      await population(150);
      const [manager]: { id: string }[] = await t.dataSource.query(
        `SELECT id FROM staff WHERE full_name = 'Aaron Manager'`,
      );
      const lineManager = (await signedIn(t, { roles: ['staff'], staffId: manager!.id })).auth;
      const hop = (await signedIn(t, { roles: ['head_of_profession'], roleFamilies: ['data'] })).auth;
      const counts: Record<string, number> = {};
      for (const [who, auth] of [
        ['hr', hr],
        ['line manager', lineManager],
        ['head of profession', hop],
      ] as const) {
        await t.http().get(`${STAFF}?limit=5`).set(auth).expect(200); // warm the pool
        for (const limit of [10, 100]) {
          const sql = await statements(async () => {
            const res = await t.http().get(`${STAFF}?limit=${limit}`).set(auth);
            expect(res.status).toBe(200);
            expect(res.body.items).toHaveLength(limit);
          });
          const listing = sql.filter((s) => /\bFROM "?staff"? "?s"?\s/.test(s));
          expect(listing, sql.join('\n')).toHaveLength(1);
          counts[`${who} ${limit}`] = sql.length;
        }
        expect(counts[`${who} 10`]).toBe(counts[`${who} 100`]);
        expect(counts[`${who} 100`]).toBeLessThanOrEqual(3);
      }
      // A page deep into the list is the same single statement (a keyset seek, not an OFFSET).
      const first = await t.http().get(`${STAFF}?limit=100`).set(hr);
      const deep = await statements(() =>
        t.http().get(`${STAFF}?limit=10&cursor=${first.body.nextCursor}`).set(hr).expect(200),
      );
      expect(deep.filter((s) => /\bFROM "?staff"? "?s"?\s/.test(s))).toHaveLength(1);
      expect(deep.join('\n')).not.toMatch(/OFFSET/i);
    });
  });
});
