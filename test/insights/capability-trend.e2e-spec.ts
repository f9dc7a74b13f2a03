import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { parseCsv, type Figures } from './capability-gaps-support.js';
import {
  expectedTrend,
  generateTrendWorld,
  type Point,
  type TrendAsk,
  type TrendWorld,
} from './capability-trend-support.js';
import { aboutOf, cell, expectWorkbookShape, getXlsx, readXlsx, type Value } from './xlsx-support.js';

const TREND = '/api/v1/insights/capability-trend';
type Auth = { Authorization: string };

interface Body {
  dimension: string;
  id: string;
  label: string;
  source: string;
  k: number;
  cycles: { cycleId: string; cycleState: string; frameworkVersionId: string }[];
  points: Point[];
  skills: { id: string; label: string; points: Point[] }[];
}

const queryOf = (ask: TrendAsk): Record<string, string> => ({
  [ask.dimension]: ask.id,
  ...(ask.source ? { source: ask.source } : {}),
  ...(ask.cycles ? { cycleIds: ask.cycles.join(',') } : {}),
});

const cellOf = (v: number | null) => (v === null ? '' : String(v));
const pointCells = (p: Point): string[] =>
  p.present
    ? [
        'true',
        cellOf(p.people),
        cellOf(p.requirements),
        cellOf(p.met),
        cellOf(p.percentMet),
        cellOf(p.meanGap),
        ...(p.ratings ?? [null, null, null, null, null]).map(cellOf),
        String(p.suppressed),
      ]
    : ['false', ...Array<string>(11).fill('')];

const shown = (p: Point): p is Extract<Point, { present: true }> => p.present && !p.suppressed;

describe('insights: capability trend', () => {
  let t: TestApp;
  let w: TrendWorld;
  let as: Record<'hr' | 'admin' | 'hop' | 'manager' | 'staff' | 'hopNoFamilies', Auth>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await generateTrendWorld(t);
    as = {
      hr: (await signedIn(t, { roles: ['hr'] })).auth,
      admin: (await signedIn(t, { roles: ['admin'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: [w.families[0]!] })).auth,
      manager: (await signedIn(t, { roles: ['staff'], staffId: w.manager })).auth,
      staff: (await signedIn(t, { roles: ['staff'], staffId: w.people[50]!.id })).auth,
      hopNoFamilies: (await signedIn(t, { roles: ['head_of_profession'], roleFamilies: [] })).auth,
    };
  }, 60_000);
  afterAll(async () => t?.close());

  const read = async (auth: Auth, query: Record<string, string>): Promise<Body> => {
    const res = await t.http().get(TREND).query(query).set(auth);
    expect(res.status, res.text).toBe(200);
    return res.body as Body;
  };
  const check = async (auth: Auth, ask: TrendAsk) => {
    const body = await read(auth, queryOf(ask));
    const expected = expectedTrend(w, ask);
    expect(body.cycles.map((c) => c.cycleId)).toEqual(ask.cycles ?? w.order);
    expect(body.points, JSON.stringify(ask)).toEqual(expected.points);
    expect(body.skills, JSON.stringify(ask)).toEqual(expected.skills);
    expect(body).toMatchObject({ dimension: ask.dimension, id: ask.id, source: ask.source ?? 'validated', k: 5 });
    return { body, expected };
  };

  it('lists the open and closed cycles oldest first, each with the framework version it pinned', async () => {
    const body = await read(as.hr, { roleFamily: w.families[0]! });
    expect(body.cycles.map((c) => [c.cycleId, c.frameworkVersionId])).toEqual([
      [w.oldCycle, w.oldVersion],
      [w.closedOld, w.currentVersion],
      [w.closed, w.currentVersion],
      [w.open, w.currentVersion],
    ]);
    expect(body.cycles.map((c) => c.cycleState)).toEqual(['closed', 'closed', 'closed', 'open']);
  });

  it('matches the independent calculation for every family and role, both sources, with per-skill series', async () => {
    for (const source of ['validated', 'self'] as const) {
      for (const family of w.families) await check(as.hr, { dimension: 'roleFamily', id: family, source });
      for (const role of [...w.rolesOf.values()].flat()) await check(as.hr, { dimension: 'role', id: role, source });
    }
  });

  it('shows a skill the version lacks as absent, not zero, and present-but-unassessed as zero people', async () => {
    const { body } = await check(as.hr, { dimension: 'skill', id: w.droppedSkill.slug });
    expect(body.points[0]).toEqual({ cycleId: w.oldCycle, present: false });
    // The 2024 cycle pins the current version (which has the skill) but nobody was reviewed in it.
    expect(body.points[1]).toMatchObject({ present: true, people: 0, requirements: 0, percentMet: null });
    expect(shown(body.points[2]!) && body.points[2].people! > 0).toBe(true);
    expect(body.skills).toEqual([]);
    // In its family's per-skill series too.
    const family = await check(as.hr, { dimension: 'roleFamily', id: w.families[0]! });
    const series = family.body.skills.find((s) => s.id === w.droppedSkill.slug)!;
    expect(series.points[0]).toEqual({ cycleId: w.oldCycle, present: false });
    expect(series.points[2]!.present).toBe(true);
    // Other skills of the family were assessed in 2023.
    expect(family.body.skills.some((s) => shown(s.points[0]!) && s.points[0].people! > 0)).toBe(true);
    // A family the old version lacks, that nobody holds: absent in 2023, present with nobody later.
    const dropped = await check(as.hr, { dimension: 'roleFamily', id: w.droppedFamily });
    expect(dropped.body.points[0]).toEqual({ cycleId: w.oldCycle, present: false });
    expect(dropped.body.points.slice(1).every((p) => p.present && p.people === 0)).toBe(true);
    expect(dropped.body.skills.length).toBeGreaterThan(0);
    expect(dropped.body.skills.every((s) => !s.points[0]!.present)).toBe(true);
    // A role of it likewise; and every skill of the world.
    const droppedRole = [...w.current.roleFamily.entries()].find(([, f]) => f === w.droppedFamily)![0];
    await check(as.hr, { dimension: 'role', id: droppedRole });
    const skills = [...new Set(w.ratings.map((r) => r.parts.skill.id))];
    for (const skill of skills) await check(as.hr, { dimension: 'skill', id: skill, source: 'self' });
    // A slug no version holds: absent throughout.
    const none = await read(as.hr, { skill: 'no-such-skill' });
    expect(none.points.every((p) => !p.present)).toBe(true);
    expect(none.label).toBe('no-such-skill');
  });

  it("suppresses as each cycle's gap report does, the differencing case included (JSON and CSV)", async () => {
    // The small role (3 people) is hidden in the cycles it appears; its report grouped by role also hides another
    // role of k or more people, so the total minus the shown roles does not give it away.
    const roles = [...w.rolesOf.values()].flat();
    const all = [];
    for (const role of roles) all.push({ role, ...(await check(as.hr, { dimension: 'role', id: role })) });
    const small = all.filter((r) => r.body.points.some((p) => p.present && p.suppressed));
    expect(small.length).toBeGreaterThanOrEqual(2);
    const raw = new Map<string, Map<string, number>>(); // cycle → role → people (k = 1, nothing hidden)
    for (const cycleId of w.order) {
      const byRole = new Map<string, Set<string>>();
      for (const r of w.ratings) {
        if (r.cycleId !== cycleId || r.required === null || r.state !== 'validated' || r.validated === null) continue;
        byRole.set(r.parts.role.id, (byRole.get(r.parts.role.id) ?? new Set<string>()).add(r.staffId));
      }
      raw.set(cycleId, new Map([...byRole].map(([role, ids]) => [role, ids.size])));
    }
    // A complementary cell: suppressed though it rests on k or more people.
    const complementary = all.flatMap((r) =>
      r.body.points
        .map((p, i) => ({ p, people: raw.get(w.order[i]!)?.get(r.role) ?? 0 }))
        .filter(({ p, people }) => p.present && p.suppressed && people >= 5),
    );
    expect(complementary.length).toBeGreaterThan(0);
    // Cells suppressed in a cycle stay suppressed in the trend's CSV, every figure empty.
    for (const r of small) {
      const res = await t.http().get(TREND).query({ role: r.role }).set(as.hr).set('Accept', 'text/csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const rows = parseCsv(res.text);
      const expected = expectedTrend(w, { dimension: 'role', id: r.role });
      const label = r.body.label;
      const cycleRow = (p: Point) => {
        const c = r.body.cycles.find((x) => x.cycleId === p.cycleId)!;
        return [p.cycleId, (c as unknown as { cycleName: string }).cycleName, c.cycleState];
      };
      const version = (p: Point) =>
        String(
          (r.body.cycles.find((x) => x.cycleId === p.cycleId) as unknown as { frameworkVersionNumber: number })
            .frameworkVersionNumber,
        );
      expect(rows).toEqual([
        [
          'series',
          'id',
          'label',
          'cycle_id',
          'cycle_name',
          'cycle_state',
          'framework_version',
          'present',
          'people',
          'requirements',
          'met',
          'percent_met',
          'mean_gap',
          'n0',
          'n1',
          'n2',
          'n3',
          'n4',
          'suppressed',
        ],
        ...expected.points.map((p) => ['role', r.role, label, ...cycleRow(p), version(p), ...pointCells(p)]),
        ...expected.skills.flatMap((s) =>
          s.points.map((p) => ['skill', s.id, s.label, ...cycleRow(p), version(p), ...pointCells(p)]),
        ),
      ]);
      const hiddenRows = rows.filter((row) => row[7] === 'true' && row[18] === 'true');
      expect(hiddenRows.length).toBeGreaterThan(0);
      for (const row of hiddenRows) expect(row.slice(8, 18).every((c) => c === '')).toBe(true);
    }
    // The complementary role's CSV too.
    const comp = all.find((r) =>
      r.body.points.some((p, i) => p.present && p.suppressed && (raw.get(w.order[i]!)?.get(r.role) ?? 0) >= 5),
    )!;
    const csv = parseCsv(
      (await t.http().get(TREND).query({ role: comp.role }).set(as.hr).set('Accept', 'text/csv')).text,
    );
    expect(csv.some((row) => row[0] === 'role' && row[18] === 'true' && row[8] === '')).toBe(true);
  });

  it('hides every skill of a cycle whose family or role row is hidden (their sums would give it back)', async () => {
    const roles = [...w.rolesOf.values()].flat();
    let seen = 0;
    for (const role of roles) {
      const { body } = await check(as.hr, { dimension: 'role', id: role });
      body.points.forEach((p, i) => {
        if (!p.present || !p.suppressed) return;
        seen++;
        for (const s of body.skills) {
          const q = s.points[i]!;
          if (q.present && q.people !== 0) expect(q.suppressed, `${role} ${s.id}`).toBe(true);
        }
      });
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('narrows to scope: HR and admins all, a head of profession their families, a line manager their chain', async () => {
    const f0 = w.families[0]!;
    await check(as.admin, { dimension: 'roleFamily', id: f0 });
    const hop = await check(as.hop, { dimension: 'roleFamily', id: f0, scope: { families: [f0], teamOf: null } });
    expect(hop.body.points.some((p) => shown(p) && p.people! > 0)).toBe(true);
    // Another family: present but nobody in reach (all zero), as the gap report shows nothing of it.
    const other = await check(as.hop, {
      dimension: 'roleFamily',
      id: w.families[1]!,
      scope: { families: [f0], teamOf: null },
    });
    expect(other.body.points.every((p) => !p.present || p.people === 0)).toBe(true);
    // A line manager: their chain of 13, in aggregate, suppressed where under k.
    for (const family of w.families) {
      const m = await check(as.manager, {
        dimension: 'roleFamily',
        id: family,
        scope: { families: [], teamOf: w.manager },
      });
      for (const p of [...m.body.points, ...m.body.skills.flatMap((s) => s.points)]) {
        if (shown(p) && p.people! > 0) expect(p.people!).toBeGreaterThanOrEqual(5);
      }
    }
    await check(as.manager, {
      dimension: 'skill',
      id: w.droppedSkill.slug,
      scope: { families: [], teamOf: w.manager },
    });
  });

  it('refuses staff who manage nobody and lead no family (403), and the anonymous (401)', async () => {
    const q = { roleFamily: w.families[0]! };
    expectProblem(await t.http().get(TREND).query(q).set(as.staff), 403, 'forbidden');
    expectProblem(await t.http().get(TREND).query(q).set(as.hopNoFamilies), 403, 'forbidden');
    expectProblem(await t.http().get(TREND).query(q), 401, 'unauthenticated');
  });

  it('gives the same points and per-skill series as XLSX, absent and suppressed figures empty (differencing too)', async () => {
    type CycleInfo = { cycleId: string; cycleName: string; cycleState: string; closedAt: string | null };
    const pointValues = (cycles: CycleInfo[], versions: Map<string, number>, p: Point): Value[] => {
      const c = cycles.find((x) => x.cycleId === p.cycleId)!;
      const head: Value[] = [c.cycleId, c.cycleName, c.cycleState, c.closedAt, versions.get(c.cycleId)!, p.present];
      if (!p.present) return [...head, ...Array<Value>(11).fill(null)];
      return [
        ...head,
        cell(p.people),
        cell(p.requirements),
        cell(p.met),
        cell(p.percentMet),
        cell(p.meanGap),
        ...(p.ratings ?? [null, null, null, null, null]).map(cell),
        p.suppressed,
      ];
    };
    const workbook = async (auth: Auth, ask: TrendAsk) => {
      const { body, expected } = await check(auth, ask);
      const cycles = body.cycles as unknown as (CycleInfo & { frameworkVersionNumber: number })[];
      const versions = new Map(cycles.map((c) => [c.cycleId, c.frameworkVersionNumber]));
      const sheets = await readXlsx(await getXlsx(t, `${TREND}.xlsx`, queryOf(ask), auth));
      expectWorkbookShape(sheets, ask.dimension === 'skill' ? ['Points'] : ['Points', 'Skills']);
      expect(aboutOf(sheets)).toMatchObject({
        Name: body.label,
        Source: ask.source ?? 'validated',
        'k (fewest people shown)': 5,
        Cycles: cycles.length,
      });
      expect(sheets.Points!.header.slice(0, 8)).toEqual([
        'Cycle id',
        'Cycle',
        'Cycle state',
        'Closed at',
        'Framework version',
        'Present',
        'People',
        'Assessed requirements',
      ]);
      expect(sheets.Points!.header.at(-1)).toBe('Suppressed');
      // The independent calculation's points (the JSON's too, checked above), one row per cycle.
      expect(sheets.Points!.rows).toEqual(expected.points.map((p) => pointValues(cycles, versions, p)));
      if (ask.dimension !== 'skill') {
        expect(sheets.Skills!.header.slice(0, 3)).toEqual(['Skill id', 'Skill', 'Cycle id']);
        expect(sheets.Skills!.rows).toEqual(
          expected.skills.flatMap((sk) => sk.points.map((p) => [sk.id, sk.label, ...pointValues(cycles, versions, p)])),
        );
      }
      return { body, sheets };
    };
    // Every role: the small one hidden where it appears, and one of k or more people hidden against differencing.
    const raw = new Map<string, Map<string, number>>(); // cycle → role → people (k = 1, nothing hidden)
    for (const cycleId of w.order) {
      const byRole = new Map<string, Set<string>>();
      for (const r of w.ratings) {
        if (r.cycleId !== cycleId || r.required === null || r.state !== 'validated' || r.validated === null) continue;
        byRole.set(r.parts.role.id, (byRole.get(r.parts.role.id) ?? new Set<string>()).add(r.staffId));
      }
      raw.set(cycleId, new Map([...byRole].map(([role, ids]) => [role, ids.size])));
    }
    let small = 0;
    let complementary = 0;
    let hiddenSkills = 0;
    for (const role of [...w.rolesOf.values()].flat()) {
      const { sheets } = await workbook(as.hr, { dimension: 'role', id: role });
      sheets.Points!.rows.forEach((r) => {
        if (r[5] !== true || r[16] !== true) return;
        expect(r.slice(6, 16)).toEqual(Array(10).fill(null));
        const people = raw.get(String(r[0]))?.get(role) ?? 0;
        if (people < 5) small++;
        else complementary++;
      });
      for (const r of sheets.Skills!.rows.filter((x) => x[7] === true && x[18] === true)) {
        expect(r.slice(8, 18)).toEqual(Array(10).fill(null));
        hiddenSkills++;
      }
    }
    expect(small).toBeGreaterThan(0);
    expect(complementary).toBeGreaterThan(0);
    expect(hiddenSkills).toBeGreaterThan(0);
    // A family (both sources), a skill the old version lacks (absent: Present = FALSE, figures empty), chosen cycles.
    for (const source of ['validated', 'self'] as const) {
      await workbook(as.hr, { dimension: 'roleFamily', id: w.families[0]!, source });
    }
    const dropped = await workbook(as.hr, { dimension: 'skill', id: w.droppedSkill.slug });
    expect(dropped.sheets.Points!.rows.some((r) => r[5] === false)).toBe(true);
    await workbook(as.hr, { dimension: 'roleFamily', id: w.families[1]!, cycles: [w.oldCycle, w.closed] });
    // Scope: a head of profession their families, a line manager their chain in aggregate (shown cells k or more).
    const f0 = w.families[0]!;
    await workbook(as.hop, { dimension: 'roleFamily', id: f0, scope: { families: [f0], teamOf: null } });
    const mine = await workbook(as.manager, {
      dimension: 'roleFamily',
      id: f0,
      scope: { families: [], teamOf: w.manager },
    });
    for (const r of [...mine.sheets.Points!.rows, ...mine.sheets.Skills!.rows.map((x) => x.slice(2))]) {
      if (r[5] === true && r[16] === false && (r[6] as number) > 0) expect(r[6] as number).toBeGreaterThanOrEqual(5);
    }
    // Staff who manage nobody are refused, as the anonymous; bad input is 400.
    const q = { roleFamily: f0 };
    expectProblem(await t.http().get(`${TREND}.xlsx`).query(q).set(as.staff), 403, 'forbidden');
    expectProblem(await t.http().get(`${TREND}.xlsx`).query(q).set(as.hopNoFamilies), 403, 'forbidden');
    expectProblem(await t.http().get(`${TREND}.xlsx`).query(q), 401, 'unauthenticated');
    expectProblem(
      await t.http().get(`${TREND}.xlsx`).query({ roleFamily: f0, role: 'x' }).set(as.hr),
      400,
      'validation-failed',
    );
  });

  it('narrows the cycles by from/to and by cycleIds', async () => {
    const byDate = await read(as.hr, { roleFamily: w.families[0]!, from: '2024-01-01', to: '2025-12-31' });
    expect(byDate.cycles.map((c) => c.cycleId)).toEqual([w.closedOld, w.closed, w.open]);
    const until = await read(as.hr, { roleFamily: w.families[0]!, to: '2024-07-01' });
    expect(until.cycles.map((c) => c.cycleId)).toEqual([w.oldCycle, w.closedOld]);
    await check(as.hr, { dimension: 'roleFamily', id: w.families[0]!, cycles: [w.oldCycle, w.closed] });
    const repeated = await t
      .http()
      .get(`${TREND}?roleFamily=${w.families[0]!}&cycleIds=${w.open}&cycleIds=${w.oldCycle}`)
      .set(as.hr);
    expect((repeated.body as Body).cycles.map((c) => c.cycleId)).toEqual([w.oldCycle, w.open]);
  });

  it('answers 400 unless exactly one of roleFamily, role, skill; 400 for bad input; 404 for an unknown cycle', async () => {
    const f0 = w.families[0]!;
    for (const query of [
      {},
      { roleFamily: f0, skill: w.droppedSkill.slug },
      { roleFamily: f0, role: 'x', skill: 'y' },
      { source: 'self' },
      { roleFamily: 'Not A Slug' },
      { roleFamily: f0, source: 'both' },
      { roleFamily: f0, from: '2024-13-01' },
      { roleFamily: f0, to: 'yesterday' },
      { roleFamily: f0, cycleIds: 'not-a-uuid' },
    ]) {
      expectProblem(await t.http().get(TREND).query(query).set(as.hr), 400, 'validation-failed');
    }
    expectProblem(
      await t
        .http()
        .get(TREND)
        .query({ roleFamily: f0, cycleIds: `${w.closed},${randomUUID()}` })
        .set(as.hr),
      404,
      'review-cycle-not-found',
    );
  });
});

export type { Figures };
