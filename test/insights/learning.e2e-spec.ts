import { Permission } from '@capability/auth';
import { LEARNING_CSV_COLUMNS, LearningInsightsPermission } from '@capability/insights';
import { randomUUID } from 'node:crypto';
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
  rng,
  twoFamilies,
  unit,
  type Auth,
  type Level,
  type Person,
} from './people-support.js';
import { aboutOf, cell, expectWorkbookShape, getXlsx, readXlsx, type Sheet } from './xlsx-support.js';

/**
 * GET /insights/learning over a world generated here by SQL (units, staff with roles and a reporting chain, catalogue
 * items mapped to skills and the two inclusion packages, records of learning in every state, three closed review
 * cycles and an open one), every figure worked out again below in plain TypeScript from the generated rows.
 */

const LEARNING = `${API}/insights/learning`;
const K = 5;
const FROM = '2025-07-01';
const TO = '2026-06-30';

interface UnitRow {
  id: string;
  code: string;
  name: string;
  parent: string | null;
}
interface Item {
  id: string;
  code: string;
  title: string;
  inclusionPackage: string | null;
  skills: string[];
}
interface LearningRow {
  staffId: string;
  itemId: string | null;
  skillSlugs: string[];
  completedOn: string;
  /** Hundredths of an hour. */
  cents: number;
  state: 'submitted' | 'verified' | 'rejected';
}
interface Cycle {
  id: string;
  name: string;
  closesOn: string;
  state: 'open' | 'closed';
}
interface Rating {
  cycleId: string;
  staffId: string;
  reviewState: string;
  skill: string;
  skillName: string;
  required: number | null;
  validated: number | null;
}
interface World {
  units: UnitRow[];
  people: Person[];
  items: Item[];
  records: LearningRow[];
  cycles: Record<'old' | 'first' | 'second' | 'open', Cycle>;
  ratings: Rating[];
  managerId: string;
}
interface Options {
  root: string | null;
  from: string;
  to: string;
  roleFamily: string | null;
  families: string[] | null;
  chain: Set<string> | null;
  scope: 'all' | 'families' | 'chain';
  fromCycle: Cycle | null;
  toCycle: Cycle | null;
}

type Figures = { people: number | null; completions: number | null; hours: number | null; suppressed: boolean };
const HIDDEN: Figures = { people: null, completions: null, hours: null, suppressed: true };
type Split = { people: number | null; closed: number | null; percentClosed: number | null; suppressed: boolean };
const HIDDEN_SPLIT: Split = { people: null, closed: null, percentClosed: null, suppressed: true };

/** The whole report worked out from the generated rows. */
function expectedReport(w: World, o: Options) {
  const unitById = new Map(w.units.map((u) => [u.id, u]));
  const ancestry = (id: string): string[] => {
    const out: string[] = [];
    for (let u = unitById.get(id); u; u = u.parent ? unitById.get(u.parent) : undefined) out.unshift(u.id);
    return out;
  };
  const groupOf = (unitId: string): string => {
    const path = ancestry(unitId);
    if (o.root === null) return path[0]!;
    const at = path.indexOf(o.root);
    return path[at + 1] ?? o.root;
  };
  const familyOf = (p: Person): string | null => levelOn(p, o.to)?.family ?? null;
  const counted = w.people.filter((p) => {
    if (!inPostOn(p, o.to)) return false;
    if (o.root !== null && !ancestry(p.unitId).includes(o.root)) return false;
    if (o.chain && !o.chain.has(p.id)) return false;
    const family = familyOf(p);
    if (o.roleFamily !== null && family !== o.roleFamily) return false;
    if (o.families !== null && (family === null || !o.families.includes(family))) return false;
    return true;
  });
  const ids = new Set(counted.map((p) => p.id));
  const byId = new Map(w.people.map((p) => [p.id, p]));
  const itemById = new Map(w.items.map((i) => [i.id, i]));

  // Completions within [from, to], verified only.
  const done = w.records.filter(
    (r) => ids.has(r.staffId) && r.state === 'verified' && r.completedOn >= o.from && r.completedOn <= o.to,
  );
  const cell = (rows: LearningRow[]) => ({
    people: new Set(rows.map((r) => r.staffId)).size,
    completions: rows.length,
    hours: rows.reduce((s, r) => s + r.cents, 0) / 100,
    suppressed: false,
  });
  const grouped = <K>(key: (r: LearningRow) => K, order: (a: K, b: K) => number) => {
    const m = new Map<K, LearningRow[]>();
    for (const r of done) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    const entries = [...m].sort(([a], [b]) => order(a, b));
    const hidden = expectedHidden(
      entries.map(([, rows]) => cell(rows).people),
      K,
    );
    return entries.map(([k, rows], i) => ({ key: k, figures: hidden.has(i) ? HIDDEN : cell(rows) }));
  };
  const text = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
  const byItem = grouped(
    (r) => r.itemId,
    (a, b) => text(a && itemById.get(a)!.code, b && itemById.get(b)!.code),
  ).map(({ key, figures }) => {
    const item = key ? itemById.get(key)! : null;
    return {
      item: item && { id: item.id, code: item.code, title: item.title, inclusionPackage: item.inclusionPackage },
      ...figures,
    };
  });
  const byFamily = grouped((r) => familyOf(byId.get(r.staffId)!), text).map(({ key, figures }) => ({
    roleFamily: key,
    ...figures,
  }));
  const byUnit = grouped(
    (r) => groupOf(byId.get(r.staffId)!.unitId),
    (a, b) => text(unitById.get(a)!.code, unitById.get(b)!.code),
  ).map(({ key, figures }) => {
    const u = unitById.get(key)!;
    return { unit: { id: u.id, code: u.code, name: u.name }, ...figures };
  });
  const all = cell(done);
  const total = all.people > 0 && all.people < K ? HIDDEN : all;

  // Uptake: verified completions of a package's items by `to`.
  const took = (pkg: string | null) =>
    counted.filter((p) =>
      w.records.some(
        (r) =>
          r.staffId === p.id &&
          r.state === 'verified' &&
          r.completedOn <= o.to &&
          r.itemId !== null &&
          (pkg === null
            ? itemById.get(r.itemId)!.inclusionPackage !== null
            : itemById.get(r.itemId)!.inclusionPackage === pkg),
      ),
    ).length;
  const a = took('digital-awareness');
  const s = took('digital-skills');
  const either = took(null);
  const small = (n: number) => n > 0 && n < K;
  const packagesHidden = small(a + s - either) || small(either - a) || small(either - s);
  const uptakeRow = (pkg: string, completed: number, hide: boolean) =>
    hide || small(completed) || small(counted.length - completed)
      ? { package: pkg, inScope: null, completed: null, percent: null, suppressed: true }
      : {
          package: pkg,
          inScope: counted.length,
          completed,
          percent: pct(completed, counted.length),
          suppressed: false,
        };
  const uptake = [
    uptakeRow('digital-awareness', a, packagesHidden),
    uptakeRow('digital-skills', s, packagesHidden),
    uptakeRow('either', either, false),
  ];

  // Gap closure between the two cycles.
  let gapClosure = null;
  if (o.fromCycle && o.toCycle) {
    const [c1, c2] = [o.fromCycle, o.toCycle];
    const rated = (cycleId: string) => {
      const m = new Map<string, { met: boolean; name: string }>();
      for (const r of w.ratings) {
        if (r.cycleId !== cycleId || r.reviewState !== 'validated' || r.required === null || r.validated === null) {
          continue;
        }
        if (!ids.has(r.staffId)) continue;
        const key = `${r.staffId}|${r.skill}`;
        const before = m.get(key);
        m.set(key, { met: (before?.met ?? true) && r.validated >= r.required, name: r.skillName });
      }
      return m;
    };
    const first = rated(c1.id);
    const second = rated(c2.id);
    const perSkill = new Map<string, { name: string; people: number; closed: number; learned: number; lc: number }>();
    for (const [key, f] of first) {
      if (f.met) continue;
      const t = second.get(key);
      if (!t) continue;
      const [staffId, skill] = key.split('|') as [string, string];
      const learned = w.records.some(
        (r) =>
          r.staffId === staffId &&
          r.state === 'verified' &&
          r.completedOn > c1.closesOn &&
          r.completedOn <= c2.closesOn &&
          (r.skillSlugs.includes(skill) || (r.itemId !== null && itemById.get(r.itemId)!.skills.includes(skill))),
      );
      const e = perSkill.get(skill) ?? { name: f.name, people: 0, closed: 0, learned: 0, lc: 0 };
      e.people++;
      if (t.met) e.closed++;
      if (learned) e.learned++;
      if (learned && t.met) e.lc++;
      perSkill.set(skill, e);
    }
    gapClosure = {
      fromCycle: { id: c1.id, name: c1.name, closesOn: c1.closesOn },
      toCycle: { id: c2.id, name: c2.name, closesOn: c2.closesOn },
      learningAfter: c1.closesOn,
      learningUntil: c2.closesOn,
      skills: [...perSkill]
        .sort(([x], [y]) => text(x, y))
        .map(([slug, e]) => {
          const skill = { slug, name: e.name };
          if (e.people < K) {
            return {
              skill,
              people: null,
              closed: null,
              percentClosed: null,
              learned: HIDDEN_SPLIT,
              notLearned: HIDDEN_SPLIT,
              suppressed: true,
            };
          }
          const halves = [
            { people: e.learned, closed: e.lc },
            { people: e.people - e.learned, closed: e.closed - e.lc },
          ];
          const hidden = expectedHidden(
            halves.map((h) => h.people),
            K,
          );
          const [learned, notLearned] = halves.map((h, i): Split =>
            hidden.has(i)
              ? HIDDEN_SPLIT
              : { people: h.people, closed: h.closed, percentClosed: pct(h.closed, h.people), suppressed: false },
          );
          return {
            skill,
            people: e.people,
            closed: e.closed,
            percentClosed: pct(e.closed, e.people),
            learned: learned!,
            notLearned: notLearned!,
            suppressed: false,
          };
        }),
    };
  }

  return {
    k: K,
    scope: o.scope,
    roleFamily: o.roleFamily,
    unit: o.root,
    from: o.from,
    to: o.to,
    byItem,
    byFamily,
    byUnit,
    total,
    uptake,
    gapClosure,
  };
}

type Report = ReturnType<typeof expectedReport>;

describe('insights: learning', () => {
  let t: TestApp;
  let w: World;
  let root: string;
  let families: [string, string];
  let skills: { id: string; slug: string; name: string }[];
  let levels: Level[];
  let as: Record<'hr' | 'admin' | 'hop' | 'manager' | 'staff', Auth>;
  let n = 0;

  const addUnit = async (code: string, parent: string | null): Promise<string> => {
    const id = await unit(t, code, parent);
    w.units.push({ id, code, name: code, parent });
    return id;
  };
  const addItem = async (code: string, inclusionPackage: string | null, itemSkills: string[]): Promise<Item> => {
    const id = randomUUID();
    await t.dataSource.query(
      `INSERT INTO learning_items (id, code, title, provider_kind, provider_name, format, hours,
         counts_towards_inclusion, inclusion_package)
       VALUES ($1, $2, $3, 'in_house', 'Test', 'course', 3, $4, $5)`,
      [id, code, `Item ${code}`, inclusionPackage !== null, inclusionPackage],
    );
    for (const slug of itemSkills) {
      const skill = skills.find((s) => s.slug === slug)!;
      await t.dataSource.query(
        `INSERT INTO learning_item_skills (item_id, skill_slug, skill_id, level) VALUES ($1, $2, $3, 2)`,
        [id, slug, skill.id],
      );
    }
    const item = { id, code, title: `Item ${code}`, inclusionPackage, skills: itemSkills };
    w.items.push(item);
    return item;
  };
  const addRecord = async (r: LearningRow): Promise<void> => {
    await t.dataSource.query(
      `INSERT INTO learning_records (staff_id, learning_item_id, title, provider, skill_slugs, completed_on, hours,
         evidence_note, state, verified_at, rejected_at, reject_reason)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7::numeric / 100, 'Certificate', $8::text,
               CASE WHEN $8::text = 'verified' THEN now() END, CASE WHEN $8::text = 'rejected' THEN now() END,
               CASE WHEN $8::text = 'rejected' THEN 'No evidence' END)`,
      [
        r.staffId,
        r.itemId,
        r.itemId ? null : 'External course',
        r.itemId ? null : 'Someone',
        r.skillSlugs,
        r.completedOn,
        r.cents,
        r.state,
      ],
    );
    w.records.push(r);
  };
  const addCycle = async (name: string, closesOn: string, state: 'open' | 'closed'): Promise<Cycle> => {
    const id = randomUUID();
    await t.dataSource.query(
      `INSERT INTO review_cycles (id, name, unit_id, opens_on, closes_on, state, opened_at, closed_at, framework_version_id)
       VALUES ($1, $2, $3, $4::date - 60, $4::date, $5::text, $4::date - 60, CASE WHEN $5::text = 'closed' THEN $4::date + 1 END,
               (SELECT id FROM framework_versions WHERE is_current))`,
      [id, name, root, closesOn, state],
    );
    return { id, name, closesOn, state };
  };
  /** A review of `p` in `cycle` with the given ratings (skill index → [required, validated]). */
  const addReview = async (
    cycle: Cycle,
    p: Person,
    state: 'validated' | 'self_assessed',
    rated: [number, number | null, number | null][],
  ): Promise<void> => {
    const level = p.roles[0]?.level ?? levels[0]!;
    const reviewId = randomUUID();
    await t.dataSource.query(
      `INSERT INTO skill_reviews (id, cycle_id, staff_id, role_level_id, role_level_slug, role_level_name,
         role_family_slug, unit_id, state, submitted_at, validated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text, now(), CASE WHEN $9::text = 'validated' THEN now() END)`,
      [reviewId, cycle.id, p.id, level.id, level.slug, level.name, level.family, p.unitId, state],
    );
    for (const [position, [index, required, validated]] of rated.entries()) {
      const skill = skills[index]!;
      await t.dataSource.query(
        `INSERT INTO skill_review_ratings (review_id, skill_id, skill_slug, skill_name, position, required_level,
           self_level, validated_level, flagged_for_calibration)
         VALUES ($1, $2, $3, $4, $5, $6, 2, $7::smallint, coalesce(abs(2 - $7::smallint) >= 2, false))`,
        [reviewId, skill.id, skill.slug, skill.name, position, required, validated],
      );
      w.ratings.push({
        cycleId: cycle.id,
        staffId: p.id,
        reviewState: state,
        skill: skill.slug,
        skillName: skill.name,
        required,
        validated,
      });
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    const random = rng(16_016);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    families = await twoFamilies(t, 3);
    levels = [...(await levelsOf(t, families[0], 3)), ...(await levelsOf(t, families[1], 3))];
    skills = await t.dataSource.query(
      `SELECT s.id, s.slug, s.name FROM skills s JOIN framework_versions v ON v.id = s.version_id AND v.is_current
        ORDER BY s.slug LIMIT 4`,
    );
    w = {
      units: [],
      people: [],
      items: [],
      records: [],
      ratings: [],
      cycles: {} as World['cycles'],
      managerId: '',
    };
    root = await addUnit('LE-ROOT', null);
    const x = await addUnit('LE-X', root);
    const y = await addUnit('LE-Y', root);
    const y1 = await addUnit('LE-Y1', y);
    const z = await addUnit('LE-Z', root);
    const outside = await addUnit('LE-OUT', null);
    const staffUnits = [root, x, x, x, y, y, y1, z, outside];

    const items = [
      await addItem('LE-AWARE', 'digital-awareness', []),
      await addItem('LE-SKILLS', 'digital-skills', [skills[3]!.slug]),
      await addItem('LE-S0', null, [skills[0]!.slug]),
      await addItem('LE-S1', null, [skills[1]!.slug, skills[2]!.slug]),
      await addItem('LE-NONE', null, []),
      await addItem('LE-RARE', null, [skills[2]!.slug]),
    ];
    w.cycles = {
      old: await addCycle('Learning review 2024', '2024-06-30', 'closed'),
      first: await addCycle('Learning review 2025', '2025-06-30', 'closed'),
      second: await addCycle('Learning review 2026', '2026-03-31', 'closed'),
      open: await addCycle('Learning review 2027', '2026-12-31', 'open'),
    };

    for (let i = 0; i < 120; i++) {
      const startDate =
        random() < 0.15 ? null : addDays('2022-01-01', Math.floor(random() * daysBetween('2022-01-01', '2026-09-01')));
      const leavingDate = random() < 0.12 ? addDays(startDate ?? '2024-01-01', 60 + Math.floor(random() * 900)) : null;
      const roles: Person['roles'] = [];
      if (random() > 0.08) {
        const first = startDate ?? '2021-06-01';
        if (random() < 0.25) {
          const second = addDays(first, 1 + Math.floor(random() * Math.max(1, daysBetween(first, '2026-09-01'))));
          roles.push(
            { level: pick(levels), startsOn: first, endsOn: second },
            { level: pick(levels), startsOn: second, endsOn: null },
          );
        } else {
          roles.push({ level: pick(levels), startsOn: first, endsOn: null });
        }
      }
      const lineManagerId = i >= 1 && i <= 12 ? w.people[0]!.id : i >= 13 && i <= 17 ? w.people[1]!.id : null;
      const p = await insertPerson(
        t,
        { unitId: pick(staffUnits), employment: 'permanent', startDate, leavingDate, lineManagerId, roles },
        16_000 + i,
      );
      w.people.push(p);
      // Records of learning: catalogue items (usually; the rare one seldom) or external learning, in every state.
      const records = Math.floor(random() * 7);
      for (let j = 0; j < records; j++) {
        const r = random();
        const item = r < 0.8 ? pick(items.slice(0, 5)) : null;
        const state = random() < 0.72 ? 'verified' : random() < 0.6 ? 'submitted' : 'rejected';
        await addRecord({
          staffId: p.id,
          itemId: item?.id ?? null,
          // An item's record carries its skills, unless recorded before the item was mapped.
          skillSlugs: item ? (random() < 0.7 ? item.skills : []) : random() < 0.5 ? [pick(skills).slug] : [],
          // Half between the two cycles (after the first closed, by the second's closing date).
          completedOn:
            random() < 0.5
              ? addDays('2025-07-01', Math.floor(random() * daysBetween('2025-07-01', '2026-03-31')))
              : addDays('2024-03-01', Math.floor(random() * daysBetween('2024-03-01', '2026-09-30'))),
          cents: 25 * (1 + Math.floor(random() * 40)),
          state,
        });
      }
      // The rare item: three people, a small cell.
      if (i % 40 === 3) {
        await addRecord({
          staffId: p.id,
          itemId: items[5]!.id,
          skillSlugs: items[5]!.skills,
          completedOn: '2025-09-15',
          cents: 200,
          state: 'verified',
        });
      }
      // Reviews in the old, first and second cycles (validated mostly); ratings of some of the four skills.
      for (const cycle of [w.cycles.first, w.cycles.second, ...(i % 10 === 0 ? [w.cycles.old] : [])]) {
        if (random() < 0.1) continue;
        const rated: [number, number | null, number | null][] = [];
        for (let si = 0; si < skills.length; si++) {
          if (random() < 0.2) continue;
          const required = random() < 0.05 ? null : 2 + Math.floor(random() * 2);
          const validated = random() < 0.05 ? null : Math.floor(random() * 5);
          rated.push([si, required, validated]);
        }
        await addReview(cycle, p, random() < 0.85 ? 'validated' : 'self_assessed', rated);
      }
    }
    // This year's (open) cycle, as it stands: reviews of most of the first 120 (validated mostly), and learning mapped
    // to skills 0..2 after the second cycle closed, for about half of them, so the default pair (second → open) shows
    // both halves. A generator of its own, so the rows above are as before.
    const later = rng(16_017);
    for (const p of w.people.slice(0, 120)) {
      for (const item of [items[2]!, items[3]!]) {
        if (later() < 0.5) continue;
        await addRecord({
          staffId: p.id,
          itemId: item.id,
          skillSlugs: item.skills,
          completedOn: addDays('2026-04-01', Math.floor(later() * daysBetween('2026-04-01', '2026-11-30'))),
          cents: 100 * (1 + Math.floor(later() * 8)),
          state: later() < 0.85 ? 'verified' : 'submitted',
        });
      }
      if (later() < 0.1) continue;
      const rated: [number, number | null, number | null][] = [];
      for (let si = 0; si < skills.length; si++) {
        if (later() < 0.1) continue;
        rated.push([si, 2 + Math.floor(later() * 2), later() < 0.05 ? null : Math.floor(later() * 5)]);
      }
      await addReview(w.cycles.open, p, later() < 0.85 ? 'validated' : 'self_assessed', rated);
    }
    w.managerId = w.people[0]!.id;
    as = {
      hr: (await signedIn(t, { roles: ['hr'] })).auth,
      admin: (await signedIn(t, { roles: ['admin'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: [families[0]] })).auth,
      manager: (await signedIn(t, { roles: ['staff'], staffId: w.managerId })).auth,
      staff: (await signedIn(t, { roles: ['staff'], staffId: w.people[60]!.id })).auth,
    };
  }, 180_000);
  afterAll(async () => t?.close());

  const base = (over: Partial<Options> = {}): Options => ({
    root,
    from: FROM,
    to: TO,
    roleFamily: null,
    families: null,
    chain: null,
    scope: 'all',
    // The default pair: the cycle closed last against the open one.
    fromCycle: w.cycles.second,
    toCycle: w.cycles.open,
    ...over,
  });
  const read = async (auth: Auth, query: Record<string, string>) => {
    const res = await t.http().get(LEARNING).query(query).set(auth);
    expect(res.status, res.text).toBe(200);
    return res.body as Report;
  };

  it('answers HR and admins with every figure, as worked out independently from the rows', async () => {
    const expected = expectedReport(w, base());
    const body = await read(as.hr, { unit: root, from: FROM, to: TO });
    expect(body).toEqual(expected);
    expect(await read(as.admin, { unit: root, from: FROM, to: TO })).toEqual(expected);
    // The data exercise the report: items shown and hidden, external learning, units, uptake, closure both ways.
    expect(body.byItem.some((c) => c.suppressed) && body.byItem.some((c) => !c.suppressed)).toBe(true);
    expect(body.byItem.some((c) => c.item === null)).toBe(true);
    expect(body.byUnit.map((c) => c.unit.code)).toEqual(['LE-ROOT', 'LE-X', 'LE-Y', 'LE-Z']);
    expect(body.uptake.find((u) => u.package === 'either')!.suppressed).toBe(false);
    // By default, the cycle closed last against the open one (as it stands).
    expect([body.gapClosure!.fromCycle.id, body.gapClosure!.toCycle.id]).toEqual([
      w.cycles.second.id,
      w.cycles.open.id,
    ]);
    const gaps = body.gapClosure!.skills;
    expect(gaps.length).toBeGreaterThan(1);
    expect(gaps.some((g) => !g.learned.suppressed && (g.learned.people ?? 0) > 0)).toBe(true);
    expect(gaps.some((g) => !g.notLearned.suppressed)).toBe(true);
  });

  it('answers for the whole department by top-level unit, for one family, another range and other cycles', async () => {
    expect(await read(as.hr, { from: FROM, to: TO })).toEqual(expectedReport(w, base({ root: null })));
    expect(await read(as.hr, { unit: root, roleFamily: families[1], from: '2024-01-01', to: '2025-12-31' })).toEqual(
      expectedReport(w, base({ roleFamily: families[1], from: '2024-01-01', to: '2025-12-31' })),
    );
    // Two closed cycles named: the first against the second.
    const closedPair = await read(as.hr, {
      unit: root,
      from: FROM,
      to: TO,
      fromCycleId: w.cycles.first.id,
      toCycleId: w.cycles.second.id,
    });
    expect(closedPair).toEqual(expectedReport(w, base({ fromCycle: w.cycles.first, toCycle: w.cycles.second })));
    expect(closedPair.gapClosure!.skills.some((g) => !g.learned.suppressed && (g.learned.people ?? 0) > 0)).toBe(true);
    expect(closedPair.gapClosure!.skills.some((g) => !g.notLearned.suppressed)).toBe(true);
    // The second alone: against the closed cycle before it.
    expect(await read(as.hr, { unit: root, from: FROM, to: TO, toCycleId: w.cycles.second.id })).toEqual(closedPair);
    const old = await read(as.hr, {
      unit: root,
      from: FROM,
      to: TO,
      fromCycleId: w.cycles.old.id,
      toCycleId: w.cycles.second.id,
    });
    expect(old).toEqual(expectedReport(w, base({ fromCycle: w.cycles.old, toCycle: w.cycles.second })));
    // Against the open cycle: its reviews count as they stand.
    expect(
      await read(as.hr, {
        unit: root,
        from: FROM,
        to: TO,
        fromCycleId: w.cycles.second.id,
        toCycleId: w.cycles.open.id,
      }),
    ).toEqual(expectedReport(w, base({ fromCycle: w.cycles.second, toCycle: w.cycles.open })));
  });

  it('with no cycle open, compares the two closed last by default', async () => {
    await t.dataSource.query(`UPDATE review_cycles SET state = 'draft' WHERE id = $1`, [w.cycles.open.id]);
    try {
      const body = await read(as.hr, { unit: root, from: FROM, to: TO });
      expect(body).toEqual(expectedReport(w, base({ fromCycle: w.cycles.first, toCycle: w.cycles.second })));
      expect(body.gapClosure!.toCycle.id).toBe(w.cycles.second.id);
    } finally {
      await t.dataSource.query(`UPDATE review_cycles SET state = 'open' WHERE id = $1`, [w.cycles.open.id]);
    }
  });

  it('gives a head of profession their families, and 403 for another family', async () => {
    const body = await read(as.hop, { unit: root, from: FROM, to: TO });
    expect(body).toEqual(expectedReport(w, base({ families: [families[0]], scope: 'families' })));
    expect(body.byFamily.every((c) => c.roleFamily === families[0])).toBe(true);
    expectProblem(
      await t.http().get(LEARNING).query({ roleFamily: families[1] }).set(as.hop),
      403,
      'insights-people-family-not-allowed',
    );
  });

  it('gives a line manager their reporting chain in aggregate, and refuses staff who manage nobody', async () => {
    const chain = chainOf(w.people, w.managerId);
    expect(chain.size).toBe(17);
    const body = await read(as.manager, { unit: root, from: FROM, to: TO });
    expect(body).toEqual(expectedReport(w, base({ chain, scope: 'chain' })));
    expectProblem(await t.http().get(LEARNING).set(as.staff), 403, 'forbidden');
    expect((await t.http().get(LEARNING)).status).toBe(401);
  });

  it('suppresses small cells and, so that a total gives nothing away, a sibling (JSON and CSV)', async () => {
    // 14 people: 2 in DF-SMALL, 12 in DF-BIG. Awareness taken by 0..7, skills by 2..7: 6 took both, 2 only
    // awareness (the packages' rows would give those 2 away). Everyone had a gap in skill 0 in the first cycle and
    // was rated in the second; 0 and 1 learned it in between.
    const top = await addUnit('DF-TOP', null);
    const big = await addUnit('DF-BIG', top);
    const smallUnit = await addUnit('DF-SMALL', top);
    const aware = w.items.find((i) => i.code === 'LE-AWARE')!;
    const skillsItem = w.items.find((i) => i.code === 'LE-SKILLS')!;
    for (let i = 0; i < 14; i++) {
      const p = await insertPerson(
        t,
        {
          unitId: i < 2 ? smallUnit : big,
          employment: 'permanent',
          startDate: '2020-01-01',
          leavingDate: null,
          lineManagerId: null,
          roles: [{ level: levels[0]!, startsOn: '2020-01-01', endsOn: null }],
        },
        17_000 + n++,
      );
      w.people.push(p);
      const rec = (itemId: string | null, skillSlugs: string[]) =>
        addRecord({ staffId: p.id, itemId, skillSlugs, completedOn: '2025-10-01', cents: 150, state: 'verified' });
      if (i < 8) await rec(aware.id, []);
      if (i >= 2 && i < 8) await rec(skillsItem.id, skillsItem.skills);
      if (i < 2) await rec(null, [skills[0]!.slug]);
      await addReview(w.cycles.first, p, 'validated', [[0, 3, 1]]);
      await addReview(w.cycles.second, p, 'validated', [[0, 3, i % 3 === 0 ? 3 : 2]]);
    }
    const cyclePair = { fromCycleId: w.cycles.first.id, toCycleId: w.cycles.second.id };
    const query = { unit: top, from: FROM, to: TO, ...cyclePair };
    const body = await read(as.hr, query);
    expect(body).toEqual(expectedReport(w, base({ root: top, fromCycle: w.cycles.first, toCycle: w.cycles.second })));
    // Units: 2 people in DF-SMALL hidden, and DF-BIG with it (the total of 8 would give them back).
    expect(body.total).toMatchObject({ people: 8, completions: 16, hours: 24, suppressed: false });
    expect(body.byUnit.map((c) => [c.unit.code, c.people, c.suppressed])).toEqual([
      ['DF-BIG', null, true],
      ['DF-SMALL', null, true],
    ]);
    // Items: external learning by 2 hidden, and the next smallest (6) so the total hides 8.
    expect(body.byItem.map((c) => [c.item?.code ?? null, c.people, c.suppressed])).toEqual([
      ['LE-AWARE', 8, false],
      ['LE-SKILLS', null, true],
      [null, null, true],
    ]);
    expect(body.uptake).toEqual([
      { package: 'digital-awareness', inScope: null, completed: null, percent: null, suppressed: true },
      { package: 'digital-skills', inScope: null, completed: null, percent: null, suppressed: true },
      { package: 'either', inScope: 14, completed: 8, percent: 57.1, suppressed: false },
    ]);
    const gap = body.gapClosure!.skills.find((g) => g.skill.slug === skills[0]!.slug)!;
    expect(gap).toMatchObject({ people: 14, closed: 5, learned: HIDDEN_SPLIT, notLearned: HIDDEN_SPLIT });

    const csv = await t.http().get(LEARNING).query(query).set(as.hr).set('Accept', 'text/csv');
    expect(csv.status, csv.text).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const records = parseCsv(csv.text);
    expect(records[0]).toEqual([...LEARNING_CSV_COLUMNS]);
    const col = (name: (typeof LEARNING_CSV_COLUMNS)[number]) => LEARNING_CSV_COLUMNS.indexOf(name);
    const section = (s: string) => records.filter((r) => r[0] === s);
    expect(
      section('unit').map((r) => [r[col('code')], r[col('people')], r[col('hours')], r[col('suppressed')]]),
    ).toEqual([
      ['DF-BIG', '', '', 'true'],
      ['DF-SMALL', '', '', 'true'],
    ]);
    expect(section('item').map((r) => [r[col('code')], r[col('people')], r[col('suppressed')]])).toEqual([
      ['LE-AWARE', '8', 'false'],
      ['LE-SKILLS', '', 'true'],
      ['', '', 'true'],
    ]);
    expect(section('total').map((r) => [r[col('people')], r[col('completions')], r[col('hours')]])).toEqual([
      ['8', '16', '24'],
    ]);
    expect(section('uptake').map((r) => [r[col('id')], r[col('completed')], r[col('percent')]])).toEqual([
      ['digital-awareness', '', ''],
      ['digital-skills', '', ''],
      ['either', '8', '57.1'],
    ]);
    const gapCsv = section('gap').find((r) => r[col('id')] === skills[0]!.slug)!;
    expect([
      gapCsv[col('people')],
      gapCsv[col('closed')],
      gapCsv[col('learnedPeople')],
      gapCsv[col('notLearnedPeople')],
    ]).toEqual(['14', '5', '', '']);

    // XLSX: the same cells, a suppressed one empty with Suppressed = TRUE.
    const sheets = await readXlsx(await getXlsx(t, `${LEARNING}.xlsx`, query, as.hr));
    expectLearningXlsx(sheets, body);
    expect(sheets['By unit']!.rows.map((r) => [r[1], r[3], r[4], r[5], r[6]])).toEqual([
      ['DF-BIG', null, null, null, true],
      ['DF-SMALL', null, null, null, true],
    ]);
    expect(sheets.Total!.rows).toEqual([[8, 16, 24, false]]);
    expect(sheets.Uptake!.rows).toEqual([
      ['digital-awareness', null, null, null, true],
      ['digital-skills', null, null, null, true],
      ['either', 14, 8, 57.1, false],
    ]);
    const gapRow = sheets['Gap closure']!.rows.find((r) => r[0] === skills[0]!.slug)!;
    expect(gapRow.slice(2, 5)).toEqual([14, 5, 35.7]);
    expect(gapRow.slice(5, 13)).toEqual([null, null, null, true, null, null, null, true]);
  });

  it('answers the whole report as CSV with the same cells as the JSON', async () => {
    const query = { unit: root, from: FROM, to: TO };
    const json = await read(as.hr, query);
    const records = parseCsv((await t.http().get(LEARNING).query(query).set(as.hr).set('Accept', 'text/csv')).text);
    const col = (name: (typeof LEARNING_CSV_COLUMNS)[number]) => LEARNING_CSV_COLUMNS.indexOf(name);
    const text = (v: string | number | boolean | null | undefined) => (v === null || v === undefined ? '' : String(v));
    const section = (s: string) => records.filter((r) => r[0] === s);
    expect(
      section('item').map((r) => [r[col('id')], r[col('people')], r[col('completions')], r[col('hours')]]),
    ).toEqual(json.byItem.map((c) => [c.item?.id ?? '', text(c.people), text(c.completions), text(c.hours)]));
    expect(section('family').map((r) => [r[col('id')], r[col('people')], r[col('hours')]])).toEqual(
      json.byFamily.map((c) => [c.roleFamily ?? '', text(c.people), text(c.hours)]),
    );
    expect(section('unit').map((r) => [r[col('id')], r[col('completions')]])).toEqual(
      json.byUnit.map((c) => [c.unit.id, text(c.completions)]),
    );
    expect(
      section('uptake').map((r) => [r[col('id')], r[col('inScope')], r[col('completed')], r[col('percent')]]),
    ).toEqual(json.uptake.map((u) => [u.package, text(u.inScope), text(u.completed), text(u.percent)]));
    expect(
      section('gap').map((r) => [
        r[col('id')],
        r[col('people')],
        r[col('percentClosed')],
        r[col('learnedPeople')],
        r[col('learnedPercentClosed')],
        r[col('notLearnedClosed')],
      ]),
    ).toEqual(
      json.gapClosure!.skills.map((g) => [
        g.skill.slug,
        text(g.people),
        text(g.percentClosed),
        text(g.learned.people),
        text(g.learned.percentClosed),
        text(g.notLearned.closed),
      ]),
    );
  });

  it('answers the whole report as XLSX with the same figures as the JSON, for every reader it answers', async () => {
    const query = { unit: root, from: FROM, to: TO };
    const hr = await getXlsx(t, `${LEARNING}.xlsx`, query, as.hr);
    const sheets = await readXlsx(hr);
    expectLearningXlsx(sheets, await read(as.hr, query));
    expectLearningXlsx(sheets, expectedReport(w, base()));
    expect(aboutOf(sheets)).toMatchObject({ Scope: 'everyone', 'Role family': 'all in scope', Unit: root });
    // The workbook holds figures shown and hidden, as numbers.
    expect(sheets['By item']!.rows.some((r) => r[7] === true && r[4] === null)).toBe(true);
    expect(sheets['By item']!.rows.some((r) => r[7] === false && typeof r[4] === 'number')).toBe(true);
    const other = { unit: root, roleFamily: families[1], from: '2024-01-01', to: '2025-12-31' };
    expectLearningXlsx(
      await readXlsx(await getXlsx(t, `${LEARNING}.xlsx`, other, as.hr)),
      expectedReport(w, base({ roleFamily: families[1], from: '2024-01-01', to: '2025-12-31' })),
    );
    const hop = await readXlsx(await getXlsx(t, `${LEARNING}.xlsx`, query, as.hop));
    expectLearningXlsx(hop, await read(as.hop, query));
    expect(aboutOf(hop).Scope).toBe('the families you lead');
    expectLearningXlsx(
      await readXlsx(await getXlsx(t, `${LEARNING}.xlsx`, query, as.manager)),
      expectedReport(w, base({ chain: chainOf(w.people, w.managerId), scope: 'chain' })),
    );
    expectProblem(
      await t.http().get(`${LEARNING}.xlsx`).query({ roleFamily: families[1] }).set(as.hop),
      403,
      'insights-people-family-not-allowed',
    );
    expectProblem(await t.http().get(`${LEARNING}.xlsx`).set(as.staff), 403, 'forbidden');
    expect((await t.http().get(`${LEARNING}.xlsx`)).status).toBe(401);
    expectProblem(await t.http().get(`${LEARNING}.xlsx`).query({ from: 'x' }).set(as.hr), 400, 'validation-failed');
    expectProblem(
      await t.http().get(`${LEARNING}.xlsx`).query({ toCycleId: randomUUID() }).set(as.hr),
      404,
      'review-cycle-not-found',
    );
  });

  it('answers bad input with 400 problem+json and an unknown cycle with 404', async () => {
    for (const query of [
      { roleFamily: 'Not A Slug' },
      { unit: 'x' },
      { from: '2026-13-01' },
      { from: '2026-06-01', to: '2026-05-01' },
      { fromCycleId: 'nope' },
      { fromCycleId: w.cycles.first.id, toCycleId: w.cycles.first.id },
      { other: '1' },
    ]) {
      expectProblem(await t.http().get(LEARNING).query(query).set(as.hr), 400, 'validation-failed');
    }
    expectProblem(
      await t.http().get(LEARNING).query({ toCycleId: randomUUID() }).set(as.hr),
      404,
      'review-cycle-not-found',
    );
  });

  it('names its permission as auth does', () => {
    expect(LearningInsightsPermission.InsightsLearningRead).toBe(Permission.InsightsLearningRead);
  });
});

/** The workbook holds the JSON's tables, cell for cell (a null figure an empty cell, numbers as numbers). */
function expectLearningXlsx(sheets: Record<string, Sheet>, r: Report): void {
  expectWorkbookShape(sheets, ['By item', 'By family', 'By unit', 'Total', 'Uptake', 'Gap closure']);
  expect(aboutOf(sheets)).toMatchObject({
    Report: 'Learning',
    Period: `${r.from} to ${r.to}`,
    'k (fewest people shown)': r.k,
  });
  const figures = (f: Figures) => [cell(f.people), cell(f.completions), cell(f.hours), f.suppressed];
  const split = (s: Split) => [cell(s.people), cell(s.closed), cell(s.percentClosed), s.suppressed];
  expect(sheets['By item']!.rows).toEqual(
    r.byItem.map((c) => [
      cell(c.item?.id),
      cell(c.item?.code),
      c.item?.title ?? 'External learning',
      cell(c.item?.inclusionPackage),
      ...figures(c),
    ]),
  );
  expect(sheets['By family']!.rows).toEqual(r.byFamily.map((c) => [c.roleFamily ?? 'No role', ...figures(c)]));
  expect(sheets['By unit']!.rows).toEqual(r.byUnit.map((c) => [c.unit.id, c.unit.code, c.unit.name, ...figures(c)]));
  expect(sheets.Total!.rows).toEqual([figures(r.total)]);
  expect(sheets.Uptake!.rows).toEqual(
    r.uptake.map((u) => [u.package, cell(u.inScope), cell(u.completed), cell(u.percent), u.suppressed]),
  );
  expect(sheets['Gap closure']!.rows).toEqual(
    (r.gapClosure?.skills ?? []).map((g) => [
      g.skill.slug,
      g.skill.name,
      cell(g.people),
      cell(g.closed),
      cell(g.percentClosed),
      ...split(g.learned),
      ...split(g.notLearned),
      g.suppressed,
    ]),
  );
}
