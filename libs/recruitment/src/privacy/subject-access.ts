/**
 * Every table that holds rows about a candidate, how its rows reach them, and what the retention job does with them.
 * The subject-access export reads exactly these; a test reads the foreign keys in pg_catalog and fails when a table
 * that references `candidates` or `applications` is missing here. A new table about candidates (offers, checks, …)
 * joins this list, and its `retention` says what anonymisation does with it (`RetentionRepository`).
 */
export interface SubjectAccessTable {
  table: string;
  /** The column that leads to the candidate: their own id, or a candidate or application id. */
  column: string;
  via: 'candidate' | 'application';
  /** Columns that are not the person's data and stay out of the export (secrets). */
  omit?: readonly string[];
  /** What anonymisation does with its rows (documentation; `RetentionRepository` does it). */
  retention: string;
}

export const SUBJECT_ACCESS_TABLES: readonly SubjectAccessTable[] = [
  {
    table: 'candidates',
    column: 'id',
    via: 'candidate',
    retention: 'name and email replaced by placeholders; phone, education and right to work blanked; source kept',
  },
  {
    table: 'applications',
    column: 'candidate_id',
    via: 'candidate',
    retention:
      'kept (stage, dates, Disability Confident for the figures); adjustments blanked, a rejection reason replaced',
  },
  {
    table: 'application_stage_moves',
    column: 'application_id',
    via: 'application',
    retention: 'kept (the figures time the pipeline); reasons replaced',
  },
  { table: 'application_scores', column: 'application_id', via: 'application', retention: 'kept (scores only)' },
  {
    table: 'offers',
    column: 'application_id',
    via: 'application',
    retention: 'kept (terms, dates and outcome: the acceptance-rate and time-to-hire figures)',
  },
  {
    table: 'pre_employment_checks',
    column: 'application_id',
    via: 'application',
    retention: 'kept (check and outcome); the note blanked',
  },
  {
    table: 'candidate_link_tokens',
    column: 'candidate_id',
    via: 'candidate',
    omit: ['token_hash'],
    retention: 'deleted',
  },
  {
    table: 'diversity_answers',
    column: 'candidate_id',
    via: 'candidate',
    retention:
      'detached from the candidate (candidate_id null), keeping the vacancies and final stages the aggregate counts by',
  },
];
