import type { TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { chainOf, generateWorld, hiddenCells, type Ask, type World } from './capability-gaps-support.js';

/**
 * The gap report's world, with validators on record for some reviews of the closed 2025 cycle: people 1–5 and 14–40
 * were validated by person 60's user (who manages 61–70 as well), 41–45 by person 1's user, 46–50 by an HR user with no
 * staff record (so their line manager counts: they have none). Every other review's validator is the reviewee's line
 * manager. `expectedCalibration` works the report out in plain TypeScript.
 */
export interface CalibrationWorld extends World {
  validatorOf: Map<string, string>;
  names: Map<string, string>;
  /** Bearer headers of the validators with a user: person 60 (a line manager too) and person 1. */
  auth60: { Authorization: string };
  auth1: { Authorization: string };
}

export async function generateCalibrationWorld(t: TestApp): Promise<CalibrationWorld> {
  const w = await generateWorld(t);
  const p60 = await signedIn(t, { roles: ['staff'], staffId: w.people[60]!.id });
  const p1 = await signedIn(t, { roles: ['staff'], staffId: w.people[1]!.id });
  const hr = await signedIn(t, { roles: ['hr'] });
  const explicit = new Map<string, string>();
  const setValidator = async (from: number, to: number, userId: string, staffId: string | null) => {
    const ids = w.people.slice(from, to + 1).map((p) => p.id);
    await t.dataSource.query(
      `UPDATE skill_reviews SET validated_by_user_id = $1 WHERE cycle_id = $2 AND state = 'validated' AND staff_id = ANY($3::uuid[])`,
      [userId, w.closed, ids],
    );
    if (staffId) for (const id of ids) explicit.set(id, staffId);
    else for (const id of ids) explicit.set(id, 'line-manager');
  };
  await setValidator(1, 5, p60.user.id, w.people[60]!.id);
  await setValidator(14, 40, p60.user.id, w.people[60]!.id);
  await setValidator(41, 45, p1.user.id, w.people[1]!.id);
  await setValidator(46, 50, hr.user.id, null);
  // Disagreements two levels apart (flagged for calibration) in the reviews of 14–25: validated = self − 2.
  const flaggedOf = new Set(w.people.slice(14, 26).map((p) => p.id));
  for (const r of w.ratings) {
    if (r.cycleId !== w.closed || r.state !== 'validated' || !flaggedOf.has(r.staffId)) continue;
    if (r.self === null || r.validated === null || r.self < 2) continue;
    r.validated = r.self - 2;
    await t.dataSource.query(
      `UPDATE skill_review_ratings rr SET validated_level = $1, flagged_for_calibration = true
         FROM skill_reviews r
        WHERE rr.review_id = r.id AND r.cycle_id = $2 AND r.staff_id = $3 AND rr.skill_slug = $4`,
      [r.validated, w.closed, r.staffId, r.parts.skill.id],
    );
  }
  const validatorOf = new Map<string, string>();
  for (const p of w.people) {
    const e = explicit.get(p.id);
    validatorOf.set(p.id, e && e !== 'line-manager' ? e : (p.lineManagerId ?? 'none'));
  }
  const names = new Map(w.people.map((p, i) => [p.id, `Gap Person ${i}`]));
  names.set('none', 'No validator on record');
  return { ...w, validatorOf, names, auth60: p60.auth, auth1: p1.auth };
}

export interface CalibrationFigures {
  people: number | null;
  ratings: number | null;
  meanSelf: number | null;
  meanValidated: number | null;
  meanDifference: number | null;
  percentAgreed: number | null;
  percentRaised: number | null;
  percentLowered: number | null;
  flagged: number | null;
  suppressed: boolean;
}
export type CalibrationRow = { id: string; label: string } & CalibrationFigures;

/** a ÷ b half up (towards +∞ at .5) to `places` decimals, in integers. */
const rounded = (a: number, b: number, places: number) => {
  const f = 10 ** places;
  return Math.floor((2 * a * f + b) / (2 * b)) / f;
};

type Pair = { staffId: string; self: number; validated: number };

function figuresOf(rows: Pair[], suppressed: boolean): CalibrationFigures {
  if (suppressed) {
    return {
      people: null,
      ratings: null,
      meanSelf: null,
      meanValidated: null,
      meanDifference: null,
      percentAgreed: null,
      percentRaised: null,
      percentLowered: null,
      flagged: null,
      suppressed: true,
    };
  }
  const n = rows.length;
  const sum = (f: (r: Pair) => number) => rows.reduce((s, r) => s + f(r), 0);
  const count = (f: (r: Pair) => boolean) => rows.filter(f).length;
  return {
    people: new Set(rows.map((r) => r.staffId)).size,
    ratings: n,
    meanSelf: n
      ? rounded(
          sum((r) => r.self),
          n,
          2,
        )
      : null,
    meanValidated: n
      ? rounded(
          sum((r) => r.validated),
          n,
          2,
        )
      : null,
    meanDifference: n
      ? rounded(
          sum((r) => r.validated - r.self),
          n,
          2,
        )
      : null,
    percentAgreed: n ? rounded(100 * count((r) => r.validated === r.self), n, 1) : null,
    percentRaised: n ? rounded(100 * count((r) => r.validated > r.self), n, 1) : null,
    percentLowered: n ? rounded(100 * count((r) => r.validated < r.self), n, 1) : null,
    flagged: count((r) => Math.abs(r.validated - r.self) >= 2),
    suppressed: false,
  };
}

export interface CalibrationAsk {
  cycleId: string;
  roleFamily?: string;
  scope?: Ask['scope'];
  k?: number;
}

export function expectedCalibration(w: CalibrationWorld, ask: CalibrationAsk) {
  const k = ask.k ?? 5;
  const chain = ask.scope?.teamOf ? chainOf(w, ask.scope.teamOf) : new Set<string>();
  const counted = w.ratings.filter(
    (r) =>
      r.cycleId === ask.cycleId &&
      r.state === 'validated' &&
      r.self !== null &&
      r.validated !== null &&
      (ask.roleFamily === undefined || r.parts.roleFamily.id === ask.roleFamily) &&
      (!ask.scope || ask.scope.families.includes(r.parts.roleFamily.id) || chain.has(r.staffId)),
  );
  const validatorOf = (staffId: string) =>
    ask.cycleId === w.closed
      ? w.validatorOf.get(staffId)!
      : (w.people.find((p) => p.id === staffId)!.lineManagerId ?? 'none');
  const rowsBy = (keyOf: (r: (typeof counted)[number]) => { id: string; label: string }) => {
    const groups = new Map<string, { id: string; label: string; rows: Pair[] }>();
    for (const r of counted) {
      const key = keyOf(r);
      const g = groups.get(key.id) ?? { ...key, rows: [] };
      g.rows.push({ staffId: r.staffId, self: r.self!, validated: r.validated! });
      groups.set(key.id, g);
    }
    const cells = [...groups.values()].sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
    const hidden = hiddenCells(
      cells.map((c) => ({ ids: [c.id], people: new Set(c.rows.map((r) => r.staffId)).size })),
      k,
    );
    return cells.map((c, i) => ({ cell: c, row: { id: c.id, label: c.label, ...figuresOf(c.rows, hidden.has(i)) } }));
  };
  const families = rowsBy((r) => r.parts.roleFamily);
  const managers = rowsBy((r) => {
    const v = validatorOf(r.staffId);
    return { id: v, label: w.names.get(v)! };
  });
  const all: Pair[] = counted.map((r) => ({ staffId: r.staffId, self: r.self!, validated: r.validated! }));
  const people = new Set(all.map((r) => r.staffId)).size;
  const mostDifferent = managers
    .filter((m) => !m.row.suppressed && m.row.people! >= k)
    .map((m) => ({
      m,
      diff: Math.abs(m.cell.rows.reduce((s, r) => s + r.validated - r.self, 0)) / m.cell.rows.length,
    }))
    .sort(
      (a, b) => b.diff - a.diff || a.m.row.label.localeCompare(b.m.row.label) || a.m.row.id.localeCompare(b.m.row.id),
    )
    .slice(0, 10)
    .map(({ m }) => ({
      id: m.row.id,
      label: m.row.label,
      people: m.row.people!,
      meanDifference: m.row.meanDifference!,
    }));
  return {
    families: families.map((f) => f.row),
    managers: managers.map((m) => m.row),
    total: figuresOf(all, people > 0 && people < k),
    mostDifferent,
    /** Unsuppressed people per manager row (for checking the differencing case). */
    rawPeople: new Map(managers.map((m) => [m.cell.id, new Set(m.cell.rows.map((r) => r.staffId)).size])),
    rawFamilyPeople: new Map(families.map((f) => [f.cell.id, new Set(f.cell.rows.map((r) => r.staffId)).size])),
  };
}
