import type { Role } from '@capability/auth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  CreateOrganisationUnitDto,
  UpdateOrganisationUnitDto,
} from '../../apps/api/src/workforce/organisation-units.dto.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const UNITS = '/api/v1/organisation-units';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Auth = { Authorization: string };
interface Unit {
  id: string;
  code: string;
  name: string;
  type: string;
  parentId: string | null;
  path: string[];
  depth: number;
  version: number;
}

describe('organisation units', () => {
  let t: TestApp;
  let hr: Auth;
  let staffSeq = 0;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
  });

  const create = (body: CreateOrganisationUnitDto, auth: Auth = hr) => t.http().post(UNITS).set(auth).send(body);
  const unit = async (code: string, type: CreateOrganisationUnitDto['type'], parent?: Unit): Promise<Unit> => {
    const res = await create({ code, name: `${code} name`, type, parentId: parent?.id });
    expect(res.status, res.text).toBe(201);
    return res.body as Unit;
  };
  const patch = (id: string, version: number | undefined, body: UpdateOrganisationUnitDto, auth: Auth = hr) => {
    const req = t.http().patch(`${UNITS}/${id}`).set(auth);
    if (version !== undefined) req.set('If-Match', `"${version}"`);
    return req.send(body);
  };
  const paths = async (): Promise<Record<string, string[]>> => {
    const rows: { code: string; path: string[] }[] = await t.dataSource.query(
      'SELECT code, path FROM organisation_units ORDER BY code',
    );
    return Object.fromEntries(rows.map((r) => [r.code, r.path]));
  };
  const addStaff = async (unitId: string, leavingDate: string | null = null): Promise<void> => {
    staffSeq += 1;
    await t.dataSource.query(
      `INSERT INTO staff (staff_number, full_name, unit_id, employment_type, leaving_date)
       VALUES ($1, $2, $3, 'permanent', $4)`,
      [`OU${staffSeq}`, `Person ${staffSeq}`, unitId, leavingDate],
    );
  };

  /** department D ─┬─ directorate DIR ─┬─ team T1
   *                │                   └─ team T2
   *                └─ agency AG ── directorate AGD ── team T3 */
  async function tree() {
    const d = await unit('D', 'department');
    const dir = await unit('DIR', 'directorate', d);
    const t1 = await unit('T1', 'team', dir);
    const t2 = await unit('T2', 'team', dir);
    const ag = await unit('AG', 'agency', d);
    const agd = await unit('AGD', 'directorate', ag);
    const t3 = await unit('T3', 'team', agd);
    return { d, dir, t1, t2, ag, agd, t3 };
  }

  describe('POST /organisation-units', () => {
    it('creates a root department and children whose path runs from the root, audited', async () => {
      const { d, dir, t1 } = await tree();

      expect(d).toMatchObject({ type: 'department', parentId: null, path: [d.id], depth: 1, version: 1 });
      expect(dir).toMatchObject({ parentId: d.id, path: [d.id, dir.id], depth: 2 });
      expect(t1).toMatchObject({ parentId: dir.id, path: [d.id, dir.id, t1.id], depth: 3 });
      const audit: { entity_id: string; changed_fields: string[] }[] = await t.dataSource.query(
        `SELECT entity_id, changed_fields FROM audit_events WHERE action = 'organisation-unit.created' AND entity_id = $1`,
        [t1.id],
      );
      expect(audit).toEqual([{ entity_id: t1.id, changed_fields: ['code', 'name', 'type', 'parentId'] }]);
    });

    it.each([
      ['a team under a team', 'team', 'team'],
      ['a department under anything', 'department', 'department'],
      ['an agency under a directorate', 'agency', 'directorate'],
    ] as const)('refuses %s (422)', async (_name, type, parentType) => {
      const d = await unit('D', 'department');
      const parent =
        parentType === 'department'
          ? d
          : await unit('P', parentType, parentType === 'team' ? await unit('PD', 'directorate', d) : d);

      const res = await create({ code: 'NEW', name: 'New', type, parentId: parent.id });

      expectProblem(res, 422, 'invalid-unit-placement');
      expect(await t.dataSource.query(`SELECT id FROM organisation_units WHERE code = 'NEW'`)).toEqual([]);
    });

    it('refuses a team, agency or directorate without a parent (422)', async () => {
      for (const type of ['team', 'agency', 'directorate'] as const) {
        expectProblem(await create({ code: `X-${type}`, name: 'X', type }), 422, 'invalid-unit-placement');
      }
    });

    it('answers 422 for a parent that does not exist', async () => {
      const res = await create({ code: 'T', name: 'T', type: 'team', parentId: UNKNOWN_ID });

      expectProblem(res, 422, 'parent-unit-not-found');
    });

    it('answers 409 for a code already taken', async () => {
      await unit('D', 'department');

      const res = await create({ code: 'D', name: 'Another', type: 'department' });

      expectProblem(res, 409, 'conflict');
      expect(res.body.detail).toBe('An organisation unit with this code already exists');
    });

    it.each([
      ['an unknown type', { type: 'division' }, 'type'],
      ['a malformed parent id', { parentId: 'nope' }, 'parentId'],
      ['an empty name', { name: '' }, 'name'],
      ['an unknown field', { path: [] }, 'path'],
    ])('answers 400 for %s', async (_name, overrides, field) => {
      const res = await t
        .http()
        .post(UNITS)
        .set(hr)
        .send({ code: 'D', name: 'Dept', type: 'department', ...overrides });

      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
    });

    it('answers 401 without a token and 403 to staff and heads of profession', async () => {
      expectProblem(
        await t.http().post(UNITS).send({ code: 'D', name: 'D', type: 'department' }),
        401,
        'unauthenticated',
      );
      for (const role of ['staff', 'head_of_profession'] as Role[]) {
        const { auth } = await signedIn(t, { roles: [role] });
        expectProblem(await create({ code: 'D', name: 'D', type: 'department' }, auth), 403, 'forbidden');
      }
      expect(await t.dataSource.query('SELECT id FROM organisation_units')).toEqual([]);
    });

    it('replays a create with the same Idempotency-Key', async () => {
      const body: CreateOrganisationUnitDto = { code: 'D', name: 'Dept', type: 'department' };
      const first = await t.http().post(UNITS).set(hr).set('Idempotency-Key', 'unit-1').send(body);
      const again = await t.http().post(UNITS).set(hr).set('Idempotency-Key', 'unit-1').send(body);

      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
    });
  });

  describe('GET /organisation-units', () => {
    it('lists every unit by name to anyone, flat, with parent, path and depth', async () => {
      const { d, dir, t1 } = await tree();
      const { auth } = await signedIn(t, { roles: ['staff'] });

      const res = await t.http().get(`${UNITS}?limit=100`).set(auth);

      expect(res.status).toBe(200);
      const items = res.body.items as Unit[];
      expect(items.map((u) => u.code)).toEqual(['AG', 'AGD', 'D', 'DIR', 'T1', 'T2', 'T3']);
      expect(items.find((u) => u.id === t1.id)).toMatchObject({
        parentId: dir.id,
        path: [d.id, dir.id, t1.id],
        depth: 3,
      });
      expect(res.body.nextCursor).toBeNull();
    });

    it('lists the children of ?parentId=, and filters by type', async () => {
      const { d, dir, t1, t2, ag } = await tree();
      const codes = async (query: string): Promise<string[]> => {
        const res = await t.http().get(`${UNITS}?${query}`).set(hr);
        expect(res.status).toBe(200);
        return (res.body.items as Unit[]).map((u) => u.code);
      };

      expect(await codes(`parentId=${d.id}`)).toEqual([ag.code, dir.code]);
      expect(await codes(`parentId=${dir.id}`)).toEqual([t1.code, t2.code]);
      expect(await codes(`parentId=${t1.id}`)).toEqual([]);
      expect(await codes('type=team')).toEqual(['T1', 'T2', 'T3']);
    });

    it('pages with a cursor, visiting every unit once', async () => {
      await tree();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t
          .http()
          .get(`${UNITS}?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
          .set(hr);
        expect(res.status).toBe(200);
        seen.push(...(res.body.items as Unit[]).map((u) => u.code));
        cursor = res.body.nextCursor as string | null;
      } while (cursor);

      expect(seen).toEqual(['AG', 'AGD', 'D', 'DIR', 'T1', 'T2', 'T3']);
    });

    it.each([['parentId=nope'], ['type=division'], ['limit=101'], ['cursor=***']])(
      'answers 400 for ?%s',
      async (query) => {
        expectProblem(await t.http().get(`${UNITS}?${query}`).set(hr), 400, 'validation-failed');
      },
    );

    it('answers 401 without a token', async () => {
      expectProblem(await t.http().get(UNITS), 401, 'unauthenticated');
    });
  });

  describe('GET /organisation-units/:id', () => {
    it('shows the unit, its children, and the staff in post across its subtree (leavers excluded)', async () => {
      const { d, dir, t1, t2, ag, t3 } = await tree();
      await addStaff(d.id);
      await addStaff(dir.id);
      await addStaff(t1.id);
      await addStaff(t1.id);
      await addStaff(t2.id, '2000-01-01'); // a leaver
      await addStaff(t3.id);
      const { auth } = await signedIn(t, { roles: ['staff'] });

      const res = await t.http().get(`${UNITS}/${d.id}`).set(auth);

      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        id: d.id,
        code: 'D',
        depth: 1,
        staffCount: 5,
        directStaffCount: 1,
        descendantUnitCount: 6,
        children: [
          { id: ag.id, code: 'AG', type: 'agency', staffCount: 1 },
          { id: dir.id, code: 'DIR', type: 'directorate', staffCount: 3 },
        ],
      });
      const team = await t.http().get(`${UNITS}/${t2.id}`).set(auth);
      expect(team.body).toMatchObject({ staffCount: 0, directStaffCount: 0, descendantUnitCount: 0, children: [] });
    });

    it('never answers 304 from the version alone: counts change while the version stays', async () => {
      const { d } = await tree();
      await t.http().get(`${UNITS}/${d.id}`).set(hr).expect(200);
      await addStaff(d.id);

      const res = await t.http().get(`${UNITS}/${d.id}`).set(hr).set('If-None-Match', '"1"');

      expect(res.status).toBe(200);
      expect(res.body.staffCount).toBe(1);
    });

    it('answers 404 for an unknown unit, 400 for a malformed id, 401 without a token', async () => {
      expectProblem(await t.http().get(`${UNITS}/${UNKNOWN_ID}`).set(hr), 404, 'organisation-unit-not-found');
      expectProblem(await t.http().get(`${UNITS}/nope`).set(hr), 400, 'bad-request');
      expectProblem(await t.http().get(`${UNITS}/${UNKNOWN_ID}`), 401, 'unauthenticated');
    });
  });

  describe('PATCH /organisation-units/:id', () => {
    it('renames a unit at the version read, audited', async () => {
      const { dir } = await tree();

      const res = await patch(dir.id, 1, { name: 'Digital' });

      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ name: 'Digital', path: dir.path, version: 2 });
      const audit: { changed_fields: string[] }[] = await t.dataSource.query(
        `SELECT changed_fields FROM audit_events WHERE action = 'organisation-unit.updated' AND entity_id = $1`,
        [dir.id],
      );
      expect(audit).toEqual([{ changed_fields: ['name'] }]);
    });

    it('moves a unit with its whole subtree, rewriting every path below it', async () => {
      const { d, ag, agd, t3, dir, t1, t2 } = await tree();

      const res = await patch(agd.id, 1, { parentId: dir.id });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ parentId: dir.id, path: [d.id, dir.id, agd.id], depth: 3, version: 2 });
      expect(await paths()).toEqual({
        D: [d.id],
        DIR: [d.id, dir.id],
        T1: [d.id, dir.id, t1.id],
        T2: [d.id, dir.id, t2.id],
        AG: [d.id, ag.id],
        AGD: [d.id, dir.id, agd.id],
        T3: [d.id, dir.id, agd.id, t3.id],
      });
      const audit: { changed_fields: string[] }[] = await t.dataSource.query(
        `SELECT changed_fields FROM audit_events WHERE action = 'organisation-unit.updated' AND entity_id = $1`,
        [agd.id],
      );
      expect(audit).toEqual([{ changed_fields: ['parentId', 'path'] }]);
    });

    it('moves a subtree into another tree and the subtree staff counts follow', async () => {
      const { d, dir, t1 } = await tree();
      const other = await unit('D2', 'department');
      await addStaff(t1.id);

      await patch(dir.id, 1, { parentId: other.id }).expect(200);

      expect((await paths()).T1).toEqual([other.id, dir.id, t1.id]);
      expect((await t.http().get(`${UNITS}/${other.id}`).set(hr)).body.staffCount).toBe(1);
      expect((await t.http().get(`${UNITS}/${d.id}`).set(hr)).body.staffCount).toBe(0);
    });

    it.each([
      ['under itself', (u: Awaited<ReturnType<typeof tree>>) => u.dir],
      ['under its child', (u: Awaited<ReturnType<typeof tree>>) => u.t1],
    ])('refuses to move a unit %s (422), changing nothing', async (_name, target) => {
      const units = await tree();
      const before = await paths();

      const res = await patch(units.dir.id, 1, { parentId: target(units).id });

      expect(res.status).toBe(422);
      expect(['organisation-unit-cycle', 'invalid-unit-placement']).toContain(
        (res.body.type as string).split(':').pop(),
      );
      expect(await paths()).toEqual(before);
    });

    it('refuses to move a directorate under a deeper directorate of its own subtree (a cycle)', async () => {
      const d = await unit('D', 'department');
      const top = await unit('TOP', 'directorate', d);
      const mid = await unit('MID', 'directorate', top);
      const low = await unit('LOW', 'directorate', mid);
      const before = await paths();

      expectProblem(await patch(top.id, 1, { parentId: low.id }), 422, 'organisation-unit-cycle');
      expectProblem(await patch(top.id, 1, { parentId: top.id }), 422, 'organisation-unit-cycle');
      expect(await paths()).toEqual(before);
    });

    it('applies the type rules to a move: no team under a team, no department under anything', async () => {
      const { d, t1, t2 } = await tree();
      const other = await unit('D2', 'department');

      expectProblem(await patch(t2.id, 1, { parentId: t1.id }), 422, 'invalid-unit-placement');
      expectProblem(await patch(other.id, 1, { parentId: d.id }), 422, 'invalid-unit-placement');
      expectProblem(await patch(t2.id, 1, { parentId: null }), 422, 'invalid-unit-placement');
      expectProblem(await patch(t2.id, 1, { parentId: UNKNOWN_ID }), 422, 'parent-unit-not-found');
    });

    it('answers 428 without If-Match and 412 when stale, changing nothing', async () => {
      const { dir, ag } = await tree();
      await patch(dir.id, 1, { name: 'Renamed' }).expect(200);
      const before = await paths();

      expectProblem(await patch(dir.id, undefined, { name: 'X' }), 428, 'precondition-required');
      expectProblem(await patch(dir.id, 1, { name: 'X' }), 412, 'precondition-failed');
      expectProblem(await patch(dir.id, 1, { parentId: ag.id }), 412, 'precondition-failed');
      expect(await paths()).toEqual(before);
      expect(await t.dataSource.query('SELECT name, version FROM organisation_units WHERE id = $1', [dir.id])).toEqual([
        { name: 'Renamed', version: 2 },
      ]);
    });

    it('answers 404, 400, 401 and 403 as it should', async () => {
      const { dir } = await tree();
      const { auth } = await signedIn(t, { roles: ['head_of_profession'] });

      expectProblem(await patch(UNKNOWN_ID, 1, { name: 'X' }), 404, 'organisation-unit-not-found');
      expectProblem(await patch(dir.id, 1, { type: 'team' } as UpdateOrganisationUnitDto), 400, 'validation-failed');
      expectProblem(
        await patch(dir.id, 1, { name: null } as unknown as UpdateOrganisationUnitDto),
        400,
        'validation-failed',
      );
      expectProblem(await t.http().patch(`${UNITS}/${dir.id}`).send({ name: 'X' }), 401, 'unauthenticated');
      expectProblem(await patch(dir.id, 1, { name: 'X' }, auth), 403, 'forbidden');
    });

    it('answers 409 when the new code is taken', async () => {
      const { dir } = await tree();

      expectProblem(await patch(dir.id, 1, { code: 'AG' }), 409, 'conflict');
    });

    it('keeps paths right when two moves of nested units race', async () => {
      const { d, dir, ag, agd, t1 } = await tree();

      const [a, b] = await Promise.all([patch(dir.id, 1, { parentId: ag.id }), patch(t1.id, 1, { parentId: agd.id })]);

      expect([a.status, b.status]).toEqual([200, 200]);
      expect((await paths()).DIR).toEqual([d.id, ag.id, dir.id]);
      expect((await paths()).T1).toEqual([d.id, ag.id, agd.id, t1.id]);
      // Every path is its parent's path plus itself.
      const broken: unknown[] = await t.dataSource.query(
        `SELECT c.code FROM organisation_units c LEFT JOIN organisation_units p ON p.id = c.parent_id
          WHERE c.path <> COALESCE(p.path, '{}') || c.id`,
      );
      expect(broken).toEqual([]);
    });
  });
});
