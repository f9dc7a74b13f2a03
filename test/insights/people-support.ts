import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/app.js';

/** Helpers the people insights tests share, written apart from the report's SQL. */

export type Auth = { Authorization: string };
export const API = '/api/v1';

/** A small deterministic generator (so a failure can be replayed). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function unit(t: TestApp, code: string, parent: string | null = null): Promise<string> {
  const id = randomUUID();
  await t.dataSource.query(
    `INSERT INTO organisation_units (id, code, name, type, parent_id, path)
     VALUES ($1, $2, $2, $3, $4, (SELECT coalesce((SELECT path FROM organisation_units WHERE id = $4), '{}'::uuid[]) || $1::uuid))`,
    [id, code, parent ? 'team' : 'department', parent],
  );
  return id;
}

export interface Level {
  id: string;
  slug: string;
  name: string;
  role: string;
  family: string;
}

/** Role levels of the current framework, read raw: `n` of each of `families`. */
export async function levelsOf(t: TestApp, family: string, n: number): Promise<Level[]> {
  return t.dataSource.query<Level[]>(
    `SELECT rl.id, rl.slug, rl.name, r.slug AS role, rf.slug AS family FROM role_levels rl
       JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id
       JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
      WHERE rf.slug = $1 ORDER BY rl.slug LIMIT $2`,
    [family, n],
  );
}

/** Two families of the current framework with at least `n` levels each, data first when it has. */
export async function twoFamilies(t: TestApp, n: number): Promise<[string, string]> {
  const rows = await t.dataSource.query<{ slug: string }[]>(
    `SELECT rf.slug FROM role_families rf JOIN roles r ON r.role_family_id = rf.id JOIN role_levels rl ON rl.role_id = r.id
       JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
      GROUP BY rf.slug HAVING count(*) >= $1 ORDER BY (rf.slug = 'data') DESC, rf.slug`,
    [n],
  );
  return [rows[0]!.slug, rows[1]!.slug];
}

export interface Assignment {
  level: Level;
  startsOn: string;
  endsOn: string | null;
}

export interface Person {
  id: string;
  unitId: string;
  employment: string;
  startDate: string | null;
  leavingDate: string | null;
  lineManagerId: string | null;
  roles: Assignment[];
}

export async function insertPerson(t: TestApp, p: Omit<Person, 'id'>, n: number): Promise<Person> {
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO staff (staff_number, full_name, unit_id, employment_type, start_date, leaving_date, line_manager_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [`PI${n}`, `Person ${n}`, p.unitId, p.employment, p.startDate, p.leavingDate, p.lineManagerId],
  );
  for (const r of p.roles) {
    await t.dataSource.query(
      `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on, ends_on) VALUES ($1, $2, true, $3, $4)`,
      [row!.id, r.level.id, r.startsOn, r.endsOn],
    );
  }
  return { ...p, id: row!.id };
}

/** The person's primary role level on `day`: started by then, not ended; the latest start wins. */
export function levelOn(p: Person, day: string): Level | null {
  const open = p.roles.filter((r) => r.startsOn <= day && (r.endsOn === null || r.endsOn > day));
  open.sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1));
  return open[0]?.level ?? null;
}

export const inPostOn = (p: Person, day: string): boolean =>
  (p.startDate === null || p.startDate <= day) && (p.leavingDate === null || p.leavingDate > day);

/** Everyone below `managerId` in the line (written as a walk over the generated rows). */
export function chainOf(people: Person[], managerId: string): Set<string> {
  const out = new Set<string>();
  let frontier = [managerId];
  while (frontier.length) {
    const next = people.filter((p) => p.lineManagerId && frontier.includes(p.lineManagerId) && !out.has(p.id));
    next.forEach((p) => out.add(p.id));
    frontier = next.map((p) => p.id);
  }
  return out;
}

/**
 * The suppression rule, as the issue states it: cells of 1..k−1 people hidden; if what is hidden rests on fewer than
 * k people, the smallest shown non-empty cells (earliest first on a tie) are hidden too until it reaches k.
 */
export function expectedHidden(counts: number[], k: number): Set<number> {
  const hidden = new Set<number>();
  counts.forEach((n, i) => {
    if (n > 0 && n < k) hidden.add(i);
  });
  const hiddenSum = () => [...hidden].reduce((s, i) => s + counts[i]!, 0);
  if (hidden.size === 0) return hidden;
  const rest = counts
    .map((n, i) => ({ n, i }))
    .filter(({ n, i }) => n > 0 && !hidden.has(i))
    .sort((a, b) => a.n - b.n || a.i - b.i);
  for (const { i } of rest) {
    if (hiddenSum() >= k) break;
    hidden.add(i);
  }
  return hidden;
}

export const pct = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part * 1000) / whole) / 10;

/** A CSV body split into records (fields unquoted). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  return rows;
}

/** The JSON rows as CSV records would carry them: nulls empty, everything as text. */
export const asCsvRecord = (columns: readonly string[], row: Record<string, unknown>): string[] =>
  columns.map((c) => (row[c] === null || row[c] === undefined ? '' : String(row[c] as string | number | boolean)));

/** The periods of [from, to] by quarter or year, each counted on its last day (or `to`), written out here. */
export function quarterOrYearPeriods(
  from: string,
  to: string,
  interval: 'quarter' | 'year',
): { period: string; day: string }[] {
  const out: { period: string; day: string }[] = [];
  const months = interval === 'quarter' ? 3 : 12;
  let y = Number(from.slice(0, 4));
  let m = interval === 'quarter' ? Math.floor((Number(from.slice(5, 7)) - 1) / 3) * 3 + 1 : 1;
  while (`${y}-${String(m).padStart(2, '0')}-01` <= to) {
    const endY = m + months > 12 ? y + 1 : y;
    const endM = ((m + months - 1) % 12) + 1;
    const last = new Date(Date.UTC(endY, endM - 1, 1) - 86_400_000).toISOString().slice(0, 10);
    out.push({ period: interval === 'quarter' ? `${y}-Q${(m + 2) / 3}` : String(y), day: last < to ? last : to });
    y = endY;
    m = endM;
  }
  return out;
}

const DAY = 86_400_000;
/** `d` (YYYY-MM-DD) moved by `n` days. */
export const addDays = (d: string, n: number): string =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** Whole days from `a` to `b`. */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(b) - Date.parse(a)) / DAY);
