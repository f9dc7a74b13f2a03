import { describe, expect, it } from 'vitest';
import { combinedScore, round2, type ScoreRow } from './scoring.js';

const row = (assessorUserId: string, kind: ScoreRow['kind'], criterion: string, score: number): ScoreRow => ({
  assessorUserId,
  kind,
  criterion,
  score,
});

describe('combined scores', () => {
  it('takes the mean per criterion across the assessors who scored it, and the mean of those for behaviours', () => {
    const rows = [
      row('a', 'behaviour', 'working-together', 5),
      row('b', 'behaviour', 'working-together', 6),
      row('c', 'behaviour', 'working-together', 6),
      row('a', 'behaviour', 'seeing-the-big-picture', 3),
      row('a', 'technical', 'data-engineering', 2),
      row('b', 'technical', 'data-engineering', 3),
      row('b', 'technical', 'unrequired-skill', 4),
    ];
    const combined = combinedScore(
      rows,
      new Map([
        ['data-modelling', 3],
        ['data-engineering', 3],
      ]),
    );
    // Behaviours in Success Profiles order; 17/3 = 5.666… → 5.67.
    expect(combined.behaviours).toEqual([
      { criterion: 'seeing-the-big-picture', score: 3, assessors: 1 },
      { criterion: 'working-together', score: 5.67, assessors: 3 },
    ]);
    // (3 + 5.67) / 2 = 4.335 → 4.34.
    expect(combined.overallBehaviourScore).toBe(4.34);
    expect(combined.technicalSkills).toEqual([
      { criterion: 'data-engineering', score: 2.5, assessors: 2, requiredLevel: 3, meets: false },
      { criterion: 'unrequired-skill', score: 4, assessors: 1, requiredLevel: null, meets: null },
    ]);
  });

  it('has no overall score when no behaviour was scored', () => {
    expect(combinedScore([row('a', 'technical', 'x', 1)], new Map([['x', 1]]))).toMatchObject({
      behaviours: [],
      overallBehaviourScore: null,
      technicalSkills: [{ criterion: 'x', score: 1, meets: true }],
    });
  });

  it('rounds half away from zero to two decimals', () => {
    expect(round2(4.335)).toBe(4.34);
    expect(round2(1.005)).toBe(1.01);
    expect(round2(2)).toBe(2);
  });
});
