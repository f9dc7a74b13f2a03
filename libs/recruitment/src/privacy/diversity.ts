/**
 * The diversity-monitoring questions and their answers: a fixed, documented set (the categories the Civil Service's
 * own monitoring uses, in broad groups so that small numbers stay rarer), each with "prefer-not-to-say". Special
 * category data: kept apart (`diversity_answers`), written only through the candidate link, read only in aggregate.
 */
export const DIVERSITY_CATEGORIES = {
  ageBand: ['16-24', '25-34', '35-44', '45-54', '55-64', '65-plus', 'prefer-not-to-say'],
  sex: ['female', 'male', 'prefer-not-to-say'],
  ethnicityGroup: ['asian', 'black', 'mixed', 'white', 'other', 'prefer-not-to-say'],
  disability: ['yes', 'no', 'prefer-not-to-say'],
  sexualOrientation: ['bisexual', 'gay-or-lesbian', 'heterosexual', 'other', 'prefer-not-to-say'],
  religion: ['no-religion', 'buddhist', 'christian', 'hindu', 'jewish', 'muslim', 'sikh', 'other', 'prefer-not-to-say'],
} as const;

export type DiversityCategory = keyof typeof DIVERSITY_CATEGORIES;
export const DIVERSITY_CATEGORY_NAMES = Object.keys(DIVERSITY_CATEGORIES) as DiversityCategory[];
export type DiversityAnswers = { [C in DiversityCategory]: (typeof DIVERSITY_CATEGORIES)[C][number] };

/** The smallest number of people a reported cell may be built from (the domain's k). */
export const MIN_CELL_SIZE = 5;

/** The SQL list of a category's answers, for its check constraint. */
export function answersSql(category: DiversityCategory): string {
  return DIVERSITY_CATEGORIES[category].map((a) => `'${a}'`).join(', ');
}

export interface DiversityCell {
  answer: string;
  /** Null when suppressed. */
  count: number | null;
  suppressed: boolean;
}

/**
 * One category's counts with small cells hidden: every cell under MIN_CELL_SIZE (zero included: "nobody" is as
 * telling as "one") is suppressed; and when the cells hidden would add up to a number the total and the shown cells
 * reveal on their own (a single hidden cell), the smallest shown cell is hidden too, until at least two are hidden or
 * none are. With a total under MIN_CELL_SIZE everything is hidden.
 */
export function suppressCells(counts: { answer: string; count: number }[], total: number): DiversityCell[] {
  if (total < MIN_CELL_SIZE) return counts.map((c) => ({ answer: c.answer, count: null, suppressed: true }));
  const hidden = new Set(counts.filter((c) => c.count < MIN_CELL_SIZE).map((c) => c.answer));
  if (hidden.size === 1) {
    const next = counts
      .filter((c) => !hidden.has(c.answer))
      .sort((a, b) => a.count - b.count || a.answer.localeCompare(b.answer))[0];
    if (next) hidden.add(next.answer);
  }
  return counts.map((c) =>
    hidden.has(c.answer)
      ? { answer: c.answer, count: null, suppressed: true }
      : { answer: c.answer, count: c.count, suppressed: false },
  );
}
