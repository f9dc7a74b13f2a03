/**
 * Success Profiles scoring, as pure functions. Each assessor scores an application at a stage (sift, interview,
 * assessment) against the vacancy's behaviours on the Success Profiles scale 1..7 (1 no evidence … 4 acceptable …
 * 7 outstanding) and against the technical skills (DDaT skills) its role level requires, on the framework's scale 0..4
 * (0 not yet at awareness … 4 expert) beside the level required.
 *
 * **The combined score** of a stage, criterion by criterion, is the mean of the scores the assessors gave it, to two
 * decimals (half away from zero); a criterion nobody scored has none. The stage's **overall behaviour score** is the
 * mean of its combined behaviour scores (to two decimals), and a technical skill **meets** its requirement when its
 * combined score is at least the required level. The vacancy's minimum sift score is compared with the sift's
 * overall behaviour score.
 */
export const SUCCESS_PROFILE_BEHAVIOURS = [
  'seeing-the-big-picture',
  'changing-and-improving',
  'making-effective-decisions',
  'leadership',
  'communicating-and-influencing',
  'working-together',
  'developing-self-and-others',
  'managing-a-quality-service',
  'delivering-at-pace',
] as const;
export type Behaviour = (typeof SUCCESS_PROFILE_BEHAVIOURS)[number];

export const BEHAVIOUR_SCORE = { min: 1, max: 7 } as const;
export const TECHNICAL_SCORE = { min: 0, max: 4 } as const;
/** The Success Profiles pass mark, used as a vacancy's minimum sift score until one is set. */
export const DEFAULT_MIN_SIFT_SCORE = 4;

export const SCORE_KINDS = ['behaviour', 'technical'] as const;
export type ScoreKind = (typeof SCORE_KINDS)[number];

/** One assessor's score of one criterion. */
export interface ScoreRow {
  assessorUserId: string;
  kind: ScoreKind;
  /** A behaviour, or a skill slug. */
  criterion: string;
  score: number;
}

export interface CombinedCriterion {
  criterion: string;
  /** Mean across the assessors who scored it, two decimals. */
  score: number;
  assessors: number;
}

export interface CombinedTechnical extends CombinedCriterion {
  requiredLevel: number | null;
  meets: boolean | null;
}

export interface CombinedScore {
  behaviours: CombinedCriterion[];
  technicalSkills: CombinedTechnical[];
  /** Mean of the combined behaviour scores; null with none scored. */
  overallBehaviourScore: number | null;
}

/** Two decimals, half away from zero (scores are never negative). */
export function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function combine(rows: ScoreRow[], order: readonly string[]): CombinedCriterion[] {
  const by = new Map<string, number[]>();
  for (const row of rows) by.set(row.criterion, [...(by.get(row.criterion) ?? []), row.score]);
  const rank = (c: string): number => (order.includes(c) ? order.indexOf(c) : order.length);
  return [...by.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([criterion, scores]) => ({ criterion, score: round2(mean(scores)), assessors: scores.length }));
}

/**
 * The combined score of one stage from every assessor's scores. `required` is the vacancy role level's required
 * skills (slug → level), which also orders the technical skills; behaviours follow the Success Profiles order.
 */
export function combinedScore(rows: ScoreRow[], required: ReadonlyMap<string, number>): CombinedScore {
  const behaviours = combine(
    rows.filter((r) => r.kind === 'behaviour'),
    SUCCESS_PROFILE_BEHAVIOURS,
  );
  const technicalSkills = combine(
    rows.filter((r) => r.kind === 'technical'),
    [...required.keys()],
  ).map((c) => {
    const requiredLevel = required.get(c.criterion) ?? null;
    return { ...c, requiredLevel, meets: requiredLevel === null ? null : c.score >= requiredLevel };
  });
  return {
    behaviours,
    technicalSkills,
    overallBehaviourScore: behaviours.length ? round2(mean(behaviours.map((b) => b.score))) : null,
  };
}
