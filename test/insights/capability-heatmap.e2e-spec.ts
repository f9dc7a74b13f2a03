import { randomUUID } from 'node:crypto';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import {
  chainOf,
  expectedGaps,
  generateWorld,
  hiddenCells,
  type Ask,
  type Dimension,
  type World,
} from './capability-gaps-support.js';
import { aboutOf, cell, expectWorkbookShape, getXlsx, readXlsx } from './xlsx-support.js';

const API = '/api/v1/insights';
const HEATMAP = `${API}/capability-heatmap`;
type Auth = { Authorization: string };
type By = 'role' | 'role-level';

interface Item {
  id: string;
  label: string;
}
interface Cell {
  rowId: string;
  skillId: string;
  people: number | null;
  assessed: number | null;
  met: number | null;
  percentMet: number | null;
  meanGap: number | null;
  suppressed: boolean;
}
interface Heatmap {
  cycleId: string;
  cycleName: string;
  cycleState: string;
  source: string;
  k: number;
  roleFamily: Item;
  by: By;
  rows: Item[];
  skills: Item[];
  cells: Cell[];
  generatedAt: string;
}

interface HeatAsk {
  cycleId: string;
  source: 'validated' | 'self';
  roleFamily: string;
  by: By;
  filters?: Partial<Record<Dimension, string>>;
  scope?: { families: string[]; teamOf: string | null } | null;
  k?: number;
}

/** Half-up a ÷ b to `places` decimals, in integers. */
const rounded = (a: number, b: number, places: number): number => {
  const f = 10 ** places;
  return Math.floor((2 * a * f + b) / (2 * b)) / f;
};

/**
 * The heatmap worked out from the world's rating rows: the counted requirements of the family (source, cycle,
 * filters, scope), per (row, skill); the suppression rule restated (`hiddenCells`) over the row × skill cells in the
 * report's order (row label, skill label); every row × skill of the rows and skills seen, a pair with no counted
 * rating a cell of 0; rows and skills by Σ(meanGap × assessed) ÷ Σ assessed over their shown cells, largest first,
 * none last, then label.
 */
function expectedHeatmap(w: World, ask: HeatAsk): { rows: Item[]; skills: Item[]; cells: Cell[] } {
  const k = ask.k ?? 5;
  const rowDim = ask.by === 'role' ? 'role' : 'roleLevel';
  const chain = ask.scope?.teamOf ? chainOf(w, ask.scope.teamOf) : new Set<string>();
  const counted = w.ratings.filter(
    (r) =>
      r.cycleId === ask.cycleId &&
      r.required !== null &&
      r.parts.roleFamily.id === ask.roleFamily &&
      (ask.source === 'validated'
        ? r.state === 'validated' && r.validated !== null
        : (r.state === 'self_assessed' || r.state === 'validated') && r.self !== null) &&
      Object.entries(ask.filters ?? {}).every(([d, v]) =>
        d === 'unit' ? r.unitPath.includes(v) : r.parts[d as Dimension].id === v,
      ) &&
      (!ask.scope || ask.scope.families.includes(r.parts.roleFamily.id) || chain.has(r.staffId)),
  );
  const groups = new Map<string, { row: Item; skill: Item; rows: typeof counted }>();
  for (const r of counted) {
    const key = `${r.parts[rowDim].id}|${r.parts.skill.id}`;
    const g = groups.get(key) ?? { row: r.parts[rowDim], skill: r.parts.skill, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  const byLabel = (a: Item, b: Item) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id);
  const list = [...groups.values()].sort((a, b) => byLabel(a.row, b.row) || byLabel(a.skill, b.skill));
  const hidden = hiddenCells(
    list.map((g) => ({ ids: [g.row.id, g.skill.id], people: new Set(g.rows.map((r) => r.staffId)).size })),
    k,
  );
  const cells = new Map<string, Cell>();
  list.forEach((g, i) => {
    const level = (r: (typeof counted)[number]) => (ask.source === 'validated' ? r.validated : r.self)!;
    const met = g.rows.filter((r) => level(r) >= r.required!).length;
    const gap = g.rows.reduce((s, r) => s + Math.max(0, r.required! - level(r)), 0);
    cells.set(
      `${g.row.id}|${g.skill.id}`,
      hidden.has(i)
        ? {
            rowId: g.row.id,
            skillId: g.skill.id,
            people: null,
            assessed: null,
            met: null,
            percentMet: null,
            meanGap: null,
            suppressed: true,
          }
        : {
            rowId: g.row.id,
            skillId: g.skill.id,
            people: new Set(g.rows.map((r) => r.staffId)).size,
            assessed: g.rows.length,
            met,
            percentMet: rounded(100 * met, g.rows.length, 1),
            meanGap: rounded(gap, g.rows.length, 2),
            suppressed: false,
          },
    );
  });
  const rowsSeen = [...new Map(list.map((g) => [g.row.id, g.row])).values()];
  const skillsSeen = [...new Map(list.map((g) => [g.skill.id, g.skill])).values()];
  const at = (r: string, s: string): Cell =>
    cells.get(`${r}|${s}`) ?? {
      rowId: r,
      skillId: s,
      people: 0,
      assessed: 0,
      met: 0,
      percentMet: null,
      meanGap: null,
      suppressed: false,
    };
  const order = (items: Item[], cellsOf: (id: string) => Cell[]): Item[] => {
    const weight = (id: string) => {
      const shown = cellsOf(id).filter((c) => !c.suppressed && c.assessed);
      // meanGap in hundredths × assessed: the mean gap's numerator as the shown figures give it.
      const gap = shown.reduce((s, c) => s + Math.round(c.meanGap! * 100) * c.assessed!, 0);
      const n = shown.reduce((s, c) => s + c.assessed!, 0);
      return { gap, n };
    };
    return [...items].sort((a, b) => {
      const wa = weight(a.id);
      const wb = weight(b.id);
      if (wa.n === 0 || wb.n === 0) return wa.n === 0 && wb.n === 0 ? byLabel(a, b) : wa.n === 0 ? 1 : -1;
      return wb.gap * wa.n - wa.gap * wb.n || byLabel(a, b);
    });
  };
  const rows = order(rowsSeen, (r) => skillsSeen.map((s) => at(r, s.id)));
  const skills = order(skillsSeen, (s) => rowsSeen.map((r) => at(r.id, s)));
  return { rows, skills, cells: rows.flatMap((r) => skills.map((s) => at(r.id, s.id))) };
}

const queryOf = (ask: HeatAsk): Record<string, string> => ({
  cycleId: ask.cycleId,
  source: ask.source,
  roleFamily: ask.roleFamily,
  by: ask.by,
  ...ask.filters,
});

// ---------------------------------------------------------------------------------------------------------
// A minimal DOM from saxes (the strict XML parser exceljs depends on): a parse error fails the test.

interface Node {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  text: string;
  parent: Node | null;
}

function parseXml(xml: string): Node {
  const parser = new SaxesParser({ xmlns: false });
  const root: Node = { name: '#document', attributes: {}, children: [], text: '', parent: null };
  let current = root;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const node: Node = {
      name: tag.name,
      attributes: { ...(tag.attributes as Record<string, string>) },
      children: [],
      text: '',
      parent: current,
    };
    current.children.push(node);
    current = node;
  });
  parser.on('text', (t) => {
    current.text += t;
  });
  parser.on('closetag', () => {
    current = current.parent!;
  });
  parser.write(xml).close();
  return root.children[0]!;
}

const all = (n: Node, name?: string): Node[] =>
  n.children.flatMap((c) => [...(name === undefined || c.name === name ? [c] : []), ...all(c, name)]);
const textOf = (n: Node): string => n.text + n.children.map(textOf).join('');

describe('insights: capability heatmap', () => {
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

  const read = async (auth: Auth, query: Record<string, string>): Promise<Heatmap> => {
    const res = await t.http().get(HEATMAP).query(query).set(auth);
    expect(res.status, res.text).toBe(200);
    return res.body as Heatmap;
  };
  const check = async (auth: Auth, ask: HeatAsk) => {
    const body = await read(auth, queryOf(ask));
    const expected = expectedHeatmap(w, ask);
    expect(body.rows, JSON.stringify(ask)).toEqual(expected.rows);
    expect(body.skills, JSON.stringify(ask)).toEqual(expected.skills);
    expect(body.cells, JSON.stringify(ask)).toEqual(expected.cells);
    expect(body).toMatchObject({ cycleId: ask.cycleId, source: ask.source, k: ask.k ?? 5, by: ask.by });
    expect(body.roleFamily.id).toBe(ask.roleFamily);
    return { body, expected };
  };

  it('answers the default (closed cycle, validated, role levels) and matches the independent calculation', async () => {
    const body = await read(as.hr, { roleFamily: w.families[0]! });
    const expected = expectedHeatmap(w, {
      cycleId: w.closed,
      source: 'validated',
      roleFamily: w.families[0]!,
      by: 'role-level',
    });
    expect(body).toMatchObject({
      cycleId: w.closed,
      cycleName: 'Gap review 2025',
      source: 'validated',
      by: 'role-level',
    });
    expect(body.rows).toEqual(expected.rows);
    expect(body.skills).toEqual(expected.skills);
    expect(body.cells).toEqual(expected.cells);
    // The family's name (not its slug) labels it; a grid of something.
    expect(body.roleFamily.label).toBe(
      w.ratings.find((r) => r.parts.roleFamily.id === w.families[0])!.parts.roleFamily.label,
    );
    expect(body.rows.length).toBeGreaterThanOrEqual(1);
    expect(body.skills.length).toBeGreaterThan(3);
    expect(body.cells.length).toBe(body.rows.length * body.skills.length);
    expect(body.cells.some((c) => !c.suppressed && c.assessed! > 0)).toBe(true);
  });

  it('matches for every family, both row kinds, both sources, both cycles; worst gaps first', async () => {
    for (const roleFamily of w.families) {
      for (const cycleId of [w.closed, w.open]) {
        for (const source of ['validated', 'self'] as const) {
          for (const by of ['role', 'role-level'] as const) {
            const { body } = await check(as.hr, { cycleId, source, roleFamily, by });
            // The mean gap over each row's shown cells does not rise down the rows.
            const mean = (cells: Cell[]) => {
              const shown = cells.filter((c) => !c.suppressed && c.assessed);
              const n = shown.reduce((s, c) => s + c.assessed!, 0);
              return n === 0 ? -1 : shown.reduce((s, c) => s + c.meanGap! * c.assessed!, 0) / n;
            };
            const rowMeans = body.rows.map((r) => mean(body.cells.filter((c) => c.rowId === r.id)));
            for (let i = 1; i < rowMeans.length; i++) expect(rowMeans[i]).toBeLessThanOrEqual(rowMeans[i - 1]! + 1e-9);
            const skillMeans = body.skills.map((s) => mean(body.cells.filter((c) => c.skillId === s.id)));
            for (let i = 1; i < skillMeans.length; i++) {
              expect(skillMeans[i]).toBeLessThanOrEqual(skillMeans[i - 1]! + 1e-9);
            }
          }
        }
      }
    }
    // Filters narrow as they do in the gap report.
    await check(as.hr, {
      cycleId: w.closed,
      source: 'self',
      roleFamily: w.families[1]!,
      by: 'role-level',
      filters: { unit: w.unitIds.teamA },
    });
    await check(as.hr, {
      cycleId: w.closed,
      source: 'validated',
      roleFamily: w.families[0]!,
      by: 'role',
      filters: { employmentType: 'permanent' },
    });
  });

  it('agrees with the gap report grouped by role level and skill for the family', async () => {
    const ask: Ask = {
      cycleId: w.closed,
      source: 'validated',
      groupBy: ['roleLevel', 'skill'],
      filters: { roleFamily: w.families[2]! },
    };
    const gaps = expectedGaps(w, ask);
    const body = await read(as.hr, { cycleId: w.closed, roleFamily: w.families[2]! });
    for (const g of gaps.groups) {
      const c = body.cells.find((x) => x.rowId === g.key.roleLevel!.id && x.skillId === g.key.skill!.id)!;
      expect(c).toEqual({
        rowId: g.key.roleLevel!.id,
        skillId: g.key.skill!.id,
        people: g.people,
        assessed: g.requirements,
        met: g.met,
        percentMet: g.percentMet,
        meanGap: g.meanGap,
        suppressed: g.suppressed,
      });
    }
  });

  it('suppresses small cells and, against differencing across rows and skills, the next smallest', async () => {
    // The last family holds a role level of a handful of people: its cells are under k, and in each skill its
    // column's other cell (k or more people) is hidden too, or the family's skill total would give it back.
    const ask: HeatAsk = { cycleId: w.closed, source: 'validated', roleFamily: w.families[2]!, by: 'role-level' };
    const { body } = await check(as.hr, ask);
    const raw = expectedHeatmap(w, { ...ask, k: 1 });
    const peopleOf = (c: Cell) => raw.cells.find((x) => x.rowId === c.rowId && x.skillId === c.skillId)!.people!;
    const suppressed = body.cells.filter((c) => c.suppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const c of suppressed) {
      expect(c).toEqual({ ...c, people: null, assessed: null, met: null, percentMet: null, meanGap: null });
    }
    // The differencing case: a cell of k or more people hidden to protect a small one.
    const complementary = suppressed.filter((c) => peopleOf(c) >= 5);
    expect(complementary.length).toBeGreaterThan(0);
    // In every skill column and every row, the hidden cells rest on k or more people together, unless nothing
    // non-empty is left shown in it (then the line's total is itself one hidden cell's figure).
    for (const [key, along] of [
      ['skillId', body.skills],
      ['rowId', body.rows],
    ] as const) {
      for (const item of along) {
        const line = body.cells.filter((c) => c[key] === item.id);
        const hidden = line.filter((c) => c.suppressed);
        const shown = line.filter((c) => !c.suppressed && c.people! > 0);
        if (hidden.length > 0 && shown.length > 0) {
          expect(hidden.reduce((s, c) => s + peopleOf(c), 0)).toBeGreaterThanOrEqual(5);
        }
      }
    }
  });

  it('narrows to scope: HR and admins all, a head of profession their families (403 another), a line manager their chain', async () => {
    const base = { cycleId: w.closed, source: 'validated' as const, by: 'role-level' as const };
    await check(as.admin, { ...base, roleFamily: w.families[1]! });
    await check(as.hop, { ...base, roleFamily: w.families[0]!, scope: { families: [w.families[0]!], teamOf: null } });
    const other = await t.http().get(HEATMAP).query({ roleFamily: w.families[1]! }).set(as.hop);
    expectProblem(other, 403, 'insights-capability-family-not-allowed');
    for (const suffix of ['.svg', '.xlsx']) {
      const res = await t.http().get(`${HEATMAP}${suffix}`).query({ roleFamily: w.families[1]! }).set(as.hop);
      expectProblem(res, 403, 'insights-capability-family-not-allowed');
    }
    // The line manager: their chain in the family, in aggregate (small enough that most is hidden).
    for (const roleFamily of w.families) {
      await check(as.manager, { ...base, source: 'self', roleFamily, scope: { families: [], teamOf: w.manager } });
    }
    const chain = expectedHeatmap(w, {
      ...base,
      source: 'self',
      roleFamily: w.families[0]!,
      scope: { families: [], teamOf: w.manager },
    });
    const everyone = expectedHeatmap(w, { ...base, source: 'self', roleFamily: w.families[0]! });
    expect(chain.cells).not.toEqual(everyone.cells);
    // Staff who manage nobody and a head of profession with no family: 403; the anonymous 401.
    for (const path of [HEATMAP, `${HEATMAP}.svg`, `${HEATMAP}.xlsx`]) {
      expectProblem(await t.http().get(path).query({ roleFamily: w.families[0]! }).set(as.staff), 403, 'forbidden');
      expectProblem(
        await t.http().get(path).query({ roleFamily: w.families[0]! }).set(as.hopNoFamilies),
        403,
        'forbidden',
      );
      expectProblem(await t.http().get(path).query({ roleFamily: w.families[0]! }), 401, 'unauthenticated');
    }
  });

  it('answers 400 problems for bad input, 404 for an unknown cycle, an empty grid for an unknown family', async () => {
    for (const path of [HEATMAP, `${HEATMAP}.svg`, `${HEATMAP}.xlsx`]) {
      for (const query of [
        {},
        { roleFamily: 'Not A Slug' },
        { roleFamily: 'data', by: 'skill' },
        { roleFamily: 'data', groupBy: 'grade' },
        { roleFamily: 'data', cycleId: 'nope' },
        { roleFamily: 'data', source: 'manager' },
      ]) {
        expectProblem(await t.http().get(path).query(query).set(as.hr), 400, 'validation-failed');
      }
      expectProblem(
        await t.http().get(path).query({ roleFamily: 'data', cycleId: randomUUID() }).set(as.hr),
        404,
        'review-cycle-not-found',
      );
    }
    const none = await read(as.hr, { roleFamily: 'no-such-family' });
    expect(none).toMatchObject({ rows: [], skills: [], cells: [] });
  });

  it('draws the same grid as SVG: title, axes, legend, one hatched or coloured cell per row × skill', async () => {
    // A skill label that must be escaped (it is the cycle's snapshot of the name).
    const skill = w.ratings.find((r) => r.parts.roleFamily.id === w.families[2])!.parts.skill;
    const odd = `${skill.label} <R&D> "quoted" 'too'`;
    await t.dataSource.query(`UPDATE skill_review_ratings SET skill_name = $1 WHERE skill_slug = $2`, [odd, skill.id]);
    for (const r of w.ratings) if (r.parts.skill.id === skill.id) r.parts.skill = { id: skill.id, label: odd };

    for (const ask of [
      { cycleId: w.closed, source: 'validated', roleFamily: w.families[2]!, by: 'role-level' },
      { cycleId: w.open, source: 'self', roleFamily: w.families[0]!, by: 'role' },
    ] as HeatAsk[]) {
      const json = (await check(as.hr, ask)).body;
      const res = await t.http().get(`${HEATMAP}.svg`).query(queryOf(ask)).set(as.hr).buffer(true);
      expect(res.status, res.text).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      const text =
        typeof res.body === 'string' && res.body ? res.body : (res.text ?? Buffer.from(res.body as Buffer).toString());
      const svg = parseXml(text);
      expect(svg.name).toBe('svg');
      expect(svg.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
      expect(svg.attributes.role).toBe('img');
      // Labelled by its title (and description), both present.
      const ids = svg.attributes['aria-labelledby']!.split(' ');
      for (const id of ids) expect(all(svg).some((n) => n.attributes.id === id)).toBe(true);
      const title = all(svg, 'title').find((n) => n.parent === svg)!;
      expect(ids).toContain(title.attributes.id);
      // The title says the family, the cycle, the source and the date; the visible heading says the same.
      const today = new Date().toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
      for (const part of [json.roleFamily.label, json.cycleName, ask.source, today]) {
        expect(title.text).toContain(part);
      }
      const heading = all(svg, 'text').find((n) => n.attributes.id === 'heatmap-heading')!;
      expect(textOf(heading)).toBe(title.text);
      // Axis titles, and every row and skill labelled.
      const axes = all(svg, 'text').filter((n) => n.attributes.class === 'axis-title');
      expect(axes.map((n) => [n.attributes['data-axis'], textOf(n)])).toEqual([
        ['skills', 'Skill'],
        ['rows', ask.by === 'role' ? 'Role' : 'Role level'],
      ]);
      expect(
        all(svg, 'text')
          .filter((n) => n.attributes.class === 'row-label')
          .map((n) => [n.attributes['data-row'], textOf(n)]),
      ).toEqual(json.rows.map((r) => [r.id, r.label]));
      expect(
        all(svg, 'text')
          .filter((n) => n.attributes.class === 'skill-label')
          .map((n) => [n.attributes['data-skill'], textOf(n)]),
      ).toEqual(json.skills.map((s) => [s.id, s.label]));
      // A legend: the five bands, the hatching, the empty cell.
      const legend = all(svg, 'g').find((n) => n.attributes.class === 'legend')!;
      expect(textOf(legend)).toMatch(/Requirements met/);
      expect(all(legend, 'g').filter((n) => n.attributes['data-band'] !== undefined)).toHaveLength(5);
      const hatchKey = all(legend, 'g').find((n) => n.attributes['data-legend'] === 'suppressed')!;
      expect(textOf(hatchKey)).toBe('Suppressed');
      expect(all(hatchKey, 'rect')[0]!.attributes.fill).toBe('url(#heatmap-suppressed)');
      expect(all(svg, 'pattern').map((p) => p.attributes.id)).toEqual(['heatmap-suppressed']);
      // Exactly one cell per row × skill, each as the JSON has it.
      const rects = all(svg, 'rect').filter((n) => n.attributes['data-row'] !== undefined);
      expect(rects).toHaveLength(json.rows.length * json.skills.length);
      expect(new Set(rects.map((r) => `${r.attributes['data-row']}|${r.attributes['data-skill']}`)).size).toBe(
        rects.length,
      );
      for (const c of json.cells) {
        const rect = rects.find(
          (r) => r.attributes['data-row'] === c.rowId && r.attributes['data-skill'] === c.skillId,
        )!;
        const group = rect.parent!;
        expect(rect.attributes['data-suppressed']).toBe(String(c.suppressed));
        if (c.suppressed) {
          expect(rect.attributes.fill).toBe('url(#heatmap-suppressed)');
          // No figure anywhere in a hidden cell: no text, no figure attribute.
          expect(all(group, 'text')).toEqual([]);
          expect(textOf(group).trim()).toBe('');
          for (const a of ['data-percent-met', 'data-mean-gap', 'data-assessed', 'data-people', 'data-met']) {
            expect(rect.attributes[a]).toBeUndefined();
          }
        } else if (c.assessed === 0) {
          expect(rect.attributes['data-assessed']).toBe('0');
          expect(all(group, 'text')).toEqual([]);
        } else {
          expect(Number(rect.attributes['data-percent-met'])).toBe(c.percentMet);
          expect(Number(rect.attributes['data-mean-gap'])).toBe(c.meanGap);
          expect(Number(rect.attributes['data-assessed'])).toBe(c.assessed);
          expect(Number(rect.attributes['data-people'])).toBe(c.people);
          expect(textOf(group).trim()).toBe(`${c.percentMet}%`);
          // The band of the viridis scale.
          const band = Math.min(4, Math.floor(c.percentMet! / 20));
          expect(rect.attributes.fill).toBe(['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'][band]);
        }
      }
      if (ask.roleFamily === w.families[2]) {
        expect(json.cells.some((c) => c.suppressed)).toBe(true);
        expect(json.skills.map((s) => s.label)).toContain(odd);
        expect(text).toContain('&lt;R&amp;D&gt; &quot;quoted&quot; &apos;too&apos;');
      }
    }
  });

  it('gives the same cells as XLSX, suppressed cells empty, with an About sheet', async () => {
    for (const ask of [
      { cycleId: w.closed, source: 'validated', roleFamily: w.families[2]!, by: 'role-level' },
      { cycleId: w.open, source: 'self', roleFamily: w.families[1]!, by: 'role' },
    ] as HeatAsk[]) {
      const json = (await check(as.hr, ask)).body;
      const sheets = await readXlsx(await getXlsx(t, `${HEATMAP}.xlsx`, queryOf(ask), as.hr));
      expectWorkbookShape(sheets, ['Cells', 'Rows', 'Skills']);
      const about = aboutOf(sheets);
      expect(about).toMatchObject({
        Cycle: `${json.cycleName} (${json.cycleState})`,
        'Cycle id': ask.cycleId,
        Source: ask.source,
        'k (fewest people shown)': 5,
        'Role family': ask.roleFamily,
      });
      const label = (items: Item[], id: string) => items.find((i) => i.id === id)!.label;
      expect(sheets.Cells!.rows).toEqual(
        json.cells.map((c) => [
          c.rowId,
          label(json.rows, c.rowId),
          c.skillId,
          label(json.skills, c.skillId),
          cell(c.people),
          cell(c.assessed),
          cell(c.met),
          cell(c.percentMet),
          cell(c.meanGap),
          c.suppressed,
        ]),
      );
      expect(sheets.Rows!.rows).toEqual(json.rows.map((r, i) => [i + 1, r.id, r.label]));
      expect(sheets.Skills!.rows).toEqual(json.skills.map((s, i) => [i + 1, s.id, s.label]));
      if (ask.roleFamily === w.families[2]) {
        const hidden = sheets.Cells!.rows.filter((r) => r[9] === true);
        expect(hidden.length).toBeGreaterThan(0);
        for (const r of hidden) expect(r.slice(4, 9)).toEqual([null, null, null, null, null]);
      }
    }
    // Scope holds in the workbook too: the head of profession's own family only.
    const hop = await readXlsx(
      await getXlsx(t, `${HEATMAP}.xlsx`, { roleFamily: w.families[0]!, source: 'self' }, as.hop),
    );
    const expected = expectedHeatmap(w, {
      cycleId: w.closed,
      source: 'self',
      roleFamily: w.families[0]!,
      by: 'role-level',
      scope: { families: [w.families[0]!], teamOf: null },
    });
    expect(hop.Cells!.rows.map((r) => [r[0], r[2], r[7], r[9]])).toEqual(
      expected.cells.map((c) => [c.rowId, c.skillId, cell(c.percentMet), c.suppressed]),
    );
  });

  it('gives the gap report as XLSX: the same groups and total, suppressed groups empty (differencing too)', async () => {
    const asks: Ask[] = [
      { cycleId: w.closed, source: 'self', groupBy: ['employmentType'] },
      { cycleId: w.closed, source: 'validated', groupBy: ['roleFamily', 'employmentType'] },
      { cycleId: w.open, source: 'self', groupBy: ['roleLevel', 'skill'], filters: { roleFamily: w.families[2]! } },
    ];
    for (const ask of asks) {
      const query = { cycleId: ask.cycleId, source: ask.source, groupBy: ask.groupBy.join(','), ...ask.filters };
      const sheets = await readXlsx(await getXlsx(t, `${API}/capability-gaps.xlsx`, query, as.hr));
      expectWorkbookShape(sheets, ['Groups', 'Total']);
      expect(aboutOf(sheets)).toMatchObject({
        'Cycle id': ask.cycleId,
        Source: ask.source,
        'k (fewest people shown)': 5,
      });
      const expected = expectedGaps(w, ask);
      const figures = (f: (typeof expected)['total']) => [
        cell(f.people),
        cell(f.requirements),
        cell(f.met),
        cell(f.percentMet),
        cell(f.meanGap),
        ...(f.ratings ?? [null, null, null, null, null]).map(cell),
        f.suppressed,
      ];
      expect(sheets.Groups!.rows).toEqual(
        expected.groups.map((g) => [...ask.groupBy.flatMap((d) => [g.key[d]!.id, g.key[d]!.label]), ...figures(g)]),
      );
      expect(sheets.Total!.rows).toEqual([figures(expected.total)]);
      // Some group is hidden, one of them only against differencing (k or more people).
      const raw = expectedGaps(w, { ...ask, k: 1 });
      expect(expected.groups.some((g) => g.suppressed)).toBe(true);
      if (ask.groupBy.length === 1) {
        expect(raw.groups.some((g, i) => g.people! >= 5 && expected.groups[i]!.suppressed)).toBe(true);
      }
    }
    // The head of profession's workbook holds their families only; staff are refused.
    const hop = await readXlsx(await getXlsx(t, `${API}/capability-gaps.xlsx`, { groupBy: 'roleFamily' }, as.hop));
    expect(hop.Groups!.rows.map((r) => r[0])).toEqual([w.families[0]]);
    expectProblem(await t.http().get(`${API}/capability-gaps.xlsx`).set(as.staff), 403, 'forbidden');
    expectProblem(
      await t.http().get(`${API}/capability-gaps.xlsx`).query({ groupBy: 'nope' }).set(as.hr),
      400,
      'validation-failed',
    );
  });
});

describe('insights: capability heatmap with INSIGHTS_MIN_GROUP_SIZE=3', () => {
  let t: TestApp;
  let w: World;
  let hr: Auth;

  beforeAll(async () => {
    t = await createTestApp({ INSIGHTS_MIN_GROUP_SIZE: '3' });
    w = await generateWorld(t, 7);
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
  }, 60_000);
  afterAll(async () => t?.close());

  it('suppresses below the configured k in JSON, SVG and XLSX alike', async () => {
    for (const roleFamily of w.families) {
      const ask: HeatAsk = { cycleId: w.closed, source: 'validated', roleFamily, by: 'role-level', k: 3 };
      const res = await t.http().get(HEATMAP).query(queryOf(ask)).set(hr);
      expect(res.status, res.text).toBe(200);
      const body = res.body as Heatmap;
      const expected = expectedHeatmap(w, ask);
      expect(body.k).toBe(3);
      expect(body.cells).toEqual(expected.cells);
      expect(body.rows).toEqual(expected.rows);
      const svg = await t.http().get(`${HEATMAP}.svg`).query(queryOf(ask)).set(hr).buffer(true);
      const text = svg.text ?? Buffer.from(svg.body as Buffer).toString();
      const rects = all(parseXml(text), 'rect').filter((n) => n.attributes['data-row'] !== undefined);
      expect(rects.map((r) => r.attributes['data-suppressed'])).toEqual(body.cells.map((c) => String(c.suppressed)));
      const sheets = await readXlsx(await getXlsx(t, `${HEATMAP}.xlsx`, queryOf(ask), hr));
      expect(sheets.Cells!.rows.map((r) => [r[5], r[9]])).toEqual(
        body.cells.map((c) => [cell(c.assessed), c.suppressed]),
      );
    }
    // k = 3 hides no more than k = 5 would.
    const ask: HeatAsk = { cycleId: w.closed, source: 'validated', roleFamily: w.families[2]!, by: 'role-level' };
    expect(expectedHeatmap(w, { ...ask, k: 3 }).cells.filter((c) => c.suppressed).length).toBeLessThanOrEqual(
      expectedHeatmap(w, { ...ask, k: 5 }).cells.filter((c) => c.suppressed).length,
    );
  });
});
