import { INCLUSION_CSV_COLUMNS } from '@capability/insights';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import {
  addDays,
  API,
  chainOf,
  daysBetween,
  expectedHidden,
  inPostOn,
  insertPerson,
  levelOn,
  levelsOf,
  parseCsv,
  pct,
  quarterOrYearPeriods,
  rng,
  twoFamilies,
  unit,
  type Auth,
  type Level,
  type Person,
} from './people-support.js';
import { aboutOf, cell, expectWorkbookShape, getXlsx, readXlsx, type Sheet } from './xlsx-support.js';

const INCLUSION = `${API}/insights/inclusion`;
const K = 5;
const TARGET = 7;
const FROM = '2025-01-01';
const TO = '2026-06-30';

interface Assessment {
  staffId: string;
  level: number;
  assessedOn: string;
  /** Insertion order: created_at is set from it, so the later of one day is the later recorded. */
  seq: number;
}
interface UnitRow {
  id: string;
  code: string;
  name: string;
  parent: string | null;
}
interface PulseRow {
  id: string;
  title: string;
  statements: string[];
  state: 'open' | 'closed';
  closesOn: string;
  answers: { unitId: string; ratings: number[] }[];
}
interface World {
  units: UnitRow[];
  people: Person[];
  assessments: Assessment[];
  pulses: PulseRow[];
  managerId: string;
}
interface Options {
  root: string | null;
  from: string;
  to: string;
  interval: 'quarter' | 'year';
  roleFamily: string | null;
  families: string[] | null;
  chain: Set<string> | null;
  scope: 'all' | 'families' | 'chain';
}

/** The whole report worked out from the generated rows. */
function expectedReport(w: World, o: Options) {
  const unitById = new Map(w.units.map((u) => [u.id, u]));
  const ancestry = (id: string): string[] => {
    const out: string[] = [];
    for (let u = unitById.get(id); u; u = u.parent ? unitById.get(u.parent) : undefined) out.unshift(u.id);
    return out;
  };
  const groupOf = (unitId: string): string | null => {
    const line = ancestry(unitId);
    if (o.root === null) return line[0]!;
    const at = line.indexOf(o.root);
    if (at < 0) return null;
    return line[at + 1] ?? o.root;
  };
  const counted = (p: Person, day: string): boolean => {
    if (groupOf(p.unitId) === null || !inPostOn(p, day)) return false;
    if (o.chain && !o.chain.has(p.id)) return false;
    const family = levelOn(p, day)?.family ?? null;
    if (o.roleFamily !== null && family !== o.roleFamily) return false;
    if (o.families !== null && (family === null || !o.families.includes(family))) return false;
    return true;
  };
  const levelOf = (p: Person, day: string): number | null => {
    const mine = w.assessments
      .filter((a) => a.staffId === p.id && a.assessedOn <= day)
      .sort((a, b) => (a.assessedOn !== b.assessedOn ? (a.assessedOn < b.assessedOn ? 1 : -1) : b.seq - a.seq));
    return mine[0]?.level ?? null;
  };
  const figuresOf = (levels: (number | null)[]) => {
    const assessedLevels = levels.filter((l): l is number => l !== null);
    const histogram = Array.from({ length: 9 }, (_, i) => assessedLevels.filter((l) => l === i + 1).length);
    const atOrAbove = assessedLevels.filter((l) => l >= TARGET).length;
    return {
      people: levels.length,
      assessed: assessedLevels.length,
      notAssessed: levels.length - assessedLevels.length,
      levels: histogram,
      atOrAboveTarget: atOrAbove,
      percentAtOrAboveTarget: pct(atOrAbove, assessedLevels.length),
      suppressed: false,
    };
  };
  const hiddenFigures = {
    people: null,
    assessed: null,
    notAssessed: null,
    levels: null,
    atOrAboveTarget: null,
    percentAtOrAboveTarget: null,
    suppressed: true,
  };

  const byGroup = new Map<string, (number | null)[]>();
  for (const p of w.people) {
    if (!counted(p, o.to)) continue;
    const g = groupOf(p.unitId)!;
    byGroup.set(g, [...(byGroup.get(g) ?? []), levelOf(p, o.to)]);
  }
  const groups = [...byGroup].sort(([a], [b]) => (unitById.get(a)!.code < unitById.get(b)!.code ? -1 : 1));
  // A unit's figures rest on the people assessed in it.
  const assessedIn = (ls: (number | null)[]): number => ls.filter((l) => l !== null).length;
  const hidden = expectedHidden(
    groups.map(([, ls]) => assessedIn(ls)),
    K,
  );
  const all = groups.flatMap(([, ls]) => ls);

  const trend = quarterOrYearPeriods(o.from, o.to, o.interval).map(({ period, day }) => {
    const levels = w.people.filter((p) => counted(p, day)).map((p) => levelOf(p, day));
    const f = figuresOf(levels);
    return f.assessed > 0 && f.assessed < K
      ? { period, day, assessed: null, atOrAboveTarget: null, percentAtOrAboveTarget: null, suppressed: true }
      : {
          period,
          day,
          assessed: f.assessed,
          atOrAboveTarget: f.atOrAboveTarget,
          percentAtOrAboveTarget: f.percentAtOrAboveTarget,
          suppressed: false,
        };
  });

  let pulses: unknown = null;
  if (o.scope === 'all') {
    const inRoot = (unitId: string) => o.root === null || ancestry(unitId).includes(o.root);
    const closed = w.pulses
      .filter((p) => p.state === 'closed' && p.closesOn >= o.from && p.closesOn <= o.to)
      .map((p) => ({ ...p, answers: p.answers.filter((a) => inRoot(a.unitId)) }))
      .filter((p) => p.answers.length > 0)
      .sort((a, b) => (a.closesOn !== b.closesOn ? (a.closesOn < b.closesOn ? -1 : 1) : a.id < b.id ? -1 : 1));
    const statements: string[] = [];
    for (const p of closed) for (const s of p.statements) if (!statements.includes(s)) statements.push(s);
    pulses = statements.map((statement) => ({
      statement,
      points: closed
        .filter((p) => p.statements.includes(statement))
        .map((p) => {
          const i = p.statements.indexOf(statement);
          const ratings = p.answers.map((a) => a.ratings[i]!);
          const base = { pulseId: p.id, title: p.title, closesOn: p.closesOn };
          if (ratings.length < K) return { ...base, responses: null, mean: null, distribution: null, suppressed: true };
          return {
            ...base,
            responses: ratings.length,
            mean: Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100,
            distribution: [1, 2, 3, 4, 5].map((r) => ratings.filter((x) => x === r).length),
            suppressed: false,
          };
        }),
    }));
  }

  return {
    k: K,
    scope: o.scope,
    roleFamily: o.roleFamily,
    unitId: o.root,
    from: o.from,
    to: o.to,
    interval: o.interval,
    targetLevel: TARGET,
    units: groups.map(([id, ls], i) => {
      const u = unitById.get(id)!;
      return { unit: { id: u.id, code: u.code, name: u.name }, ...(hidden.has(i) ? hiddenFigures : figuresOf(ls)) };
    }),
    total: assessedIn(all) > 0 && assessedIn(all) < K ? hiddenFigures : figuresOf(all),
    trend,
    pulses,
  };
}

type Report = ReturnType<typeof expectedReport>;

type Rows = Record<string, unknown>[];

/** The workbook holds the JSON's tables, cell for cell (a null figure an empty cell). */
function expectInclusionXlsx(sheets: Record<string, Sheet>, report: Report): void {
  const json = report as unknown as {
    units: (Record<string, unknown> & { unit: { id: string; code: string; name: string } })[];
    total: Record<string, unknown>;
    trend: Rows;
    pulses: { statement: string; points: Rows }[] | null;
    from: string;
    to: string;
    interval: string;
    k: number;
  };
  expectWorkbookShape(sheets, ['Units', 'Total', 'Trend', ...(json.pulses ? ['Pulses'] : [])]);
  expect(aboutOf(sheets)).toMatchObject({
    Report: 'Digital inclusion',
    Period: `${json.from} to ${json.to} (by ${json.interval})`,
    'k (fewest people shown)': json.k,
  });
  const figures = (f: Record<string, unknown>) => [
    cell(f.people),
    cell(f.assessed),
    cell(f.notAssessed),
    ...Array.from({ length: 9 }, (_, i) => cell((f.levels as number[] | null)?.[i])),
    cell(f.atOrAboveTarget),
    cell(f.percentAtOrAboveTarget),
    f.suppressed,
  ];
  expect(sheets.Units!.rows).toEqual(json.units.map((u) => [u.unit.id, u.unit.code, u.unit.name, ...figures(u)]));
  expect(sheets.Total!.rows).toEqual([figures(json.total)]);
  expect(sheets.Trend!.rows).toEqual(
    json.trend.map((c) => [
      c.period,
      c.day,
      cell(c.assessed),
      cell(c.atOrAboveTarget),
      cell(c.percentAtOrAboveTarget),
      c.suppressed,
    ]),
  );
  if (json.pulses) {
    expect(sheets.Pulses!.rows).toEqual(
      json.pulses.flatMap((st) =>
        st.points.map((p) => [
          p.pulseId,
          p.title,
          p.closesOn,
          st.statement,
          cell(p.responses),
          cell(p.mean),
          ...Array.from({ length: 5 }, (_, i) => cell((p.distribution as number[] | null)?.[i])),
          p.suppressed,
        ]),
      ),
    );
  }
}

describe('insights: inclusion', () => {
  let t: TestApp;
  let w: World;
  let root: string;
  let families: [string, string];
  let as: Record<'hr' | 'admin' | 'hop' | 'manager' | 'staff', Auth>;
  let seq = 0;

  const addUnit = async (units: UnitRow[], code: string, parent: string | null): Promise<string> => {
    const id = await unit(t, code, parent);
    units.push({ id, code, name: code, parent });
    return id;
  };
  const assess = async (a: Omit<Assessment, 'seq'>): Promise<Assessment> => {
    const row = { ...a, seq: ++seq };
    await t.dataSource.query(
      `INSERT INTO inclusion_assessments (staff_id, level, method, assessed_on, created_at)
       VALUES ($1, $2, 'self', $3, timestamptz '2026-01-01T00:00:00Z' + $4 * interval '1 millisecond')`,
      [a.staffId, a.level, a.assessedOn, row.seq],
    );
    return row;
  };
  const insertPulse = async (p: Omit<PulseRow, 'id'>, unitId: string): Promise<PulseRow> => {
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO pulses (title, statements, unit_id, state, opens_on, closes_on)
       VALUES ($1, $2::jsonb, $3, $4, $5::date - 14, $5::date) RETURNING id`,
      [p.title, JSON.stringify(p.statements), unitId, p.state, p.closesOn],
    );
    for (const a of p.answers) {
      await t.dataSource.query(
        `INSERT INTO pulse_answers (pulse_id, unit_id, answered_on, ratings) VALUES ($1, $2, $3::date - 1, $4::smallint[])`,
        [row!.id, a.unitId, p.closesOn, a.ratings],
      );
    }
    return { ...p, id: row!.id };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const random = rng(16_002);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    families = await twoFamilies(t, 3);
    const levels: Level[] = [...(await levelsOf(t, families[0], 3)), ...(await levelsOf(t, families[1], 3))];
    const units: UnitRow[] = [];
    root = await addUnit(units, 'IN-ROOT', null);
    const x = await addUnit(units, 'IN-X', root);
    const y = await addUnit(units, 'IN-Y', root);
    const z = await addUnit(units, 'IN-Z', root);
    const z1 = await addUnit(units, 'IN-Z1', z);
    const outside = await addUnit(units, 'IN-OUT', null);
    const staffUnits = [root, x, x, y, y, z, z1, outside];

    const people: Person[] = [];
    const assessments: Assessment[] = [];
    const employments = ['permanent', 'permanent', 'fixed_term', 'interim', 'contractor'];
    for (let i = 0; i < 130; i++) {
      const startDate =
        random() < 0.15 ? null : addDays('2023-01-01', Math.floor(random() * daysBetween('2023-01-01', '2026-08-01')));
      const leavingDate = random() < 0.2 ? addDays(startDate ?? '2024-01-01', 30 + Math.floor(random() * 700)) : null;
      const roles: Person['roles'] = [];
      if (random() > 0.08) {
        const first = startDate ?? '2022-06-01';
        if (random() < 0.3) {
          const second = addDays(first, 1 + Math.floor(random() * Math.max(1, daysBetween(first, '2026-09-01'))));
          roles.push(
            { level: pick(levels), startsOn: first, endsOn: second },
            { level: pick(levels), startsOn: second, endsOn: null },
          );
        } else {
          roles.push({ level: pick(levels), startsOn: first, endsOn: null });
        }
      }
      const lineManagerId = i >= 1 && i <= 10 ? people[0]!.id : i >= 11 && i <= 16 ? people[1]!.id : null;
      const person = await insertPerson(
        t,
        { unitId: pick(staffUnits), employment: pick(employments), startDate, leavingDate, lineManagerId, roles },
        2000 + i,
      );
      people.push(person);
      if (random() < 0.2) continue; // never assessed
      const n = 1 + Math.floor(random() * 4);
      for (let j = 0; j < n; j++) {
        const assessedOn = addDays('2024-01-01', Math.floor(random() * daysBetween('2024-01-01', '2026-10-01')));
        const level = 1 + Math.floor(random() * 9);
        assessments.push(await assess({ staffId: person.id, level, assessedOn }));
        // Sometimes a second assessment the same day: the later recorded counts.
        if (random() < 0.15) {
          assessments.push(await assess({ staffId: person.id, level: 1 + Math.floor(random() * 9), assessedOn }));
        }
      }
    }

    const statements = ['I feel confident using digital tools', 'I know where to get help with digital skills'];
    const answers = (n: number, from: string[]) =>
      Array.from({ length: n }, () => ({
        unitId: pick(from),
        ratings: statements.map(() => 1 + Math.floor(random() * 5)),
      }));
    const pulses = [
      await insertPulse(
        {
          title: 'Autumn pulse',
          statements,
          state: 'closed',
          closesOn: '2025-09-30',
          answers: answers(14, [x, y, z1, outside]),
        },
        root,
      ),
      await insertPulse(
        {
          title: 'Spring pulse',
          statements: [statements[0]!, 'Training helped me'],
          state: 'closed',
          closesOn: '2026-03-31',
          answers: answers(9, [x, y, z]),
        },
        root,
      ),
      await insertPulse(
        { title: 'Small pulse', statements, state: 'closed', closesOn: '2026-05-31', answers: answers(3, [x]) },
        root,
      ),
      await insertPulse(
        { title: 'Old pulse', statements, state: 'closed', closesOn: '2024-06-30', answers: answers(8, [x]) },
        root,
      ),
      await insertPulse(
        { title: 'Open pulse', statements, state: 'open', closesOn: '2026-06-20', answers: answers(8, [y]) },
        root,
      ),
    ];
    w = { units, people, assessments, pulses, managerId: people[0]!.id };
    as = {
      hr: (await signedIn(t, { roles: ['hr'] })).auth,
      admin: (await signedIn(t, { roles: ['admin'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: [families[0]] })).auth,
      manager: (await signedIn(t, { roles: ['staff'], staffId: w.managerId })).auth,
      staff: (await signedIn(t, { roles: ['staff'], staffId: people[40]!.id })).auth,
    };
  }, 120_000);
  afterAll(async () => t?.close());

  const base = (over: Partial<Options> = {}): Options => ({
    root,
    from: FROM,
    to: TO,
    interval: 'quarter',
    roleFamily: null,
    families: null,
    chain: null,
    scope: 'all',
    ...over,
  });
  const read = async (auth: Auth, query: Record<string, string>) => {
    const res = await t.http().get(INCLUSION).query(query).set(auth);
    expect(res.status, res.text).toBe(200);
    return res.body as Report;
  };

  it('answers HR and admins with every figure, as worked out independently from the rows', async () => {
    const expected = expectedReport(w, base());
    const body = await read(as.hr, { unitId: root, from: FROM, to: TO });
    expect(body).toEqual(expected);
    expect(await read(as.admin, { unitId: root, from: FROM, to: TO })).toEqual(expected);
    // The data exercise the report: units shown, people without an assessment, a trend, pulses shown and hidden.
    expect(body.units.map((u) => u.unit.code)).toEqual(['IN-ROOT', 'IN-X', 'IN-Y', 'IN-Z']);
    expect(body.total.notAssessed).toBeGreaterThan(3);
    expect(body.trend).toHaveLength(6);
    const points = (body.pulses as { points: { suppressed: boolean; title: string }[] }[]).flatMap((s) => s.points);
    expect(points.some((p) => p.suppressed) && points.some((p) => !p.suppressed)).toBe(true);
    expect(points.every((p) => !['Old pulse', 'Open pulse'].includes(p.title))).toBe(true);
  });

  it('answers for the whole department by top-level unit, by year, and for one family', async () => {
    expect(await read(as.hr, { from: '2024-03-01', to: TO, interval: 'year' })).toEqual(
      expectedReport(w, base({ root: null, from: '2024-03-01', interval: 'year' })),
    );
    expect(await read(as.hr, { unitId: root, roleFamily: families[1], from: FROM, to: '2026-02-14' })).toEqual(
      expectedReport(w, base({ roleFamily: families[1], to: '2026-02-14' })),
    );
  });

  it('gives a head of profession their families without pulses, and 403 for another family', async () => {
    const body = await read(as.hop, { unitId: root, from: FROM, to: TO });
    expect(body).toEqual(expectedReport(w, base({ families: [families[0]], scope: 'families' })));
    expect(body.pulses).toBeNull();
    expectProblem(
      await t.http().get(INCLUSION).query({ roleFamily: families[1] }).set(as.hop),
      403,
      'insights-people-family-not-allowed',
    );
  });

  it('gives a line manager their reporting chain in aggregate, and refuses staff who manage nobody', async () => {
    const chain = chainOf(w.people, w.managerId);
    expect(chain.size).toBe(16);
    expect(await read(as.manager, { unitId: root, from: FROM, to: TO })).toEqual(
      expectedReport(w, base({ chain, scope: 'chain' })),
    );
    expectProblem(await t.http().get(INCLUSION).set(as.staff), 403, 'forbidden');
    expect((await t.http().get(INCLUSION)).status).toBe(401);
  });

  it('hides a unit whose figures rest on fewer than k people assessed, however many people it has', async () => {
    const units: UnitRow[] = [];
    const top = await addUnit(units, 'DA-TOP', null);
    const few = await addUnit(units, 'DA-FEW', top);
    const many = await addUnit(units, 'DA-MANY', top);
    const people: Person[] = [];
    const assessments: Assessment[] = [];
    // DA-FEW: 8 people, 2 assessed; DA-MANY: 7 people, all assessed.
    for (let i = 0; i < 15; i++) {
      const p = await insertPerson(
        t,
        {
          unitId: i < 8 ? few : many,
          employment: 'permanent',
          startDate: '2020-01-01',
          leavingDate: null,
          lineManagerId: null,
          roles: [],
        },
        3100 + i,
      );
      people.push(p);
      if (i < 2 || i >= 8) {
        assessments.push(await assess({ staffId: p.id, level: 2 + (i % 7), assessedOn: '2025-06-01' }));
      }
    }
    const world: World = { units, people, assessments, pulses: [], managerId: '' };
    const body = await read(as.hr, { unitId: top, from: FROM, to: TO });
    expect(body).toEqual(expectedReport(world, base({ root: top })));
    // Two people's levels would show in DA-FEW: hidden, and DA-MANY with it (the total would give them back).
    expect(body.units.map((u) => [u.unit.code, u.levels, u.suppressed])).toEqual([
      ['DA-FEW', null, true],
      ['DA-MANY', null, true],
    ]);
    expect(body.total).toMatchObject({ people: 15, assessed: 9, notAssessed: 6, suppressed: false });
  });

  it('suppresses a small unit and, so the total gives nothing away, its sibling (JSON and CSV)', async () => {
    const units: UnitRow[] = [];
    const top = await addUnit(units, 'DF-TOP', null);
    const big = await addUnit(units, 'DF-BIG', top);
    const small = await addUnit(units, 'DF-SMALL', top);
    const people: Person[] = [];
    const assessments: Assessment[] = [];
    for (let i = 0; i < 10; i++) {
      const p = await insertPerson(
        t,
        {
          unitId: i < 8 ? big : small,
          employment: 'permanent',
          startDate: '2020-01-01',
          leavingDate: null,
          lineManagerId: null,
          roles: [],
        },
        3000 + i,
      );
      people.push(p);
      if (i !== 3) assessments.push(await assess({ staffId: p.id, level: 3 + (i % 6), assessedOn: '2025-06-01' }));
    }
    const world: World = { units, people, assessments, pulses: [], managerId: '' };
    const query = { unitId: top, from: FROM, to: TO };
    const body = await read(as.hr, query);
    expect(body).toEqual(expectedReport(world, base({ root: top })));
    expect(body.total).toMatchObject({ people: 10, notAssessed: 1, suppressed: false });
    // 2 people in one unit: hidden, and the 8 as well (10 − 8 would give the 2 back).
    expect(body.units.map((u) => [u.unit.code, u.people, u.suppressed])).toEqual([
      ['DF-BIG', null, true],
      ['DF-SMALL', null, true],
    ]);

    const csv = await t.http().get(INCLUSION).query(query).set(as.hr).set('Accept', 'text/csv');
    expect(csv.status, csv.text).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const records = parseCsv(csv.text);
    expect(records[0]).toEqual([...INCLUSION_CSV_COLUMNS]);
    const col = (name: string) => INCLUSION_CSV_COLUMNS.indexOf(name as (typeof INCLUSION_CSV_COLUMNS)[number]);
    const unitsCsv = records.filter((r) => r[0] === 'unit');
    expect(unitsCsv.map((r) => [r[col('unitCode')], r[col('people')], r[col('level5')], r[col('suppressed')]])).toEqual(
      [
        ['DF-BIG', '', '', 'true'],
        ['DF-SMALL', '', '', 'true'],
      ],
    );
    const total = records.find((r) => r[0] === 'total')!;
    expect(total[col('people')]).toBe('10');
    expect(INCLUSION_CSV_COLUMNS.filter((c) => c.startsWith('level')).map((c) => Number(total[col(c)]))).toEqual(
      body.total.levels,
    );
    expect(records.filter((r) => r[0] === 'trend').map((r) => r[col('period')])).toEqual(
      body.trend.map((c) => c.period),
    );
    // The same in XLSX: both units empty (the 8 hidden against differencing), Suppressed TRUE; the total shown.
    const sheets = await readXlsx(await getXlsx(t, `${INCLUSION}.xlsx`, query, as.hr));
    expectInclusionXlsx(sheets, body);
    expect(sheets.Units!.rows.map((r) => [r[1], r.slice(3, 17).every((c) => c === null), r[17]])).toEqual([
      ['DF-BIG', true, true],
      ['DF-SMALL', true, true],
    ]);
    expect(sheets.Total!.rows[0]![0]).toBe(10);
  });

  it('answers the whole report as CSV with the same cells as the JSON', async () => {
    const query = { unitId: root, from: FROM, to: TO };
    const json = await read(as.hr, query);
    const records = parseCsv((await t.http().get(INCLUSION).query(query).set(as.hr).set('Accept', 'text/csv')).text);
    const col = (name: string) => INCLUSION_CSV_COLUMNS.indexOf(name as (typeof INCLUSION_CSV_COLUMNS)[number]);
    const text = (v: string | number | boolean | null | undefined) => (v === null || v === undefined ? '' : String(v));
    expect(
      records
        .filter((r) => r[0] === 'unit')
        .map((r) => [r[col('unitId')], r[col('people')], r[col('percentAtOrAboveTarget')], r[col('level9')]]),
    ).toEqual(json.units.map((u) => [u.unit.id, text(u.people), text(u.percentAtOrAboveTarget), text(u.levels?.[8])]));
    const pulseRows = (
      json.pulses as {
        statement: string;
        points: { pulseId: string; responses: number | null; mean: number | null; distribution: number[] | null }[];
      }[]
    ).flatMap((s) =>
      s.points.map((p) => [p.pulseId, s.statement, text(p.responses), text(p.mean), text(p.distribution?.[0])]),
    );
    expect(
      records
        .filter((r) => r[0] === 'pulse')
        .map((r) => [r[col('pulseId')], r[col('statement')], r[col('responses')], r[col('mean')], r[col('rating1')]]),
    ).toEqual(pulseRows);
  });

  it('answers the whole report as XLSX with the same cells as the JSON, for the same readers and scope', async () => {
    const query = { unitId: root, from: FROM, to: TO };
    const json = await read(as.hr, query);
    expect(json.pulses).not.toBeNull();
    expectInclusionXlsx(await readXlsx(await getXlsx(t, `${INCLUSION}.xlsx`, query, as.hr)), json);
    // A head of profession: their families, no pulses; another family 403. A line manager: their chain.
    expectInclusionXlsx(
      await readXlsx(await getXlsx(t, `${INCLUSION}.xlsx`, query, as.hop)),
      await read(as.hop, query),
    );
    expectProblem(
      await t.http().get(`${INCLUSION}.xlsx`).query({ roleFamily: families[1] }).set(as.hop),
      403,
      'insights-people-family-not-allowed',
    );
    expectInclusionXlsx(
      await readXlsx(await getXlsx(t, `${INCLUSION}.xlsx`, query, as.manager)),
      await read(as.manager, query),
    );
    expectProblem(await t.http().get(`${INCLUSION}.xlsx`).query(query).set(as.staff), 403, 'forbidden');
    expectProblem(
      await t.http().get(`${INCLUSION}.xlsx`).query({ interval: 'day' }).set(as.hr),
      400,
      'validation-failed',
    );
  });

  it('answers bad input with 400 problem+json', async () => {
    for (const query of [
      { roleFamily: 'Not A Slug' },
      { unitId: 'x' },
      { from: '2026-13-01' },
      { interval: 'month' },
      { from: '2026-06-01', to: '2026-05-01' },
      { from: '1800-01-01', to: '2026-01-01' },
      { other: '1' },
    ]) {
      expectProblem(await t.http().get(INCLUSION).query(query).set(as.hr), 400, 'validation-failed');
    }
  });
});
