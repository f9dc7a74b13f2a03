/**
 * Small-number suppression for pulse results. A cell (a statement's figures for a unit, or overall) built
 * from fewer than MIN_RESPONSES responses shows no figures. Pure, unit-tested.
 */
export const MIN_RESPONSES = 5;

/** Ratings 1..5. */
export const RATING_MIN = 1;
export const RATING_MAX = 5;

/** The figures of one cell; every figure null when suppressed. */
export interface ResultCell {
  suppressed: boolean;
  responses: number | null;
  mean: number | null;
  /** How many rated 1, 2, 3, 4 and 5. */
  distribution: number[] | null;
}

export const SUPPRESSED: ResultCell = Object.freeze({
  suppressed: true,
  responses: null,
  mean: null,
  distribution: null,
});

/** A cell from its distribution (counts of 1..5), suppressed below MIN_RESPONSES. Mean to 2 decimals. */
export function resultCell(distribution: readonly number[]): ResultCell {
  const responses = distribution.reduce((a, b) => a + b, 0);
  if (responses < MIN_RESPONSES) return { ...SUPPRESSED };
  const total = distribution.reduce((sum, count, i) => sum + count * (i + RATING_MIN), 0);
  return {
    suppressed: false,
    responses,
    mean: Math.round((total / responses) * 100) / 100,
    distribution: [...distribution],
  };
}

/**
 * Which of a set of sibling cells (the units of one statement, whose total is published as the overall
 * cell) must be hidden. Each cell under `k` (MIN_RESPONSES for pulses; insights passes its configured k) is;
 * and when what is hidden adds up to fewer than `k` while the total is shown, the total minus the shown cells
 * would give the hidden figures away, so the smallest shown cells are hidden too until the hidden part
 * reaches `k` (complementary suppression). Returns the indexes to hide.
 */
export function cellsToSuppress(counts: readonly number[], k: number = MIN_RESPONSES): Set<number> {
  const hidden = new Set<number>();
  counts.forEach((n, i) => {
    if (n < k) hidden.add(i);
  });
  const hiddenTotal = (): number => [...hidden].reduce((sum, i) => sum + (counts[i] ?? 0), 0);
  if (hidden.size === 0 || hiddenTotal() === 0) return hidden;
  const shown = counts
    .map((n, i) => ({ n, i }))
    .filter(({ i }) => !hidden.has(i))
    .sort((a, b) => a.n - b.n || a.i - b.i);
  for (const { i } of shown) {
    if (hiddenTotal() >= k) break;
    hidden.add(i);
  }
  return hidden;
}
