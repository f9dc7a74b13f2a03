/**
 * The recruitment pipeline, defined once: the stages an application passes through and the table of allowed moves
 * between them. The transitions service asks this table (never `if (stage === …)`), the database mirrors the stage
 * list as a check constraint, docs/architecture.md shows it, and a unit test walks every pair of stages.
 *
 * applied → sift → interview → assessment (when the vacancy has one) → offer → pre-employment-checks → appointed.
 * Rejected (with a reason) and withdrawn are reached from every open stage. A candidate who passed the interview
 * (or the assessment) when the posts are already filled goes on the vacancy's reserve list, and from it to an offer
 * when a post comes up again. Appointed, rejected and withdrawn are final.
 */
export const PIPELINE_STAGES = [
  'applied',
  'sift',
  'interview',
  'assessment',
  'reserve',
  'offer',
  'pre-employment-checks',
  'appointed',
  'rejected',
  'withdrawn',
] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** Stages an application is still moving in (every one may end in rejected or withdrawn). */
export const OPEN_STAGES = [
  'applied',
  'sift',
  'interview',
  'assessment',
  'reserve',
  'offer',
  'pre-employment-checks',
] as const satisfies readonly PipelineStage[];

/** Where an application ends. */
export const FINAL_STAGES = ['appointed', 'rejected', 'withdrawn'] as const satisfies readonly PipelineStage[];

/** The stages whose panel scores (Success Profiles behaviours and technical skills). */
export const SCORED_STAGES = ['sift', 'interview', 'assessment'] as const satisfies readonly PipelineStage[];
export type ScoredStage = (typeof SCORED_STAGES)[number];

/** What a move needs beyond the table: `assessment` only when the vacancy has an assessment stage. */
export type MoveCondition = 'vacancy-has-assessment';

export interface PipelineMove {
  from: PipelineStage;
  to: PipelineStage;
  /** A reason must be given (a rejection's reason is kept on the application). */
  reasonRequired?: boolean;
  when?: MoveCondition;
}

const FORWARD: readonly PipelineMove[] = [
  { from: 'applied', to: 'sift' },
  { from: 'sift', to: 'interview' },
  { from: 'interview', to: 'assessment', when: 'vacancy-has-assessment' },
  { from: 'interview', to: 'offer' },
  { from: 'interview', to: 'reserve' },
  { from: 'assessment', to: 'offer' },
  { from: 'assessment', to: 'reserve' },
  { from: 'reserve', to: 'offer' },
  { from: 'offer', to: 'pre-employment-checks' },
  { from: 'pre-employment-checks', to: 'appointed' },
];

/** Every allowed move, in pipeline order: the forward ones, then rejected and withdrawn from each open stage. */
export const PIPELINE_MOVES: readonly PipelineMove[] = [
  ...FORWARD,
  ...OPEN_STAGES.map((from): PipelineMove => ({ from, to: 'rejected', reasonRequired: true })),
  ...OPEN_STAGES.map((from): PipelineMove => ({ from, to: 'withdrawn' })),
];

/** The facts about a vacancy that decide conditional moves. */
export interface PipelineOptions {
  /** The vacancy has an assessment stage between interview and offer. */
  assessment: boolean;
}

function applies(move: PipelineMove, options: PipelineOptions): boolean {
  return move.when === undefined || (move.when === 'vacancy-has-assessment' && options.assessment);
}

/** The move from `from` to `to` when the table allows it for this vacancy, else null. */
export function pipelineMove(from: PipelineStage, to: PipelineStage, options: PipelineOptions): PipelineMove | null {
  return PIPELINE_MOVES.find((m) => m.from === from && m.to === to && applies(m, options)) ?? null;
}

/** The stages an application at `from` may move to for this vacancy, in table order. */
export function allowedMoves(from: PipelineStage, options: PipelineOptions): PipelineStage[] {
  return PIPELINE_MOVES.filter((m) => m.from === from && applies(m, options)).map((m) => m.to);
}

export function isOpenStage(stage: PipelineStage): boolean {
  return (OPEN_STAGES as readonly PipelineStage[]).includes(stage);
}

/** The stage list as SQL, for the check constraints that mirror it. */
export const PIPELINE_STAGES_SQL = PIPELINE_STAGES.map((s) => `'${s}'`).join(', ');
export const SCORED_STAGES_SQL = SCORED_STAGES.map((s) => `'${s}'`).join(', ');
