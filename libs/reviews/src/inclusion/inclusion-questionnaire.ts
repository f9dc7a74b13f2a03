/**
 * The digital inclusion questionnaire: a few behaviour-based questions whose answers derive a level of the
 * GOV.UK 9-point scale. Pure: the one place the derivation lives, unit-tested for every level.
 */

export const ONLINE_ANSWERS = ['never', 'stopped', 'yes'] as const;
export type OnlineAnswer = (typeof ONLINE_ANSWERS)[number];

/** The five tasks that together make basic digital skills (level 7, the department's target). */
export const BASIC_TASKS = ['email', 'search', 'onlineForms', 'videoCalls', 'staySafe'] as const;
export type BasicTask = (typeof BASIC_TASKS)[number];

export interface QuestionnaireAnswers {
  /** Do you use the internet now? never: never have; stopped: used to, not any more; yes. */
  online: OnlineAnswer;
  /** Would you like to do more online than you do now? */
  wantsToDoMore: boolean;
  email: boolean;
  search: boolean;
  onlineForms: boolean;
  videoCalls: boolean;
  staySafe: boolean;
  /** Can you work out a new app or tool, or fix a problem with one, on your own? */
  solvesProblems: boolean;
  /** Is building, running or supporting digital services or data a main part of your work? */
  digitalIsMainWork: boolean;
}

export interface QuestionnaireQuestion {
  id: keyof QuestionnaireAnswers;
  text: string;
  /** `boolean` questions are answered true or false; `choice` questions with one of `options`. */
  kind: 'boolean' | 'choice';
  options?: { value: string; label: string }[];
}

export const QUESTIONNAIRE: readonly QuestionnaireQuestion[] = [
  {
    id: 'online',
    text: 'Do you use the internet now, at work or at home?',
    kind: 'choice',
    options: [
      { value: 'never', label: 'No, I never have' },
      { value: 'stopped', label: 'I used to, but not any more' },
      { value: 'yes', label: 'Yes' },
    ],
  },
  { id: 'wantsToDoMore', text: 'Would you like to be able to do more online than you do now?', kind: 'boolean' },
  { id: 'email', text: 'Can you send and reply to an email on your own?', kind: 'boolean' },
  { id: 'search', text: 'Can you find information you need with a search engine or the intranet?', kind: 'boolean' },
  {
    id: 'onlineForms',
    text: 'Can you fill in and submit an online form, such as a claim or a booking?',
    kind: 'boolean',
  },
  { id: 'videoCalls', text: 'Can you join a video call and share your screen?', kind: 'boolean' },
  {
    id: 'staySafe',
    text: 'Can you keep yourself safe online: strong passwords, spotting scam emails, keeping devices updated?',
    kind: 'boolean',
  },
  {
    id: 'solvesProblems',
    text: 'Can you work out a new app or tool, or fix a problem with one, on your own?',
    kind: 'boolean',
  },
  {
    id: 'digitalIsMainWork',
    text: 'Is building, running or supporting digital services or data a main part of your work?',
    kind: 'boolean',
  },
];

/** What a row of the derivation table sees: the answers, with the basic tasks counted. */
interface Facts {
  online: OnlineAnswer;
  wantsToDoMore: boolean;
  /** How many of the five BASIC_TASKS the person can do (0..5). */
  basicTasks: number;
  solvesProblems: boolean;
  digitalIsMainWork: boolean;
}

export interface DerivationRule {
  level: number;
  /** The rule in words, as the questionnaire route publishes it. */
  rule: string;
  when: (f: Facts) => boolean;
}

/**
 * THE derivation table. Exactly one row matches any set of answers (the unit test walks every combination):
 *
 * | Level | Name                      | Answers                                                             |
 * |-------|---------------------------|---------------------------------------------------------------------|
 * | 1     | Never have, never will    | never online, does not want to do more                              |
 * | 2     | Was online, but no longer | used to be online, stopped                                          |
 * | 3     | Willing and unable        | never online, would like to do more                                 |
 * | 4     | Reluctantly online        | online, fewer than 2 of the 5 basic tasks, does not want to do more |
 * | 5     | Learning the ropes        | online, fewer than 2 of the 5 basic tasks, would like to do more    |
 * | 6     | Task specific             | online, 2 to 4 of the 5 basic tasks                                 |
 * | 7     | Basic digital skills      | online, all 5 basic tasks, cannot yet solve problems on their own   |
 * | 8     | Confident                 | all 5 basic tasks, solves problems, digital is not their main work  |
 * | 9     | Expert                    | all 5 basic tasks, solves problems, digital is their main work      |
 *
 * The basic tasks: email, search, online forms, video calls, staying safe online.
 */
export const DERIVATION_TABLE: readonly DerivationRule[] = [
  {
    level: 1,
    rule: 'Never online, and does not want to do more',
    when: (f) => f.online === 'never' && !f.wantsToDoMore,
  },
  { level: 2, rule: 'Used to be online, but stopped', when: (f) => f.online === 'stopped' },
  { level: 3, rule: 'Never online, but would like to do more', when: (f) => f.online === 'never' && f.wantsToDoMore },
  {
    level: 4,
    rule: 'Online, fewer than 2 of the 5 basic tasks, and does not want to do more',
    when: (f) => f.online === 'yes' && f.basicTasks < 2 && !f.wantsToDoMore,
  },
  {
    level: 5,
    rule: 'Online, fewer than 2 of the 5 basic tasks, and would like to do more',
    when: (f) => f.online === 'yes' && f.basicTasks < 2 && f.wantsToDoMore,
  },
  {
    level: 6,
    rule: 'Online, 2 to 4 of the 5 basic tasks',
    when: (f) => f.online === 'yes' && f.basicTasks >= 2 && f.basicTasks <= 4,
  },
  {
    level: 7,
    rule: 'Online, all 5 basic tasks, but cannot yet work out new tools or fix problems on their own',
    when: (f) => f.online === 'yes' && f.basicTasks === 5 && !f.solvesProblems,
  },
  {
    level: 8,
    rule: 'All 5 basic tasks, solves problems on their own; digital is not their main work',
    when: (f) => f.online === 'yes' && f.basicTasks === 5 && f.solvesProblems && !f.digitalIsMainWork,
  },
  {
    level: 9,
    rule: 'All 5 basic tasks, solves problems on their own, and digital is their main work',
    when: (f) => f.online === 'yes' && f.basicTasks === 5 && f.solvesProblems && f.digitalIsMainWork,
  },
];

/** The level the answers give: the one row of DERIVATION_TABLE that matches. */
export function deriveInclusionLevel(answers: QuestionnaireAnswers): number {
  const facts: Facts = {
    online: answers.online,
    wantsToDoMore: answers.wantsToDoMore,
    basicTasks: BASIC_TASKS.filter((task) => answers[task]).length,
    solvesProblems: answers.solvesProblems,
    digitalIsMainWork: answers.digitalIsMainWork,
  };
  const matches = DERIVATION_TABLE.filter((row) => row.when(facts));
  if (matches.length !== 1) throw new Error(`The derivation table matched ${matches.length} rows, not one`);
  return matches[0]!.level;
}
