import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { DIVERSITY_CATEGORY_NAMES, type DiversityAnswers, type DiversityCategory } from './diversity.js';

export interface DiversityFilter {
  campaignId?: string;
  vacancyId?: string;
  /** People with an application at this stage (now, or when they were anonymised). */
  stage?: string;
}

/** The column of a category. */
const COLUMN: Record<DiversityCategory, string> = {
  ageBand: 'age_band',
  sex: 'sex',
  ethnicityGroup: 'ethnicity_group',
  disability: 'disability',
  sexualOrientation: 'sexual_orientation',
  religion: 'religion',
};

/**
 * diversity_answers: written one candidate at a time (the candidate link), read only as counts. No method returns a
 * person's answers (the subject-access export reads its rows generically, as it reads every table).
 */
@Injectable()
export class DiversityRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** The candidate's answers, replacing any earlier ones; the day only. */
  async record(candidateId: string, answers: DiversityAnswers): Promise<void> {
    const columns = DIVERSITY_CATEGORY_NAMES.map((c) => COLUMN[c]);
    await this.txHost.tx.query(
      `INSERT INTO diversity_answers (candidate_id, ${columns.join(', ')}, answered_on)
       VALUES ($1, ${columns.map((_, i) => `$${i + 2}`).join(', ')}, current_date)
       ON CONFLICT (candidate_id) WHERE candidate_id IS NOT NULL DO UPDATE SET
         ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}, answered_on = excluded.answered_on`,
      [candidateId, ...DIVERSITY_CATEGORY_NAMES.map((c) => answers[c])],
    );
  }

  /**
   * How many people answered, and how many gave each answer of each category, among those with an application that
   * matches the filter: a live application (through the candidate) or, for anonymised candidates, an outcome kept
   * with their detached answers. Each person once, however many of their applications match.
   */
  async counts(
    filter: DiversityFilter,
  ): Promise<{ total: number; counts: { category: DiversityCategory; answer: string; count: number }[] }> {
    const values: unknown[] = [];
    const where: string[] = ['TRUE'];
    const add = (sql: (p: string) => string, value: unknown): void => {
      values.push(value);
      where.push(sql(`$${values.length}`));
    };
    if (filter.vacancyId) add((p) => `x.vacancy_id = ${p}::uuid`, filter.vacancyId);
    if (filter.campaignId) add((p) => `v.campaign_id = ${p}::uuid`, filter.campaignId);
    if (filter.stage) add((p) => `x.stage = ${p}`, filter.stage);
    const filtered = where.length > 1;
    const rows: { category: DiversityCategory | null; answer: string | null; count: number }[] =
      await this.txHost.tx.query(
        `WITH people AS (
           SELECT d.* FROM diversity_answers d
           WHERE ${
             filtered
               ? `EXISTS (
                   SELECT 1 FROM (
                     SELECT a.vacancy_id, a.stage FROM applications a WHERE a.candidate_id = d.candidate_id
                     UNION ALL
                     SELECT o.vacancy_id, o.stage FROM diversity_answer_outcomes o WHERE o.diversity_answer_id = d.id
                   ) x JOIN vacancies v ON v.id = x.vacancy_id
                   WHERE ${where.join(' AND ')})`
               : 'TRUE'
           }
         )
         SELECT NULL AS category, NULL AS answer, count(*)::int AS count FROM people
         ${DIVERSITY_CATEGORY_NAMES.map(
           (c) => `UNION ALL SELECT '${c}', ${COLUMN[c]}, count(*)::int FROM people GROUP BY ${COLUMN[c]}`,
         ).join('\n         ')}`,
        values,
      );
    const total = rows.find((r) => r.category === null)?.count ?? 0;
    return {
      total,
      counts: rows.flatMap((r) => (r.category ? [{ category: r.category, answer: r.answer!, count: r.count }] : [])),
    };
  }
}
