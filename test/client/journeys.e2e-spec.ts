import { ROLES } from '@capability/auth';
import ExcelJS from 'exceljs';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { ContractViolation } from '../support/contract.js';
import { createUser, TEST_PASSWORD } from '../support/factories.js';
import {
  connect,
  contractCheck,
  etagOf,
  expectProblem,
  ok,
  signIn,
  type Api,
  type Caller,
  type Schemas,
  type Tokens,
} from './client.js';
import type { paths } from './openapi.js';

/** An insights workbook as the typed client fetched it: 200, the XLSX type, and its sheets' names (About first). */
async function sheetsOf(res: { response: Response; data?: unknown }): Promise<string[]> {
  expect(res.response.status).toBe(200);
  expect(res.response.headers.get('content-type')).toMatch(/spreadsheetml\.sheet/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.data as ArrayBuffer);
  return book.worksheets.map((w) => w.name);
}

/**
 * Whole journeys, one or more per role, driven by the typed client generated from openapi.json
 * (openapi-fetch over test/client/openapi.d.ts) against the real application on a real port. Every
 * response also goes through the contract check, so an undocumented status or body fails here too.
 */

type Staff = Schemas['StaffResponse'];

/** What HR sets up through the API: a department with a team, an office, and people in roles. */
interface Organisation {
  department: Schemas['OrganisationUnitResponse'];
  team: Schemas['OrganisationUnitResponse'];
  office: Schemas['LocationResponse'];
  grade: Schemas['GradeResponse'];
}

async function buildOrganisation(api: Api): Promise<Organisation> {
  const department = ok(
    await api.POST('/api/v1/organisation-units', {
      body: { code: 'DEPT', name: 'Department for Digital', type: 'department' },
    }),
    201,
  );
  const team = ok(
    await api.POST('/api/v1/organisation-units', {
      body: { code: 'DATA-TEAM', name: 'Data team', type: 'team', parentId: department.id },
    }),
    201,
  );
  const office = ok(
    await api.POST('/api/v1/locations', {
      body: { code: 'MAN', name: 'Manchester hub', region: 'North West', isRegionalHub: true },
    }),
    201,
  );
  const grades = ok(await api.GET('/api/v1/reference/grades'));
  const grade = grades.items.find((g) => g.code === 'HEO');
  if (!grade) throw new Error('grade HEO missing from the reference data');
  return { department, team, office, grade };
}

/** Creates a member of staff in `roleLevelSlug` (HR's way: the record, then the role assignment). */
async function hire(
  api: Api,
  org: Organisation,
  person: { staffNumber: string; fullName: string; roleLevelSlug?: string; lineManagerId?: string },
): Promise<Staff> {
  const created = ok(
    await api.POST('/api/v1/staff', {
      body: {
        staffNumber: person.staffNumber,
        fullName: person.fullName,
        workEmail: `${person.staffNumber.toLowerCase()}@department.example`,
        unitId: org.team.id,
        locationId: org.office.id,
        gradeId: org.grade.id,
        employmentType: 'permanent',
        lineManagerId: person.lineManagerId ?? null,
        startDate: '2022-09-01',
      },
    }),
    201,
  );
  if (person.roleLevelSlug) {
    ok(
      await api.POST('/api/v1/staff/{staffId}/role-assignments', {
        params: { path: { staffId: created.id } },
        body: { roleLevelSlug: person.roleLevelSlug, startsOn: '2023-04-01' },
      }),
      201,
    );
  }
  return ok(await api.GET('/api/v1/staff/{id}', { params: { path: { id: created.id } } }));
}

describe('journeys through the typed client (openapi-fetch on the generated types)', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  /** A user of `role` made by the factory, signed in through the API with their password. */
  async function signedInAs(
    role: (typeof ROLES)[number],
    extra: { staffId?: string; roleFamilies?: string[] } = {},
  ): Promise<Caller & Tokens> {
    const user = await createUser(t, { roles: [role], ...extra });
    return signIn(baseUrl, user.email, TEST_PASSWORD);
  }

  it('fails a response the document does not give (the contract check is on every call)', async () => {
    const api = createClient<paths>({
      baseUrl,
      fetch: () =>
        Promise.resolve(
          new Response(JSON.stringify({ id: 'not-a-uuid' }), {
            status: 200,
            headers: { 'content-type': 'application/json' },
          }),
        ),
    });
    api.use(contractCheck);
    await expect(api.GET('/api/v1/me')).rejects.toThrow(ContractViolation);
  });

  it('covers every role', () => {
    // A new role needs its own journey below.
    expect([...ROLES]).toEqual(['admin', 'hr', 'head_of_profession', 'staff']);
  });

  it('anonymous: liveness and signing keys are public; the API asks for a token and refuses a wrong password', async () => {
    const { api } = connect(baseUrl);

    expect(ok(await api.GET('/health/live'))).toMatchObject({ status: 'ok' });
    const jwks = ok(await api.GET('/.well-known/jwks.json'));
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(jwks.keys[0]).not.toHaveProperty('d');

    const me = await api.GET('/api/v1/me');
    expectProblem(me, 401, 'unauthenticated');
    expect(me.response.headers.get('www-authenticate')).toBe('Bearer');
    expectProblem(await api.GET('/api/v1/framework/role-families'), 401, 'unauthenticated');
    expectProblem(await api.GET('/api/v1/staff', { params: { query: {} } }), 401, 'unauthenticated');

    const known = await createUser(t, { email: 'known@department.example' });
    const wrong = await api.POST('/api/v1/auth/login', { body: { email: known.email, password: 'not-the-password' } });
    expectProblem(wrong, 401, 'invalid-credentials');
    expect(wrong.error.detail).toBe('The email or password is not right');
    expectProblem(
      await api.POST('/api/v1/auth/refresh', { body: { refreshToken: 'A'.repeat(43) } }),
      401,
      'invalid-refresh-token',
    );
    const malformed = await api.POST('/api/v1/auth/refresh', { body: { refreshToken: 'short' } });
    expectProblem(malformed, 400, 'validation-failed');
    expect(malformed.error.errors).toEqual([{ field: 'refreshToken', message: expect.any(String) }]);
  });

  it('admin: creates a user who signs in, grants them HR, disables them, and they are out at once', async () => {
    const admin = await signedInAs('admin');
    const me = ok(await admin.api.GET('/api/v1/me'));
    expect(me.roles).toEqual(['admin']);
    expect(me.permissions).toContainEqual({ permission: 'user:create', scopes: ['any'] });

    // Create a member of staff's account.
    const created = ok(
      await admin.api.POST('/api/v1/users', {
        params: { header: { 'Idempotency-Key': 'journey-admin-create-ada' } },
        body: {
          email: 'Ada.Lovelace@Department.example',
          displayName: 'Ada Lovelace',
          roles: ['staff'],
          password: 'analytical-engine-1843',
        },
      }),
      201,
    );
    expect(created).toMatchObject({
      email: 'ada.lovelace@department.example',
      displayName: 'Ada Lovelace',
      roles: ['staff'],
      disabled: false,
      hasPassword: true,
      version: 1,
    });
    expect(created).not.toHaveProperty('passwordHash');

    // Ada signs in and sees herself as staff.
    const ada = await signIn(baseUrl, 'ada.lovelace@department.example', 'analytical-engine-1843');
    expect(ok(await ada.api.GET('/api/v1/me'))).toMatchObject({ id: created.id, roles: ['staff'] });
    expectProblem(await ada.api.GET('/api/v1/users', { params: { query: {} } }), 403, 'forbidden');

    // The admin finds her, and grants her HR at the version read.
    const found = ok(await admin.api.GET('/api/v1/users', { params: { query: { email: 'ada.' } } }));
    expect(found.items.map((u) => u.id)).toEqual([created.id]);
    const read = await admin.api.GET('/api/v1/users/{id}', { params: { path: { id: created.id } } });
    expect(ok(read).version).toBe(1);
    const granted = ok(
      await admin.api.PATCH('/api/v1/users/{id}', {
        params: { path: { id: created.id }, header: { 'If-Match': etagOf(read.response) } },
        body: { roles: ['staff', 'hr'] },
      }),
    );
    expect(granted.roles).toEqual(['staff', 'hr']);
    expect(granted.version).toBe(2);
    const adaNow = ok(await ada.api.GET('/api/v1/me'));
    expect(adaNow.permissions).toContainEqual({ permission: 'staff:import', scopes: ['any'] });

    // A change at the old version is refused.
    expectProblem(
      await admin.api.PATCH('/api/v1/users/{id}', {
        params: { path: { id: created.id }, header: { 'If-Match': '"1"' } },
        body: { displayName: 'Countess of Lovelace' },
      }),
      412,
      'precondition-failed',
    );

    // Disabled: her token stops working on the next request and her password no longer signs in.
    const disabled = ok(
      await admin.api.PATCH('/api/v1/users/{id}', {
        params: { path: { id: created.id }, header: { 'If-Match': '"2"' } },
        body: { disabled: true },
      }),
    );
    expect(disabled).toMatchObject({ disabled: true, version: 3 });
    expectProblem(await ada.api.GET('/api/v1/me'), 401, 'unauthenticated');
    expectProblem(
      await connect(baseUrl).api.POST('/api/v1/auth/login', {
        body: { email: 'ada.lovelace@department.example', password: 'analytical-engine-1843' },
      }),
      401,
      'invalid-credentials',
    );
    expectProblem(
      await connect(baseUrl).api.POST('/api/v1/auth/refresh', { body: { refreshToken: ada.tokens.refreshToken } }),
      401,
      'invalid-refresh-token',
    );
    const listedDisabled = ok(await admin.api.GET('/api/v1/users', { params: { query: { disabled: true } } }));
    expect(listedDisabled.items.map((u) => u.email)).toEqual(['ada.lovelace@department.example']);

    // The audit trail tells the story: created once, changed twice (roles, then disabled), by the admin.
    const audit = ok(
      await admin.api.GET('/api/v1/audit-events', { params: { query: { entityType: 'user', entityId: created.id } } }),
    );
    const actions = audit.items.map((e) => e.action);
    expect(actions.filter((a) => a === 'user.created')).toHaveLength(1);
    expect(actions.filter((a) => a === 'user.updated')).toHaveLength(2);
    const updates = audit.items.filter((e) => e.action === 'user.updated').map((e) => e.changedFields);
    expect(updates).toEqual(expect.arrayContaining([['roles'], ['disabled']]));
    expect(audit.items.every((e) => e.actorUserId === me.id || e.action.startsWith('auth.'))).toBe(true);
  });

  it('hr: builds the organisation, hires and places staff, imports and exports the HR file, edits at a version', async () => {
    const hr = await signedInAs('hr');
    const org = await buildOrganisation(hr.api);
    expect(org.team).toMatchObject({
      parentId: org.department.id,
      depth: org.department.depth + 1,
      path: [org.department.id, org.team.id],
    });

    // A new data engineer, with a role from the current framework.
    const grace = await hire(hr.api, org, {
      staffNumber: 'S00001',
      fullName: 'Grace Hopper',
      roleLevelSlug: 'senior-data-engineer',
    });
    expect(grace).toMatchObject({
      staffNumber: 'S00001',
      unit: { id: org.team.id, code: 'DATA-TEAM' },
      location: { id: org.office.id, code: 'MAN' },
      grade: { code: 'HEO' },
      status: 'active',
      currentRole: { roleLevel: { slug: 'senior-data-engineer' }, family: { slug: 'data' }, startsOn: '2023-04-01' },
    });
    const assignments = ok(
      await hr.api.GET('/api/v1/staff/{staffId}/role-assignments', {
        params: { path: { staffId: grace.id }, query: {} },
      }),
    );
    expect(assignments.items).toHaveLength(1);
    expect(assignments.items[0]).toMatchObject({
      isPrimary: true,
      endsOn: null,
      roleLevel: { id: expect.any(String) },
    });

    // The HR system's file: a dry run changes nothing, the real run creates two people under Grace.
    const csv = [
      'staff_number,full_name,work_email,unit_code,location_code,grade_code,employment_type,line_manager_staff_number,role_level_slug,start_date,leaving_date',
      'S00001,Grace Hopper,s00001@department.example,DATA-TEAM,MAN,HEO,permanent,,senior-data-engineer,2022-09-01,',
      'S00002,Alan Turing,alan@department.example,DATA-TEAM,MAN,HEO,permanent,S00001,data-scientist,2024-01-15,',
      'S00003,Mary Keller,mary@department.example,DEPT,,HEO,contractor,S00001,,2025-02-01,',
      '',
    ].join('\n');
    const importCsv = (dryRun: boolean) =>
      hr.api.POST('/api/v1/staff/import', {
        params: { query: { dryRun } },
        body: csv,
        bodySerializer: (body: string) => body,
        headers: { 'Content-Type': 'text/csv' },
      });
    const dry = ok(await importCsv(true));
    expect(dry).toMatchObject({ dryRun: true, rows: 3, created: 2, unchanged: 1, updated: 0, leavers: 0 });
    expect(ok(await hr.api.GET('/api/v1/staff', { params: { query: {} } })).items).toHaveLength(1);
    const real = ok(await importCsv(false), 201);
    expect(real).toMatchObject({ dryRun: false, rows: 3, created: 2, unchanged: 1, updated: 0 });

    const team = ok(await hr.api.GET('/api/v1/staff', { params: { query: { lineManagerId: grace.id, limit: 10 } } }));
    expect(team.items.map((s) => s.fullName).sort()).toEqual(['Alan Turing', 'Mary Keller']);
    const alan = team.items.find((s) => s.staffNumber === 'S00002');
    expect(alan).toMatchObject({
      currentRole: { roleLevel: { slug: 'data-scientist' } },
      lineManager: { id: grace.id },
    });
    const unit = ok(
      await hr.api.GET('/api/v1/organisation-units/{id}', { params: { path: { id: org.department.id } } }),
    );
    expect(unit).toMatchObject({ staffCount: 3, directStaffCount: 1, descendantUnitCount: 1 });
    expect(unit.children).toEqual([expect.objectContaining({ id: org.team.id, staffCount: 2 })]);

    // Export: the same file format back, one line per person.
    const exported = await hr.api.GET('/api/v1/staff/export.csv', { parseAs: 'text' });
    const lines = ok(exported).trim().split(/\r?\n/);
    expect(exported.response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(lines[0]).toBe(csv.split('\n')[0]);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['S00001', 'S00002', 'S00003']);

    // Edit at the version read; a second edit at the same (now stale) version is refused.
    const read = await hr.api.GET('/api/v1/staff/{id}', { params: { path: { id: grace.id } } });
    const etag = etagOf(read.response);
    const promoted = ok(
      await hr.api.PATCH('/api/v1/staff/{id}', {
        params: { path: { id: grace.id }, header: { 'If-Match': etag } },
        body: { fullName: 'Rear Admiral Grace Hopper', employmentType: 'fixed_term' },
      }),
    );
    expect(promoted).toMatchObject({ fullName: 'Rear Admiral Grace Hopper', employmentType: 'fixed_term' });
    expect(promoted.version).toBe(ok(read).version + 1);
    expectProblem(
      await hr.api.PATCH('/api/v1/staff/{id}', {
        params: { path: { id: grace.id }, header: { 'If-Match': etag } },
        body: { fullName: 'Grace' },
      }),
      412,
      'precondition-failed',
    );
    // A line-management loop is refused: Grace cannot report to her own report.
    expectProblem(
      await hr.api.PATCH('/api/v1/staff/{id}', {
        params: { path: { id: grace.id }, header: { 'If-Match': `"${promoted.version}"` } },
        body: { lineManagerId: alan?.id ?? null },
      }),
      422,
      'line-management-cycle',
    );
    // HR runs people, not accounts.
    expectProblem(await hr.api.GET('/api/v1/users', { params: { query: {} } }), 403, 'forbidden');
  });

  it("hr: imports the results of a skills review run elsewhere into an open cycle, and a head of profession exports their family's", async () => {
    const hr = await signedInAs('hr');
    const org = await buildOrganisation(hr.api);
    const lead = await hire(hr.api, org, {
      staffNumber: 'R00001',
      fullName: 'Ada Lovelace',
      roleLevelSlug: 'lead-developer',
    });
    await hire(hr.api, org, {
      staffNumber: 'R00002',
      fullName: 'Karen Spärck Jones',
      roleLevelSlug: 'senior-data-engineer',
      lineManagerId: lead.id,
    });
    const cycle = ok(
      await hr.api.POST('/api/v1/review-cycles', {
        body: { name: 'Skills review 2026', unitId: org.department.id, opensOn: '2026-04-01', closesOn: '2026-06-30' },
      }),
      201,
    );
    ok(await hr.api.POST('/api/v1/review-cycles/{id}/open', { params: { path: { id: cycle.id } } }));

    // The cycle's ratings, unrated, in the results file's columns.
    const path = { id: cycle.id };
    const blank = ok(await hr.api.GET('/api/v1/review-cycles/{id}/results.csv', { params: { path }, parseAs: 'text' }));
    const [header, ...rows] = blank.trim().split(/\r?\n/);
    expect(header).toBe('staff_number,skill_slug,self_level,validated_level,role_level_slug,required_level,state');
    const karens = rows.filter((r) => r.startsWith('R00002,'));
    expect(karens.length).toBeGreaterThan(0);

    // The department's own spreadsheet: Karen rated and validated on every skill.
    const file = [
      'staff_number,skill_slug,self_level,validated_level',
      ...karens.map((r) => `R00002,${r.split(',')[1]},3,3`),
      '',
    ].join('\n');
    const importResults = (dryRun: boolean) =>
      hr.api.POST('/api/v1/review-cycles/{id}/results/import', {
        params: { path, query: { dryRun } },
        body: file,
        bodySerializer: (body: string) => body,
        headers: { 'Content-Type': 'text/csv' },
      });
    expect(ok(await importResults(true))).toEqual({
      dryRun: true,
      rows: karens.length,
      created: 0,
      updated: karens.length,
      unchanged: 0,
      reviewsChanged: 1,
    });
    expect(ok(await importResults(false), 201)).toMatchObject({ updated: karens.length, statesChanged: 1 });
    expect(ok(await importResults(false), 201)).toMatchObject({
      updated: 0,
      unchanged: karens.length,
      statesChanged: 0,
    });

    // The head of data sees Karen's validated results and nobody else's.
    const hop = await signedInAs('head_of_profession', { roleFamilies: ['data'] });
    const theirs = ok(
      await hop.api.GET('/api/v1/review-cycles/{id}/results.csv', { params: { path }, parseAs: 'text' }),
    );
    const lines = theirs.trim().split(/\r?\n/).slice(1);
    expect(lines).toHaveLength(karens.length);
    expect(lines.every((l) => l.startsWith('R00002,') && l.endsWith(',validated'))).toBe(true);

    // Closed: frozen.
    ok(await hr.api.POST('/api/v1/review-cycles/{id}/close', { params: { path } }));
    const frozen = await importResults(false);
    expect(frozen.response.status).toBe(409);
    expect(frozen.error?.type).toBe('urn:ddat-capability:problem:review-cycle-closed');
  });

  it('learning map: HR imports a catalogue, a head of profession fills a hole in their map, staff browse it', async () => {
    const hr = await signedInAs('hr');
    const hop = await signedInAs('head_of_profession', { roleFamilies: ['data'] });
    const staff = await signedInAs('staff');

    // The data family's map before any learning: every required skill is a hole.
    const empty = ok(await hop.api.GET('/api/v1/learning-map', { params: { query: { roleFamily: 'data' } } }));
    expect(empty.levels.length).toBeGreaterThan(0);
    const level = empty.levels.find((l) => l.holes.length > 0)!;
    expect(level.holes).toEqual(level.skills.map(({ slug, name, requiredLevel }) => ({ slug, name, requiredLevel })));
    const hole = level.holes[0]!;

    // HR loads a catalogue: an inclusion package and a show and tell.
    const file = [
      'code,title,provider_kind,provider,format,hours,url,description,counts_towards_inclusion,inclusion_package,skills,starts_at,ends_at,location,active',
      'CSL-AWARE,Digital Awareness,civil_service_learning,Civil Service Learning,e_learning,3,,,,digital-awareness,,,,,',
      'EVT-SHOW,Show and tell,in_house,Digital team,event,1.5,,,,,,2026-03-02T10:00:00.000Z,2026-03-02T11:30:00.000Z,Leeds hub,',
      '',
    ].join('\n');
    const imported = ok(
      await hr.api.POST('/api/v1/learning-items/import', {
        params: { query: { dryRun: false } },
        body: file,
        bodySerializer: (body: string) => body,
        headers: { 'Content-Type': 'text/csv' },
      }),
      201,
    );
    expect(imported).toEqual({ dryRun: false, rows: 2, created: 2, updated: 0, unchanged: 0 });

    // The head of data fills the hole, at the level the role needs.
    const course = ok(
      await hop.api.POST('/api/v1/learning-items', {
        params: { header: { 'Idempotency-Key': 'journey-hop-course' } },
        body: {
          code: 'HOP-DATA-1',
          title: `Getting to grips with ${hole.name}`,
          providerKind: 'supplier',
          providerName: 'Training Ltd',
          format: 'course',
          hours: 14,
          skills: [{ slug: hole.slug, level: hole.requiredLevel }],
        },
      }),
      201,
    );
    const filled = ok(await hop.api.GET('/api/v1/learning-map', { params: { query: { roleFamily: 'data' } } }));
    const after = filled.levels.find((l) => l.roleLevelId === level.roleLevelId)!;
    expect(after.holes.map((h) => h.slug)).not.toContain(hole.slug);
    expect(after.skills.find((s) => s.slug === hole.slug)?.items.map((i) => i.id)).toEqual([course.id]);

    // Staff browse: by skill, and the inclusion packages.
    const bySkill = ok(await staff.api.GET('/api/v1/learning-items', { params: { query: { skill: hole.slug } } }));
    expect(bySkill.items.map((i) => i.code)).toEqual(['HOP-DATA-1']);
    const inclusion = ok(await staff.api.GET('/api/v1/learning-items', { params: { query: { inclusion: true } } }));
    expect(inclusion.items.map((i) => i.code)).toEqual(['CSL-AWARE']);
    const read = await staff.api.GET('/api/v1/learning-items/{id}', { params: { path: { id: course.id } } });
    expect(ok(read).title).toBe(course.title);
    const refused = await staff.api.POST('/api/v1/learning-items/{id}/retire', {
      params: { path: { id: course.id }, header: { 'If-Match': etagOf(read.response) } },
    });
    expect(refused.response.status).toBe(403);

    // The head of data retires their course at the version read: the hole is back. HR's package is not theirs.
    ok(
      await hop.api.POST('/api/v1/learning-items/{id}/retire', {
        params: { path: { id: course.id }, header: { 'If-Match': etagOf(read.response) } },
      }),
    );
    const reopened = ok(await hop.api.GET('/api/v1/learning-map', { params: { query: { roleFamily: 'data' } } }));
    expect(reopened.levels.find((l) => l.roleLevelId === level.roleLevelId)?.holes.map((h) => h.slug)).toContain(
      hole.slug,
    );
    const aware = inclusion.items[0]!;
    const notTheirs = await hop.api.PATCH('/api/v1/learning-items/{id}', {
      params: { path: { id: aware.id }, header: { 'If-Match': `"${aware.version}"` } },
      body: { title: 'Renamed' },
    });
    expect(notTheirs.error?.type).toBe('urn:ddat-capability:problem:learning-item-not-manageable');

    // The catalogue exports in the import's columns.
    const exported = ok(await hop.api.GET('/api/v1/learning-items/export.csv', { parseAs: 'text' }));
    expect(exported.trim().split(/\r?\n/)[0]).toBe(file.split('\n')[0]);
    expect(exported.trim().split(/\r?\n/)).toHaveLength(4);
  });

  it('head of profession: reads the framework of the family they lead and only the staff in it', async () => {
    const hr = await signedInAs('hr');
    const org = await buildOrganisation(hr.api);
    const engineer = await hire(hr.api, org, {
      staffNumber: 'S00010',
      fullName: 'Data Engineer',
      roleLevelSlug: 'senior-data-engineer',
    });
    const developer = await hire(hr.api, org, {
      staffNumber: 'S00011',
      fullName: 'Software Developer',
      roleLevelSlug: 'senior-developer',
    });
    const unplaced = await hire(hr.api, org, { staffNumber: 'S00012', fullName: 'No Role Yet' });
    const hop = await signedInAs('head_of_profession', { roleFamilies: ['data'] });

    // The framework: the families, then the data family's roles, levels and the skills they need.
    const families = ok(await hop.api.GET('/api/v1/framework/role-families'));
    expect(families.frameworkVersion).toMatchObject({ number: 1, isCurrent: true });
    expect(families.items).toHaveLength(8);
    const data = families.items.find((f) => f.slug === 'data');
    const dataEngineerSummary = data?.roles.find((r) => r.slug === 'data-engineer');
    expect(dataEngineerSummary?.levelCount).toBeGreaterThan(1);
    const role = ok(
      await hop.api.GET('/api/v1/framework/roles/{id}', { params: { path: { id: dataEngineerSummary?.id ?? '' } } }),
    );
    expect(role.family.slug).toBe('data');
    expect(role.levels.map((l) => l.order)).toEqual([...role.levels.map((l) => l.order)].sort((a, b) => a - b));
    const senior = role.levels.find((l) => l.slug === 'senior-data-engineer');
    expect(senior?.skills.length).toBeGreaterThan(0);
    const needed = senior?.skills[0];
    expect(needed?.requiredLevel.slug).toMatch(/^(awareness|working|practitioner|expert)$/);

    // The data family's skills, page by page (keyset cursor).
    const skillIds: string[] = [];
    let cursor: string | undefined;
    do {
      const page = ok(
        await hop.api.GET('/api/v1/framework/skills', { params: { query: { family: 'data', limit: 20, cursor } } }),
      );
      skillIds.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(skillIds).size).toBe(skillIds.length);
    expect(skillIds).toContain(needed?.skillId);
    const skill = ok(
      await hop.api.GET('/api/v1/framework/skills/{id}', { params: { path: { id: needed?.skillId ?? '' } } }),
    );
    expect(skill.levels.map((l) => l.slug)).toEqual(expect.arrayContaining(['awareness', 'working']));
    expect(skill.requiredBy).toContainEqual(
      expect.objectContaining({ roleLevelSlug: 'senior-data-engineer', roleFamilySlug: 'data' }),
    );

    // Staff: only those whose current role is in the data family.
    const visible = ok(await hop.api.GET('/api/v1/staff', { params: { query: { limit: 100 } } }));
    expect(visible.items.map((s) => s.id)).toEqual([engineer.id]);
    expect(ok(await hop.api.GET('/api/v1/staff/{id}', { params: { path: { id: engineer.id } } }))).toMatchObject({
      fullName: 'Data Engineer',
      currentRole: { family: { slug: 'data' } },
    });
    for (const other of [developer, unplaced]) {
      expectProblem(
        await hop.api.GET('/api/v1/staff/{id}', { params: { path: { id: other.id } } }),
        404,
        'staff-not-found',
      );
    }
    const exported = ok(await hop.api.GET('/api/v1/staff/export.csv', { parseAs: 'text' }));
    expect(
      exported
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual(['S00010']);

    // Reading is all: no edits, no hiring, no framework uploads.
    const read = await hop.api.GET('/api/v1/staff/{id}', { params: { path: { id: engineer.id } } });
    expectProblem(
      await hop.api.PATCH('/api/v1/staff/{id}', {
        params: { path: { id: engineer.id }, header: { 'If-Match': etagOf(read.response) } },
        body: { fullName: 'Renamed' },
      }),
      403,
      'staff-not-editable',
    );
    expectProblem(
      await hop.api.POST('/api/v1/staff', {
        body: { staffNumber: 'S00099', fullName: 'Nope', unitId: org.team.id, employmentType: 'permanent' },
      }),
      403,
      'forbidden',
    );
    const versions = ok(await hop.api.GET('/api/v1/framework/versions', { params: { query: {} } }));
    expect(versions.items.map((v) => v.id)).toContain(families.frameworkVersion.id);
    expectProblem(
      await hop.api.POST('/api/v1/framework/versions/{id}/make-current', {
        params: { path: { id: families.frameworkVersion.id } },
      }),
      403,
      'forbidden',
    );
  });

  it('staff: signs in, reads their record and what their role needs, corrects their name, is refused the rest, rotates and ends the session', async () => {
    const hr = await signedInAs('hr');
    const org = await buildOrganisation(hr.api);
    const self = await hire(hr.api, org, {
      staffNumber: 'S00020',
      fullName: 'Katherine Johnson',
      roleLevelSlug: 'data-scientist',
    });
    const colleague = await hire(hr.api, org, { staffNumber: 'S00021', fullName: 'Dorothy Vaughan' });
    const account = await createUser(t, { roles: ['staff'], staffId: self.id, email: 'katherine@department.example' });
    const staff = await signIn(baseUrl, 'katherine@department.example', TEST_PASSWORD);
    expect(staff.tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: expect.any(Number) });

    // Who am I, and what may I do?
    const me = ok(await staff.api.GET('/api/v1/me'));
    expect(me).toMatchObject({ id: account.id, staffId: self.id, roles: ['staff'], hasPassword: true });
    expect(me.lastLoginAt).not.toBeNull();
    expect(me.permissions).toContainEqual({ permission: 'staff:read', scopes: ['own', 'team'] });
    expect(me.permissions.map((p) => p.permission)).not.toContain('staff:import');

    // My record and what my role asks of me.
    const mine = await staff.api.GET('/api/v1/staff/{id}', { params: { path: { id: self.id } } });
    const record = ok(mine);
    expect(record).toMatchObject({
      fullName: 'Katherine Johnson',
      currentRole: { roleLevel: { slug: 'data-scientist' } },
    });
    const role = ok(
      await staff.api.GET('/api/v1/framework/roles/{id}', {
        params: { path: { id: record.currentRole?.role.id ?? '' } },
      }),
    );
    const myLevel = role.levels.find((l) => l.id === record.currentRole?.roleLevel.id);
    expect(myLevel?.name).toBe(record.currentRole?.roleLevel.name);
    expect(myLevel?.skills.length).toBeGreaterThan(0);
    expect(ok(await staff.api.GET('/api/v1/reference/inclusion-levels')).items.length).toBeGreaterThan(0);

    // I see myself only; a colleague's record is not there for me.
    const list = ok(await staff.api.GET('/api/v1/staff', { params: { query: {} } }));
    expect(list.items.map((s) => s.id)).toEqual([self.id]);
    expectProblem(
      await staff.api.GET('/api/v1/staff/{id}', { params: { path: { id: colleague.id } } }),
      404,
      'staff-not-found',
    );

    // I may correct my name, not my unit.
    const renamed = ok(
      await staff.api.PATCH('/api/v1/staff/{id}', {
        params: { path: { id: self.id }, header: { 'If-Match': etagOf(mine.response) } },
        body: { fullName: 'Katherine G. Johnson' },
      }),
    );
    expect(renamed).toMatchObject({ fullName: 'Katherine G. Johnson', version: record.version + 1 });
    const moved = await staff.api.PATCH('/api/v1/staff/{id}', {
      params: { path: { id: self.id }, header: { 'If-Match': `"${renamed.version}"` } },
      body: { unitId: org.department.id },
    });
    expectProblem(moved, 403, 'field-not-writable');
    expect(moved.error.fields).toEqual(['unitId']);

    // Everything else is someone else's job.
    expectProblem(await staff.api.GET('/api/v1/users', { params: { query: {} } }), 403, 'forbidden');
    expectProblem(await staff.api.GET('/api/v1/audit-events', { params: { query: {} } }), 403, 'forbidden');
    expectProblem(
      await staff.api.POST('/api/v1/organisation-units', { body: { code: 'MINE', name: 'Mine', type: 'team' } }),
      403,
      'forbidden',
    );
    expectProblem(
      await staff.api.POST('/api/v1/staff/{staffId}/role-assignments', {
        params: { path: { staffId: self.id } },
        body: { roleLevelSlug: 'head-of-data-science' },
      }),
      403,
      'forbidden',
    );

    // The refresh token rotates: the new pair works, the old refresh token is used up.
    const anonymous = connect(baseUrl).api;
    const rotated = ok(
      await anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: staff.tokens.refreshToken } }),
    );
    expect(rotated.refreshToken).not.toBe(staff.tokens.refreshToken);
    staff.token = rotated.accessToken;
    expect(ok(await staff.api.GET('/api/v1/me')).id).toBe(account.id);

    // Signing out ends the session: its refresh token no longer refreshes.
    const out = await staff.api.POST('/api/v1/auth/logout', { body: { refreshToken: rotated.refreshToken } });
    expect(out.response.status).toBe(204);
    expectProblem(
      await anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken: rotated.refreshToken } }),
      401,
      'invalid-refresh-token',
    );
    // Signing out everywhere ends the access token as well.
    const again = await signIn(baseUrl, 'katherine@department.example', TEST_PASSWORD);
    expect((await again.api.POST('/api/v1/auth/logout', { body: { everywhere: true } })).response.status).toBe(204);
    expectProblem(await again.api.GET('/api/v1/me'), 401, 'unauthenticated');
  });
  it('digital inclusion: staff take the questionnaire, a manager assists, HR runs an anonymous pulse and reads suppressed results', async () => {
    const hr = await signedInAs('hr');
    const org = await buildOrganisation(hr.api);
    const manager = await hire(hr.api, org, { staffNumber: 'S00030', fullName: 'Grace Hopper' });
    const team = [];
    for (let i = 1; i <= 6; i++) {
      const person = await hire(hr.api, org, {
        staffNumber: `S0004${i}`,
        fullName: `Team member ${i}`,
        lineManagerId: manager.id,
      });
      await createUser(t, { roles: ['staff'], staffId: person.id, email: `member${i}@department.example` });
      team.push({ person, caller: await signIn(baseUrl, `member${i}@department.example`, TEST_PASSWORD) });
    }
    await createUser(t, { roles: ['staff'], staffId: manager.id, email: 'grace@department.example' });
    const lead = await signIn(baseUrl, 'grace@department.example', TEST_PASSWORD);
    const [first, second] = team;

    // The questionnaire, answered: every basic task, so level 7, the department's target.
    const questionnaire = ok(await first!.caller.api.GET('/api/v1/inclusion/questionnaire'));
    expect(questionnaire.derivation.map((row) => row.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const derived = ok(
      await first!.caller.api.POST('/api/v1/me/inclusion-assessments/questionnaire', {
        body: {
          online: 'yes',
          wantsToDoMore: true,
          email: true,
          search: true,
          onlineForms: true,
          videoCalls: true,
          staySafe: true,
          solvesProblems: false,
          digitalIsMainWork: false,
        },
      }),
      201,
    );
    expect(derived).toMatchObject({ level: 7, levelName: 'Basic digital skills', method: 'questionnaire' });
    expect(ok(await first!.caller.api.GET('/api/v1/me/inclusion'))).toMatchObject({
      current: { id: derived.id },
      targetMet: true,
    });

    // Assisted digital: the line manager records a level for someone they support; not a colleague's.
    const assisted = ok(
      await lead.api.POST('/api/v1/staff/{staffId}/inclusion-assessments', {
        params: { path: { staffId: second!.person.id } },
        body: { level: 5 },
      }),
      201,
    );
    expect(assisted).toMatchObject({ method: 'assisted', staffId: second!.person.id });
    expectProblem(
      await first!.caller.api.POST('/api/v1/staff/{staffId}/inclusion-assessments', {
        params: { path: { staffId: second!.person.id } },
        body: { level: 9 },
      }),
      404,
      'staff-not-found',
    );
    const history = ok(
      await second!.caller.api.GET('/api/v1/staff/{staffId}/inclusion-assessments', {
        params: { path: { staffId: second!.person.id }, query: {} },
      }),
    );
    expect(history.items.map((a) => a.level)).toEqual([5]);

    // HR drafts a pulse for the department, corrects it at its version, and opens it.
    const draft = ok(
      await hr.api.POST('/api/v1/pulses', {
        body: { title: 'Awareness', statements: ['I know what digital means for my job'], unitId: org.department.id },
      }),
      201,
    );
    const read = await hr.api.GET('/api/v1/pulses/{id}', { params: { path: { id: draft.id } } });
    const edited = ok(
      await hr.api.PATCH('/api/v1/pulses/{id}', {
        params: { path: { id: draft.id }, header: { 'If-Match': etagOf(read.response) } },
        body: { statements: ['I know what digital means for my job', 'I know where to learn more'] },
      }),
    );
    const closesOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    ok(await hr.api.POST('/api/v1/pulses/{id}/open', { params: { path: { id: edited.id } }, body: { closesOn } }));

    // Everyone in the department sees it and answers once.
    const ratings = [
      [5, 4],
      [4, 4],
      [3, 2],
      [5, 5],
      [2, 3],
      [4, 1],
    ];
    for (const [i, { caller }] of team.entries()) {
      const mine = ok(await caller.api.GET('/api/v1/me/pulses'));
      expect(mine.items).toEqual([expect.objectContaining({ id: draft.id, answered: false })]);
      ok(
        await caller.api.POST('/api/v1/pulses/{id}/responses', {
          params: { path: { id: draft.id } },
          body: { ratings: ratings[i]! },
        }),
        201,
      );
    }
    expectProblem(
      await first!.caller.api.POST('/api/v1/pulses/{id}/responses', {
        params: { path: { id: draft.id } },
        body: { ratings: [1, 1] },
      }),
      409,
      'pulse-already-answered',
    );
    expectProblem(
      await hr.api.GET('/api/v1/pulses/{id}/results', { params: { path: { id: draft.id } } }),
      409,
      'pulse-state-conflict',
    );
    ok(await hr.api.POST('/api/v1/pulses/{id}/close', { params: { path: { id: draft.id } } }));

    // Six answers: figures shown; the mean computed here from what was sent.
    const results = ok(await hr.api.GET('/api/v1/pulses/{id}/results', { params: { path: { id: draft.id } } }));
    expect(results.responses).toBe(6);
    results.statements.forEach((statement, s) => {
      const given = ratings.map((r) => r[s]!);
      expect(statement.overall).toEqual({
        suppressed: false,
        responses: 6,
        mean: Math.round((given.reduce((a, b) => a + b, 0) / 6) * 100) / 100,
        distribution: [1, 2, 3, 4, 5].map((v) => given.filter((g) => g === v).length),
      });
    });
    // Per unit: everyone answered from the one team, so its figures are the overall ones.
    const perUnit = ok(
      await hr.api.GET('/api/v1/pulses/{id}/results', {
        params: { path: { id: draft.id }, query: { by: 'unit' } },
      }),
    );
    for (const [s, statement] of perUnit.statements.entries()) {
      expect(statement.byUnit).toEqual([
        { unit: { id: org.team.id, code: org.team.code, name: org.team.name }, cell: results.statements[s]!.overall },
      ]);
      expect(results.statements[s]!.byUnit).toEqual([]);
    }
    const trend = ok(await hr.api.GET('/api/v1/pulses/trend'));
    expect(trend.items.map((x) => x.statement).sort()).toEqual(
      ['I know what digital means for my job', 'I know where to learn more'].sort(),
    );
    expectProblem(await first!.caller.api.GET('/api/v1/pulses/trend'), 403, 'forbidden');
  });
  it('the skills review: HR opens a cycle, staff rate themselves, their line manager returns then validates, staff see their gaps, HR closes it', async () => {
    const hr = await signedInAs('hr');
    const org = await buildOrganisation(hr.api);
    const boss = await hire(hr.api, org, {
      staffNumber: 'S00030',
      fullName: 'Grace Hopper',
      roleLevelSlug: 'lead-data-scientist',
    });
    const self = await hire(hr.api, org, {
      staffNumber: 'S00031',
      fullName: 'Ada Lovelace',
      roleLevelSlug: 'data-scientist',
      lineManagerId: boss.id,
    });
    const newcomer = await hire(hr.api, org, { staffNumber: 'S00032', fullName: 'Alan Turing' });
    await createUser(t, { roles: ['staff'], staffId: self.id, email: 'ada@department.example' });
    await createUser(t, { roles: ['staff'], staffId: boss.id, email: 'grace@department.example' });
    const staff = await signIn(baseUrl, 'ada@department.example', TEST_PASSWORD);
    const manager = await signIn(baseUrl, 'grace@department.example', TEST_PASSWORD);

    // HR drafts a cycle for the department and opens it: a review each for those with a role level.
    const draft = ok(
      await hr.api.POST('/api/v1/review-cycles', {
        params: { header: { 'Idempotency-Key': 'journey-cycle' } },
        body: {
          name: 'Annual Skills Review 2026',
          unitId: org.department.id,
          opensOn: '2026-04-01',
          closesOn: '2026-06-30',
        },
      }),
      201,
    );
    const opened = ok(await hr.api.POST('/api/v1/review-cycles/{id}/open', { params: { path: { id: draft.id } } }));
    expect(opened).toMatchObject({ state: 'open', figures: { reviews: 2, leftOut: 1 } });
    expect(opened.leftOut.sample.map((p) => p.staffId)).toEqual([newcomer.id]);

    // Staff read their review (with the statement that it is for development) and rate every skill.
    const mine = await staff.api.GET('/api/v1/me/skills-review');
    const review = ok(mine);
    expect(review.statement).toMatch(/never used as a pay or performance score/);
    const ratings = review.skills.map((s, i) => ({ skillId: s.skillId, level: i === 0 ? 4 : (s.requiredLevel ?? 1) }));
    const saved = ok(
      await staff.api.PUT('/api/v1/skill-reviews/{id}/self-assessment', {
        params: { path: { id: review.id }, header: { 'If-Match': etagOf(mine.response) } },
        body: { ratings },
      }),
    );
    expect(saved.state).toBe('in_progress');
    ok(await staff.api.POST('/api/v1/skill-reviews/{id}/submit', { params: { path: { id: review.id } } }));
    expectProblem(
      await staff.api.PUT('/api/v1/skill-reviews/{id}/validation', {
        params: { path: { id: review.id }, header: { 'If-Match': '"3"' } },
        body: { ratings },
      }),
      403,
      'self-validation',
    );

    // The line manager sees it in their list, sends it back once, then agrees the levels.
    const queue = ok(
      await manager.api.GET('/api/v1/skill-reviews', {
        params: { query: { cycleId: draft.id, state: 'self_assessed' } },
      }),
    );
    expect(queue.items.map((r) => r.id)).toEqual([review.id]);
    const returned = ok(
      await manager.api.POST('/api/v1/skill-reviews/{id}/return', {
        params: { path: { id: review.id } },
        body: { reason: 'Please add evidence for the first skill' },
      }),
    );
    expect(returned).toMatchObject({ state: 'returned', returnReason: 'Please add evidence for the first skill' });
    const again = ok(
      await staff.api.PUT('/api/v1/skill-reviews/{id}/self-assessment', {
        params: { path: { id: review.id }, header: { 'If-Match': `"${returned.version}"` } },
        body: { ratings: ratings.map((r, i) => (i === 0 ? { ...r, evidence: 'Led the forecasting model' } : r)) },
      }),
    );
    const resubmitted = ok(
      await staff.api.POST('/api/v1/skill-reviews/{id}/submit', { params: { path: { id: again.id } } }),
    );
    const validated = ok(
      await manager.api.PUT('/api/v1/skill-reviews/{id}/validation', {
        params: { path: { id: review.id }, header: { 'If-Match': `"${resubmitted.version}"` } },
        body: { ratings: ratings.map((r, i) => ({ skillId: r.skillId, level: i === 0 ? 2 : r.level })) },
      }),
    );
    expect(validated.state).toBe('validated');
    expect(validated.skills[0]?.flaggedForCalibration).toBe(true);

    // Staff see where they stand, and what the next level would ask of them.
    const gaps = ok(await staff.api.GET('/api/v1/me/gaps', { params: { query: {} } }));
    expect(gaps).toMatchObject({ staffId: self.id, reviewId: review.id, roleLevel: { slug: 'data-scientist' } });
    const firstRequired = review.skills[0]?.requiredLevel ?? 0;
    expect(gaps.skills.find((g) => g.skillId === review.skills[0]?.skillId)).toMatchObject({
      validatedLevel: 2,
      gap: Math.max(0, firstRequired - 2),
    });
    const next = ok(await staff.api.GET('/api/v1/me/gaps', { params: { query: { against: 'next' } } }));
    expect(next.against.slug).not.toBe('data-scientist');
    expectProblem(
      await staff.api.GET('/api/v1/staff/{id}/gaps', { params: { path: { id: boss.id }, query: {} } }),
      404,
      'staff-not-found',
    );
    // …and the learning that would close their gaps (each item with the gaps it closes); the review shows the
    // learning evidence beside each skill.
    const recommended = ok(await staff.api.GET('/api/v1/me/recommendations', { params: { query: {} } }));
    expect(recommended).toMatchObject({ staffId: self.id, reviewId: review.id, against: { slug: 'data-scientist' } });
    for (const r of recommended.items) {
      if (!(recommended.inclusionFirst && r.item.inclusionPackage)) {
        expect(r.closes.some((c) => c.closesFully)).toBe(true);
      }
    }
    expect(validated.skills.every((s) => Array.isArray(s.learningEvidence))).toBe(true);
    expectProblem(
      await staff.api.GET('/api/v1/staff/{id}/recommendations', { params: { path: { id: boss.id }, query: {} } }),
      404,
      'staff-not-found',
    );

    // HR closes the cycle: the review is frozen.
    const closed = ok(await hr.api.POST('/api/v1/review-cycles/{id}/close', { params: { path: { id: draft.id } } }));
    expect(closed).toMatchObject({ state: 'closed', figures: { validated: 1 } });
    expectProblem(
      await manager.api.POST('/api/v1/skill-reviews/{id}/return', {
        params: { path: { id: review.id } },
        body: { reason: 'Too late' },
      }),
      409,
      'review-cycle-closed',
    );

    // The Data head of profession reads the capability gaps of the cycle closed last (the default): one validated
    // review in their family, fewer than k people, so the group and the total are suppressed, never shown.
    const hop = await signedInAs('head_of_profession', { roleFamilies: ['data'] });
    const suppressed = { people: null, requirements: null, met: null, percentMet: null, meanGap: null, ratings: null };
    const report = ok(
      await hop.api.GET('/api/v1/insights/capability-gaps', {
        params: { query: { groupBy: ['roleFamily', 'roleLevel'] } },
      }),
    );
    if (typeof report === 'string') throw new Error('JSON was asked for');
    expect(report).toMatchObject({
      cycleId: draft.id,
      source: 'validated',
      k: 5,
      groupBy: ['roleFamily', 'roleLevel'],
    });
    expect(report.groups).toEqual([
      {
        key: {
          roleFamily: { id: 'data', label: expect.any(String) },
          roleLevel: expect.objectContaining({ id: 'data-scientist' }),
        },
        ...suppressed,
        suppressed: true,
      },
    ]);
    expect(report.total).toEqual({ ...suppressed, suppressed: true });
    // The same as CSV: the figures empty, the suppressed column true.
    const csvReport = await hop.api.GET('/api/v1/insights/capability-gaps', {
      params: { query: { source: 'self' } },
      headers: { Accept: 'text/csv' },
      parseAs: 'text',
    });
    expect(csvReport.response.status).toBe(200);
    expect(String(csvReport.data).split('\r\n')[1]).toMatch(/^group,data,[^,]*,,,,,,,,,,,true$/);
    // Staff who manage nobody and lead no family are refused.
    expectProblem(await staff.api.GET('/api/v1/insights/capability-gaps', { params: { query: {} } }), 403, 'forbidden');

    // The heatmap of their family: one role level × its skills, every cell suppressed (one person); the SVG draws
    // each cell hatched, with no figure. Another family is refused.
    const heatmap = ok(
      await hop.api.GET('/api/v1/insights/capability-heatmap', { params: { query: { roleFamily: 'data' } } }),
    );
    expect(heatmap).toMatchObject({ cycleId: draft.id, roleFamily: { id: 'data' }, by: 'role-level' });
    expect(heatmap.rows.map((r) => r.id)).toEqual(['data-scientist']);
    expect(heatmap.skills.length).toBeGreaterThan(0);
    expect(heatmap.cells).toHaveLength(heatmap.skills.length);
    expect(heatmap.cells.every((c) => c.suppressed && c.percentMet === null)).toBe(true);
    const svg = await hop.api.GET('/api/v1/insights/capability-heatmap.svg', {
      params: { query: { roleFamily: 'data', by: 'role' } },
      parseAs: 'text',
    });
    expect(svg.response.status).toBe(200);
    expect(svg.response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const drawn = String(svg.data);
    expect(drawn).toContain('<title id="heatmap-title">');
    expect(drawn.match(/<rect [^>]*data-row=/g)).toHaveLength(heatmap.skills.length);
    expect(drawn.match(/data-suppressed="true"/g)).toHaveLength(heatmap.skills.length);
    expect(drawn).not.toMatch(/data-percent-met=/);
    expectProblem(
      await hop.api.GET('/api/v1/insights/capability-heatmap', {
        params: { query: { roleFamily: 'software-development' } },
      }),
      403,
      'insights-capability-family-not-allowed',
    );
    // The capability trend of their family across the cycles: the closed one's single review suppressed there too.
    const trend = ok(
      await hop.api.GET('/api/v1/insights/capability-trend', { params: { query: { roleFamily: 'data' } } }),
    );
    if (typeof trend === 'string') throw new Error('JSON was asked for');
    expect(trend).toMatchObject({ dimension: 'roleFamily', id: 'data', source: 'validated', k: 5 });
    const at = trend.cycles.findIndex((c) => c.cycleId === draft.id);
    expect(trend.points[at]).toEqual({
      cycleId: draft.id,
      present: true,
      label: expect.any(String),
      ...suppressed,
      suppressed: true,
    });
    expect(trend.skills.length).toBeGreaterThan(0);
    const trendCsv = await hop.api.GET('/api/v1/insights/capability-trend', {
      params: { query: { roleFamily: 'data' } },
      headers: { Accept: 'text/csv' },
      parseAs: 'text',
    });
    expect(trendCsv.response.status).toBe(200);
    expect(String(trendCsv.data).split('\r\n')[0]).toMatch(/^series,id,label,cycle_id,/);
    expectProblem(
      await staff.api.GET('/api/v1/insights/capability-trend', { params: { query: { roleFamily: 'data' } } }),
      403,
      'forbidden',
    );
    // Calibration of their family in that cycle: one reviewee, so every row and the total are suppressed.
    const calibration = ok(await hop.api.GET('/api/v1/insights/calibration', { params: { query: {} } }));
    if (typeof calibration === 'string') throw new Error('JSON was asked for');
    expect(calibration).toMatchObject({ cycleId: draft.id, k: 5, mostDifferent: [] });
    expect([...calibration.families, ...calibration.managers].every((r) => r.suppressed && r.people === null)).toBe(
      true,
    );
    expect(calibration.total).toMatchObject({ suppressed: true, people: null, meanDifference: null });
    expectProblem(await staff.api.GET('/api/v1/insights/calibration', { params: { query: {} } }), 403, 'forbidden');
    // The same three reports as workbooks for the board paper.
    const xlsx = { parseAs: 'arrayBuffer' } as const;
    expect(
      await sheetsOf(
        await hop.api.GET('/api/v1/insights/capability-heatmap.xlsx', {
          params: { query: { roleFamily: 'data' } },
          ...xlsx,
        }),
      ),
    ).toContain('About');
    expect(
      (
        await sheetsOf(
          await hop.api.GET('/api/v1/insights/capability-trend.xlsx', {
            params: { query: { roleFamily: 'data' } },
            ...xlsx,
          }),
        )
      )[0],
    ).toBe('About');
    expect(
      await sheetsOf(await hop.api.GET('/api/v1/insights/calibration.xlsx', { params: { query: {} }, ...xlsx })),
    ).toEqual(expect.arrayContaining(['About', 'Families', 'Managers']));
  });

  it('records of learning: staff record learning, their line manager rejects then verifies it, a head of profession reads their family', async () => {
    const hr = await signedInAs('hr');
    const org = await buildOrganisation(hr.api);
    const manager = await hire(hr.api, org, { staffNumber: 'S00050', fullName: 'Katherine Johnson' });
    const member = await hire(hr.api, org, {
      staffNumber: 'S00051',
      fullName: 'Dorothy Vaughan',
      roleLevelSlug: 'senior-data-engineer',
      lineManagerId: manager.id,
    });
    await createUser(t, { roles: ['staff'], staffId: manager.id, email: 'katherine@department.example' });
    await createUser(t, { roles: ['staff'], staffId: member.id, email: 'dorothy@department.example' });
    const lead = await signIn(baseUrl, 'katherine@department.example', TEST_PASSWORD);
    const staff = await signIn(baseUrl, 'dorothy@department.example', TEST_PASSWORD);
    const hop = await signedInAs('head_of_profession', { roleFamilies: ['data'] });
    const [skill] = await t.dataSource.query<{ slug: string }[]>(
      `SELECT sk.slug FROM skills sk JOIN framework_versions v ON v.id = sk.version_id AND v.is_current
        ORDER BY sk.slug LIMIT 1`,
    );
    const completedOn = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);

    // External learning, recorded once however often the client retries.
    const body = {
      title: 'Data engineering on Spark',
      provider: 'Open University',
      skills: [skill!.slug],
      completedOn,
      hours: 12.5,
      evidenceUrl: 'https://learning.example/certificates/spark',
    };
    const recorded = ok(
      await staff.api.POST('/api/v1/me/learning-records', {
        params: { header: { 'Idempotency-Key': 'spark-1' } },
        body,
      }),
      201,
    );
    expect(recorded).toMatchObject({ state: 'submitted', hours: 12.5, skills: [skill!.slug], hints: [] });
    const retried = ok(
      await staff.api.POST('/api/v1/me/learning-records', {
        params: { header: { 'Idempotency-Key': 'spark-1' } },
        body,
      }),
      201,
    );
    expect(retried.id).toBe(recorded.id);
    expectProblem(
      await staff.api.POST('/api/v1/me/learning-records', { body: { ...body, completedOn: '2099-01-01' } }),
      422,
      'learning-record-invalid',
    );

    // The line manager's queue holds it; they reject it with a reason; the owner may not verify their own.
    const queue = ok(await lead.api.GET('/api/v1/learning-records', { params: { query: { state: 'submitted' } } }));
    expect(queue.items.map((r) => r.id)).toEqual([recorded.id]);
    expectProblem(
      await staff.api.POST('/api/v1/learning-records/{id}/verify', { params: { path: { id: recorded.id } } }),
      403,
      'self-verification',
    );
    const rejected = ok(
      await lead.api.POST('/api/v1/learning-records/{id}/reject', {
        params: { path: { id: recorded.id } },
        body: { reason: 'The certificate link does not open' },
      }),
    );
    expect(rejected).toMatchObject({ state: 'rejected', rejectReason: 'The certificate link does not open' });

    // The owner corrects it at the version read: back to the manager, who verifies it.
    const read = await staff.api.GET('/api/v1/learning-records/{id}', { params: { path: { id: recorded.id } } });
    const corrected = ok(
      await staff.api.PATCH('/api/v1/learning-records/{id}', {
        params: { path: { id: recorded.id }, header: { 'If-Match': etagOf(read.response) } },
        body: { evidenceUrl: 'https://learning.example/certificates/spark-2' },
      }),
    );
    expect(corrected).toMatchObject({ state: 'submitted', rejectReason: null });
    const verified = ok(
      await lead.api.POST('/api/v1/learning-records/{id}/verify', { params: { path: { id: recorded.id } } }),
    );
    expect(verified.state).toBe('verified');
    expectProblem(
      await staff.api.DELETE('/api/v1/learning-records/{id}', {
        params: { path: { id: recorded.id }, header: { 'If-Match': `"${verified.version}"` } },
      }),
      409,
      'illegal-learning-record-move',
    );

    // A completed inclusion package answers with a hint to reassess; a wrong record is deleted while submitted.
    const [pkg] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO learning_items (code, title, provider_kind, provider_name, format, counts_towards_inclusion, inclusion_package)
       VALUES ('CSL-DIGITAL-SKILLS', 'Digital Skills', 'civil_service_learning', 'Civil Service Learning', 'e_learning', true, 'digital-skills')
       RETURNING id`,
    );
    const completion = ok(
      await staff.api.POST('/api/v1/me/learning-records', {
        body: { learningItemId: pkg!.id, completedOn, hours: 2, evidenceNote: 'Completed online' },
      }),
      201,
    );
    expect(completion.hints.map((h) => h.href)).toEqual(['/api/v1/me/inclusion-assessments/questionnaire']);
    const removed = await staff.api.DELETE('/api/v1/learning-records/{id}', {
      params: { path: { id: completion.id }, header: { 'If-Match': `"${completion.version}"` } },
    });
    expect(removed.response.status).toBe(204);

    // A head of profession reads the records of the people in the family they lead.
    const theirs = ok(
      await hop.api.GET('/api/v1/staff/{staffId}/learning-records', { params: { path: { staffId: member.id } } }),
    );
    expect(theirs.items.map((r) => [r.id, r.state])).toEqual([[recorded.id, 'verified']]);
    expectProblem(
      await hop.api.GET('/api/v1/staff/{staffId}/learning-records', { params: { path: { staffId: manager.id } } }),
      404,
      'staff-not-found',
    );
  });

  it('capability action plans: a head of profession plans for their family, raises a priority from a gap, tracks progress', async () => {
    const hop = await signedInAs('head_of_profession', { roleFamilies: ['data'] });
    const staff = await signedInAs('staff');
    const hr = await signedInAs('hr');
    const org = await buildOrganisation(hr.api);
    const engineer = await hire(hr.api, org, {
      staffNumber: 'S00070',
      fullName: 'Mary Jackson',
      roleLevelSlug: 'senior-data-engineer',
    });
    const analyst = await hire(hr.api, org, {
      staffNumber: 'S00071',
      fullName: 'Annie Easley',
      roleLevelSlug: 'data-engineer',
    });
    const [item] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO learning_items (code, title, provider_kind, provider_name, format, hours)
       VALUES ('CSL-DATA-1', 'Data engineering bootcamp', 'civil_service_learning', 'Civil Service Learning', 'course', 12)
       RETURNING id`,
    );
    const [skill] = await t.dataSource.query<{ slug: string }[]>(
      `SELECT sk.slug FROM skills sk JOIN framework_versions v ON v.id = sk.version_id AND v.is_current
        ORDER BY sk.slug LIMIT 1`,
    );
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const body = { title: 'Data engineering 2026-27', roleFamilySlug: 'data', startsOn: day(-30), endsOn: day(300) };
    const plan = ok(
      await hop.api.POST('/api/v1/action-plans', { params: { header: { 'Idempotency-Key': 'plan-1' } }, body }),
      201,
    );
    const again = ok(
      await hop.api.POST('/api/v1/action-plans', { params: { header: { 'Idempotency-Key': 'plan-1' } }, body }),
      201,
    );
    expect(again.id).toBe(plan.id);
    const priority = ok(
      await hop.api.POST('/api/v1/action-plans/{id}/priorities', {
        params: { path: { id: plan.id }, header: { 'Idempotency-Key': 'priority-1' } },
        body: { targetKind: 'skill-met-share', skillSlug: skill!.slug, targetValue: 70, dueOn: day(200) },
      }),
      201,
    );
    ok(
      await hop.api.POST('/api/v1/action-plans/{id}/priorities/{priorityId}/actions', {
        params: { path: { id: plan.id, priorityId: priority.id }, header: { 'Idempotency-Key': 'action-1' } },
        body: {
          kind: 'text',
          description: 'Pair each analyst with an engineer',
          owner: 'Head of Data',
          dueOn: day(60),
        },
      }),
      201,
    );
    // Learning for named people and for a group (the team's senior data engineers), and a mentoring pair.
    const named = ok(
      await hop.api.POST('/api/v1/action-plans/{id}/priorities/{priorityId}/actions', {
        params: { path: { id: plan.id, priorityId: priority.id }, header: { 'Idempotency-Key': 'action-2' } },
        body: {
          kind: 'learning',
          learningItemId: item!.id,
          staffIds: [engineer.id, analyst.id],
          description: 'The bootcamp for Mary and Annie',
          owner: 'Head of Data',
          dueOn: day(90),
        },
      }),
      201,
    );
    expect(named).toMatchObject({ audience: 'people', group: null });
    expect(named.people.map((p) => p.name)).toEqual(['Annie Easley', 'Mary Jackson']);
    const group = ok(
      await hop.api.POST('/api/v1/action-plans/{id}/priorities/{priorityId}/actions', {
        params: { path: { id: plan.id, priorityId: priority.id }, header: { 'Idempotency-Key': 'action-3' } },
        body: {
          kind: 'learning',
          learningItemId: item!.id,
          group: { unitId: org.team.id, roleLevelSlug: 'senior-data-engineer' },
          description: 'The bootcamp for the senior engineers in the data team',
          owner: 'Head of Data',
          dueOn: day(120),
        },
      }),
      201,
    );
    expect(group.group).toEqual({ unitId: org.team.id, unitName: 'Data team', roleLevelSlug: 'senior-data-engineer' });
    const pairs = ok(
      await hop.api.POST('/api/v1/action-plans/{id}/priorities/{priorityId}/actions', {
        params: { path: { id: plan.id, priorityId: priority.id }, header: { 'Idempotency-Key': 'action-4' } },
        body: {
          kind: 'shadowing',
          pairs: [{ mentorStaffId: engineer.id, menteeStaffId: analyst.id }],
          description: 'Annie shadows Mary',
          owner: 'Head of Data',
          dueOn: day(60),
        },
      }),
      201,
    );
    expect(pairs.pairs).toEqual([
      { mentor: { id: engineer.id, name: 'Mary Jackson' }, mentee: { id: analyst.id, name: 'Annie Easley' } },
    ]);
    const narrowed = ok(
      await hop.api.PATCH('/api/v1/action-plans/{id}/actions/{actionId}', {
        params: { path: { id: plan.id, actionId: named.id }, header: { 'If-Match': `"${named.version}"` } },
        body: { staffIds: [analyst.id] },
      }),
    );
    expect(narrowed).toMatchObject({ audience: 'people', people: [{ id: analyst.id, name: 'Annie Easley' }] });
    // Someone outside the family is refused by name (their id), and nothing is saved.
    const outsider = await hire(hr.api, org, { staffNumber: 'S00072', fullName: 'Frances Allen' });
    expectProblem(
      await hop.api.PATCH('/api/v1/action-plans/{id}/actions/{actionId}', {
        params: { path: { id: plan.id, actionId: named.id }, header: { 'If-Match': `"${narrowed.version}"` } },
        body: { staffIds: [analyst.id, outsider.id] },
      }),
      422,
      'action-plan-invalid',
    );

    const read = await hop.api.GET('/api/v1/action-plans/{id}', { params: { path: { id: plan.id } } });
    const renamed = ok(
      await hop.api.PATCH('/api/v1/action-plans/{id}', {
        params: { path: { id: plan.id }, header: { 'If-Match': etagOf(read.response) } },
        body: { title: 'Data engineering, 2026 to 2027' },
      }),
    );
    expect(renamed.priorities[0]!.actions.map((a) => a.audience)).toEqual([null, 'people', 'group', null]);
    expect(
      ok(await hop.api.POST('/api/v1/action-plans/{id}/activate', { params: { path: { id: plan.id } } })).status,
    ).toBe('active');
    // Nobody is in the family yet: the figures are suppressed, not zero.
    const progress = ok(await hop.api.GET('/api/v1/action-plans/{id}/progress', { params: { path: { id: plan.id } } }));
    expect(progress.priorities[0]).toMatchObject({ suppressed: true, now: null, onTrack: null, target: 70 });
    // One person named and one in the group: too few for figures. The pair is counted.
    expect(progress.priorities[0]!.actions.map((a) => [a.kind, a.people, a.completed, a.suppressed, a.pairs])).toEqual([
      ['text', null, null, false, null],
      ['learning', null, null, true, null],
      ['learning', null, null, true, null],
      ['shadowing', null, null, false, 1],
    ]);
    expectProblem(
      await staff.api.GET('/api/v1/action-plans/{id}', { params: { path: { id: plan.id } } }),
      404,
      'action-plan-not-found',
    );
  });
  it('recruitment: HR funds posts, records a partner, raises a campaign from the gaps, opens a vacancy with a panel, and runs it to its close', async () => {
    const hr = await signedInAs('hr');
    const org = await buildOrganisation(hr.api);
    const grace = await hire(hr.api, org, {
      staffNumber: 'R00001',
      fullName: 'Grace Hopper',
      roleLevelSlug: 'senior-data-engineer',
    });
    const level = grace.currentRole!.roleLevel;
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const key = (name: string) => ({ 'Idempotency-Key': `recruitment-${name}` });

    // Three funded senior data engineer posts in the team, from this financial year.
    ok(
      await hr.api.POST('/api/v1/establishment', {
        params: { header: key('establishment') },
        body: { unitId: org.team.id, roleLevelId: level.id, gradeId: org.grade.id, fundedPosts: 3, startsOn: day(-30) },
      }),
      201,
    );
    const partner = ok(
      await hr.api.POST('/api/v1/partners', {
        params: { header: key('partner') },
        body: {
          name: 'Specialist Digital Recruitment Ltd',
          kind: 'agency',
          country: 'GB',
          contractStartsOn: day(-60),
          serviceLevels: [
            { metric: 'days-to-shortlist', target: 10 },
            { metric: 'candidates-per-post', target: 5 },
          ],
          contacts: [{ name: 'Sam Okafor', jobTitle: 'Account manager', email: 'sam@agency.example' }],
        },
      }),
      201,
    );

    // The gaps against the next level up say what the campaign is for.
    const gaps = ok(
      await hr.api.GET('/api/v1/staff/{id}/gaps', { params: { path: { id: grace.id }, query: { against: 'next' } } }),
    );
    const short = gaps.skills.filter((s) => s.gap > 0).map((s) => s.skillSlug);
    expect(short.length).toBeGreaterThan(0);
    const campaignBody = {
      title: 'Senior data engineers 2026',
      kind: 'specialist' as const,
      startsOn: day(0),
      endsOn: day(120),
      targetHires: 2,
      partnerIds: [partner.id],
      gap: { roleLevelIds: [gaps.against.id], skillSlugs: short },
    };
    const campaign = ok(
      await hr.api.POST('/api/v1/campaigns', { params: { header: key('campaign') }, body: campaignBody }),
      201,
    );
    expect(
      ok(await hr.api.POST('/api/v1/campaigns', { params: { header: key('campaign') }, body: campaignBody }), 201).id,
    ).toBe(campaign.id);
    expect(campaign.gap.skills.map((s) => s.slug).sort()).toEqual([...short].sort());

    const panelUser = await createUser(t, { roles: ['staff'], displayName: 'Vacancy Holder' });
    const panel = await signIn(baseUrl, panelUser.email, TEST_PASSWORD);
    const vacancy = ok(
      await hr.api.POST('/api/v1/vacancies', {
        params: { header: key('vacancy') },
        body: {
          campaignId: campaign.id,
          title: 'Senior data engineer',
          roleLevelId: level.id,
          gradeId: org.grade.id,
          unitId: org.team.id,
          locationIds: [org.office.id],
          posts: 2,
          salaryMin: 45000,
          salaryMax: 52000,
          closesOn: day(30),
          requiredChecks: ['right-to-work', 'bpss', 'counter-terrorist-check'],
          panel: [{ userId: panelUser.id, chair: true }],
        },
      }),
      201,
    );
    expect(vacancy).toMatchObject({ state: 'draft', reserveListMonths: 12, roleFamilySlug: 'data' });
    expect(vacancy.requiredSkills.length).toBeGreaterThan(0);

    // A vacancy opens under an open campaign only.
    expectProblem(
      await hr.api.POST('/api/v1/vacancies/{id}/open', { params: { path: { id: vacancy.id } } }),
      409,
      'campaign-not-open',
    );
    expect(ok(await hr.api.POST('/api/v1/campaigns/{id}/open', { params: { path: { id: campaign.id } } })).state).toBe(
      'open',
    );
    const opened = ok(await hr.api.POST('/api/v1/vacancies/{id}/open', { params: { path: { id: vacancy.id } } }));
    expect(opened.state).toBe('open');

    const summary = ok(
      await hr.api.GET('/api/v1/establishment/summary', { params: { query: { unitId: org.team.id } } }),
    );
    expect(summary.rows).toEqual([
      expect.objectContaining({
        roleLevelSlug: 'senior-data-engineer',
        funded: 3,
        inPost: 1,
        interimInPost: 0,
        openVacancyPosts: 2,
        offersAwaitingStart: 0,
        gap: 2,
      }),
    ]);

    // Open: the advert's terms stay, the closing date may move.
    const read = await hr.api.GET('/api/v1/vacancies/{id}', { params: { path: { id: vacancy.id } } });
    expectProblem(
      await hr.api.PATCH('/api/v1/vacancies/{id}', {
        params: { path: { id: vacancy.id }, header: { 'If-Match': etagOf(read.response) } },
        body: { salaryMax: 60000 },
      }),
      409,
      'vacancy-fields-locked',
    );
    const extended = ok(
      await hr.api.PATCH('/api/v1/vacancies/{id}', {
        params: { path: { id: vacancy.id }, header: { 'If-Match': etagOf(read.response) } },
        body: { closesOn: day(45) },
      }),
    );
    expect(extended.closesOn).toBe(day(45));

    // The panel member reads their vacancy and its campaign; anyone else on staff finds nothing.
    const theirs = ok(await panel.api.GET('/api/v1/vacancies', { params: { query: {} } }));
    expect(theirs.items.map((v) => v.id)).toEqual([vacancy.id]);
    ok(await panel.api.GET('/api/v1/campaigns/{id}', { params: { path: { id: campaign.id } } }));
    const staff = await signedInAs('staff');
    expectProblem(
      await staff.api.GET('/api/v1/vacancies/{id}', { params: { path: { id: vacancy.id } } }),
      404,
      'vacancy-not-found',
    );
    expect(ok(await staff.api.GET('/api/v1/campaigns', { params: { query: {} } })).items).toEqual([]);
    // The Data head of profession follows their family's campaign and figures.
    const hop = await signedInAs('head_of_profession', { roleFamilies: ['data'] });
    expect(ok(await hop.api.GET('/api/v1/campaigns', { params: { query: {} } })).items.map((c) => c.id)).toEqual([
      campaign.id,
    ]);
    expect(
      ok(await hop.api.GET('/api/v1/establishment/summary', { params: { query: { roleFamily: 'data' } } })).totals,
    ).toMatchObject({ funded: 3, openVacancyPosts: 2 });

    // Applications close; then the campaign.
    expectProblem(
      await hr.api.POST('/api/v1/campaigns/{id}/close', { params: { path: { id: campaign.id } } }),
      409,
      'campaign-has-live-vacancies',
    );
    expect(ok(await hr.api.POST('/api/v1/vacancies/{id}/close', { params: { path: { id: vacancy.id } } })).state).toBe(
      'closed',
    );
    const closed = ok(await hr.api.POST('/api/v1/campaigns/{id}/close', { params: { path: { id: campaign.id } } }));
    expect(closed).toMatchObject({ state: 'closed', vacancies: 1, posts: 2 });

    // The partner's service levels, month by month since its contract began: nothing to measure yet (the vacancy
    // closed early; its closing date is still to come), so no data and no months missed.
    const performance = ok(
      await hr.api.GET('/api/v1/partners/{id}/performance', { params: { path: { id: partner.id }, query: {} } }),
    );
    expect(performance.partner).toEqual({ id: partner.id, name: partner.name, kind: 'agency' });
    expect(performance.range.to).toBe(day(0).slice(0, 7));
    expect(performance.serviceLevels.map((l) => [l.metric, l.direction, l.target])).toEqual([
      ['candidates-per-post', 'at-least', 5],
      ['days-to-shortlist', 'at-most', 10],
    ]);
    for (const level of performance.serviceLevels) {
      expect(level.months[0]!.month).toBe(day(-60).slice(0, 7));
      expect(level.months.at(-1)!.month).toBe(day(0).slice(0, 7));
      expect(level.months.every((m) => m.met === null && m.value === null && m.basis === 0)).toBe(true);
      expect(level).toMatchObject({ consecutiveMonthsMissed: 0, longestRunMissed: 0 });
    }
    expect(performance.consecutiveMonthsMissed).toBe(0);
    expectProblem(
      await hr.api.GET('/api/v1/partners/{id}/performance', {
        params: { path: { id: partner.id }, query: { from: '2026-06', to: '2026-05' } },
      }),
      400,
      'validation-failed',
    );
  });

  it('recruitment pipeline: HR adds a candidate and applies them to a vacancy; the panel sifts name-blind and scores; HR moves them through sift and interview', async () => {
    const hr = await signedInAs('hr');
    const org = await buildOrganisation(hr.api);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const key = (name: string) => ({ 'Idempotency-Key': `pipeline-${name}` });
    const role = await t.dataSource.query<{ id: string }[]>(
      `SELECT rl.id FROM role_levels rl JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        WHERE rl.slug = 'senior-data-engineer'`,
    );
    const panelUser = await createUser(t, { roles: ['staff'], displayName: 'Sift Panellist' });
    const panel = await signIn(baseUrl, panelUser.email, TEST_PASSWORD);

    const campaign = ok(
      await hr.api.POST('/api/v1/campaigns', {
        params: { header: key('campaign') },
        body: { title: 'Data engineers', kind: 'specialist', startsOn: day(0), endsOn: day(90), targetHires: 1 },
      }),
      201,
    );
    ok(await hr.api.POST('/api/v1/campaigns/{id}/open', { params: { path: { id: campaign.id } } }));
    const vacancy = ok(
      await hr.api.POST('/api/v1/vacancies', {
        params: { header: key('vacancy') },
        body: {
          campaignId: campaign.id,
          title: 'Senior data engineer',
          roleLevelId: role[0]!.id,
          gradeId: org.grade.id,
          unitId: org.team.id,
          locationIds: [org.office.id],
          posts: 1,
          salaryMin: 45000,
          salaryMax: 52000,
          closesOn: day(30),
          panel: [{ userId: panelUser.id, chair: true }],
        },
      }),
      201,
    );
    ok(await hr.api.POST('/api/v1/vacancies/{id}/open', { params: { path: { id: vacancy.id } } }));

    // HR adds the candidate (once: the same email in another case points at them) and applies them.
    const candidate = ok(
      await hr.api.POST('/api/v1/candidates', {
        params: { header: key('candidate') },
        body: {
          fullName: 'Ada Lovelace',
          email: 'ada.lovelace@example.org',
          channel: 'civil-service-jobs',
          university: 'University of London',
          course: 'Mathematics',
          graduationYear: 2025,
          rightToWork: 'confirmed',
        },
      }),
      201,
    );
    const again = await hr.api.POST('/api/v1/candidates', {
      params: { header: key('candidate-again') },
      body: { fullName: 'A. Lovelace', email: 'ADA.LOVELACE@example.org', channel: 'referral' },
    });
    expectProblem(again, 409, 'duplicate-candidate');
    expect(again.error.existingCandidateId).toBe(candidate.id);
    const applied = ok(
      await hr.api.POST('/api/v1/applications', {
        params: { header: key('application') },
        body: { candidateId: candidate.id, vacancyId: vacancy.id, disabilityConfident: true },
      }),
      201,
    );
    expect(applied).toMatchObject({ stage: 'applied', allowedMoves: ['sift', 'rejected', 'withdrawn'] });

    const moveTo = async (to: Schemas['TransitionDto']['to'], reason?: string) => {
      const read = await hr.api.GET('/api/v1/applications/{id}', { params: { path: { id: applied.id } } });
      return ok(
        await hr.api.POST('/api/v1/applications/{id}/transitions', {
          params: { path: { id: applied.id }, header: { 'If-Match': etagOf(read.response) } },
          body: { to, reason },
        }),
      );
    };
    expect((await moveTo('sift')).stage).toBe('sift');

    // The panel sifts name-blind: nothing that names or places the candidate.
    const blind = await panel.api.GET('/api/v1/applications/{id}', { params: { path: { id: applied.id } } });
    const seen = JSON.stringify(ok(blind));
    for (const value of ['Ada Lovelace', 'ada.lovelace', 'University of London', 'civil-service-jobs', candidate.id]) {
      expect(seen).not.toContain(value);
    }
    expect(ok(blind)).toMatchObject({ blind: true, disabilityConfident: null, candidate: { course: 'Mathematics' } });
    const skill = vacancy.requiredSkills[0]!;
    const sifted = ok(
      await panel.api.PUT('/api/v1/applications/{id}/scores/{stage}', {
        params: { path: { id: applied.id, stage: 'sift' } },
        body: {
          behaviours: [
            { behaviour: 'working-together', score: 6 },
            { behaviour: 'delivering-at-pace', score: 5 },
          ],
          technicalSkills: [{ skill: skill.slug, score: skill.level }],
        },
      }),
    );
    expect(sifted.scores[0]!.combined).toMatchObject({ overallBehaviourScore: 5.5 });

    // Opted in and above the minimum: the interview is guaranteed, so a rejection at sift is refused.
    const read = await hr.api.GET('/api/v1/applications/{id}', { params: { path: { id: applied.id } } });
    expectProblem(
      await hr.api.POST('/api/v1/applications/{id}/transitions', {
        params: { path: { id: applied.id }, header: { 'If-Match': etagOf(read.response) } },
        body: { to: 'rejected', reason: 'Other candidates were stronger' },
      }),
      422,
      'disability-confident-interview-guaranteed',
    );
    const interviewing = await moveTo('interview', 'Strong sift');
    expect(interviewing.allowedMoves).toEqual(['offer', 'reserve', 'rejected', 'withdrawn']);

    // At interview the panel meets the candidate, and the panel and HR score the interview.
    const met = ok(await panel.api.GET('/api/v1/applications/{id}', { params: { path: { id: applied.id } } }));
    expect(met).toMatchObject({ blind: false, candidate: { fullName: 'Ada Lovelace' } });
    for (const [api, score] of [
      [panel.api, 6],
      [hr.api, 5],
    ] as const) {
      ok(
        await api.PUT('/api/v1/applications/{id}/scores/{stage}', {
          params: { path: { id: applied.id, stage: 'interview' } },
          body: { behaviours: [{ behaviour: 'leadership', score }], technicalSkills: [] },
        }),
      );
    }
    const scored = ok(await hr.api.GET('/api/v1/applications/{id}', { params: { path: { id: applied.id } } }));
    const interview = scored.scores.find((s) => s.stage === 'interview')!;
    expect(interview.assessors).toHaveLength(2);
    expect(interview.combined.behaviours).toEqual([{ criterion: 'leadership', score: 5.5, assessors: 2 }]);
    expect(scored.moves.map((m) => [m.from, m.to])).toEqual([
      [null, 'applied'],
      ['applied', 'sift'],
      ['sift', 'interview'],
    ]);

    // Staff and heads of profession find no candidate or application at all.
    const hop = await signedInAs('head_of_profession', { roleFamilies: ['data'] });
    for (const caller of [hop, await signedInAs('staff')]) {
      expectProblem(
        await caller.api.GET('/api/v1/candidates/{id}', { params: { path: { id: candidate.id } } }),
        404,
        'candidate-not-found',
      );
      expect(ok(await caller.api.GET('/api/v1/applications', { params: { query: {} } })).items).toEqual([]);
    }

    // The interview passed (5.5 against 4): HR moves to the offer and offers within the range, once.
    expect((await moveTo('offer', 'Strong interview')).stage).toBe('offer');
    const outOfRange = await hr.api.POST('/api/v1/applications/{id}/offers', {
      params: { path: { id: applied.id }, header: key('offer-high') },
      body: { salary: 60000, startsOn: day(0), expiresOn: day(0) },
    });
    expectProblem(outOfRange, 422, 'offer-salary-out-of-range');
    const offer = ok(
      await hr.api.POST('/api/v1/applications/{id}/offers', {
        params: { path: { id: applied.id }, header: key('offer') },
        body: { salary: 48000, startsOn: day(0), expiresOn: day(0) },
      }),
      201,
    );
    expect(offer).toMatchObject({ state: 'made', locationId: org.office.id });
    // The panel and heads of profession never see its terms.
    for (const caller of [panel, hop]) {
      expectProblem(
        await caller.api.GET('/api/v1/offers/{id}', { params: { path: { id: offer.id } } }),
        403,
        'forbidden',
      );
    }
    // The candidate accepts on their own link (HR issues it; it arrives by email): the application moves to the
    // checks its vacancy requires.
    const issued = ok(
      await hr.api.POST('/api/v1/candidates/{id}/links', {
        params: { path: { id: candidate.id }, header: key('ada-link') },
      }),
      201,
    );
    const [email] = await t.dataSource.query<{ link: string }[]>(
      `SELECT personalisation->>'link' AS link FROM notification_outbox WHERE dedupe_key = $1`,
      [`candidate-link:${candidate.id}:${issued.id}`],
    );
    const ada = connect(baseUrl, /#token=(cl_.+)$/.exec(email!.link)![1]);
    const adasOffers = ok(
      await ada.api.GET('/api/v1/candidate-link/applications/{applicationId}/offers', {
        params: { path: { applicationId: applied.id } },
      }),
    );
    expect(adasOffers.map((o) => [o.id, o.state, o.salary, o.location])).toEqual([
      [offer.id, 'made', 48000, org.office.name],
    ]);
    const answer = ok(
      await ada.api.PUT('/api/v1/candidate-link/offers/{offerId}/decision', {
        params: { path: { offerId: offer.id } },
        body: { decision: 'accepted' },
      }),
    );
    expect(answer).toMatchObject({ id: offer.id, state: 'accepted' });
    const acceptedOffer = ok(await hr.api.GET('/api/v1/offers/{id}', { params: { path: { id: offer.id } } }));
    expect(acceptedOffer).toMatchObject({ state: 'accepted', respondedBy: 'candidate' });
    expect(acceptedOffer.application).toMatchObject({ stage: 'pre-employment-checks' });
    const checks = ok(await hr.api.GET('/api/v1/applications/{id}/checks', { params: { path: { id: applied.id } } }));
    expect(checks.items.map((c) => [c.check, c.state])).toEqual([
      ['right-to-work', 'pending'],
      ['bpss', 'pending'],
    ]);
    expectProblem(
      await hr.api.POST('/api/v1/applications/{id}/transitions', {
        params: { path: { id: applied.id }, header: { 'If-Match': `"${acceptedOffer.application!.version}"` } },
        body: { to: 'appointed' },
      }),
      422,
      'checks-not-passed',
    );
    for (const c of checks.items) {
      ok(
        await hr.api.PUT('/api/v1/applications/{id}/checks/{check}', {
          params: { path: { id: applied.id, check: c.check }, header: { 'If-Match': `"${c.version}"` } },
          body: { state: 'passed' },
        }),
      );
    }
    // Every check passed: the appointment creates the staff record, in post today at the vacancy's role level.
    const appointed = await moveTo('appointed', 'Checks complete');
    expect(appointed).toMatchObject({ stage: 'appointed', allowedMoves: [] });
    const hire = ok(await hr.api.GET('/api/v1/staff/{id}', { params: { path: { id: appointed.staffId! } } }));
    expect(hire).toMatchObject({
      fullName: 'Ada Lovelace',
      unit: { id: org.team.id },
      currentRole: { roleLevel: { id: role[0]!.id }, startsOn: day(0) },
    });

    // The campaign's figures: one application all the way through, its offer accepted, the target met.
    const figures = ok(
      await hr.api.GET('/api/v1/recruitment/figures', { params: { query: { campaignId: campaign.id } } }),
    );
    expect(figures.funnel.stages.map((s) => [s.stage, s.reached])).toEqual([
      ['applied', 1],
      ['sift', 1],
      ['interview', 1],
      ['assessment', 1],
      ['offer', 1],
      ['pre-employment-checks', 1],
      ['appointed', 1],
    ]);
    expect(figures.vacancyFunnels.map((v) => v.vacancyId)).toEqual([vacancy.id]);
    expect(figures.offerAcceptance).toMatchObject({ accepted: 1, ratePercent: 100 });
    expect(figures.timeToHire.count).toBe(1);
    expect(figures.campaignsBelowTarget).toEqual([]);
    expect(figures.outcomesByChannel.map((c) => [c.applications, c.appointed])).toEqual([[1, 1]]);
    // The head of profession of data engineering sees the same funnel, with a source of one person suppressed; staff
    // are refused.
    const theirs = ok(
      await hop.api.GET('/api/v1/recruitment/figures', { params: { query: { campaignId: campaign.id } } }),
    );
    expect(theirs.funnel).toEqual(figures.funnel);
    expect(theirs.outcomesByChannel[0]).toMatchObject({ applications: null, appointed: null, suppressed: true });
    // Their recruitment insights: the same figures, and gap closure for the hire's role level: the one application
    // appointed, so no accepted offer left waiting and no live pipeline for the campaign's vacancy.
    const insights = ok(
      await hop.api.GET('/api/v1/insights/recruitment', { params: { query: { campaign: campaign.id } } }),
    );
    expect(insights.figures.funnel).toEqual(figures.funnel);
    expect(insights.smallNumbersSuppressed).toBe(true);
    const level = insights.gapClosure.find((l) => l.roleLevel === hire.currentRole!.roleLevel.slug);
    expect(level).toMatchObject({ acceptedOffers: 0, livePipeline: 0 });
    expect(
      await sheetsOf(
        await hop.api.GET('/api/v1/insights/recruitment.xlsx', {
          params: { query: { campaign: campaign.id } },
          parseAs: 'arrayBuffer',
        }),
      ),
    ).toEqual(expect.arrayContaining(['About', 'Gap closure']));
    expectProblem(
      await (
        await signedInAs('staff')
      ).api.GET('/api/v1/recruitment/figures', { params: { query: { campaignId: campaign.id } } }),
      403,
      'forbidden',
    );
  });

  it('candidate link and privacy: HR issues links; candidates consent, answer the diversity questions and opt in; HR reads the suppressed aggregate and exports one candidate', async () => {
    const hr = await signedInAs('hr');
    const org = await buildOrganisation(hr.api);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const key = (name: string) => ({ 'Idempotency-Key': `privacy-${name}` });
    const role = await t.dataSource.query<{ id: string }[]>(
      `SELECT rl.id FROM role_levels rl JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        WHERE rl.slug = 'senior-data-engineer'`,
    );
    const campaign = ok(
      await hr.api.POST('/api/v1/campaigns', {
        params: { header: key('campaign') },
        body: { title: 'Data engineers', kind: 'specialist', startsOn: day(0), endsOn: day(90), targetHires: 1 },
      }),
      201,
    );
    ok(await hr.api.POST('/api/v1/campaigns/{id}/open', { params: { path: { id: campaign.id } } }));
    const vacancy = ok(
      await hr.api.POST('/api/v1/vacancies', {
        params: { header: key('vacancy') },
        body: {
          campaignId: campaign.id,
          title: 'Senior data engineer',
          roleLevelId: role[0]!.id,
          gradeId: org.grade.id,
          unitId: org.team.id,
          locationIds: [org.office.id],
          posts: 1,
          salaryMin: 45000,
          salaryMax: 52000,
          closesOn: day(30),
          panel: [{ userId: (await createUser(t, { roles: ['staff'] })).id, chair: true }],
        },
      }),
      201,
    );
    ok(await hr.api.POST('/api/v1/vacancies/{id}/open', { params: { path: { id: vacancy.id } } }));

    // Six candidates apply; HR issues each a link, which goes by email (the outbox), never in the answer.
    const people: { candidateId: string; applicationId: string; link: Caller }[] = [];
    for (let i = 1; i <= 6; i++) {
      const candidate = ok(
        await hr.api.POST('/api/v1/candidates', {
          params: { header: key(`candidate-${i}`) },
          body: { fullName: `Linked Candidate ${i}`, email: `linked.${i}@example.org`, channel: 'job-board' },
        }),
        201,
      );
      const application = ok(
        await hr.api.POST('/api/v1/applications', {
          params: { header: key(`application-${i}`) },
          body: { candidateId: candidate.id, vacancyId: vacancy.id },
        }),
        201,
      );
      const issued = ok(
        await hr.api.POST('/api/v1/candidates/{id}/links', {
          params: { path: { id: candidate.id }, header: key(`link-${i}`) },
        }),
        201,
      );
      expect(issued.purpose).toBe('candidate-link');
      const [email] = await t.dataSource.query<{ link: string }[]>(
        `SELECT personalisation->>'link' AS link FROM notification_outbox WHERE dedupe_key = $1`,
        [`candidate-link:${candidate.id}:${issued.id}`],
      );
      const token = /#token=(cl_.+)$/.exec(email!.link)![1]!;
      people.push({ candidateId: candidate.id, applicationId: application.id, link: connect(baseUrl, token) });
    }

    // Each candidate sees their own name and application, consents (some), answers, and opts in (one).
    for (const [i, person] of people.entries()) {
      const page = ok(await person.link.api.GET('/api/v1/candidate-link'));
      expect(page).toEqual({
        fullName: `Linked Candidate ${i + 1}`,
        applications: [{ id: person.applicationId, vacancyTitle: 'Senior data engineer', stage: 'applied' }],
      });
      if (i % 2 === 0) {
        const consent = await person.link.api.PUT('/api/v1/candidate-link/consent', {
          body: { retentionConsent: true },
        });
        expect(consent.response.status).toBe(204);
      }
      const answered = await person.link.api.PUT('/api/v1/candidate-link/diversity', {
        body: {
          ageBand: '25-34',
          sex: i < 5 ? 'female' : 'male',
          ethnicityGroup: 'white',
          disability: i === 0 ? 'yes' : 'no',
          sexualOrientation: 'heterosexual',
          religion: 'no-religion',
        },
      });
      expect(answered.response.status).toBe(204);
    }
    const optedIn = await people[0]!.link.api.PUT(
      '/api/v1/candidate-link/applications/{applicationId}/disability-confident',
      { params: { path: { applicationId: people[0]!.applicationId } }, body: { optIn: true } },
    );
    expect(optedIn.response.status).toBe(204);
    const adjusted = await people[0]!.link.api.PUT('/api/v1/candidate-link/applications/{applicationId}/adjustments', {
      params: { path: { applicationId: people[0]!.applicationId } },
      body: { needs: 'A screen reader for the exercise' },
    });
    expect(adjusted.response.status).toBe(204);
    // Someone else's application is not there; HR's token is no link, nor a link an access token.
    expectProblem(
      await people[1]!.link.api.PUT('/api/v1/candidate-link/applications/{applicationId}/adjustments', {
        params: { path: { applicationId: people[0]!.applicationId } },
        body: { needs: 'x' },
      }),
      404,
      'application-not-found',
    );
    expectProblem(await hr.api.GET('/api/v1/candidate-link'), 401, 'candidate-link-invalid');
    expectProblem(await people[0]!.link.api.GET('/api/v1/me'), 401, 'unauthenticated');

    // HR sees the opt-in and the adjustments on the application, and the answers only in aggregate.
    const application = ok(
      await hr.api.GET('/api/v1/applications/{id}', { params: { path: { id: people[0]!.applicationId } } }),
    );
    expect(application.disabilityConfident).toBe(true);
    expect(application.adjustments).toBe('A screen reader for the exercise');
    const report = ok(
      await hr.api.GET('/api/v1/recruitment/diversity', { params: { query: { vacancyId: vacancy.id } } }),
    );
    expect(report.total).toBe(6);
    const cells = (category: string) => report.categories.find((c) => c.category === category)!.cells;
    expect(cells('ageBand').find((c) => c.answer === '25-34')).toEqual({
      answer: '25-34',
      count: 6,
      suppressed: false,
    });
    // 5 female, 1 male, nobody preferring not to say: both small cells hidden (two, so the total gives neither away).
    expect(cells('sex')).toEqual([
      { answer: 'female', count: 5, suppressed: false },
      { answer: 'male', count: null, suppressed: true },
      { answer: 'prefer-not-to-say', count: null, suppressed: true },
    ]);
    expect(cells('disability').every((c) => c.suppressed || c.count === null || c.count >= 5)).toBe(true);

    // The subject-access export holds the person's own answers; heads of profession read neither.
    const exported = ok(
      await hr.api.GET('/api/v1/candidates/{id}/export', { params: { path: { id: people[0]!.candidateId } } }),
    );
    expect(exported.tables.diversity_answers).toEqual([expect.objectContaining({ disability: 'yes' })]);
    const hop = await signedInAs('head_of_profession', { roleFamilies: ['data'] });
    expectProblem(await hop.api.GET('/api/v1/recruitment/diversity', { params: { query: {} } }), 403, 'forbidden');
    expectProblem(
      await hop.api.GET('/api/v1/candidates/{id}/export', { params: { path: { id: people[0]!.candidateId } } }),
      404,
      'candidate-not-found',
    );
  });

  it("people insights: HR places staff, a head of profession reads their family's workforce (small cells suppressed) and is refused another's", async () => {
    const hr = await signedInAs('hr');
    const org = await buildOrganisation(hr.api);
    for (let i = 0; i < 6; i++) {
      await hire(hr.api, org, {
        staffNumber: `WF${i}`,
        fullName: `Data engineer ${i}`,
        roleLevelSlug: 'data-engineer',
      });
    }
    await hire(hr.api, org, {
      staffNumber: 'WF6',
      fullName: 'Lead data scientist',
      roleLevelSlug: 'lead-data-scientist',
    });
    await hire(hr.api, org, { staffNumber: 'WF7', fullName: 'Lead developer', roleLevelSlug: 'lead-developer' });

    const hop = await signedInAs('head_of_profession', { roleFamilies: ['data'] });
    const query = { unitId: org.department.id, from: '2026-01-01', to: '2026-06-30', interval: 'quarter' as const };
    const workforce = ok(await hop.api.GET('/api/v1/insights/workforce', { params: { query } }));
    expect(workforce.scope).toBe('families');
    // Seven in the family: shown; the one lead data scientist is hidden, and with them the six (7 − 6 = 1).
    expect(workforce.families).toEqual([expect.objectContaining({ roleFamily: 'data', people: 7, suppressed: false })]);
    expect(workforce.levels.map((l) => [l.roleLevel, l.people, l.suppressed])).toEqual([
      ['data-engineer', null, true],
      ['lead-data-scientist', null, true],
    ]);
    expect(workforce.interimTrend.map((c) => [c.period, c.people])).toEqual([
      ['2026-Q1', 7],
      ['2026-Q2', 7],
    ]);
    expectProblem(
      await hop.api.GET('/api/v1/insights/workforce', { params: { query: { roleFamily: 'software-development' } } }),
      403,
      'insights-people-family-not-allowed',
    );

    // Inclusion: nobody assessed yet, so the seven are all "not assessed"; no pulses for a head of profession.
    const inclusion = ok(
      await hop.api.GET('/api/v1/insights/inclusion', {
        params: { query: { unitId: org.department.id, from: '2026-01-01', to: '2026-06-30' } },
      }),
    );
    expect(inclusion.total).toMatchObject({ people: 7, assessed: 0, notAssessed: 7, suppressed: false });
    expect(inclusion.units.map((u) => [u.unit.code, u.people])).toEqual([['DATA-TEAM', 7]]);
    expect(inclusion.pulses).toBeNull();

    // Learning: nothing completed yet; the uptake of the inclusion packages rests on the seven (0 of 7 is shown).
    const learning = ok(
      await hop.api.GET('/api/v1/insights/learning', {
        params: { query: { unit: org.department.id, from: '2026-01-01', to: '2026-06-30' } },
      }),
    );
    expect(learning.scope).toBe('families');
    expect(learning.byItem).toEqual([]);
    expect(learning.total).toEqual({ people: 0, completions: 0, hours: 0, suppressed: false });
    expect(learning.uptake.find((u) => u.package === 'either')).toEqual({
      package: 'either',
      inScope: 7,
      completed: 0,
      percent: 0,
      suppressed: false,
    });
    expectProblem(
      await hop.api.GET('/api/v1/insights/learning', { params: { query: { roleFamily: 'software-development' } } }),
      403,
      'insights-people-family-not-allowed',
    );
    expect(
      await sheetsOf(
        await hop.api.GET('/api/v1/insights/learning.xlsx', {
          params: { query: { unit: org.department.id, from: '2026-01-01', to: '2026-06-30' } },
          parseAs: 'arrayBuffer',
        }),
      ),
    ).toEqual(expect.arrayContaining(['About', 'Uptake']));
  });
});
