import { csvLines } from '../common/csv.js';
import type { CompletionFigures, LearningReport } from './learning-insights.service.js';

/** The learning report's CSV: one line per cell, `section` saying which part of the report it is. */
export const LEARNING_CSV_COLUMNS = [
  'section',
  'id',
  'code',
  'label',
  'people',
  'completions',
  'hours',
  'inScope',
  'completed',
  'percent',
  'closed',
  'percentClosed',
  'learnedPeople',
  'learnedClosed',
  'learnedPercentClosed',
  'notLearnedPeople',
  'notLearnedClosed',
  'notLearnedPercentClosed',
  'suppressed',
] as const;
export type LearningCsvColumn = (typeof LEARNING_CSV_COLUMNS)[number];
type Row = Partial<Record<LearningCsvColumn, string | number | boolean | null>>;

const figures = (f: CompletionFigures): Row => ({
  people: f.people,
  completions: f.completions,
  hours: f.hours,
  suppressed: f.suppressed,
});

/** Sections: item (external learning with an empty id), family, unit, total, uptake, gap (one per skill). */
export function* learningRows(r: LearningReport): Generator<Row> {
  for (const c of r.byItem) {
    yield {
      section: 'item',
      id: c.item?.id ?? '',
      code: c.item?.code ?? '',
      label: c.item?.title ?? 'External learning',
      ...figures(c),
    };
  }
  for (const c of r.byFamily) {
    yield { section: 'family', id: c.roleFamily ?? '', label: c.roleFamily ?? 'No role', ...figures(c) };
  }
  for (const c of r.byUnit) {
    yield { section: 'unit', id: c.unit.id, code: c.unit.code, label: c.unit.name, ...figures(c) };
  }
  yield { section: 'total', ...figures(r.total) };
  for (const u of r.uptake) {
    yield {
      section: 'uptake',
      id: u.package,
      inScope: u.inScope,
      completed: u.completed,
      percent: u.percent,
      suppressed: u.suppressed,
    };
  }
  for (const s of r.gapClosure?.skills ?? []) {
    yield {
      section: 'gap',
      id: s.skill.slug,
      label: s.skill.name,
      people: s.people,
      closed: s.closed,
      percentClosed: s.percentClosed,
      learnedPeople: s.learned.people,
      learnedClosed: s.learned.closed,
      learnedPercentClosed: s.learned.percentClosed,
      notLearnedPeople: s.notLearned.people,
      notLearnedClosed: s.notLearned.closed,
      notLearnedPercentClosed: s.notLearned.percentClosed,
      suppressed: s.suppressed,
    };
  }
}

export const learningCsv = (r: LearningReport): Generator<string> => csvLines(LEARNING_CSV_COLUMNS, learningRows(r));
