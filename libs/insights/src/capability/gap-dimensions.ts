/** What the capability gap report may be grouped and filtered by. */
export const GAP_DIMENSIONS = [
  'roleFamily',
  'role',
  'roleLevel',
  'skill',
  'unit',
  'location',
  'grade',
  'employmentType',
] as const;
export type GapDimension = (typeof GAP_DIMENSIONS)[number];

export const GAP_SOURCES = ['validated', 'self'] as const;
export type GapSource = (typeof GAP_SOURCES)[number];

/**
 * Each dimension as SQL over the report's joins (`r` skill_reviews, `rr` skill_review_ratings, `rl` role_levels,
 * `ro` roles, `rf` role_families of the cycle's pinned version, `u` the person's unit when the cycle opened, `gu` the
 * unit they are grouped under (see `unitGroupSql`), `s` staff, `loc` locations, `g` grades): the id the group is
 * keyed by and shown with, and its label. Role family, role, role level and unit are the cycle's snapshot; location,
 * grade and employment type are the person's record today (the cycle does not snapshot them).
 */
export const DIMENSION_SQL: Record<GapDimension, { id: string; label: string }> = {
  roleFamily: { id: 'rf.slug', label: 'rf.name' },
  role: { id: 'ro.slug', label: 'ro.name' },
  roleLevel: { id: 'rl.slug', label: 'rl.name' },
  skill: { id: 'rr.skill_slug', label: 'rr.skill_name' },
  unit: { id: 'gu.id::text', label: 'gu.name' },
  location: { id: "coalesce(loc.id::text, 'none')", label: "coalesce(loc.name, 'Not recorded')" },
  grade: { id: "coalesce(g.code, 'none')", label: "coalesce(g.name, 'Not recorded')" },
  employmentType: { id: 's.employment_type', label: 's.employment_type' },
};

/** How a filter on each dimension is matched: the unit filter takes the unit's whole subtree. */
export const FILTER_SQL: Record<GapDimension, (param: string) => string> = {
  roleFamily: (p) => `rf.slug = ${p}::text`,
  role: (p) => `ro.slug = ${p}::text`,
  roleLevel: (p) => `rl.slug = ${p}::text`,
  skill: (p) => `rr.skill_slug = ${p}::text`,
  unit: (p) => `${p}::uuid = ANY(u.path)`,
  location: (p) => `s.location_id = ${p}::uuid`,
  grade: (p) => `g.code = ${p}::text`,
  employmentType: (p) => `s.employment_type = ${p}::text`,
};

/**
 * Grouping by unit takes subtrees: the units one level below the unit filtered on (or below the roots, without a
 * unit filter), each with its whole subtree, and the filtered unit itself for the people directly in it. `path` is
 * the SQL of the person's unit path (root first, the unit itself last) and `depth` the filtered unit's depth (1 for
 * a root; 1 without a filter): the group is the path's unit at depth + 1, or the person's own unit when the path is
 * no deeper than that.
 */
export function unitGroupSql(path: string, depth: number): string {
  if (!Number.isInteger(depth) || depth < 1) throw new Error('A unit depth is a positive integer');
  return `coalesce(${path}[${depth + 1}], ${path}[cardinality(${path})])`;
}
