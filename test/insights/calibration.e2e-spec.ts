import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import {
  expectedCalibration,
  generateCalibrationWorld,
  type CalibrationAsk,
  type CalibrationFigures,
  type CalibrationRow,
  type CalibrationWorld,
} from './calibration-support.js';
import { chainOf, parseCsv } from './capability-gaps-support.js';
import { aboutOf, cell, expectWorkbookShape, getXlsx, readXlsx } from './xlsx-support.js';

const CALIBRATION = '/api/v1/insights/calibration';
type Auth = { Authorization: string };

interface Body {
  cycleId: string;
  k: number;
  filters: Record<string, string>;
  families: CalibrationRow[];
  managers: CalibrationRow[];
  total: CalibrationFigures;
  mostDifferent: { id: string; label: string; people: number; meanDifference: number }[];
}

const cellOf = (v: number | null) => (v === null ? '' : String(v));
const figureCells = (f: CalibrationFigures) => [
  cellOf(f.people),
  cellOf(f.ratings),
  cellOf(f.meanSelf),
  cellOf(f.meanValidated),
  cellOf(f.meanDifference),
  cellOf(f.percentAgreed),
  cellOf(f.percentRaised),
  cellOf(f.percentLowered),
  cellOf(f.flagged),
  String(f.suppressed),
];

describe('insights: calibration', () => {
  let t: TestApp;
  let w: CalibrationWorld;
  let as: Record<'hr' | 'admin' | 'hop' | 'manager' | 'staff' | 'hopNoFamilies', Auth>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await generateCalibrationWorld(t);
    as = {
      hr: (await signedIn(t, { roles: ['hr'] })).auth,
      admin: (await signedIn(t, { roles: ['admin'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: [w.families[0]!] })).auth,
      manager: w.auth60,
      staff: (await signedIn(t, { roles: ['staff'], staffId: w.people[50]!.id })).auth,
      hopNoFamilies: (await signedIn(t, { roles: ['head_of_profession'], roleFamilies: [] })).auth,
    };
  }, 60_000);
  afterAll(async () => t?.close());

  const check = async (auth: Auth, ask: CalibrationAsk) => {
    const query: Record<string, string> = {
      cycleId: ask.cycleId,
      ...(ask.roleFamily ? { roleFamily: ask.roleFamily } : {}),
    };
    const res = await t.http().get(CALIBRATION).query(query).set(auth);
    expect(res.status, res.text).toBe(200);
    const body = res.body as Body;
    const expected = expectedCalibration(w, ask);
    expect(body.families, JSON.stringify(ask)).toEqual(expected.families);
    expect(body.managers, JSON.stringify(ask)).toEqual(expected.managers);
    expect(body.total).toEqual(expected.total);
    expect(body.mostDifferent).toEqual(expected.mostDifferent);
    expect(body).toMatchObject({ cycleId: ask.cycleId, k: 5 });
    return { body, expected };
  };

  it('answers for the cycle closed last by default and matches the independent calculation', async () => {
    const res = await t.http().get(CALIBRATION).set(as.hr);
    expect(res.status).toBe(200);
    expect((res.body as Body).cycleId).toBe(w.closed);
    const { body } = await check(as.hr, { cycleId: w.closed });
    // The validator on record counts (person 60 validated 14–40 and leads 61–70), else the line manager.
    expect(body.managers.find((m) => m.id === w.people[60]!.id)).toMatchObject({ suppressed: false });
    expect(body.total.flagged).toBeGreaterThan(0);
    expect(body.mostDifferent.length).toBeGreaterThan(0);
    await check(as.admin, { cycleId: w.open });
    await check(as.hr, { cycleId: w.closedOld });
    for (const family of w.families) await check(as.hr, { cycleId: w.closed, roleFamily: family });
  });

  it('suppresses manager and family rows under k people and, against differencing, the next smallest (JSON and CSV)', async () => {
    const { body, expected } = await check(as.hr, { cycleId: w.closed });
    // Person 2's team (3 people) is under k; another manager's row of k or more is hidden with it.
    const small = body.managers.filter((m) => m.suppressed && expected.rawPeople.get(m.id)! < 5);
    expect(small.length).toBeGreaterThan(0);
    const complementary = body.managers.filter((m) => m.suppressed && expected.rawPeople.get(m.id)! >= 5);
    expect(complementary.length).toBeGreaterThan(0);
    const hiddenPeople = body.managers
      .filter((m) => m.suppressed)
      .reduce((s, m) => s + expected.rawPeople.get(m.id)!, 0);
    expect(hiddenPeople).toBeGreaterThanOrEqual(5);
    for (const m of body.managers.filter((x) => x.suppressed)) {
      expect(m).toMatchObject({ people: null, ratings: null, meanDifference: null, flagged: null });
      expect(body.mostDifferent.some((r) => r.id === m.id)).toBe(false);
    }
    // CSV: the same rows, suppressed figures empty, the ranking in `rank`.
    const res = await t.http().get(CALIBRATION).query({ cycleId: w.closed }).set(as.hr).set('Accept', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rank = new Map(expected.mostDifferent.map((m, i) => [m.id, String(i + 1)]));
    expect(parseCsv(res.text)).toEqual([
      [
        'row',
        'id',
        'label',
        'people',
        'ratings',
        'mean_self',
        'mean_validated',
        'mean_difference',
        'percent_agreed',
        'percent_raised',
        'percent_lowered',
        'flagged',
        'suppressed',
        'rank',
      ],
      ...expected.families.map((f) => ['family', f.id, f.label, ...figureCells(f), '']),
      ...expected.managers.map((m) => ['manager', m.id, m.label, ...figureCells(m), rank.get(m.id) ?? '']),
      ['total', '', '', ...figureCells(expected.total), ''],
    ]);
    const csvHidden = parseCsv(res.text).filter((r) => r[12] === 'true');
    expect(csvHidden.length).toBe(
      body.managers.filter((m) => m.suppressed).length + body.families.filter((f) => f.suppressed).length,
    );
    for (const r of csvHidden) expect(r.slice(3, 12).every((c) => c === '')).toBe(true);
  });

  it('narrows to scope: a head of profession their families, a line manager their chain (manager rows of k or more)', async () => {
    const hop = await check(as.hop, { cycleId: w.closed, scope: { families: [w.families[0]!], teamOf: null } });
    expect(hop.body.families.map((f) => f.id)).toEqual([w.families[0]]);
    await check(as.hop, {
      cycleId: w.closed,
      roleFamily: w.families[1]!,
      scope: { families: [w.families[0]!], teamOf: null },
    });
    // Person 60: their chain is 61–70 (the reviews they validated outside it are not theirs to see).
    const mine = await check(as.manager, { cycleId: w.closed, scope: { families: [], teamOf: w.people[60]!.id } });
    expect(mine.body.total.people ?? 0).toBeLessThanOrEqual(chainOf(w, w.people[60]!.id).size);
    for (const m of mine.body.managers) if (!m.suppressed) expect(m.people!).toBeGreaterThanOrEqual(5);
    // Person 0's chain (1–13): the managers below them (1, 2) in rows each hidden under k.
    const top = await signedIn(t, { roles: ['staff'], staffId: w.manager });
    const chain = await check(top.auth, { cycleId: w.closed, scope: { families: [], teamOf: w.manager } });
    for (const m of chain.body.managers) if (!m.suppressed) expect(m.people!).toBeGreaterThanOrEqual(5);
    await check(w.auth1, { cycleId: w.closed, scope: { families: [], teamOf: w.people[1]!.id } });
  });

  it('refuses staff who manage nobody and lead no family (403), and the anonymous (401)', async () => {
    expectProblem(await t.http().get(CALIBRATION).set(as.staff), 403, 'forbidden');
    expectProblem(await t.http().get(CALIBRATION).set(as.hopNoFamilies), 403, 'forbidden');
    expectProblem(await t.http().get(CALIBRATION), 401, 'unauthenticated');
  });

  it('gives the same rows as XLSX: families, managers, most different and total, suppressed rows empty (differencing too)', async () => {
    const figures = (f: CalibrationFigures) => [
      cell(f.people),
      cell(f.ratings),
      cell(f.meanSelf),
      cell(f.meanValidated),
      cell(f.meanDifference),
      cell(f.percentAgreed),
      cell(f.percentRaised),
      cell(f.percentLowered),
      cell(f.flagged),
      f.suppressed,
    ];
    const asks: CalibrationAsk[] = [
      { cycleId: w.closed },
      { cycleId: w.open },
      { cycleId: w.closed, roleFamily: w.families[1]! },
    ];
    for (const ask of asks) {
      const { body, expected } = await check(as.hr, ask);
      const query = { cycleId: ask.cycleId, ...(ask.roleFamily ? { roleFamily: ask.roleFamily } : {}) };
      const sheets = await readXlsx(await getXlsx(t, `${CALIBRATION}.xlsx`, query, as.hr));
      expectWorkbookShape(sheets, ['Families', 'Managers', 'Most different', 'Total']);
      expect(aboutOf(sheets)).toMatchObject({
        'Cycle id': ask.cycleId,
        'k (fewest people shown)': 5,
        Filters: ask.roleFamily ? `Role family = ${ask.roleFamily}` : 'none',
      });
      expect(sheets.Families!.header).toEqual([
        'Id',
        'Label',
        'People',
        'Ratings',
        'Mean self',
        'Mean validated',
        'Mean difference',
        '% agreed',
        '% raised',
        '% lowered',
        'Flagged',
        'Suppressed',
      ]);
      // The independent calculation's figures, and so the JSON's for the same query and reader.
      expect(sheets.Families!.rows).toEqual(expected.families.map((f) => [f.id, f.label, ...figures(f)]));
      expect(sheets.Managers!.rows).toEqual(expected.managers.map((m) => [m.id, m.label, ...figures(m)]));
      expect(sheets.Managers!.rows).toEqual(body.managers.map((m) => [m.id, m.label, ...figures(m)]));
      expect(sheets['Most different']!.rows).toEqual(
        expected.mostDifferent.map((m, i) => [i + 1, m.id, m.label, m.people, m.meanDifference]),
      );
      expect(sheets.Total!.rows).toEqual([figures(expected.total)]);
      if (ask.cycleId === w.closed && !ask.roleFamily) {
        // The small team and the complementary row hidden against differencing: Suppressed = TRUE, figures empty.
        const hidden = sheets.Managers!.rows.filter((r) => r[11] === true);
        expect(hidden.some((r) => expected.rawPeople.get(String(r[0]))! < 5)).toBe(true);
        expect(hidden.some((r) => expected.rawPeople.get(String(r[0]))! >= 5)).toBe(true);
        for (const r of hidden) expect(r.slice(2, 11)).toEqual(Array(9).fill(null));
        // Numbers stay numbers.
        const shownRow = sheets.Managers!.rows.find((r) => r[11] === false)!;
        for (const v of shownRow.slice(2, 11)) expect(typeof v).toBe('number');
      }
    }
    // Scope holds in the workbook: a head of profession their families; a line manager their chain's rows of k or more.
    const hop = await readXlsx(await getXlsx(t, `${CALIBRATION}.xlsx`, { cycleId: w.closed }, as.hop));
    const hopExpected = expectedCalibration(w, {
      cycleId: w.closed,
      scope: { families: [w.families[0]!], teamOf: null },
    });
    expect(hop.Families!.rows).toEqual(hopExpected.families.map((f) => [f.id, f.label, ...figures(f)]));
    expect(hop.Total!.rows).toEqual([figures(hopExpected.total)]);
    const mine = await readXlsx(await getXlsx(t, `${CALIBRATION}.xlsx`, { cycleId: w.closed }, as.manager));
    const mineExpected = expectedCalibration(w, {
      cycleId: w.closed,
      scope: { families: [], teamOf: w.people[60]!.id },
    });
    expect(mine.Managers!.rows).toEqual(mineExpected.managers.map((m) => [m.id, m.label, ...figures(m)]));
    // Staff who manage nobody (and a head of profession of no family) are refused; bad input is 400; unknown cycle 404.
    expectProblem(await t.http().get(`${CALIBRATION}.xlsx`).set(as.staff), 403, 'forbidden');
    expectProblem(await t.http().get(`${CALIBRATION}.xlsx`).set(as.hopNoFamilies), 403, 'forbidden');
    expectProblem(await t.http().get(`${CALIBRATION}.xlsx`), 401, 'unauthenticated');
    expectProblem(
      await t.http().get(`${CALIBRATION}.xlsx`).query({ cycleId: 'nope' }).set(as.hr),
      400,
      'validation-failed',
    );
    expectProblem(
      await t.http().get(`${CALIBRATION}.xlsx`).query({ cycleId: randomUUID() }).set(as.hr),
      404,
      'review-cycle-not-found',
    );
  });

  it('answers 404 for an unknown cycle and 400 for bad input', async () => {
    expectProblem(
      await t.http().get(CALIBRATION).query({ cycleId: randomUUID() }).set(as.hr),
      404,
      'review-cycle-not-found',
    );
    for (const query of [{ cycleId: 'nope' }, { roleFamily: 'Not A Slug' }, { roleFamily: 'x'.repeat(101) }]) {
      expectProblem(await t.http().get(CALIBRATION).query(query).set(as.hr), 400, 'validation-failed');
    }
  });
});
