import { describe, expect, it } from 'vitest';
import {
  BASIC_TASKS,
  DERIVATION_TABLE,
  deriveInclusionLevel,
  ONLINE_ANSWERS,
  QUESTIONNAIRE,
  type QuestionnaireAnswers,
} from './inclusion-questionnaire.js';

const NONE = { email: false, search: false, onlineForms: false, videoCalls: false, staySafe: false };
const ALL = { email: true, search: true, onlineForms: true, videoCalls: true, staySafe: true };
const base = { wantsToDoMore: false, solvesProblems: false, digitalIsMainWork: false };

/** One person per level, described in words as the scale does. */
const PEOPLE: [number, string, QuestionnaireAnswers][] = [
  [1, 'never online and happy that way', { online: 'never', ...base, ...NONE }],
  [2, 'stopped using the internet', { online: 'stopped', ...base, ...ALL, wantsToDoMore: true }],
  [3, 'never online, would like to be', { online: 'never', ...base, ...NONE, wantsToDoMore: true }],
  [4, 'online for one thing, no wish for more', { online: 'yes', ...base, ...NONE, email: true }],
  [5, 'online, just starting, keen', { online: 'yes', ...base, ...NONE, wantsToDoMore: true }],
  [6, 'email and search only', { online: 'yes', ...base, ...NONE, email: true, search: true }],
  [7, 'every basic task, no more', { online: 'yes', ...base, ...ALL }],
  [8, 'every basic task and solves problems', { online: 'yes', ...base, ...ALL, solvesProblems: true }],
  [9, 'a digital professional', { online: 'yes', ...base, ...ALL, solvesProblems: true, digitalIsMainWork: true }],
];

/**
 * The scale written out again, independently of DERIVATION_TABLE, as nested decisions: the test's own
 * calculation, checked against the table for every possible set of answers.
 */
function expected(a: QuestionnaireAnswers): number {
  if (a.online === 'stopped') return 2;
  if (a.online === 'never') return a.wantsToDoMore ? 3 : 1;
  let tasks = 0;
  if (a.email) tasks++;
  if (a.search) tasks++;
  if (a.onlineForms) tasks++;
  if (a.videoCalls) tasks++;
  if (a.staySafe) tasks++;
  if (tasks <= 1) return a.wantsToDoMore ? 5 : 4;
  if (tasks <= 4) return 6;
  if (!a.solvesProblems) return 7;
  return a.digitalIsMainWork ? 9 : 8;
}

function everyAnswerSet(): QuestionnaireAnswers[] {
  const flags = ['wantsToDoMore', ...BASIC_TASKS, 'solvesProblems', 'digitalIsMainWork'] as const;
  const sets: QuestionnaireAnswers[] = [];
  for (const online of ONLINE_ANSWERS) {
    for (let bits = 0; bits < 1 << flags.length; bits++) {
      const answers = { online } as QuestionnaireAnswers;
      flags.forEach((flag, i) => (answers[flag] = (bits & (1 << i)) !== 0));
      sets.push(answers);
    }
  }
  return sets;
}

describe('the questionnaire derivation table', () => {
  it.each(PEOPLE)('derives level %i for someone %s', (level, _who, answers) => {
    expect(deriveInclusionLevel(answers)).toBe(level);
    expect(expected(answers)).toBe(level);
  });

  it('has one row per level, 1 to 9, in order', () => {
    expect(DERIVATION_TABLE.map((r) => r.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('matches exactly one row for every one of the 768 possible answer sets, as the independent reading does', () => {
    const sets = everyAnswerSet();
    expect(sets).toHaveLength(3 * 2 ** 8);
    const reached = new Set<number>();
    for (const answers of sets) {
      const level = deriveInclusionLevel(answers);
      expect(level, JSON.stringify(answers)).toBe(expected(answers));
      reached.add(level);
    }
    expect([...reached].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('reaches the target (7) only with all five basic tasks', () => {
    for (const answers of everyAnswerSet()) {
      const allTasks = BASIC_TASKS.every((t) => answers[t]) && answers.online === 'yes';
      expect(deriveInclusionLevel(answers) >= 7, JSON.stringify(answers)).toBe(allTasks);
    }
  });

  it('asks a question for every answer it reads', () => {
    expect(QUESTIONNAIRE.map((q) => q.id).sort()).toEqual(
      ['online', 'wantsToDoMore', ...BASIC_TASKS, 'solvesProblems', 'digitalIsMainWork'].sort(),
    );
    expect(QUESTIONNAIRE.find((q) => q.id === 'online')?.options?.map((o) => o.value)).toEqual([...ONLINE_ANSWERS]);
  });
});
