import { staffCsvLines, type StaffCsvRow } from '@capability/workforce';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StaffImportResponse } from '../../apps/api/src/workforce/staff-import-export.dto.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const IMPORT = '/api/v1/staff/import';
const EXPORT = '/api/v1/staff/export.csv';
type Auth = { Authorization: string };

const UNITS = {
  dept: '10000000-0000-4000-8000-000000000001',
  dir: '10000000-0000-4000-8000-000000000002',
  teamA: '10000000-0000-4000-8000-000000000003',
  teamB: '10000000-0000-4000-8000-000000000004',
};

/** A department with a directorate and two teams, and two locations. */
async function createOrganisation(t: TestApp): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO organisation_units (id, code, name, type, parent_id, path) VALUES
      ($1, 'DEPT', 'Department', 'department', NULL, ARRAY[$1]::uuid[]),
      ($2, 'DIR', 'Directorate', 'directorate', $1, ARRAY[$1, $2]::uuid[]),
      ($3, 'TEAM-A', 'Team A', 'team', $2, ARRAY[$1, $2, $3]::uuid[]),
      ($4, 'TEAM-B', 'Team B', 'team', $2, ARRAY[$1, $2, $4]::uuid[])`,
    [UNITS.dept, UNITS.dir, UNITS.teamA, UNITS.teamB],
  );
  await t.dataSource.query(`INSERT INTO locations (code, name, region, is_regional_hub) VALUES
    ('LON', 'London', 'London', false), ('MAN', 'Manchester hub', 'North West', true)`);
}

const number = (n: number): string => `T${String(n).padStart(5, '0')}`;

/** A valid row: person n, managed by person 1 (who has no manager). */
function row(n: number, overrides: Partial<StaffCsvRow> = {}): StaffCsvRow {
  return {
    staff_number: number(n),
    full_name: `Person ${n}`,
    work_email: `person${n}@department.example`,
    unit_code: n % 2 ? 'TEAM-A' : 'TEAM-B',
    location_code: 'LON',
    grade_code: 'HEO',
    employment_type: 'permanent',
    line_manager_staff_number: n === 1 ? '' : number(1),
    role_level_slug: 'data-engineer',
    start_date: '2020-01-15',
    leaving_date: '',
    ...overrides,
  };
}

const rows = (count: number): StaffCsvRow[] => Array.from({ length: count }, (_, i) => row(i + 1));
const csv = (data: StaffCsvRow[]): string => [...staffCsvLines(data)].join('');

async function staffCount(t: TestApp): Promise<number> {
  const [r]: { n: number }[] = await t.dataSource.query('SELECT count(*)::int AS n FROM staff');
  return r?.n ?? 0;
}

async function staffRow(t: TestApp, staffNumber: string): Promise<Record<string, unknown> | undefined> {
  const [r]: Record<string, unknown>[] = await t.dataSource.query(
    `SELECT s.full_name, s.work_email, s.employment_type, s.leaving_date::text, s.version, m.staff_number AS manager
     FROM staff s LEFT JOIN staff m ON m.id = s.line_manager_id WHERE s.staff_number = $1`,
    [staffNumber],
  );
  return r;
}

async function dbToday(t: TestApp): Promise<string> {
  const [r]: { today: string }[] = await t.dataSource.query('SELECT current_date::text AS today');
  return r?.today ?? '';
}

/** Primary role assignments of a person, oldest first, with their role-level slugs. */
async function primaryRoles(
  t: TestApp,
  staffNumber: string,
): Promise<{ slug: string; starts_on: string; ends_on: string | null }[]> {
  return t.dataSource.query(
    `SELECT rl.slug, ra.starts_on::text, ra.ends_on::text FROM role_assignments ra
     JOIN staff s ON s.id = ra.staff_id JOIN role_levels rl ON rl.id = ra.role_level_id
     WHERE s.staff_number = $1 AND ra.is_primary ORDER BY ra.starts_on, ra.created_at`,
    [staffNumber],
  );
}

describe('staff import (HR system CSV)', () => {
  let t: TestApp;
  let hr: Auth;

  const upload = (body: string, auth: Auth = hr, query: Record<string, string> = {}) =>
    t.http().post(IMPORT).set(auth).set('Content-Type', 'text/csv').query(query).send(body);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    await createOrganisation(t);
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
  });

  it('rejects a 10,000-row file with one bad row, naming the row and column, and writes nothing', async () => {
    const data = rows(10_001);
    data[4_999] = row(5_000, { unit_code: 'NO-SUCH-UNIT' });
    const res = await upload(csv(data));
    const problem = expectProblem(res, 422, 'import-invalid');
    // The header is row 1, so person 5,000 is on row 5,001.
    expect(problem.errors).toEqual([
      { row: 5_001, column: 'unit_code', message: 'No organisation unit with code "NO-SUCH-UNIT"' },
    ]);
    expect(problem.errorCount).toBe(1);
    expect(await staffCount(t)).toBe(0);

    data[4_999] = row(5_000);
    const fixed = await upload(csv(data));
    expect(fixed.status, fixed.text).toBe(201);
    expect(fixed.body).toEqual({
      dryRun: false,
      rows: 10_001,
      created: 10_001,
      updated: 0,
      unchanged: 0,
      leavers: 0,
    } satisfies StaffImportResponse);
    expect(await staffCount(t)).toBe(10_001);
    expect(await staffRow(t, number(5_000))).toMatchObject({ full_name: 'Person 5000', manager: number(1) });
    expect(await primaryRoles(t, number(5_000))).toEqual([
      { slug: 'data-engineer', starts_on: expect.any(String), ends_on: null },
    ]);
  });

  it('imports an export of itself as a no-op', async () => {
    const first = await upload(csv(rows(50)));
    expect(first.status, first.text).toBe(201);
    const exported = await t.http().get(EXPORT).set(hr);
    expect(exported.status).toBe(200);
    const again = await upload(exported.text);
    expect(again.status, again.text).toBe(201);
    expect(again.body).toMatchObject({ rows: 50, created: 0, updated: 0, unchanged: 50, leavers: 0 });
    expect(await staffRow(t, number(7))).toMatchObject({ version: 1 });
  });

  it('updates changed rows, counting created, updated and unchanged, and bumps only the changed versions', async () => {
    await upload(csv(rows(5)));
    const next = rows(6);
    next[1] = row(2, { full_name: 'Person Two', grade_code: 'SEO' });
    next[2] = row(3, { work_email: 'PERSON.THREE@Department.Example' });
    const res = await upload(csv(next));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ rows: 6, created: 1, updated: 2, unchanged: 3, leavers: 0 });
    expect(await staffRow(t, number(2))).toMatchObject({ full_name: 'Person Two', version: 2 });
    expect(await staffRow(t, number(3))).toMatchObject({ work_email: 'person.three@department.example', version: 2 });
    expect(await staffRow(t, number(4))).toMatchObject({ version: 1 });
  });

  it('dry run reports counts and a sample of changes with their columns, and writes nothing', async () => {
    await upload(csv(rows(3)));
    const next = [...rows(3), row(4), row(5)];
    next[1] = row(2, { grade_code: 'G7', role_level_slug: 'senior-data-engineer' });
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_events');
    const res = await upload(csv(next), hr, { dryRun: 'true' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, rows: 5, created: 2, updated: 1, unchanged: 2, leavers: 0 });
    expect(res.body.sample).toEqual([
      { row: 3, staffNumber: number(2), change: 'updated', fields: ['grade_code', 'role_level_slug'] },
      {
        row: 5,
        staffNumber: number(4),
        change: 'created',
        fields: expect.arrayContaining(['staff_number', 'unit_code']),
      },
      { row: 6, staffNumber: number(5), change: 'created', fields: expect.arrayContaining(['full_name']) },
    ]);
    expect(await staffCount(t)).toBe(3);
    expect(await staffRow(t, number(2))).toMatchObject({ version: 1 });
    expect(await primaryRoles(t, number(2))).toEqual([
      { slug: 'data-engineer', starts_on: expect.any(String), ends_on: null },
    ]);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM audit_events')).toEqual(before);
  });

  it('marks staff missing from the file as leavers, once, when asked', async () => {
    await upload(csv(rows(5)));
    await t.dataSource.query(`UPDATE staff SET leaving_date = DATE '2021-01-01' WHERE staff_number = $1`, [number(5)]);
    const withoutFourAndFive = rows(3);

    const dry = await upload(csv(withoutFourAndFive), hr, { dryRun: 'true', markMissingAsLeavers: 'true' });
    expect(dry.body).toMatchObject({ leavers: 1, unchanged: 3 });
    expect(dry.body.sample).toEqual([
      { row: null, staffNumber: number(4), change: 'leaver', fields: ['leaving_date'] },
    ]);

    const plain = await upload(csv(withoutFourAndFive));
    expect(plain.body).toMatchObject({ leavers: 0 });
    expect(await staffRow(t, number(4))).toMatchObject({ leaving_date: null });

    const res = await upload(csv(withoutFourAndFive), hr, { markMissingAsLeavers: 'true' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, leavers: 1 });
    const today = await dbToday(t);
    expect(await staffRow(t, number(4))).toMatchObject({ leaving_date: today });
    // Already a leaver: left alone.
    expect(await staffRow(t, number(5))).toMatchObject({ leaving_date: '2021-01-01' });

    const again = await upload(csv(withoutFourAndFive), hr, { markMissingAsLeavers: 'true' });
    expect(again.body).toMatchObject({ leavers: 0 });
  });

  it('refuses to mark everyone a leaver from a file with no rows', async () => {
    await upload(csv(rows(2)));
    const res = await upload(csv([]), hr, { markMissingAsLeavers: 'true' });
    expectProblem(res, 422, 'import-invalid');
    expect(await staffRow(t, number(2))).toMatchObject({ leaving_date: null });
  });

  it('closes the current primary role and opens the new one when the slug changes, and leaves the same slug alone', async () => {
    await upload(csv(rows(3)));
    // Person 2 has held their role since last year; person 3's started today.
    await t.dataSource.query(
      `UPDATE role_assignments SET starts_on = current_date - 365
       WHERE staff_id = (SELECT id FROM staff WHERE staff_number = $1)`,
      [number(2)],
    );
    const next = rows(3);
    next[1] = row(2, { role_level_slug: 'senior-data-engineer' });
    next[2] = row(3, { role_level_slug: '' });
    const res = await upload(csv(next));
    expect(res.body).toMatchObject({ updated: 2, unchanged: 1 });
    const today = await dbToday(t);
    expect(await primaryRoles(t, number(2))).toEqual([
      { slug: 'data-engineer', starts_on: expect.any(String), ends_on: today },
      { slug: 'senior-data-engineer', starts_on: today, ends_on: null },
    ]);
    // Started today and ended today would be a zero-length assignment: it goes.
    expect(await primaryRoles(t, number(3))).toEqual([]);
    expect(await primaryRoles(t, number(1))).toHaveLength(1);
    // Role only: the staff record itself is unchanged.
    expect(await staffRow(t, number(2))).toMatchObject({ version: 1 });

    const same = await upload(csv(next));
    expect(same.body).toMatchObject({ updated: 0, unchanged: 3 });
    expect(await primaryRoles(t, number(2))).toHaveLength(2);
  });

  it('names every broken rule with its row and column', async () => {
    const data = [
      row(1),
      row(2, { location_code: 'NOWHERE', grade_code: 'G99' }),
      row(3, { role_level_slug: 'astronaut' }),
      row(4, { start_date: '2020-02-30', leaving_date: 'yesterday' }),
      row(5, { start_date: '2020-05-01', leaving_date: '2020-04-30' }),
      row(6, { employment_type: 'volunteer', work_email: 'not-an-email' }),
      row(7, { full_name: '', staff_number: '' }),
      row(8, { unit_code: '' }),
    ];
    const res = await upload(csv(data));
    const problem = expectProblem(res, 422, 'import-invalid');
    const where = (problem.errors as { row: number; column: string }[]).map((e) => `${e.row}:${e.column}`);
    expect(where).toEqual([
      '3:location_code',
      '3:grade_code',
      '4:role_level_slug',
      '5:start_date',
      '5:leaving_date',
      '6:leaving_date',
      '7:work_email',
      '7:employment_type',
      '8:staff_number',
      '8:full_name',
      '9:unit_code',
    ]);
    expect(problem.errorCount).toBe(11);
    expect(problem.errors).toContainEqual({
      row: 6,
      column: 'leaving_date',
      message: 'leaving_date is before start_date',
    });
    expect(await staffCount(t)).toBe(0);
  });

  it('rejects a staff number that appears twice in the file', async () => {
    const data = [...rows(4), row(2, { full_name: 'Someone Else' })];
    const problem = expectProblem(await upload(csv(data)), 422, 'import-invalid');
    expect(problem.errors).toEqual([
      { row: 6, column: 'staff_number', message: `Staff number ${number(2)} is also on row 3` },
    ]);
    expect(await staffCount(t)).toBe(0);
  });

  it('rejects a line manager found neither in the file nor in the service, and accepts one in the service', async () => {
    await upload(csv(rows(2)));
    const data = [row(10, { line_manager_staff_number: number(2) }), row(11, { line_manager_staff_number: 'X99999' })];
    const problem = expectProblem(await upload(csv(data)), 422, 'import-invalid');
    expect(problem.errors).toEqual([
      {
        row: 3,
        column: 'line_manager_staff_number',
        message: 'Line manager X99999 is neither in this file nor in the service',
      },
    ]);
    const ok = await upload(csv([data[0]!]));
    expect(ok.status, ok.text).toBe(201);
    expect(await staffRow(t, number(10))).toMatchObject({ manager: number(2) });
  });

  it('rejects line management that would go round in a circle, also through staff not in the file', async () => {
    const cycle = [
      row(1, { line_manager_staff_number: number(3) }),
      row(2, { line_manager_staff_number: number(1) }),
      row(3, { line_manager_staff_number: number(2) }),
      row(4, { line_manager_staff_number: number(4) }),
      row(5, { line_manager_staff_number: number(1) }),
    ];
    const problem = expectProblem(await upload(csv(cycle)), 422, 'import-invalid');
    expect(problem.errors).toEqual([
      {
        row: 2,
        column: 'line_manager_staff_number',
        message: expect.stringMatching(/circle: T0000\d → .* → T0000\d$/),
      },
      { row: 3, column: 'line_manager_staff_number', message: expect.stringContaining('circle') },
      { row: 4, column: 'line_manager_staff_number', message: expect.stringContaining('circle') },
      { row: 5, column: 'line_manager_staff_number', message: 'A person cannot be their own line manager' },
    ]);

    // In the service: 3 → 2 → 1. A file making 1 report to 3 closes the circle through people it leaves out.
    await upload(
      csv([row(1), row(2, { line_manager_staff_number: number(1) }), row(3, { line_manager_staff_number: number(2) })]),
    );
    const closing = expectProblem(
      await upload(csv([row(1, { line_manager_staff_number: number(3) })])),
      422,
      'import-invalid',
    );
    expect(closing.errors).toEqual([
      {
        row: 2,
        column: 'line_manager_staff_number',
        message: `Line management would go round in a circle: ${number(1)} → ${number(3)} → ${number(2)} → ${number(1)}`,
      },
    ]);
    expect(await staffRow(t, number(1))).toMatchObject({ manager: null });
  });

  it('checks the header, and reports a malformed CSV with its row', async () => {
    const badHeader = await upload('staff_number,full_name,shoe_size\nT1,A,9\n');
    const problem = expectProblem(badHeader, 422, 'import-invalid');
    expect(problem.errors).toContainEqual({
      row: 1,
      column: 'shoe_size',
      message: expect.stringContaining('Unknown column'),
    });
    expect(problem.errors).toContainEqual({ row: 1, column: 'unit_code', message: 'Column unit_code is missing' });

    const empty = expectProblem(await upload(''), 422, 'import-invalid');
    expect(empty.errors).toEqual([{ row: 1, column: null, message: expect.stringContaining('empty') }]);

    const text = csv(rows(2)) + 'T00003,"Unclosed quote,x\n';
    const malformed = expectProblem(await upload(text), 422, 'import-invalid');
    expect(malformed.errors).toEqual([{ row: 4, column: null, message: expect.stringContaining('not valid CSV') }]);

    const short = expectProblem(await upload(csv(rows(1)) + 'T00002,Someone\n'), 422, 'import-invalid');
    expect(short.errors).toEqual([{ row: 3, column: null, message: 'Expected 11 cells, found 2' }]);
    expect(await staffCount(t)).toBe(0);
  });

  it('reads back formula-escaped cells and accepts columns in any order, blank lines and a byte-order mark', async () => {
    const header =
      'leaving_date,start_date,role_level_slug,line_manager_staff_number,employment_type,grade_code,location_code,unit_code,work_email,full_name,staff_number';
    const body = `\uFEFF${header}\n,2020-01-01,,,interim,,,TEAM-A,,'=1+1,T00001\n\n,,data-engineer,T00001,contractor,G7,MAN,TEAM-B,a@b.example,"Smith, Jo",T00002\n`;
    const res = await upload(body);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ rows: 2, created: 2 });
    expect(await staffRow(t, 'T00001')).toMatchObject({ full_name: '=1+1', employment_type: 'interim' });
    expect(await staffRow(t, 'T00002')).toMatchObject({ full_name: 'Smith, Jo', manager: 'T00001' });
  });

  it('reads a file saved with Windows line endings', async () => {
    const res = await upload(csv(rows(3)).replace(/\n/g, '\r\n'));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ rows: 3, created: 3 });
    expect(await staffRow(t, number(3))).toMatchObject({ full_name: 'Person 3', manager: number(1) });
  });

  it('records one staff.imported audit event with counts only', async () => {
    await upload(csv(rows(4)));
    const events: { action: string; changed_fields: string[]; details: unknown; actor_user_id: string }[] =
      await t.dataSource.query(
        `SELECT action, changed_fields, details, actor_user_id FROM audit_events WHERE action = 'staff.imported'`,
      );
    expect(events).toEqual([
      {
        action: 'staff.imported',
        actor_user_id: expect.any(String),
        changed_fields: [],
        details: { rows: 4, created: 4, updated: 0, unchanged: 0, leavers: 0 },
      },
    ]);
  });

  it('answers 415 for a body that is not text/csv', async () => {
    const json = await t.http().post(IMPORT).set(hr).send({ staff: [] });
    expectProblem(json, 415, 'unsupported-media-type');
    const none = await t.http().post(IMPORT).set(hr);
    expectProblem(none, 415, 'unsupported-media-type');
    const xml = await t.http().post(IMPORT).set(hr).set('Content-Type', 'application/xml').send('<staff/>');
    expectProblem(xml, 415, 'unsupported-media-type');
  });

  it('accepts text/csv with a charset parameter', async () => {
    const res = await t
      .http()
      .post(IMPORT)
      .set(hr)
      .set('Content-Type', 'text/csv; charset=utf-8')
      .send(csv(rows(1)));
    expect(res.status, res.text).toBe(201);
  });

  it('needs a token (401) and staff:import (403): staff and heads of profession cannot import; HR and admin can', async () => {
    expectProblem(
      await t
        .http()
        .post(IMPORT)
        .set('Content-Type', 'text/csv')
        .send(csv(rows(1))),
      401,
      'unauthenticated',
    );
    const staff = await signedIn(t, { roles: ['staff'] });
    expectProblem(await upload(csv(rows(1)), staff.auth), 403, 'forbidden');
    const hop = await signedIn(t, { roles: ['head_of_profession'], roleFamilies: ['data'] });
    expectProblem(await upload(csv(rows(1)), hop.auth), 403, 'forbidden');
    expect(await staffCount(t)).toBe(0);
    const admin = await signedIn(t, { roles: ['admin'] });
    expect((await upload(csv(rows(1)), admin.auth)).status).toBe(201);
  });

  it('validates the query flags', async () => {
    const res = await upload(csv(rows(1)), hr, { dryRun: 'yes' });
    const problem = expectProblem(res, 400, 'validation-failed');
    expect(problem.errors).toEqual([{ field: 'dryRun', message: expect.any(String) }]);
  });
});

describe('staff import limits', () => {
  let t: TestApp;
  let hr: Auth;
  beforeAll(async () => {
    t = await createTestApp({ IMPORT_MAX_BYTES: '5000', IMPORT_MAX_ROWS: '20' });
    await createOrganisation(t);
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 413 for a body over IMPORT_MAX_BYTES, and writes nothing', async () => {
    const body = csv(rows(60));
    expect(body.length).toBeGreaterThan(5000);
    const res = await t.http().post(IMPORT).set(hr).set('Content-Type', 'text/csv').send(body);
    expectProblem(res, 413, 'payload-too-large');
    expect(await staffCount(t)).toBe(0);
  });

  it('answers 413 when a chunked upload (no Content-Length) passes IMPORT_MAX_BYTES while streaming', async () => {
    await t.app.listen(0, '127.0.0.1');
    const body = csv(rows(60));
    const res = await fetch(`${await t.app.getUrl()}${IMPORT}`, {
      method: 'POST',
      headers: { ...hr, 'Content-Type': 'text/csv' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < body.length; i += 1000) {
            controller.enqueue(new TextEncoder().encode(body.slice(i, i + 1000)));
          }
          controller.close();
        },
      }),
      duplex: 'half',
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await staffCount(t)).toBe(0);
  });

  it('answers 413 for more than IMPORT_MAX_ROWS data rows', async () => {
    const res = await t
      .http()
      .post(IMPORT)
      .set(hr)
      .set('Content-Type', 'text/csv')
      .send(csv(rows(21)).replace(/person(\d+)@department\.example/g, ''));
    expectProblem(res, 413, 'import-too-many-rows');
    expect(await staffCount(t)).toBe(0);
    const twenty = await t
      .http()
      .post(IMPORT)
      .set(hr)
      .set('Content-Type', 'text/csv')
      .send(csv(rows(20)).replace(/person(\d+)@department\.example/g, ''));
    expect(twenty.status, twenty.text).toBe(201);
  });
});

describe('staff import connection handling', () => {
  let t: TestApp;
  let hr: Auth;
  beforeAll(async () => {
    t = await createTestApp({ IMPORT_MAX_BYTES: '100000' });
    await createOrganisation(t);
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await t.close();
  });

  /** POSTs `chunks` with chunked encoding over `agent`; the status and whether the socket was reused. */
  const post = (agent: Agent, chunks: string[], auth: Auth = hr) =>
    new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
      const { port } = t.app.getHttpServer().address() as { port: number };
      const url = new URL(`http://127.0.0.1:${port}${IMPORT}`);
      const req = request(url, { method: 'POST', agent, headers: { ...auth, 'Content-Type': 'text/csv' } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
      });
      req.on('error', reject);
      for (const chunk of chunks) req.write(chunk);
      req.end();
    });

  it('keeps the connection usable after stopping early (bad header, too large, no permission)', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const filler = Array.from({ length: 50 }, () => `${'x'.repeat(3000)}\n`);
      expect(await post(agent, ['not,a,header\n', ...filler])).toMatchObject({ status: 422 });
      expect(await post(agent, [csv(rows(1)), ...filler])).toMatchObject({ status: 413, reused: true });
      const staff = (await signedIn(t, { roles: ['staff'] })).auth;
      expect(await post(agent, [csv(rows(1)), ...filler], staff)).toMatchObject({ status: 403, reused: true });
      expect(await post(agent, [csv(rows(2))])).toMatchObject({ status: 201, reused: true });
    } finally {
      agent.destroy();
    }
  });

  it('answers, and goes on answering, when a large upload is cut off early', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const filler = Array.from({ length: 2000 }, () => `${'x'.repeat(3000)}\n`);
      expect(await post(agent, ['not,a,header\n', ...filler])).toMatchObject({ status: 422 });
      expect(await post(agent, [csv(rows(1)), ...filler])).toMatchObject({ status: 413 });
      expect(await post(agent, [csv(rows(3))])).toMatchObject({ status: 201 });
    } finally {
      agent.destroy();
    }
  });
});
