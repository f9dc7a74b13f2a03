import { Permission } from '@capability/auth';
import { CapabilityInsightsPermission } from '@capability/insights';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import {
  chainOf,
  expectedGaps,
  generateWorld,
  parseCsv,
  type Ask,
  type Dimension,
  type Figures,
  type Group,
  type World,
} from './capability-gaps-support.js';

const GAPS = '/api/v1/insights/capability-gaps';
type Auth = { Authorization: string };

interface Body {
  cycleId: string;
  source: string;
  k: number;
  groupBy: string[];
  filters: Record<string, string>;
  groups: Group[];
  total: Figures;
}

/** The query string for an ask (groupBy comma-separated). */
const queryOf = (ask: Ask): Record<string, string> => ({
  cycleId: ask.cycleId,
  source: ask.source,
  groupBy: ask.groupBy.join(','),
  ...ask.filters,
});

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const cellOf = (v: number | null) => (v === null ? '' : String(v));
const figureCells = (f: Figures) => [
  cellOf(f.people),
  cellOf(f.requirements),
  cellOf(f.met),
  cellOf(f.percentMet),
  cellOf(f.meanGap),
  ...(f.ratings ?? [null, null, null, null, null]).map(cellOf),
  String(f.suppressed),
];

describe('insights: capability gaps', () => {
  let t: TestApp;
  let w: World;
  let as: Record<'hr' | 'admin' | 'hop' | 'manager' | 'staff' | 'hopNoFamilies', Auth>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await generateWorld(t);
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

  const read = async (auth: Auth, query: Record<string, string> = {}): Promise<Body> => {
    const res = await t.http().get(GAPS).query(query).set(auth);
    expect(res.status, res.text).toBe(200);
    return res.body as Body;
  };
  const check = async (auth: Auth, ask: Ask) => {
    const body = await read(auth, queryOf(ask));
    const expected = expectedGaps(w, ask);
    expect(body.groups, JSON.stringify(ask)).toEqual(expected.groups);
    expect(body.total, JSON.stringify(ask)).toEqual(expected.total);
    expect(body).toMatchObject({ cycleId: ask.cycleId, source: ask.source, k: 5, groupBy: ask.groupBy });
    return { body, expected };
  };

  it('keeps its permission name equal to auth', () => {
    expect(CapabilityInsightsPermission.CapabilityInsightsRead).toBe(Permission.CapabilityInsightsRead);
  });

  it('answers for the cycle closed last by default, validated ratings, grouped by role family', async () => {
    const body = await read(as.hr);
    const expected = expectedGaps(w, { cycleId: w.closed, source: 'validated', groupBy: ['roleFamily'] });
    expect(body).toMatchObject({ cycleId: w.closed, source: 'validated', k: 5, groupBy: ['roleFamily'] });
    expect(body.groups).toEqual(expected.groups);
    expect(body.total).toEqual(expected.total);
    expect(expected.groups.length).toBe(3);
    expect(expected.total.requirements).toBeGreaterThan(300);
    // Figures are about something: some met, some not, every level seen.
    expect(expected.total.met).toBeGreaterThan(0);
    expect(expected.total.met).toBeLessThan(expected.total.requirements!);
    expect(expected.total.ratings!.every((n) => n > 0)).toBe(true);
  });

  it('matches the independent calculation for every grouping, both sources, both cycles', async () => {
    for (const cycleId of [w.closed, w.open]) {
      for (const source of ['validated', 'self'] as const) {
        for (const d of ['roleFamily', 'role', 'roleLevel', 'skill', 'unit', 'location', 'grade', 'employmentType']) {
          await check(as.hr, { cycleId, source, groupBy: [d as Dimension] });
        }
      }
    }
    // Self and validated differ (unvalidated reviews, levels changed at validation).
    const self = expectedGaps(w, { cycleId: w.closed, source: 'self', groupBy: ['roleFamily'] });
    const validated = expectedGaps(w, { cycleId: w.closed, source: 'validated', groupBy: ['roleFamily'] });
    expect(self.total.requirements).toBeGreaterThan(validated.total.requirements!);
  });

  it('groups by several dimensions (repeated or comma-separated) and filters on any', async () => {
    const asks: Ask[] = [
      { cycleId: w.closed, source: 'validated', groupBy: ['roleFamily', 'grade'] },
      { cycleId: w.closed, source: 'self', groupBy: ['unit', 'employmentType'] },
      { cycleId: w.open, source: 'validated', groupBy: ['roleFamily', 'skill'] },
      { cycleId: w.closed, source: 'validated', groupBy: ['skill'], filters: { roleFamily: w.families[1]! } },
      { cycleId: w.closed, source: 'validated', groupBy: ['roleLevel'], filters: { unit: w.unitIds.teamA } },
      { cycleId: w.closed, source: 'self', groupBy: ['grade'], filters: { location: w.locationIds[0]! } },
      { cycleId: w.closed, source: 'validated', groupBy: ['location'], filters: { grade: 'SEO' } },
      { cycleId: w.closed, source: 'validated', groupBy: ['unit'], filters: { employmentType: 'permanent' } },
      {
        cycleId: w.open,
        source: 'self',
        groupBy: ['roleFamily', 'location', 'employmentType'],
        filters: { unit: w.unitIds.department },
      },
    ];
    for (const ask of asks) await check(as.hr, ask);
    // The unit filter takes the subtree: team A's answer includes its squad.
    const teamA = expectedGaps(w, asks[4]!);
    const squadOnly = expectedGaps(w, { ...asks[4]!, filters: { unit: w.unitIds.subA } });
    expect(teamA.total.requirements).toBeGreaterThan(squadOnly.total.requirements!);
    expect(squadOnly.total.requirements).toBeGreaterThan(0);
    // Repeated groupBy parameters read as the comma-separated list.
    const res = await t.http().get(`${GAPS}?cycleId=${w.closed}&groupBy=roleFamily&groupBy=grade`).set(as.hr);
    expect(res.status, res.text).toBe(200);
    expect((res.body as Body).groups).toEqual(expectedGaps(w, asks[0]!).groups);
    // A filter matching nothing: no groups, an empty total.
    const none = await read(as.hr, { cycleId: w.closed, roleFamily: 'no-such-family' });
    expect(none.groups).toEqual([]);
    expect(none.total).toMatchObject({ people: 0, requirements: 0, percentMet: null, meanGap: null });
  });

  it('groups by unit as subtrees: one level below the unit filtered on, and its own people', async () => {
    const top = await check(as.hr, { cycleId: w.closed, source: 'validated', groupBy: ['unit'] });
    // Without a filter: the units below the department, team A holding its squad's people too.
    expect(top.body.groups.map((g) => g.key.unit!.id).sort()).toEqual([w.unitIds.teamA, w.unitIds.teamB].sort());
    const inA = await check(as.hr, {
      cycleId: w.closed,
      source: 'validated',
      groupBy: ['unit'],
      filters: { unit: w.unitIds.teamA },
    });
    // Filtered on team A: its own people and its squad's, which together are team A's group above.
    expect(inA.body.groups.map((g) => g.key.unit!.id).sort()).toEqual([w.unitIds.teamA, w.unitIds.subA].sort());
    const teamA = top.body.groups.find((g) => g.key.unit!.id === w.unitIds.teamA)!;
    expect(inA.body.groups.reduce((n, g) => n + g.requirements!, 0)).toBe(teamA.requirements);
    expect(inA.body.total.people).toBe(teamA.people);
    // Filtered on the squad (a leaf): one group, the squad.
    const squad = await check(as.hr, {
      cycleId: w.closed,
      source: 'self',
      groupBy: ['unit', 'roleFamily'],
      filters: { unit: w.unitIds.subA },
    });
    expect(new Set(squad.body.groups.map((g) => g.key.unit!.id))).toEqual(new Set([w.unitIds.subA]));
  });

  it('suppresses groups under k and, against differencing, the next smallest (JSON)', async () => {
    // Apprentices (2 people) are under k; secondees (8) would give them away from the total: both hidden.
    const ask: Ask = { cycleId: w.closed, source: 'self', groupBy: ['employmentType'] };
    const { body, expected } = await check(as.hr, ask);
    const apprentice = body.groups.find((g) => g.key.employmentType?.id === 'apprentice')!;
    expect(apprentice).toEqual({
      key: { employmentType: { id: 'apprentice', label: 'apprentice' } },
      people: null,
      requirements: null,
      met: null,
      percentMet: null,
      meanGap: null,
      ratings: null,
      suppressed: true,
    });
    // The complementary cell: k or more people, hidden so the total minus the rest does not reveal the apprentices.
    const raw = expectedGaps(w, { ...ask, k: 1 });
    const complement = raw.groups.filter(
      (g, i) => g.people! >= 5 && expected.groups[i]!.suppressed && g.key.employmentType?.id !== 'apprentice',
    );
    expect(complement.length).toBeGreaterThan(0);
    expect(body.total.suppressed).toBe(false);
    // Whatever is shown, the hidden cells together rest on at least k people.
    const hiddenPeople = raw.groups.filter((_, i) => body.groups[i]!.suppressed).reduce((s, g) => s + g.people!, 0);
    expect(hiddenPeople).toBeGreaterThanOrEqual(5);
    // The small role level (a handful of people) is suppressed too, grouped by role level.
    const levels = await check(as.hr, { cycleId: w.closed, source: 'validated', groupBy: ['roleLevel'] });
    expect(levels.body.groups.some((g) => g.suppressed)).toBe(true);
    // Two groupings: a cell hidden in one direction is protected in the other.
    const two = await check(as.hr, {
      cycleId: w.closed,
      source: 'validated',
      groupBy: ['roleFamily', 'employmentType'],
    });
    expect(two.body.groups.filter((g) => g.suppressed).length).toBeGreaterThanOrEqual(2);
  });

  it('answers the same groups as CSV, suppressed cells empty, with a suppressed column', async () => {
    const asks: Ask[] = [
      { cycleId: w.closed, source: 'self', groupBy: ['employmentType'] },
      { cycleId: w.open, source: 'validated', groupBy: ['roleFamily', 'unit'] },
    ];
    for (const ask of asks) {
      const res = await t.http().get(GAPS).query(queryOf(ask)).set(as.hr).set('Accept', 'text/csv');
      expect(res.status, res.text).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const rows = parseCsv(res.text);
      const expected = expectedGaps(w, ask);
      expect(rows[0]).toEqual([
        'row',
        ...ask.groupBy.flatMap((d) => [`${snake(d)}_id`, `${snake(d)}_label`]),
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
      ]);
      expect(rows.slice(1)).toEqual([
        ...expected.groups.map((g) => [
          'group',
          ...ask.groupBy.flatMap((d) => [g.key[d]!.id, g.key[d]!.label]),
          ...figureCells(g),
        ]),
        ['total', ...ask.groupBy.flatMap(() => ['', '']), ...figureCells(expected.total)],
      ]);
      expect(expected.groups.some((g) => g.suppressed)).toBe(true);
    }
  });

  it('narrows to scope: HR and admins all, a head of profession their families, a line manager their chain', async () => {
    const base = { cycleId: w.closed, source: 'validated' as const, groupBy: ['roleLevel', 'grade'] as Dimension[] };
    await check(as.hr, base);
    await check(as.admin, base);
    const hop = await check(as.hop, { ...base, scope: { families: [w.families[0]!], teamOf: null } });
    expect(hop.body.groups.every((g) => g.key.roleLevel)).toBe(true);
    expect(hop.expected.total.people).toBeLessThan(expectedGaps(w, base).total.people!);
    // Asking a head of profession's report for another family narrows to nothing.
    const other = await read(as.hop, { cycleId: w.closed, roleFamily: w.families[1]! });
    expect(other.groups).toEqual([]);
    // The line manager: their whole chain (13 people), in aggregate, small groups suppressed.
    expect(chainOf(w, w.manager).size).toBe(13);
    for (const groupBy of [['roleFamily'], ['unit'], ['employmentType']] as Dimension[][]) {
      await check(as.manager, {
        cycleId: w.closed,
        source: 'self',
        groupBy,
        scope: { families: [], teamOf: w.manager },
      });
    }
    const chain = expectedGaps(w, {
      cycleId: w.closed,
      source: 'self',
      groupBy: ['roleFamily'],
      scope: { families: [], teamOf: w.manager },
    });
    expect(chain.total.people).toBeLessThanOrEqual(13);
    expect(chain.total.suppressed).toBe(false);
  });

  it('refuses staff who manage nobody and lead no family (403), and the anonymous (401)', async () => {
    expectProblem(await t.http().get(GAPS).set(as.staff), 403, 'forbidden');
    expectProblem(await t.http().get(GAPS).set(as.hopNoFamilies), 403, 'forbidden');
    expectProblem(await t.http().get(GAPS), 401, 'unauthenticated');
    const plain = (await signedIn(t, { roles: ['staff'] })).auth;
    expectProblem(await t.http().get(GAPS).set(plain), 403, 'forbidden');
  });

  it('answers 404 for an unknown cycle and 400 problems for bad input', async () => {
    expectProblem(await t.http().get(GAPS).query({ cycleId: randomUUID() }).set(as.hr), 404, 'review-cycle-not-found');
    // The older closed cycle has no reviews: an empty report, not an error.
    const old = await read(as.hr, { cycleId: w.closedOld });
    expect(old.groups).toEqual([]);
    for (const query of [
      { cycleId: 'not-a-uuid' },
      { source: 'manager' },
      { groupBy: 'roleFamily,colour' },
      { groupBy: 'nope' },
      { unit: 'x' },
      { location: '12' },
      { employmentType: 'volunteer' },
      { grade: 'g7; drop' },
      { roleFamily: 'Not A Slug' },
      { skill: '' },
    ]) {
      const res = await t.http().get(GAPS).query(query).set(as.hr);
      expectProblem(res, 400, 'validation-failed');
    }
  });
});

describe('insights: capability gaps with INSIGHTS_MIN_GROUP_SIZE=3', () => {
  let t: TestApp;
  let w: World;
  let hr: Auth;

  beforeAll(async () => {
    t = await createTestApp({ INSIGHTS_MIN_GROUP_SIZE: '3' });
    w = await generateWorld(t, 7);
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
  }, 60_000);
  afterAll(async () => t?.close());

  it('suppresses below the configured k, in JSON and CSV', async () => {
    const asks: Ask[] = [
      { cycleId: w.closed, source: 'self', groupBy: ['employmentType'], k: 3 },
      { cycleId: w.closed, source: 'validated', groupBy: ['roleLevel', 'unit'], k: 3 },
      { cycleId: w.open, source: 'self', groupBy: ['grade', 'location'], k: 3 },
    ];
    for (const ask of asks) {
      const res = await t.http().get(GAPS).query(queryOf(ask)).set(hr);
      expect(res.status, res.text).toBe(200);
      const body = res.body as Body;
      const expected = expectedGaps(w, ask);
      expect(body.k).toBe(3);
      expect(body.groups, JSON.stringify(ask)).toEqual(expected.groups);
      expect(body.total).toEqual(expected.total);
      const csv = await t.http().get(GAPS).query(queryOf(ask)).set(hr).set('Accept', 'text/csv');
      expect(csv.status).toBe(200);
      expect(parseCsv(csv.text).slice(1, -1)).toEqual(
        expected.groups.map((g) => [
          'group',
          ...ask.groupBy.flatMap((d) => [g.key[d]!.id, g.key[d]!.label]),
          ...figureCells(g),
        ]),
      );
    }
    // k = 3 shows groups k = 5 hides: the two apprentices stay hidden, nothing of 3 or 4 people is.
    const withThree = expectedGaps(w, asks[0]!);
    const withFive = expectedGaps(w, { ...asks[0]!, k: 5 });
    expect(withThree.groups.filter((g) => g.suppressed).length).toBeLessThanOrEqual(
      withFive.groups.filter((g) => g.suppressed).length,
    );
    expect(withThree.groups.find((g) => g.key.employmentType?.id === 'apprentice')?.suppressed).toBe(true);
  });
});
