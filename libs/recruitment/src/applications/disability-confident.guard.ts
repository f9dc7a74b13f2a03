import { Injectable } from '@nestjs/common';
import { InterviewGuaranteed } from './application.errors.js';
import { ApplicationsRepository } from './applications.repository.js';
import { MoveGuards, type MoveContext, type MoveGuard } from './move-guards.js';
import type { PipelineMove } from './pipeline.js';
import { combinedScore } from './scoring.js';

/**
 * The Disability Confident guaranteed interview: an applicant who opted in and meets the vacancy's minimum sift
 * score (the sift's overall behaviour score, `scoring.ts`) is interviewed, so rejecting them at sift is refused (422
 * saying why). With no sift behaviour scores yet it cannot be shown they fall short, so that is refused too. A
 * rejection before the sift (from `applied`) is about eligibility, not merit, and stays open.
 */
@Injectable()
export class DisabilityConfidentGuard implements MoveGuard {
  constructor(
    guards: MoveGuards,
    private readonly applications: ApplicationsRepository,
  ) {
    guards.register(this);
  }

  appliesTo(move: PipelineMove): boolean {
    return move.from === 'sift' && move.to === 'rejected';
  }

  async check({ application, settings }: MoveContext): Promise<void> {
    if (!application.disabilityConfident) return;
    const scores = await this.applications.scores([application.id], 'sift');
    const overall = combinedScore(scores, new Map()).overallBehaviourScore;
    const minimum = settings.minSiftScore;
    if (overall === null) {
      throw new InterviewGuaranteed(
        'The applicant opted in to the Disability Confident scheme: they are guaranteed an interview if they meet the ' +
          `minimum sift score (${minimum}), and no sift behaviour scores are recorded yet to show they do not`,
        { minSiftScore: minimum, siftScore: null },
      );
    }
    if (overall >= minimum) {
      throw new InterviewGuaranteed(
        'The applicant opted in to the Disability Confident scheme and meets the minimum sift score ' +
          `(${overall} against ${minimum}): they are guaranteed an interview`,
        { minSiftScore: minimum, siftScore: overall },
      );
    }
  }
}
