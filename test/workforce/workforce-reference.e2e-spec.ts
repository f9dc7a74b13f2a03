import type { Role } from '@capability/auth';
import { CivilServiceGradesSeeder } from '@capability/workforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CreateLocationDto, UpdateLocationDto } from '../../apps/api/src/workforce/locations.dto.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const GRADES = '/api/v1/reference/grades';
const LOCATIONS = '/api/v1/locations';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Auth = { Authorization: string };

const newLocation = (overrides: Partial<CreateLocationDto> = {}): CreateLocationDto =>
  ({
    code: 'MAN-PIC',
    name: 'Manchester, Piccadilly Place',
    region: 'North West',
    isRegionalHub: true,
    ...overrides,
  }) satisfies CreateLocationDto;

async function auditRows(t: TestApp, action: string): Promise<{ entity_id: string; changed_fields: string[] }[]> {
  return t.dataSource.query(
    'SELECT entity_id, changed_fields FROM audit_events WHERE action = $1 ORDER BY occurred_at, id',
    [action],
  );
}

describe('workforce reference data', () => {
  let t: TestApp;
  let hr: Auth;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
  });

  describe('GET /reference/grades', () => {
    it('lists the shipped Civil Service grades junior to senior, SCS1 and SCS1A sharing a rank', async () => {
      const { auth } = await signedIn(t, { roles: ['staff'] });

      const res = await t.http().get(GRADES).set(auth);

      expect(res.status).toBe(200);
      const items = res.body.items as { code: string; rank: number; group: string; broadGrade: string }[];
      expect(items.map((g) => g.code)).toEqual([
        'AA',
        'AO',
        'EO',
        'HEO',
        'SEO',
        'G7',
        'G6',
        'SCS1',
        'SCS1A',
        'SCS2',
        'SCS3',
        'PS',
      ]);
      const rank = (code: string): number | undefined => items.find((g) => g.code === code)?.rank;
      expect(rank('SCS1')).toBe(rank('SCS1A'));
      expect(rank('G6')).toBeLessThan(rank('SCS1') ?? 0);
      expect(items.find((g) => g.code === 'G7')).toMatchObject({
        name: 'Grade 7',
        group: 'delegated',
        broadGrade: 'Grade 7',
      });
      expect(items.find((g) => g.code === 'SCS2')).toMatchObject({ group: 'senior_civil_service', broadGrade: 'SCS' });
    });

    it('carries a content ETag and answers 304 to If-None-Match with it', async () => {
      const first = await t.http().get(GRADES).set(hr);
      expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);

      const again = await t
        .http()
        .get(GRADES)
        .set(hr)
        .set('If-None-Match', first.headers.etag as string);

      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect((await t.http().get(GRADES).set(hr).set('If-None-Match', '"stale"')).status).toBe(200);
    });

    it('is readable by every role', async () => {
      for (const role of ['staff', 'head_of_profession', 'hr', 'admin'] as Role[]) {
        const { auth } = await signedIn(t, { roles: [role] });
        expect((await t.http().get(GRADES).set(auth)).status).toBe(200);
      }
    });

    it('answers 401 without a token', async () => {
      expectProblem(await t.http().get(GRADES), 401, 'unauthenticated');
    });

    it('seeds idempotently: a second run changes nothing, and it repairs an edited grade', async () => {
      const before: unknown[] = await t.dataSource.query('SELECT * FROM grades ORDER BY code');
      await t.dataSource.query(`UPDATE grades SET name = 'Edited' WHERE code = 'EO'`);

      await t.app.get(CivilServiceGradesSeeder).seed();
      await t.app.get(CivilServiceGradesSeeder).seed();

      expect(await t.dataSource.query('SELECT * FROM grades ORDER BY code')).toEqual(before);
    });
  });

  describe('locations', () => {
    const create = (body: object, auth: Auth = hr) => t.http().post(LOCATIONS).set(auth).send(body);
    const patch = (id: string, version: number | undefined, body: UpdateLocationDto, auth: Auth = hr) => {
      const req = t.http().patch(`${LOCATIONS}/${id}`).set(auth);
      if (version !== undefined) req.set('If-Match', `"${version}"`);
      return req.send(body);
    };

    it('creates a location (201), audited, and reads it back with its version as ETag', async () => {
      const res = await create(newLocation());

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        code: 'MAN-PIC',
        name: 'Manchester, Piccadilly Place',
        region: 'North West',
        isRegionalHub: true,
        version: 1,
      });
      const read = await t.http().get(`${LOCATIONS}/${res.body.id}`).set(hr);
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe('"1"');
      expect(await auditRows(t, 'location.created')).toEqual([
        { entity_id: res.body.id, changed_fields: ['code', 'name', 'region', 'isRegionalHub'] },
      ]);
    });

    it('answers 409 for a duplicate code or name', async () => {
      await create(newLocation()).expect(201);

      const sameCode = await create(newLocation({ name: 'Elsewhere' }));
      const sameName = await create(newLocation({ code: 'OTHER' }));

      expectProblem(sameCode, 409, 'conflict');
      expect(sameCode.body.detail).toBe('A location with this code already exists');
      expectProblem(sameName, 409, 'conflict');
      expect(sameName.body.detail).toBe('A location with this name already exists');
    });

    it.each([
      ['a missing name', { name: undefined }, 'name'],
      ['a bad code', { code: 'has spaces' }, 'code'],
      ['a non-boolean hub flag', { isRegionalHub: 'yes' }, 'isRegionalHub'],
      ['an unknown field', { postcode: 'M1 1AA' }, 'postcode'],
    ])('answers 400 for %s', async (_name, overrides, field) => {
      const res = await create({ ...newLocation(), ...overrides });

      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
    });

    it('answers 401 without a token and 403 to staff and heads of profession', async () => {
      expectProblem(await t.http().post(LOCATIONS).send(newLocation()), 401, 'unauthenticated');
      expectProblem(await t.http().get(LOCATIONS), 401, 'unauthenticated');
      for (const role of ['staff', 'head_of_profession'] as Role[]) {
        const { auth } = await signedIn(t, { roles: [role] });
        expectProblem(await create(newLocation(), auth), 403, 'forbidden');
      }
      const [row]: { n: number }[] = await t.dataSource.query('SELECT count(*)::int AS n FROM locations');
      expect(row?.n).toBe(0);
    });

    it('lists by name to everyone, filters by region and hub, and pages with a cursor', async () => {
      const leeds = (await create(newLocation({ code: 'LDS', name: 'Leeds', region: 'Yorkshire' }))).body;
      const man = (await create(newLocation())).body;
      const york = (await create(newLocation({ code: 'YRK', name: 'York', region: 'Yorkshire', isRegionalHub: false })))
        .body;
      const { auth } = await signedIn(t, { roles: ['staff'] });
      const ids = async (query: string): Promise<string[]> => {
        const res = await t.http().get(`${LOCATIONS}?${query}`).set(auth);
        expect(res.status).toBe(200);
        return (res.body.items as { id: string }[]).map((l) => l.id);
      };

      expect(await ids('')).toEqual([leeds.id, man.id, york.id]);
      expect(await ids('region=yorkshire')).toEqual([leeds.id, york.id]);
      expect(await ids('isRegionalHub=false')).toEqual([york.id]);
      expect(await ids('isRegionalHub=true&region=North%20West')).toEqual([man.id]);
      const first = await t.http().get(`${LOCATIONS}?limit=2`).set(auth);
      const second = await t.http().get(`${LOCATIONS}?limit=2&cursor=${first.body.nextCursor}`).set(auth);
      expect([...first.body.items, ...second.body.items].map((l: { id: string }) => l.id)).toEqual([
        leeds.id,
        man.id,
        york.id,
      ]);
      expect(second.body.nextCursor).toBeNull();
      expectProblem(await t.http().get(`${LOCATIONS}?isRegionalHub=maybe`).set(auth), 400, 'validation-failed');
    });

    it('answers 404 for an unknown location and 400 for a malformed id', async () => {
      expectProblem(await t.http().get(`${LOCATIONS}/${UNKNOWN_ID}`).set(hr), 404, 'location-not-found');
      expectProblem(await t.http().get(`${LOCATIONS}/nope`).set(hr), 400, 'bad-request');
      expectProblem(await patch(UNKNOWN_ID, 1, { name: 'X' }), 404, 'location-not-found');
    });

    it('changes a location at the version read, audited with the changed fields', async () => {
      const location = (await create(newLocation())).body;

      const res = await patch(location.id, 1, { name: 'Manchester', isRegionalHub: true });

      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ name: 'Manchester', isRegionalHub: true, version: 2 });
      expect(await auditRows(t, 'location.updated')).toEqual([{ entity_id: location.id, changed_fields: ['name'] }]);
    });

    it('answers 428 without If-Match, 412 when stale, 409 for a taken code, and changes nothing', async () => {
      const location = (await create(newLocation())).body;
      await create(newLocation({ code: 'LDS', name: 'Leeds' })).expect(201);

      expectProblem(await patch(location.id, undefined, { name: 'X' }), 428, 'precondition-required');
      expectProblem(await patch(location.id, 7, { name: 'X' }), 412, 'precondition-failed');
      expectProblem(await patch(location.id, 1, { code: 'LDS' }), 409, 'conflict');
      expectProblem(
        await patch(location.id, 1, { name: null } as unknown as UpdateLocationDto),
        400,
        'validation-failed',
      );
      const { auth } = await signedIn(t, { roles: ['staff'] });
      expectProblem(await patch(location.id, 1, { name: 'X' }, auth), 403, 'forbidden');
      expect(
        await t.dataSource.query('SELECT name, code, version FROM locations WHERE id = $1', [location.id]),
      ).toEqual([{ name: 'Manchester, Piccadilly Place', code: 'MAN-PIC', version: 1 }]);
    });
  });
});
