import { Permission } from '@capability/auth';
import { RESULTS_CSV_COLUMNS, RESULTS_EXPORT_PERMISSION } from '@capability/reviews';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewResultsImportResponse } from '../../apps/api/src/reviews/skills/review-results.dto.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

type Auth = { Authorization: string };
const CYCLES = '/api/v1/review-cycles';
const UNIT = '20000000-0000-4000-8000-000000000001';
const HEADER = RESULTS_CSV_COLUMNS.join(',');

interface Level {
  id: string;
  slug: string;
  family: string;
  /** Required skills' slugs, in the framework's order (the CDDO data repeats a few: kept once). */
  skills: string[];
}

/** Two role levels of the current framework version from two families, each requiring three skills or more. */
async function twoLevels(t: TestApp): Promise<[Level, Level]> {
  const rows: Level[] = await t.dataSource.query(
    `SELECT DISTINCT ON (rf.slug) rl.id, rl.slug, rf.slug AS family,
            (SELECT array_agg(sk.slug ORDER BY sk.slug) FROM skills sk
              WHERE sk.id IN (SELECT skill_id FROM skill_requirements WHERE role_level_id = rl.id)) AS skills
       FROM role_levels rl
       JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
       JOIN roles ro ON ro.id = rl.role_id JOIN role_families rf ON rf.id = ro.role_family_id
      WHERE (SELECT count(DISTINCT skill_id) FROM skill_requirements WHERE role_level_id = rl.id) >= 3
      ORDER BY rf.slug, rl.slug LIMIT 2`,
  );
  return [rows[0]!, rows[1]!];
}

/** A skill of the current version that `level` does not require (for an extra skill). */
async function otherSkill(t: TestApp, level: Level): Promise<string> {
  const [row]: { slug: string }[] = await t.dataSource.query(
    `SELECT sk.slug FROM skills sk JOIN framework_versions v ON v.id = sk.version_id AND v.is_current
      WHERE sk.slug <> ALL($1::text[]) ORDER BY sk.slug LIMIT 1`,
    [level.skills],
  );
  return row!.slug;
}

const staffNumber = (n: number): string => `R${String(n).padStart(6, '0')}`;

/** `count` staff in one unit, person n holding levels[n % levels.length]; person 1 manages everyone else. */
async function department(t: TestApp, count: number, levels: Level[]): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO organisation_units (id, code, name, type, parent_id, path)
     VALUES ($1, 'RDEPT', 'Department', 'department', NULL, ARRAY[$1]::uuid[])`,
    [UNIT],
  );
  await t.dataSource.query(
    `INSERT INTO staff (staff_number, full_name, unit_id, employment_type)
     SELECT 'R' || lpad(n::text, 6, '0'), 'Person ' || n, $1, 'permanent' FROM generate_series(1, $2) n`,
    [UNIT, count],
  );
  await t.dataSource.query(
    `UPDATE staff SET line_manager_id = (SELECT id FROM staff WHERE staff_number = 'R000001')
      WHERE staff_number <> 'R000001'`,
  );
  await t.dataSource.query(
    `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on)
     SELECT s.id, ($2::uuid[])[substring(s.staff_number, 2)::int % $3 + 1], true, current_date - 30
       FROM staff s WHERE s.unit_id = $1`,
    [UNIT, levels.map((l) => l.id), levels.length],
  );
}

/** Everything an import may touch, in a stable order: a before/after comparison shows any write. */
async function dump(t: TestApp): Promise<unknown> {
  const [row]: unknown[] = await t.dataSource.query(
    `SELECT (SELECT json_agg(c ORDER BY c.id) FROM review_cycles c) AS cycles,
            (SELECT json_agg(r ORDER BY r.id) FROM skill_reviews r) AS reviews,
            (SELECT json_agg(x ORDER BY x.review_id, x.skill_id) FROM skill_review_ratings x) AS ratings,
            (SELECT count(*) FROM audit_events WHERE action LIKE 'review-cycle.results-imported') AS imports`,
  );
  return row;
}

type Line = Record<(typeof RESULTS_CSV_COLUMNS)[number], string>;

const csvOf = (lines: Partial<Line>[], header = HEADER): string =>
  [header, ...lines.map((l) => header.split(',').map((c) => l[c as keyof Line] ?? ''))]
    .map((cells) => (Array.isArray(cells) ? cells.join(',') : cells))
    .join('\n') + '\n';

describe('skills review results: CSV import and export', () => {
  let t: TestApp;
  let hr: Auth;
  let levels: [Level, Level];
  let cycleId: string;

  const upload = (body: string, query: Record<string, string> = {}, auth: Auth = hr, id = cycleId) =>
    t.http().post(`${CYCLES}/${id}/results/import`).set(auth).set('Content-Type', 'text/csv').query(query).send(body);
  const exportCsv = (auth: Auth = hr, id = cycleId) => t.http().get(`${CYCLES}/${id}/results.csv`).set(auth);
  const exported = async (auth: Auth = hr): Promise<Line[]> => {
    const res = await exportCsv(auth).expect(200);
    return parse<Line>(res.text, { columns: true });
  };

  async function openCycle(staffCount: number): Promise<string> {
    await department(t, staffCount, levels);
    const created = await t
      .http()
      .post(CYCLES)
      .set(hr)
      .send({ name: 'Skills review 2026', unitId: UNIT, opensOn: '2026-04-01', closesOn: '2026-06-30' })
      .expect(201);
    const id = (created.body as { id: string }).id;
    await t.http().post(`${CYCLES}/${id}/open`).set(hr).expect(200);
    return id;
  }

  beforeAll(async () => {
    // A 50,000-row cycle is opened and imported here: on a busy machine a statement can pass the tests' usual 10 s.
    t = await createTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: '60000' });
    levels = await twoLevels(t);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
    cycleId = await openCycle(6);
  });

  it('exports every rating of a newly opened cycle, unrated, in a stable order', async () => {
    const lines = await exported();
    // Person n holds levels[n % 2]: an independent count of the ratings the opening created.
    const expected = [1, 2, 3, 4, 5, 6].flatMap((n) =>
      levels[n % 2]!.skills.map((skill) => ({ staff: staffNumber(n), skill, level: levels[n % 2]!.slug })),
    );
    expect(lines).toHaveLength(expected.length);
    expect(lines.map((l) => `${l.staff_number}/${l.skill_slug}`).sort()).toEqual(
      expected.map((e) => `${e.staff}/${e.skill}`).sort(),
    );
    expect(lines.every((l) => l.self_level === '' && l.validated_level === '' && l.state === 'not_started')).toBe(true);
    expect(lines.find((l) => l.staff_number === staffNumber(1))?.role_level_slug).toBe(levels[1].slug);
    // Sorted by staff number; each person's rows together.
    const order = lines.map((l) => l.staff_number);
    expect(order).toEqual([...order].sort());
    expect((await exportCsv()).text).toBe((await exportCsv()).text);
  });

  it('imports results: levels, an extra skill, calibration flags and review states, audited once with counts', async () => {
    const [a, b] = levels;
    // Person 2 (level a): every skill self-rated and validated, the first two levels apart; plus an extra skill.
    // Person 4 (level a): every skill self-rated → self_assessed. Person 6 (level a): one skill → in_progress.
    // Person 1 (level b): untouched.
    const extra = await otherSkill(t, a);
    const lines: Partial<Line>[] = [
      ...a.skills.map((skill, i) => ({
        staff_number: staffNumber(2),
        skill_slug: skill,
        self_level: i === 0 ? '1' : '3',
        validated_level: '3',
      })),
      { staff_number: staffNumber(2), skill_slug: extra, self_level: '2', validated_level: '' },
      ...a.skills.map((skill) => ({ staff_number: staffNumber(4), skill_slug: skill, self_level: '2' })),
      { staff_number: staffNumber(6), skill_slug: a.skills[0]!, self_level: '4', validated_level: '0' },
    ];
    const res = await upload(csvOf(lines)).expect(201);
    expect(res.body as ReviewResultsImportResponse).toEqual({
      dryRun: false,
      rows: lines.length,
      created: 1,
      updated: lines.length - 1,
      unchanged: 0,
      reviewsChanged: 3,
      statesChanged: 3,
    });

    const stored: {
      staff_number: string;
      skill_slug: string;
      required_level: number | null;
      self_level: number | null;
      validated_level: number | null;
      flagged_for_calibration: boolean;
    }[] = await t.dataSource.query(
      `SELECT s.staff_number, x.skill_slug, x.required_level, x.self_level, x.validated_level, x.flagged_for_calibration
         FROM skill_review_ratings x JOIN skill_reviews r ON r.id = x.review_id JOIN staff s ON s.id = r.staff_id`,
    );
    for (const line of lines) {
      const rating = stored.find((s) => s.staff_number === line.staff_number && s.skill_slug === line.skill_slug);
      const self = line.self_level ? Number(line.self_level) : null;
      const agreed = line.validated_level ? Number(line.validated_level) : null;
      expect(rating).toMatchObject({ self_level: self, validated_level: agreed });
      expect(rating?.flagged_for_calibration).toBe(self !== null && agreed !== null && Math.abs(self - agreed) >= 2);
    }
    expect(stored.find((s) => s.skill_slug === extra)?.required_level).toBeNull();
    const untouched = stored.filter((s) => ![staffNumber(2), staffNumber(4), staffNumber(6)].includes(s.staff_number));
    expect(untouched.every((s) => s.self_level === null && s.validated_level === null)).toBe(true);

    const states: { staff_number: string; state: string; submitted: boolean; validated: boolean; by: string | null }[] =
      await t.dataSource.query(
        `SELECT s.staff_number, r.state, r.submitted_at IS NOT NULL AS submitted,
                r.validated_at IS NOT NULL AS validated, r.validated_by_user_id AS by
           FROM skill_reviews r JOIN staff s ON s.id = r.staff_id ORDER BY s.staff_number`,
      );
    const stateOf = (n: number) => states.find((s) => s.staff_number === staffNumber(n));
    expect(stateOf(2)).toMatchObject({ state: 'validated', submitted: true, validated: true });
    expect(stateOf(4)).toMatchObject({ state: 'self_assessed', submitted: true, validated: false, by: null });
    expect(stateOf(6)).toMatchObject({ state: 'in_progress', validated: false });
    expect(stateOf(1)).toMatchObject({ state: 'not_started' });
    expect(b.skills.length).toBeGreaterThan(0);

    const audit = await auditRows(t, 'review-cycle.results-imported');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.entity_id).toBe(cycleId);
    expect(JSON.parse(audit[0]!.json).details).toEqual({
      rows: lines.length,
      created: 1,
      updated: lines.length - 1,
      unchanged: 0,
      reviewsChanged: 3,
      statesChanged: 3,
    });
    // Counts only: no staff number, skill or level in the trail.
    expect(audit[0]?.json).not.toContain(staffNumber(2));
    expect(audit[0]?.json).not.toContain(extra);

    // The export shows it all back, and importing the export changes nothing.
    const back = await exported();
    expect(back.find((l) => l.staff_number === staffNumber(2) && l.skill_slug === extra)).toMatchObject({
      self_level: '2',
      validated_level: '',
      required_level: '',
      state: 'validated',
    });
  });

  it('export then import is a no-op: every table as it was', async () => {
    const [a] = levels;
    await upload(
      csvOf([
        ...a.skills.map((skill) => ({
          staff_number: staffNumber(2),
          skill_slug: skill,
          self_level: '3',
          validated_level: '1',
        })),
        { staff_number: staffNumber(4), skill_slug: a.skills[1]!, self_level: '0' },
        { staff_number: staffNumber(6), skill_slug: await otherSkill(t, a), validated_level: '4' },
      ]),
    ).expect(201);
    const file = (await exportCsv().expect(200)).text;
    const before = await dump(t);
    const res = await upload(file).expect(201);
    const rows = parse<Line>(file, { columns: true }).length;
    expect(res.body).toEqual({
      dryRun: false,
      rows,
      created: 0,
      updated: 0,
      unchanged: rows,
      reviewsChanged: 0,
      statesChanged: 0,
    });
    const after = (await dump(t)) as { imports: string };
    expect({ ...after, imports: String(Number(after.imports) - 1) }).toEqual(before);
  });

  it('a dry run counts and writes nothing', async () => {
    const [a] = levels;
    const before = await dump(t);
    const res = await upload(
      csvOf(a.skills.map((skill) => ({ staff_number: staffNumber(2), skill_slug: skill, self_level: '2' }))),
      { dryRun: 'true' },
    ).expect(200);
    expect(res.body).toEqual({
      dryRun: true,
      rows: a.skills.length,
      created: 0,
      updated: a.skills.length,
      unchanged: 0,
      reviewsChanged: 1,
    });
    expect(await dump(t)).toEqual(before);
    expect(await auditRows(t, 'review-cycle.results-imported')).toEqual([]);
  });

  it.each([
    ['a staff number with no review in the cycle', { staff_number: 'NOBODY' }, 'staff_number', /NOBODY has no review/],
    ['an unknown skill', { skill_slug: 'no-such-skill' }, 'skill_slug', /No skill "no-such-skill"/],
    ['a level above 4', { self_level: '5' }, 'self_level', /0 to 4/],
    ['a level that is not a number', { validated_level: 'high' }, 'validated_level', /0 to 4/],
    ['a negative level', { self_level: '-1' }, 'self_level', /0 to 4/],
    ['a fractional level', { validated_level: '2.5' }, 'validated_level', /0 to 4/],
    ['an empty staff number', { staff_number: '' }, 'staff_number', /required/],
    ['an empty skill', { skill_slug: '' }, 'skill_slug', /required/],
    ['a staff number with a space', { staff_number: 'R 1' }, 'staff_number', /without spaces/],
  ])(
    'one bad row (%s) among every rating of the cycle writes nothing and names the row and column',
    async (_, bad, column, message) => {
      const [a, b] = levels;
      const lines: Partial<Line>[] = [1, 2, 3, 4, 5, 6].flatMap((n) =>
        levels[n % 2]!.skills.map((skill) => ({ staff_number: staffNumber(n), skill_slug: skill, self_level: '1' })),
      );
      expect(lines.length).toBe(a.skills.length * 3 + b.skills.length * 3);
      const file = [...lines];
      const spoiled = Math.floor(file.length / 2);
      file[spoiled] = { ...file[spoiled], ...bad };
      const before = await dump(t);
      const problem = expectProblem(await upload(csvOf(file)), 422, 'import-invalid');
      expect(problem.errorCount).toBe(1);
      const [error] = problem.errors as { row: number; column: string; message: string }[];
      // The header is row 1.
      expect(error).toMatchObject({ row: spoiled + 2, column });
      expect(error?.message).toMatch(message);
      expect(await dump(t)).toEqual(before);
    },
  );

  it('names the second row of a repeated (staff, skill), an extra skill without a level, and bad cell counts', async () => {
    const [a] = levels;
    const extra = await otherSkill(t, a);
    const body =
      csvOf([
        { staff_number: staffNumber(2), skill_slug: a.skills[0]!, self_level: '1' },
        { staff_number: staffNumber(4), skill_slug: a.skills[0]!, self_level: '1' },
        { staff_number: staffNumber(2), skill_slug: a.skills[0]!, self_level: '2' },
        { staff_number: staffNumber(2), skill_slug: extra },
      ]) + `${staffNumber(2)},${a.skills[1]},1\n`;
    const before = await dump(t);
    const problem = expectProblem(await upload(body), 422, 'import-invalid');
    expect(problem.errors).toEqual([
      {
        row: 4,
        column: 'skill_slug',
        message: `Staff number ${staffNumber(2)} and skill ${a.skills[0]} are also on row 2`,
      },
      { row: 5, column: 'self_level', message: 'An extra skill (one the role level does not require) needs a level' },
      { row: 6, column: null, message: `Expected ${RESULTS_CSV_COLUMNS.length} cells, found 3` },
    ]);
    expect(await dump(t)).toEqual(before);
  });

  it('checks the header: unknown, repeated and missing columns; the export-only columns are optional', async () => {
    const bad = await upload('staff_number,skill_slug,skill_slug,colour\n');
    const problem = expectProblem(bad, 422, 'import-invalid');
    expect((problem.errors as { column: string }[]).map((e) => e.column).sort()).toEqual(
      ['colour', 'self_level', 'skill_slug', 'validated_level'].sort(),
    );
    const [a] = levels;
    const minimal = `skill_slug,SELF_LEVEL,staff_number,validated_level\n${a.skills[0]},2,${staffNumber(2)},\n`;
    expect((await upload(minimal).expect(201)).body).toMatchObject({ rows: 1, updated: 1 });
    expectProblem(await upload(''), 422, 'import-invalid');
  });

  it('refuses a closed cycle (409) and a draft (409), writing nothing; a closed cycle still exports', async () => {
    const [a] = levels;
    const file = csvOf([{ staff_number: staffNumber(2), skill_slug: a.skills[0]!, self_level: '3' }]);
    await t.http().post(`${CYCLES}/${cycleId}/close`).set(hr).expect(200);
    const before = await dump(t);
    expectProblem(await upload(file), 409, 'review-cycle-closed');
    expect(await dump(t)).toEqual(before);
    expect((await exported()).length).toBeGreaterThan(0);

    const draft = await t
      .http()
      .post(CYCLES)
      .set(hr)
      .send({ name: 'Next year', unitId: UNIT, opensOn: '2027-04-01', closesOn: '2027-06-30' })
      .expect(201);
    const draftId = (draft.body as { id: string }).id;
    expectProblem(await upload(file, {}, hr, draftId), 409, 'review-cycle-not-open');
    expect((await exportCsv(hr, draftId).expect(200)).text).toBe(`${HEADER}\n`);
    const unknown = '30000000-0000-4000-8000-000000000009';
    expectProblem(await upload(file, {}, hr, unknown), 404, 'review-cycle-not-found');
    expectProblem(await exportCsv(hr, unknown), 404, 'review-cycle-not-found');
  });

  it('scopes the export: heads of profession get their families only; staff and line managers are refused', async () => {
    const [a, b] = levels;
    const hop = (await signedIn(t, { roles: ['head_of_profession'], roleFamilies: [b.family] })).auth;
    const lines = await exported(hop);
    // Persons 1, 3 and 5 hold level b (n % 2 = 1).
    expect(new Set(lines.map((l) => l.staff_number))).toEqual(new Set([1, 3, 5].map(staffNumber)));
    expect(lines).toHaveLength(b.skills.length * 3);
    expect(lines.every((l) => l.role_level_slug === b.slug)).toBe(true);
    expect(a.family).not.toBe(b.family);

    const [manager]: { id: string }[] = await t.dataSource.query(`SELECT id FROM staff WHERE staff_number = 'R000001'`);
    const lineManager = (await signedIn(t, { roles: ['staff'], staffId: manager!.id })).auth;
    expectProblem(await exportCsv(lineManager), 403, 'forbidden');
    expectProblem(await upload(csvOf([]), {}, lineManager), 403, 'forbidden');
    expectProblem(await upload(csvOf([]), {}, hop), 403, 'forbidden');
    const admin = (await signedIn(t, { roles: ['admin'] })).auth;
    expect((await exported(admin)).length).toBe(a.skills.length * 3 + b.skills.length * 3);
    expect(await auditRows(t, 'review-cycle.results-exported')).toHaveLength(2);
  });

  it('escapes formula-like staff numbers in the export and reads them back', async () => {
    await t.dataSource.query(`UPDATE staff SET staff_number = '=R2' WHERE staff_number = $1`, [staffNumber(2)]);
    const file = (await exportCsv().expect(200)).text;
    expect(file).toContain("'=R2,");
    const [a] = levels;
    const res = await upload(csvOf([{ staff_number: "'=R2", skill_slug: a.skills[0]!, self_level: '4' }])).expect(201);
    expect(res.body).toMatchObject({ updated: 1 });
    const again = (await exportCsv().expect(200)).text;
    expect(again).toContain(`'=R2,${a.skills[0]},4,`);
    expect((await upload(again).expect(201)).body).toMatchObject({ updated: 0, created: 0 });
  });

  it('names the export permission as auth does', () => {
    expect(RESULTS_EXPORT_PERMISSION).toBe(Permission.ReviewResultsExport);
  });

  it('asks for text/csv (415) and a uuid (400)', async () => {
    expectProblem(
      await t.http().post(`${CYCLES}/${cycleId}/results/import`).set(hr).send({ rows: [] }),
      415,
      'unsupported-media-type',
    );
    expectProblem(await upload('x', {}, hr, 'not-a-uuid'), 400, 'bad-request');
  });

  it('streams a 50,000-row import and its export without error', async () => {
    await t.reset();
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
    const perPerson = (levels[0].skills.length + levels[1].skills.length) / 2;
    cycleId = await openCycle(Math.ceil(50_000 / perPerson));
    const lines = await exported();
    expect(lines.length).toBeGreaterThanOrEqual(50_000);
    const rated = lines.map((l, i) => ({ ...l, self_level: String(i % 5), validated_level: String((i + 2) % 5) }));
    const res = await upload(csvOf(rated)).expect(201);
    expect(res.body).toMatchObject({ rows: lines.length, updated: lines.length, created: 0 });
    const [flags]: { flagged: number; validated: number }[] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE flagged_for_calibration)::int AS flagged,
              count(*) FILTER (WHERE validated_level IS NOT NULL)::int AS validated FROM skill_review_ratings`,
    );
    // i % 5 and (i + 2) % 5 differ by 2 or 3 for every i: every rating is flagged.
    expect(flags).toEqual({ flagged: lines.length, validated: lines.length });
    const back = await exported();
    expect(back.every((l) => l.state === 'validated')).toBe(true);
    expect(back.map((l) => `${l.staff_number}/${l.skill_slug}/${l.self_level}/${l.validated_level}`)).toEqual(
      rated.map((l) => `${l.staff_number}/${l.skill_slug}/${l.self_level}/${l.validated_level}`),
    );
  }, 120_000);
});
