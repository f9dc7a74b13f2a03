import { describe, expect, it } from 'vitest';
import {
  allowedMoves,
  FINAL_STAGES,
  OPEN_STAGES,
  PIPELINE_MOVES,
  PIPELINE_STAGES,
  pipelineMove,
  type PipelineStage,
} from './pipeline.js';

/**
 * The pipeline written out by hand, stage by stage: where each stage may go, for a vacancy without an assessment
 * stage and (the one difference) with one. Every pair of stages not listed is an illegal move.
 */
const TO_ANYWHERE_ELSE = ['rejected', 'withdrawn'] as const;
const WITHOUT_ASSESSMENT: Record<PipelineStage, PipelineStage[]> = {
  applied: ['sift', ...TO_ANYWHERE_ELSE],
  sift: ['interview', ...TO_ANYWHERE_ELSE],
  interview: ['offer', 'reserve', ...TO_ANYWHERE_ELSE],
  assessment: ['offer', 'reserve', ...TO_ANYWHERE_ELSE],
  reserve: ['offer', ...TO_ANYWHERE_ELSE],
  offer: ['pre-employment-checks', ...TO_ANYWHERE_ELSE],
  'pre-employment-checks': ['appointed', ...TO_ANYWHERE_ELSE],
  appointed: [],
  rejected: [],
  withdrawn: [],
};
const WITH_ASSESSMENT: Record<PipelineStage, PipelineStage[]> = {
  ...WITHOUT_ASSESSMENT,
  interview: ['assessment', 'offer', 'reserve', ...TO_ANYWHERE_ELSE],
};

describe('the recruitment pipeline', () => {
  for (const [label, table, assessment] of [
    ['without an assessment stage', WITHOUT_ASSESSMENT, false],
    ['with an assessment stage', WITH_ASSESSMENT, true],
  ] as const) {
    describe(`for a vacancy ${label}`, () => {
      for (const from of PIPELINE_STAGES) {
        it(`allows from ${from} exactly: ${table[from].join(', ') || 'nothing'}`, () => {
          expect(allowedMoves(from, { assessment })).toEqual(table[from]);
          for (const to of PIPELINE_STAGES) {
            expect(pipelineMove(from, to, { assessment }) !== null, `${from} → ${to}`).toBe(table[from].includes(to));
          }
        });
      }
    });
  }

  it('asks a reason for every rejection and for nothing else', () => {
    for (const move of PIPELINE_MOVES) expect(move.reasonRequired === true).toBe(move.to === 'rejected');
  });

  it('lets every open stage end in rejected or withdrawn, and nothing leave a final stage', () => {
    for (const stage of OPEN_STAGES) {
      expect(allowedMoves(stage, { assessment: true })).toEqual(expect.arrayContaining([...TO_ANYWHERE_ELSE]));
    }
    for (const stage of FINAL_STAGES) expect(allowedMoves(stage, { assessment: true })).toEqual([]);
    expect([...OPEN_STAGES, ...FINAL_STAGES].sort()).toEqual([...PIPELINE_STAGES].sort());
  });

  it('never lists a move twice', () => {
    const keys = PIPELINE_MOVES.map((m) => `${m.from}→${m.to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
