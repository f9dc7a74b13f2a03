import { Permission } from '@capability/auth';
import { PeopleInsightsPermission, WORKFORCE_CSV_COLUMNS } from '@capability/insights';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import {
  addDays,
  API,
  asCsvRecord,
  chainOf,
  daysBetween,
  expectedHidden,
  inPostOn,
  insertPerson,
  levelOn,
  levelsOf,
  parseCsv,
  pct,
  rng,
  twoFamilies,
  unit,
  type Auth,
  type Level,
  type Person,
} from './people-support.js';
import { aboutOf, cell, expectWorkbookShape, getXlsx, readXlsx, type Sheet } from './xlsx-support.js';

const WORKFORCE = `${API}/insights/workforce`;
const K = 5;
const FROM = '2025-07-01';
const TO = '2026-06-30';

interface Post {
  unitId: string;
  level: Level;
  funded: number;
  startsOn: string;
  endsOn: string | null;
}
interface Vacancy {
  unitId: string;
  level: Level;
  posts: number;
  state: 'open' | 'closed';
}
interface World {
  units: string[];
  levels: Level[];
  people: Person[];
  posts: Post[];
  vacancies: Vacancy[];
  managerId: string;
}

interface Options {
  unitIds: Set<string>;
  from: string;
  to: string;
  interval: 'month' | 'quarter';
  roleFamily: string | null;
  families: string[] | null;
  chain: Set<string> | null;
  unitId: string | null;
  scope: 'all' | 'families' | 'chain';
}

/** The periods of [from, to], written out month by month. */
function expectedPeriods(from: string, to: string, interval: 'month' | 'quarter'): { period: string; day: string }[] {
  const out: { period: string; day: string }[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  if (interval === 'quarter') m = Math.floor((m - 1) / 3) * 3 + 1;
  const step = interval === 'month' ? 1 : 3;
  for (;;) {
    const first = `${y}-${String(m).padStart(2, '0')}-01`;
    if (first > to) break;
    let ny = y;
    let nm = m + step;
    if (nm > 12) {
      nm -= 12;
      ny += 1;
    }
    const last = addDays(`${ny}-${String(nm).padStart(2, '0')}-01`, -1);
    out.push({
      period: interval === 'month' ? first.slice(0, 7) : `${y}-Q${(m - 1) / 3 + 1}`,
      day: last < to ? last : to,
    });
    y = ny;
    m = nm;
  }
  return out;
}

/** The whole report worked out from the generated rows. */
function expectedReport(w: World, o: Options) {
  const famOk = (f: string) =>
    (o.roleFamily === null || f === o.roleFamily) && (o.families === null || o.families.includes(f));
  const counted = (p: Person) => o.unitIds.has(p.unitId) && (o.chain === null || o.chain.has(p.id));
  const establishment = o.scope !== 'chain';
  type C = { funded: number; inPost: number; interimInPost: number; openVacancyPosts: number };
  const bySlug = new Map<string, { level: Level; c: C }>();
  const at = (level: Level) => {
    const e = bySlug.get(level.slug) ?? { level, c: { funded: 0, inPost: 0, interimInPost: 0, openVacancyPosts: 0 } };
    bySlug.set(level.slug, e);
    return e.c;
  };
  for (const p of w.posts) {
    if (o.unitIds.has(p.unitId) && p.startsOn <= o.to && (p.endsOn === null || p.endsOn > o.to)) {
      at(p.level).funded += p.funded;
    }
  }
  for (const p of w.people) {
    const level = levelOn(p, o.to);
    if (!counted(p) || !inPostOn(p, o.to) || !level) continue;
    if (p.employment === 'interim' || p.employment === 'contractor') at(level).interimInPost++;
    else at(level).inPost++;
  }
  for (const v of w.vacancies) {
    if (v.state === 'open' && o.unitIds.has(v.unitId)) at(v.level).openVacancyPosts += v.posts;
  }
  const rows = [...bySlug.values()]
    .filter((e) => famOk(e.level.family))
    .sort((a, b) =>
      a.level.family !== b.level.family
        ? a.level.family < b.level.family
          ? -1
          : 1
        : a.level.role !== b.level.role
          ? a.level.role < b.level.role
            ? -1
            : 1
          : a.level.slug < b.level.slug
            ? -1
            : 1,
    );
  const hiddenFigures = {
    people: null,
    inPost: null,
    interimInPost: null,
    interimSharePercent: null,
    funded: null,
    openVacancyPosts: null,
    suppressed: true,
  };
  const shown = (c: C) => ({
    people: c.inPost + c.interimInPost,
    inPost: c.inPost,
    interimInPost: c.interimInPost,
    interimSharePercent: pct(c.interimInPost, c.inPost + c.interimInPost),
    funded: establishment ? c.funded : null,
    openVacancyPosts: establishment ? c.openVacancyPosts : null,
    suppressed: false,
  });
  const familyNames = [...new Set(rows.map((r) => r.level.family))];
  const familySums = familyNames.map((f) =>
    rows
      .filter((r) => r.level.family === f)
      .reduce(
        (a, r) => ({
          funded: a.funded + r.c.funded,
          inPost: a.inPost + r.c.inPost,
          interimInPost: a.interimInPost + r.c.interimInPost,
          openVacancyPosts: a.openVacancyPosts + r.c.openVacancyPosts,
        }),
        { funded: 0, inPost: 0, interimInPost: 0, openVacancyPosts: 0 },
      ),
  );
  const famHidden = expectedHidden(
    familySums.map((c) => c.inPost + c.interimInPost),
    K,
  );
  const levels = familyNames.flatMap((f, fi) => {
    const mine = rows.filter((r) => r.level.family === f);
    // Every level of a hidden family is hidden too (they would add up to it); levels of no one have nothing to hide.
    const hidden = famHidden.has(fi)
      ? new Set(mine.map((r, i) => (r.c.inPost + r.c.interimInPost > 0 ? i : -1)).filter((i) => i >= 0))
      : expectedHidden(
          mine.map((r) => r.c.inPost + r.c.interimInPost),
          K,
        );
    return mine.map((r, i) => ({
      roleFamily: f,
      role: r.level.role,
      roleLevel: r.level.slug,
      roleLevelName: r.level.name,
      ...(hidden.has(i) ? hiddenFigures : shown(r.c)),
    }));
  });
  const total = familySums.reduce(
    (a, c) => ({
      funded: a.funded + c.funded,
      inPost: a.inPost + c.inPost,
      interimInPost: a.interimInPost + c.interimInPost,
      openVacancyPosts: a.openVacancyPosts + c.openVacancyPosts,
    }),
    { funded: 0, inPost: 0, interimInPost: 0, openVacancyPosts: 0 },
  );
  const totalPeople = total.inPost + total.interimInPost;

  const interimTrend = expectedPeriods(o.from, o.to, o.interval).flatMap(({ period, day }) => {
    const byFamily = new Map<string, { people: number; interim: number }>();
    for (const p of w.people) {
      const level = levelOn(p, day);
      if (!counted(p) || !inPostOn(p, day) || !level || !famOk(level.family)) continue;
      const e = byFamily.get(level.family) ?? { people: 0, interim: 0 };
      e.people++;
      if (p.employment === 'interim' || p.employment === 'contractor') e.interim++;
      byFamily.set(level.family, e);
    }
    const cells = [...byFamily].sort(([a], [b]) => (a < b ? -1 : 1));
    const hidden = expectedHidden(
      cells.map(([, e]) => e.people),
      K,
    );
    return cells.map(([roleFamily, e], i) =>
      hidden.has(i)
        ? {
            period,
            day,
            roleFamily,
            people: null,
            interimAndContractor: null,
            interimSharePercent: null,
            suppressed: true,
          }
        : {
            period,
            day,
            roleFamily,
            people: e.people,
            interimAndContractor: e.interim,
            interimSharePercent: pct(e.interim, e.people),
            suppressed: false,
          },
    );
  });

  const movement = (date: (p: Person) => string | null, roleDay: (d: string) => string) => {
    const byFamily = new Map<string, number>();
    for (const p of w.people) {
      const d = date(p);
      if (!counted(p) || d === null || d < o.from || d > o.to) continue;
      const level = levelOn(p, roleDay(d));
      if (!level || !famOk(level.family)) continue;
      byFamily.set(level.family, (byFamily.get(level.family) ?? 0) + 1);
    }
    const cells = [...byFamily].sort(([a], [b]) => (a < b ? -1 : 1));
    const hidden = expectedHidden(
      cells.map(([, n]) => n),
      K,
    );
    return cells.map(([roleFamily, n], i) =>
      hidden.has(i) ? { roleFamily, people: null, suppressed: true } : { roleFamily, people: n, suppressed: false },
    );
  };

  return {
    k: K,
    scope: o.scope,
    roleFamily: o.roleFamily,
    unitId: o.unitId,
    from: o.from,
    to: o.to,
    interval: o.interval,
    levels,
    families: familyNames.map((roleFamily, i) => ({
      roleFamily,
      ...(famHidden.has(i) ? hiddenFigures : shown(familySums[i]!)),
    })),
    total: totalPeople > 0 && totalPeople < K ? hiddenFigures : shown(total),
    interimTrend,
    joiners: movement(
      (p) => p.startDate,
      (d) => d,
    ),
    leavers: movement(
      (p) => p.leavingDate,
      (d) => addDays(d, -1),
    ),
  };
}

type Report = ReturnType<typeof expectedReport>;

type Rows = Record<string, unknown>[];

/** The workbook holds the JSON's tables, cell for cell (a null figure an empty cell). */
function expectWorkforceXlsx(sheets: Record<string, Sheet>, report: Report): void {
  const json = report as unknown as Record<'levels' | 'families' | 'interimTrend' | 'joiners' | 'leavers', Rows> & {
    total: Record<string, unknown>;
    from: string;
    to: string;
    interval: string;
    k: number;
  };
  expectWorkbookShape(sheets, ['Levels', 'Families', 'Total', 'Interim trend', 'Joiners', 'Leavers']);
  expect(aboutOf(sheets)).toMatchObject({
    Report: 'Workforce',
    Period: `${json.from} to ${json.to} (by ${json.interval})`,
    'k (fewest people shown)': json.k,
  });
  const hc = (f: Record<string, unknown>) => [
    cell(f.people),
    cell(f.inPost),
    cell(f.interimInPost),
    cell(f.interimSharePercent),
    cell(f.funded),
    cell(f.openVacancyPosts),
    f.suppressed,
  ];
  expect(sheets.Levels!.rows).toEqual(
    json.levels.map((l) => [l.roleFamily, l.role, l.roleLevel, l.roleLevelName, ...hc(l)]),
  );
  expect(sheets.Families!.rows).toEqual(json.families.map((f) => [f.roleFamily, ...hc(f)]));
  expect(sheets.Total!.rows).toEqual([hc(json.total)]);
  expect(sheets['Interim trend']!.rows).toEqual(
    json.interimTrend.map((c) => [
      c.period,
      c.day,
      c.roleFamily,
      cell(c.people),
      cell(c.interimAndContractor),
      cell(c.interimSharePercent),
      c.suppressed,
    ]),
  );
  expect(sheets.Joiners!.rows).toEqual(json.joiners.map((m) => [m.roleFamily, cell(m.people), m.suppressed]));
  expect(sheets.Leavers!.rows).toEqual(json.leavers.map((m) => [m.roleFamily, cell(m.people), m.suppressed]));
}

describe('insights: workforce', () => {
  let t: TestApp;
  let w: World;
  let root: string;
  let childA: string;
  let families: [string, string];
  let as: Record<'hr' | 'admin' | 'hop' | 'manager' | 'staff' | 'unlinked', Auth>;

  beforeAll(async () => {
    t = await createTestApp();
    const random = rng(16_001);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    families = await twoFamilies(t, 3);
    const levels = [...(await levelsOf(t, families[0], 3)), ...(await levelsOf(t, families[1], 2))];
    root = await unit(t, 'WF-ROOT');
    childA = await unit(t, 'WF-A', root);
    const units = [root, childA, await unit(t, 'WF-B', root), await unit(t, 'WF-A1', childA)];
    const [grade] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM grades ORDER BY code LIMIT 1');
    const hr = await signedIn(t, { roles: ['hr'] });

    const people: Person[] = [];
    const employments = [
      'permanent',
      'permanent',
      'permanent',
      'permanent',
      'fixed_term',
      'apprentice',
      'secondee',
      'interim',
      'interim',
      'contractor',
    ];
    for (let i = 0; i < 150; i++) {
      const startDate =
        random() < 0.1 ? null : addDays('2023-01-01', Math.floor(random() * daysBetween('2023-01-01', '2026-09-30')));
      let leavingDate: string | null = null;
      if (random() < 0.3) {
        const earliest = startDate && startDate > '2024-06-01' ? startDate : '2024-06-01';
        leavingDate = addDays(earliest, 1 + Math.floor(random() * Math.max(1, daysBetween(earliest, '2026-12-01'))));
      }
      const roles: Person['roles'] = [];
      if (random() > 0.05) {
        const first = startDate ?? '2022-06-01';
        if (random() < 0.4) {
          const second = addDays(first, 1 + Math.floor(random() * Math.max(1, daysBetween(first, '2026-10-01'))));
          roles.push(
            { level: pick(levels), startsOn: first, endsOn: second },
            { level: pick(levels), startsOn: second, endsOn: null },
          );
        } else {
          roles.push({ level: pick(levels), startsOn: first, endsOn: null });
        }
      }
      const lineManagerId = i >= 1 && i <= 12 ? people[0]!.id : i >= 13 && i <= 20 ? people[1]!.id : null;
      people.push(
        await insertPerson(
          t,
          { unitId: pick(units), employment: pick(employments), startDate, leavingDate, lineManagerId, roles },
          i,
        ),
      );
    }
    const posts: Post[] = [];
    for (const u of units) {
      for (const level of levels) {
        if (random() < 0.3) continue;
        const startsOn = pick(['2024-01-01', '2025-01-01', '2026-08-01']);
        const endsOn = pick([null, '2026-03-01', '2027-01-01'].filter((e) => e === null || e > startsOn));
        const funded = 1 + Math.floor(random() * 8);
        await t.dataSource.query(
          `INSERT INTO establishment_posts (unit_id, role_level_id, grade_id, funded_posts, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5, $6)`,
          [u, level.id, grade!.id, funded, startsOn, endsOn],
        );
        posts.push({ unitId: u, level, funded, startsOn, endsOn });
      }
    }
    const [campaign] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO campaigns (title, kind, owner_user_id, starts_on, ends_on, target_hires, state, opened_at)
       VALUES ('Workforce test', 'specialist', $1, current_date - 200, current_date + 200, 5, 'open', now()) RETURNING id`,
      [hr.user.id],
    );
    const vacancies: Vacancy[] = [];
    for (const u of units) {
      for (const level of levels) {
        const r = random();
        if (r > 0.45) continue;
        const state = r < 0.3 ? 'open' : 'closed';
        const posts = 1 + Math.floor(random() * 3);
        await t.dataSource.query(
          `INSERT INTO vacancies (campaign_id, title, role_level_id, grade_id, unit_id, posts, salary_min, salary_max, closes_on,
                                  required_checks, state, opened_at, closed_at)
           VALUES ($1, 'Generated', $2, $3, $4, $5, 40000, 50000, current_date + 30, ARRAY['right-to-work'], $6::varchar,
                   now(), CASE WHEN $6 = 'closed' THEN now() END)`,
          [campaign!.id, level.id, grade!.id, u, posts, state],
        );
        vacancies.push({ unitId: u, level, posts, state });
      }
    }
    w = { units, levels, people, posts, vacancies, managerId: people[0]!.id };
    as = {
      hr: hr.auth,
      admin: (await signedIn(t, { roles: ['admin'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: [families[0]] })).auth,
      manager: (await signedIn(t, { roles: ['staff'], staffId: w.managerId })).auth,
      staff: (await signedIn(t, { roles: ['staff'], staffId: people[30]!.id })).auth,
      unlinked: (await signedIn(t, { roles: ['staff'] })).auth,
    };
  }, 120_000);
  afterAll(async () => t?.close());

  const base = (over: Partial<Options> = {}): Options => ({
    unitIds: new Set(w.units),
    from: FROM,
    to: TO,
    interval: 'month',
    roleFamily: null,
    families: null,
    chain: null,
    unitId: root,
    scope: 'all',
    ...over,
  });
  const read = async (auth: Auth, query: Record<string, string>) => {
    const res = await t.http().get(WORKFORCE).query(query).set(auth);
    expect(res.status, res.text).toBe(200);
    return res.body as Report;
  };

  it('keeps its permission names equal to auth', () => {
    expect(PeopleInsightsPermission.InsightsWorkforceRead).toBe(Permission.InsightsWorkforceRead);
    expect(PeopleInsightsPermission.InsightsInclusionRead).toBe(Permission.InsightsInclusionRead);
  });

  it('answers HR and admins with every figure, as worked out independently from the rows', async () => {
    const expected = expectedReport(w, base());
    const body = await read(as.hr, { unitId: root, from: FROM, to: TO });
    expect(body).toEqual(expected);
    expect(await read(as.admin, { unitId: root, from: FROM, to: TO })).toEqual(expected);
    // The data exercise what the report is about: both families, interim staff, suppressed and shown cells.
    expect(body.families.map((f) => f.roleFamily)).toEqual([...families].sort());
    expect(body.total.people).toBeGreaterThan(40);
    expect(body.total.interimInPost).toBeGreaterThan(5);
    expect(body.levels).toHaveLength(5);
    expect(body.total.funded).toBeGreaterThan(0);
    expect(body.total.openVacancyPosts).toBeGreaterThan(0);
    expect(body.interimTrend).toHaveLength(12 * 2);
    expect(body.joiners.some((j) => !j.suppressed) && body.leavers.some((l) => !l.suppressed)).toBe(true);
  });

  it('narrows to a subtree, a family, a range by quarter', async () => {
    const subtree = new Set([childA, w.units[3]!]);
    expect(await read(as.hr, { unitId: childA, from: FROM, to: TO })).toEqual(
      expectedReport(w, base({ unitIds: subtree, unitId: childA })),
    );
    expect(
      await read(as.hr, {
        unitId: root,
        roleFamily: families[1],
        from: '2024-11-15',
        to: '2026-02-10',
        interval: 'quarter',
      }),
    ).toEqual(
      expectedReport(w, base({ roleFamily: families[1], from: '2024-11-15', to: '2026-02-10', interval: 'quarter' })),
    );
  });

  it('gives a head of profession their families only, and 403 for another', async () => {
    expect(await read(as.hop, { unitId: root, from: FROM, to: TO })).toEqual(
      expectedReport(w, base({ families: [families[0]], scope: 'families' })),
    );
    expectProblem(
      await t.http().get(WORKFORCE).query({ roleFamily: families[1] }).set(as.hop),
      403,
      'insights-people-family-not-allowed',
    );
  });

  it('gives a line manager their reporting chain in aggregate, without the establishment', async () => {
    const chain = chainOf(w.people, w.managerId);
    expect(chain.size).toBe(20);
    const body = await read(as.manager, { unitId: root, from: FROM, to: TO });
    expect(body).toEqual(expectedReport(w, base({ chain, scope: 'chain' })));
    expect(body.levels.every((l) => l.funded === null && l.openVacancyPosts === null)).toBe(true);
  });

  it('refuses staff who manage nobody, and users without a staff record', async () => {
    for (const auth of [as.staff, as.unlinked]) {
      expectProblem(await t.http().get(WORKFORCE).set(auth), 403, 'forbidden');
    }
    expect((await t.http().get(WORKFORCE)).status).toBe(401);
  });

  it('suppresses a small level and, so the family total gives nothing away, its sibling (JSON and CSV)', async () => {
    const diff = await unit(t, 'WF-DIFF');
    const [big, tiny] = w.levels;
    const extra: Person[] = [];
    for (let i = 0; i < 9; i++) {
      extra.push(
        await insertPerson(
          t,
          {
            unitId: diff,
            employment: i === 0 ? 'interim' : 'permanent',
            startDate: '2020-01-01',
            leavingDate: null,
            lineManagerId: null,
            roles: [{ level: i < 7 ? big! : tiny!, startsOn: '2020-01-01', endsOn: null }],
          },
          1000 + i,
        ),
      );
    }
    const query = { unitId: diff, from: FROM, to: TO };
    const body = await read(as.hr, query);
    const world = { ...w, people: extra, posts: [], vacancies: [] };
    expect(body).toEqual(expectedReport(world, base({ unitIds: new Set([diff]), unitId: diff })));
    // 7 and 2 under a family of 9 shown: the 2 is hidden, and the 7 too (9 − 7 would give the 2 back).
    expect(body.families).toEqual([expect.objectContaining({ roleFamily: big!.family, people: 9, suppressed: false })]);
    expect(body.levels.map((l) => [l.roleLevel, l.people, l.suppressed])).toEqual(
      [big!, tiny!]
        .sort((a, b) => (a.role !== b.role ? (a.role < b.role ? -1 : 1) : a.slug < b.slug ? -1 : 1))
        .map((l) => [l.slug, null, true]),
    );

    const csv = await t.http().get(WORKFORCE).query(query).set(as.hr).set('Accept', 'text/csv');
    expect(csv.status, csv.text).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const records = parseCsv(csv.text);
    expect(records[0]).toEqual([...WORKFORCE_CSV_COLUMNS]);
    const expectedRecords = [
      ...body.levels.map((r) => ({ section: 'level', ...r })),
      ...body.families.map((r) => ({ section: 'family', ...r })),
      { section: 'total', ...body.total },
      ...body.interimTrend.map((r) => ({ section: 'interim-trend', ...r })),
      ...body.joiners.map((r) => ({ section: 'joiners', ...r })),
      ...body.leavers.map((r) => ({ section: 'leavers', ...r })),
    ].map((r) => asCsvRecord(WORKFORCE_CSV_COLUMNS, r as Record<string, unknown>));
    expect(records.slice(1)).toEqual(expectedRecords);
    // The hidden levels carry no figure in the CSV either.
    for (const r of records.filter((x) => x[0] === 'level')) expect(r.slice(7, 14).every((c) => c === '')).toBe(true);
  });

  it('hides every level of a family hidden only to protect another, or the total would give both away', async () => {
    const diff = await unit(t, 'WF-DIFF2');
    const [small] = w.levels.filter((l) => l.family === families[0]);
    const [big] = w.levels.filter((l) => l.family === families[1]);
    const extra: Person[] = [];
    for (let i = 0; i < 11; i++) {
      extra.push(
        await insertPerson(
          t,
          {
            unitId: diff,
            employment: 'permanent',
            startDate: '2020-01-01',
            leavingDate: null,
            lineManagerId: null,
            roles: [{ level: i < 3 ? small! : big!, startsOn: '2020-01-01', endsOn: null }],
          },
          1100 + i,
        ),
      );
    }
    const query = { unitId: diff, from: FROM, to: TO };
    const body = await read(as.hr, query);
    expect(body).toEqual(
      expectedReport(
        { ...w, people: extra, posts: [], vacancies: [] },
        base({ unitIds: new Set([diff]), unitId: diff }),
      ),
    );
    // Families of 3 and 8 under a total of 11: both hidden; the one level of 8 would give its family (and so the 3)
    // back, so it is hidden too.
    expect(body.total).toMatchObject({ people: 11, suppressed: false });
    expect(body.families.map((f) => f.suppressed)).toEqual([true, true]);
    expect(body.levels.map((l) => [l.roleLevel, l.people, l.suppressed])).toEqual(
      [small!, big!].sort((a, b) => (a.family < b.family ? -1 : 1)).map((l) => [l.slug, null, true]),
    );
    const csv = parseCsv((await t.http().get(WORKFORCE).query(query).set(as.hr).set('Accept', 'text/csv')).text);
    expect(
      csv.filter((r) => r[0] === 'level' || r[0] === 'family').every((r) => r[7] === '' && r.at(-1) === 'true'),
    ).toBe(true);
    // The same in XLSX: every hidden level and family empty, Suppressed TRUE; the total shown.
    const sheets = await readXlsx(await getXlsx(t, `${WORKFORCE}.xlsx`, query, as.hr));
    expectWorkforceXlsx(sheets, body);
    expect(sheets.Levels!.rows.every((r) => r.slice(4, 10).every((c) => c === null) && r[10] === true)).toBe(true);
    expect(sheets.Families!.rows.every((r) => r.slice(1, 7).every((c) => c === null) && r[7] === true)).toBe(true);
    expect(sheets.Total!.rows[0]![0]).toBe(11);
  });

  it('answers the whole report as CSV with the same cells as the JSON', async () => {
    const query = { unitId: root, from: FROM, to: TO };
    const json = await read(as.hr, query);
    const csv = await t.http().get(WORKFORCE).query(query).set(as.hr).set('Accept', 'text/csv');
    const records = parseCsv(csv.text);
    expect(records.length).toBe(
      1 +
        json.levels.length +
        json.families.length +
        1 +
        json.interimTrend.length +
        json.joiners.length +
        json.leavers.length,
    );
    expect(records.filter((r) => r[0] === 'level')).toEqual(
      json.levels.map((r) => asCsvRecord(WORKFORCE_CSV_COLUMNS, { section: 'level', ...r })),
    );
  });

  it('answers the whole report as XLSX with the same cells as the JSON, for the same readers and scope', async () => {
    const query = { unitId: root, from: FROM, to: TO };
    expectWorkforceXlsx(await readXlsx(await getXlsx(t, `${WORKFORCE}.xlsx`, query, as.hr)), await read(as.hr, query));
    // A head of profession: their family only, as in the JSON; another family 403.
    const own = { ...query, roleFamily: families[0] };
    expectWorkforceXlsx(await readXlsx(await getXlsx(t, `${WORKFORCE}.xlsx`, own, as.hop)), await read(as.hop, own));
    expectProblem(
      await t
        .http()
        .get(`${WORKFORCE}.xlsx`)
        .query({ ...query, roleFamily: families[1] })
        .set(as.hop),
      403,
      'insights-people-family-not-allowed',
    );
    // A line manager: their chain, in aggregate.
    expectWorkforceXlsx(
      await readXlsx(await getXlsx(t, `${WORKFORCE}.xlsx`, query, as.manager)),
      await read(as.manager, query),
    );
    expectProblem(await t.http().get(`${WORKFORCE}.xlsx`).query(query).set(as.staff), 403, 'forbidden');
    expectProblem(await t.http().get(`${WORKFORCE}.xlsx`).query({ from: 'x' }).set(as.hr), 400, 'validation-failed');
  });

  it('answers bad input with 400 problem+json', async () => {
    for (const query of [
      { roleFamily: 'Not A Slug' },
      { unitId: 'x' },
      { from: '2026-13-01' },
      { to: '2026-02-30' },
      { interval: 'week' },
      { from: '2026-06-01', to: '2026-05-01' },
      { from: '2000-01-01', to: '2026-01-01' },
      { other: '1' },
    ]) {
      expectProblem(await t.http().get(WORKFORCE).query(query).set(as.hr), 400, 'validation-failed');
    }
  });
});
