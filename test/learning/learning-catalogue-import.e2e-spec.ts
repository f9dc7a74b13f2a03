import { CATALOGUE_CSV_COLUMNS } from '@capability/learning';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogueImportResponse } from '../../apps/api/src/learning/catalogue/learning-items.dto.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { familyAndOutsider, ITEMS, type Auth } from './learning-fixtures.js';

type Line = Record<(typeof CATALOGUE_CSV_COLUMNS)[number], string>;
const HEADER = CATALOGUE_CSV_COLUMNS.join(',');

const quote = (cell: string): string => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const csvOf = (lines: Partial<Line>[]): string =>
  [HEADER, ...lines.map((l) => CATALOGUE_CSV_COLUMNS.map((c) => quote(l[c] ?? '')).join(','))].join('\n') + '\n';

describe('learning catalogue: CSV import and export', () => {
  let t: TestApp;
  let hr: Auth;
  let fx: { family: string; inside: string[]; outside: string };

  const upload = (body: string, query: Record<string, string> = {}, auth: Auth = hr) =>
    t.http().post(`${ITEMS}/import`).set(auth).set('Content-Type', 'text/csv').query(query).send(body);
  const exportCsv = (auth: Auth = hr) => t.http().get(`${ITEMS}/export.csv`).set(auth);

  /** Everything an import may touch, in a stable order: a before/after comparison shows any write. */
  async function dump(): Promise<unknown> {
    const [row]: unknown[] = await t.dataSource.query(
      `SELECT (SELECT json_agg(i ORDER BY i.code) FROM learning_items i) AS items,
              (SELECT json_agg(s ORDER BY s.item_id, s.skill_slug) FROM learning_item_skills s) AS skills,
              (SELECT count(*) FROM audit_events WHERE action = 'learning-catalogue.imported') AS imports`,
    );
    return row;
  }

  function lines(): Partial<Line>[] {
    const [a, b] = fx.inside as [string, string];
    return [
      {
        code: 'CSL-DATA-101',
        title: 'Data engineering foundations',
        provider_kind: 'civil_service_learning',
        provider: 'Civil Service Learning',
        format: 'course',
        hours: '7.5',
        url: 'https://learning.example/data-101',
        description: 'Pipelines, "quality" and storage, with exercises',
        skills: `${a}:2;${b}:1`,
      },
      {
        code: 'INC-AWARE',
        title: 'Digital Awareness',
        provider_kind: 'in_house',
        provider: 'Digital inclusion team',
        format: 'e_learning',
        hours: '2',
        inclusion_package: 'digital-awareness',
      },
      {
        code: 'EVT-SHOW-1',
        title: '=Show and tell',
        provider_kind: 'in_house',
        provider: 'Digital team',
        format: 'event',
        starts_at: '2026-03-02T10:00:00.000Z',
        ends_at: '2026-03-02T11:30:00.000Z',
        location: 'Leeds hub',
        skills: `${a}:1`,
        active: 'false',
      },
    ];
  }

  beforeAll(async () => {
    t = await createTestApp();
    fx = await familyAndOutsider(t);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
  });

  it('imports items, a dry run writes nothing, export then import is a no-op', async () => {
    const file = csvOf(lines());
    const dry = await upload(file, { dryRun: 'true' }).expect(200);
    expect(dry.body as CatalogueImportResponse).toEqual({
      dryRun: true,
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    expect(await t.dataSource.query('SELECT 1 FROM learning_items')).toEqual([]);

    const res = await upload(file).expect(201);
    expect(res.body as CatalogueImportResponse).toEqual({
      dryRun: false,
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    const audit = await auditRows(t, 'learning-catalogue.imported');
    expect(audit).toHaveLength(1);

    const list = (await t.http().get(ITEMS).set(hr).expect(200)).body as {
      items: {
        code: string;
        active: boolean;
        countsTowardsInclusion: boolean;
        skills: { slug: string; level: number }[];
      }[];
    };
    const byCode = new Map(list.items.map((i) => [i.code, i]));
    expect(byCode.get('INC-AWARE')).toMatchObject({ countsTowardsInclusion: true, active: true });
    expect(byCode.get('EVT-SHOW-1')).toMatchObject({ active: false });
    expect(
      byCode
        .get('CSL-DATA-101')
        ?.skills.map((s) => `${s.slug}:${s.level}`)
        .sort(),
    ).toEqual(lines()[0]!.skills!.split(';').sort());

    const exported = (await exportCsv().expect(200)).text;
    expect(exported.split('\n')[0]).toBe(HEADER);
    const rows = parse<Line>(exported, { columns: true });
    expect(rows.map((r) => r.code)).toEqual(['CSL-DATA-101', 'EVT-SHOW-1', 'INC-AWARE']);
    // A cell a spreadsheet would run as a formula is escaped, and read back without the apostrophe.
    expect(rows.find((r) => r.code === 'EVT-SHOW-1')?.title).toBe("'=Show and tell");
    const before = await dump();
    const again = await upload(exported).expect(201);
    expect(again.body as CatalogueImportResponse).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const after = (await dump()) as { imports: string };
    expect({ ...after, imports: null }).toEqual({ ...(before as object), imports: null });
  });

  it('updates an item matched by code: fields and skills replaced, version moved on', async () => {
    await upload(csvOf(lines())).expect(201);
    const changed = lines();
    changed[0] = { ...changed[0], title: 'Data engineering foundations (2026)', skills: `${fx.inside[0]}:3` };
    const res = await upload(csvOf(changed)).expect(201);
    expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const [item]: { title: string; version: number; skills: string }[] = await t.dataSource.query(
      `SELECT i.title, i.version, (SELECT string_agg(skill_slug || ':' || level, ';') FROM learning_item_skills
                                    WHERE item_id = i.id) AS skills
         FROM learning_items i WHERE code = 'CSL-DATA-101'`,
    );
    expect(item).toEqual({ title: 'Data engineering foundations (2026)', version: 2, skills: `${fx.inside[0]}:3` });
  });

  it.each([
    ['an unknown skill', { skills: 'no-such-skill:2' }, 'skills', /No skill "no-such-skill"/],
    ['a level above 4', { skills: 'data-x:5' }, 'skills', /level from 1 to 4/],
    ['a bad format', { format: 'podcast' }, 'format', /format must be one of/],
    ['no title', { title: '' }, 'title', /title is required/],
    ['bad hours', { hours: '-3' }, 'hours', /hours must be/],
    [
      'an event without a location',
      { format: 'event', starts_at: '2026-01-01T10:00:00Z', ends_at: '2026-01-01T11:00:00Z' },
      'location',
      /event needs/,
    ],
    ['a course with a date', { starts_at: '2026-01-01T10:00:00Z' }, 'starts_at', /Only an event/],
    ['a bad code', { code: 'lower-case' }, 'code', /code must be/],
    ['a bad boolean', { active: 'yes' }, 'active', /true or false/],
  ])('a file with one bad row (%s) writes nothing and names the row and column', async (_, spoil, column, message) => {
    await upload(csvOf(lines())).expect(201);
    const before = await dump();
    const file = lines();
    file.splice(1, 0, { ...lines()[0], code: 'NEW-ITEM', ...spoil });
    const problem = expectProblem(await upload(csvOf(file)), 422, 'import-invalid');
    expect(problem.errorCount).toBe(1);
    const [error] = problem.errors as { row: number; column: string; message: string }[];
    // The header is row 1; the spoiled row is the second data row.
    expect(error).toMatchObject({ row: 3, column });
    expect(error?.message).toMatch(message);
    expect(await dump()).toEqual(before);
  });

  it('reports every bad row: a duplicate code, ragged rows, an unknown header', async () => {
    const file = csvOf([...lines(), { ...lines()[0] }]) + 'ONE,two\n';
    const problem = expectProblem(await upload(file), 422, 'import-invalid');
    expect(problem.errors).toEqual([
      { row: 5, column: 'code', message: 'Code CSL-DATA-101 is also on row 2' },
      { row: 6, column: null, message: `Expected ${CATALOGUE_CSV_COLUMNS.length} cells, found 2` },
    ]);
    const bad = expectProblem(await upload(`${HEADER},colour\n`), 422, 'import-invalid');
    expect((bad.errors as { column: string }[]).map((e) => e.column)).toEqual(['colour']);
    expectProblem(await upload(''), 422, 'import-invalid');
    expect(await t.dataSource.query('SELECT 1 FROM learning_items')).toEqual([]);
  });

  it('only HR and admins import; heads of profession export too; staff do neither', async () => {
    const staff = (await signedIn(t, { roles: ['staff'] })).auth;
    const hop = (await signedIn(t, { roles: ['head_of_profession'], roleFamilies: [fx.family] })).auth;
    const admin = (await signedIn(t, { roles: ['admin'] })).auth;
    expectProblem(await upload(csvOf(lines()), {}, staff), 403, 'forbidden');
    expectProblem(await upload(csvOf(lines()), {}, hop), 403, 'forbidden');
    await upload(csvOf(lines()), {}, admin).expect(201);
    expectProblem(await exportCsv(staff), 403, 'forbidden');
    await exportCsv(hop).expect(200);
    const exports = await auditRows(t, 'learning-catalogue.exported');
    expect(exports).toHaveLength(1);
  });
});
