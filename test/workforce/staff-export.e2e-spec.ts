import { STAFF_CSV_COLUMNS, staffCsvLines, type StaffCsvRow } from '@capability/workforce';
import { parse } from 'csv-parse/sync';
import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const IMPORT = '/api/v1/staff/import';
const EXPORT = '/api/v1/staff/export.csv';
type Auth = { Authorization: string };

const UNITS = {
  dept: '20000000-0000-4000-8000-000000000001',
  team: '20000000-0000-4000-8000-000000000002',
};

function person(staffNumber: string, overrides: Partial<StaffCsvRow> = {}): StaffCsvRow {
  return {
    staff_number: staffNumber,
    full_name: `Person ${staffNumber}`,
    work_email: `${staffNumber.toLowerCase()}@department.example`,
    unit_code: 'TEAM',
    location_code: 'LON',
    grade_code: 'SEO',
    employment_type: 'permanent',
    line_manager_staff_number: '',
    role_level_slug: '',
    start_date: '2019-04-01',
    leaving_date: '',
    ...overrides,
  };
}

/**
 * Line management L → A → B → C (C is three levels below L); two Data engineers; a developer who
 * leads nothing; people whose names a spreadsheet would run as formulas.
 */
const PEOPLE: StaffCsvRow[] = [
  person('L', { role_level_slug: 'lead-developer' }),
  person('A', { line_manager_staff_number: 'L', role_level_slug: 'senior-developer' }),
  person('B', { line_manager_staff_number: 'A', role_level_slug: 'developer' }),
  person('C', { line_manager_staff_number: 'B', role_level_slug: 'junior-developer', leaving_date: '2024-01-31' }),
  person('D1', { role_level_slug: 'data-engineer', employment_type: 'contractor' }),
  person('D2', { role_level_slug: 'senior-data-engineer', line_manager_staff_number: 'D1' }),
  person('S', { role_level_slug: 'developer', grade_code: '', location_code: '' }),
  person('F1', { full_name: '=HYPERLINK("http://example.com","click")' }),
  person('F2', { full_name: '+44 20 7946 0000' }),
  person('F3', { full_name: '-1+1' }),
  person('F4', { full_name: '@SUM(A1:A2)' }),
];

const parseCsv = (text: string): string[][] => parse(text);
const numbersIn = (text: string): string[] =>
  parseCsv(text)
    .slice(1)
    .map((r) => r[0] ?? '');

describe('staff export (CSV)', () => {
  let t: TestApp;
  let hr: Auth;
  const ids: Record<string, string> = {};

  const exportAs = (auth: Auth) => t.http().get(EXPORT).set(auth);

  beforeAll(async () => {
    t = await createTestApp();
    await t.dataSource.query(
      `INSERT INTO organisation_units (id, code, name, type, parent_id, path) VALUES
        ($1, 'DEPT', 'Department', 'department', NULL, ARRAY[$1]::uuid[]),
        ($2, 'TEAM', 'Team', 'team', $1, ARRAY[$1, $2]::uuid[])`,
      [UNITS.dept, UNITS.team],
    );
    await t.dataSource.query(`INSERT INTO locations (code, name, region) VALUES ('LON', 'London', 'London')`);
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
    const res = await t
      .http()
      .post(IMPORT)
      .set(hr)
      .set('Content-Type', 'text/csv')
      .send([...staffCsvLines(PEOPLE)].join(''));
    expect(res.status, res.text).toBe(201);
    const rows: { staff_number: string; id: string }[] = await t.dataSource.query('SELECT staff_number, id FROM staff');
    for (const r of rows) ids[r.staff_number] = r.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('streams the import format as an attachment, not to be cached, sorted by staff number', async () => {
    const res = await exportAs(hr);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="staff-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers['content-disposition']).toContain(new Date().toISOString().slice(0, 10));
    expect(res.headers['cache-control']).toBe('no-store');
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual([...STAFF_CSV_COLUMNS]);
    expect(rows.map((r) => r[0])).toEqual(['A', 'B', 'C', 'D1', 'D2', 'F1', 'F2', 'F3', 'F4', 'L', 'S']);
    expect(rows.find((r) => r[0] === 'D2')).toEqual([
      'D2',
      'Person D2',
      'd2@department.example',
      'TEAM',
      'LON',
      'SEO',
      'permanent',
      'D1',
      'senior-data-engineer',
      '2019-04-01',
      '',
    ]);
    expect(rows.find((r) => r[0] === 'C')?.[10]).toBe('2024-01-31');
    expect(rows.find((r) => r[0] === 'S')?.slice(4, 6)).toEqual(['', '']);
  });

  it("escapes cells a spreadsheet would run as formulas with a leading '", async () => {
    await t.dataSource.query(`UPDATE staff SET full_name = E'\\tTabbed' WHERE staff_number = 'F3'`);
    const rows = parseCsv((await exportAs(hr)).text);
    const name = (n: string): string | undefined => rows.find((r) => r[0] === n)?.[1];
    expect(name('F1')).toBe(`'=HYPERLINK("http://example.com","click")`);
    expect(name('F2')).toBe(`'+44 20 7946 0000`);
    expect(name('F3')).toBe(`'\tTabbed`);
    expect(name('F4')).toBe(`'@SUM(A1:A2)`);
    expect(name('L')).toBe('Person L');
    await t.dataSource.query(`UPDATE staff SET full_name = '-1+1' WHERE staff_number = 'F3'`);
  });

  it('is scoped like the staff list for every role', async () => {
    const link = async (
      roles: ('staff' | 'head_of_profession' | 'hr' | 'admin')[],
      staff?: string,
      families?: string[],
    ) => (await signedIn(t, { roles, staffId: staff ? ids[staff] : null, roleFamilies: families ?? [] })).auth;
    const everyone = ['A', 'B', 'C', 'D1', 'D2', 'F1', 'F2', 'F3', 'F4', 'L', 'S'];

    // A member of staff: their own row.
    expect(numbersIn((await exportAs(await link(['staff'], 'C'))).text)).toEqual(['C']);
    // A line manager: their whole reporting chain, two and three levels down included.
    expect(numbersIn((await exportAs(await link(['staff'], 'L'))).text)).toEqual(['A', 'B', 'C', 'L']);
    expect(numbersIn((await exportAs(await link(['staff'], 'A'))).text)).toEqual(['A', 'B', 'C']);
    // A head of profession: their families (plus own record and chain), nobody else's.
    expect(numbersIn((await exportAs(await link(['head_of_profession'], 'S', ['data']))).text)).toEqual([
      'D1',
      'D2',
      'S',
    ]);
    expect(numbersIn((await exportAs(await link(['head_of_profession'], undefined, ['data']))).text)).toEqual([
      'D1',
      'D2',
    ]);
    // HR and admin: everyone.
    expect(numbersIn((await exportAs(hr)).text)).toEqual(everyone);
    expect(numbersIn((await exportAs(await link(['admin']))).text)).toEqual(everyone);
    // Signed in with no staff record: only the header.
    const nobody = await exportAs(await link(['staff']));
    expect(nobody.status).toBe(200);
    expect(parseCsv(nobody.text)).toEqual([[...STAFF_CSV_COLUMNS]]);
  });

  it('needs a token', async () => {
    expectProblem(await t.http().get(EXPORT), 401, 'unauthenticated');
  });

  it('records staff.exported with the row count only', async () => {
    const manager = await signedIn(t, { roles: ['staff'], staffId: ids.L });
    await exportAs(manager.auth);
    // The audit row is written once the stream is over; give it a moment.
    let events: { changed_fields: string[] }[] = [];
    for (let i = 0; i < 50 && events.length === 0; i++) {
      events = await t.dataSource.query(
        `SELECT details FROM audit_events WHERE action = 'staff.exported' AND actor_user_id = $1`,
        [manager.user.id],
      );
      if (events.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(events).toEqual([{ details: { rows: 4, complete: true } }]);
  });

  // Each export's COPY used to leave a 10-minute read timer behind, holding the stream and the reply.
  it('leaves no timer behind once an export is over', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await exportAs(hr); // warm: the pool's own idle timers exist from here on
    await new Promise((r) => setTimeout(r, 50));
    const before = timers();
    for (let i = 0; i < 8; i++) await exportAs(hr);
    await new Promise((r) => setTimeout(r, 50));
    expect(timers() - before).toBeLessThan(3);
  });

  it('imports back as a no-op', async () => {
    const exported = await exportAs(hr);
    const res = await t.http().post(IMPORT).set(hr).set('Content-Type', 'text/csv').send(exported.text);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ rows: PEOPLE.length, created: 0, updated: 0, unchanged: PEOPLE.length });
  });

  it('gives its database connection back when the client goes away mid-download', async () => {
    // About 20 MB of CSV: far more than loopback socket buffers hold (send 4 MB, receive autotuned from 128 kB),
    // so the COPY cannot finish before the client hangs up. With 30,000 rows it once did (CI, PostgreSQL 15).
    // Inserting them takes a few seconds on a busy machine: longer than the test database's statement timeout.
    await t.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL statement_timeout = '120s'`);
      await m.query(
        `INSERT INTO staff (staff_number, full_name, work_email, unit_id, employment_type)
       SELECT 'BULK' || lpad(n::text, 6, '0'), 'Bulk person ' || n || repeat(' x', 85),
              'bulk.' || n || repeat('.x', 100) || '@department.example', $1, 'permanent'
       FROM generate_series(1, 50000) AS n`,
        [UNITS.team],
      );
    });
    await t.app.listen(0, '127.0.0.1');
    const url = new URL(`${await t.app.getUrl()}${EXPORT}`);
    const [started]: { now: Date }[] = await t.dataSource.query(`SELECT now()`);
    const startedAt = started?.now;
    const copies = async (): Promise<number> => {
      const [r]: { n: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND query LIKE 'COPY (SELECT%' AND state <> 'idle'`,
      );
      return r?.n ?? 0;
    };
    await new Promise<void>((resolve, reject) => {
      const req = get(url, { headers: hr }, (res) => {
        res.once('data', () => {
          // The first bytes are here and the COPY is still running; hang up.
          req.destroy();
          resolve();
        });
      });
      req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
    });
    let running = await copies();
    for (let i = 0; i < 100 && running > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      running = await copies();
    }
    expect(running).toBe(0);
    // The audit entry is written once the COPY's stream has closed, a moment after the connection is back.
    const exports = async (): Promise<{ complete: string }[]> =>
      t.dataSource.query(
        `SELECT details->>'complete' AS complete FROM audit_events
         WHERE action = 'staff.exported' AND occurred_at >= $1 ORDER BY occurred_at`,
        [startedAt],
      );
    let audited = await exports();
    for (let i = 0; i < 100 && audited.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      audited = await exports();
    }
    expect(audited).toEqual([{ complete: 'false' }]);
    // The pool still works.
    const after = await exportAs(await (async () => (await signedIn(t, { roles: ['staff'], staffId: ids.C })).auth)());
    expect(numbersIn(after.text)).toEqual(['C']);
    // 50,000 wide rows to insert: seconds on a quiet machine, far more on a busy CI runner.
  }, 120_000);
});
