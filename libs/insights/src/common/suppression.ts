import { cellsToSuppress } from '@capability/reviews';

/** The smallest k the configuration allows (INSIGHTS_MIN_GROUP_SIZE): a group of fewer than 3 is never shown. */
export const MIN_K = 3;

/**
 * Which of a set of sibling cells (cells whose total is published too, or can be had from another report cell) must
 * be hidden so that no cell built from fewer than `k` people can be read or worked out: each such cell, and then the
 * smallest shown siblings until the hidden ones together rest on at least `k` people (complementary suppression, so
 * the total minus the shown cells gives nothing away). Cells resting on no one stay shown (there is no one to
 * disclose). `people` gives each cell's number of people. Returns the indexes to hide.
 *
 * Every insights report uses this one rule, in every format (JSON, CSV, XLSX, SVG): the figures are suppressed
 * before they are formatted.
 */
export function siblingsToSuppress<T>(cells: readonly T[], people: (cell: T) => number, k: number): Set<number> {
  const counts = cells.map(people);
  const nonEmpty = counts.map((n, i) => ({ n, i })).filter(({ n }) => n > 0);
  const hidden = cellsToSuppress(
    nonEmpty.map(({ n }) => n),
    k,
  );
  return new Set([...hidden].map((j) => nonEmpty[j]!.i));
}
