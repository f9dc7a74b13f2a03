import { Injectable } from '@nestjs/common';
import { ApplicationsRepository } from './applications.repository.js';
import { MoveGuards, type MoveContext, type MoveGuard } from './move-guards.js';
import { InterviewNotPassed } from './offer.errors.js';
import type { PipelineMove } from './pipeline.js';
import { combinedScore } from './scoring.js';

/**
 * Offers follow a passed interview: a move to the offer stage (from interview, assessment or the reserve list) needs
 * the interview's overall behaviour score (`scoring.ts`, every assessor combined) to meet the vacancy's pass mark (its
 * minimum score, the Success Profiles 4 by default). No interview scores: refused too (nothing shows a pass).
 */
@Injectable()
export class InterviewPassedGuard implements MoveGuard {
  constructor(
    guards: MoveGuards,
    private readonly applications: ApplicationsRepository,
  ) {
    guards.register(this);
  }

  appliesTo(move: PipelineMove): boolean {
    return move.to === 'offer';
  }

  async check({ application, settings }: MoveContext): Promise<void> {
    const scores = await this.applications.scores([application.id], 'interview');
    const overall = combinedScore(scores, new Map()).overallBehaviourScore;
    const passMark = settings.minSiftScore;
    if (overall === null) {
      throw new InterviewNotPassed(
        `An offer follows a passed interview, and no interview behaviour scores are recorded (pass mark ${passMark})`,
        { passMark, interviewScore: null },
      );
    }
    if (overall < passMark) {
      throw new InterviewNotPassed(
        `An offer follows a passed interview: the interview scored ${overall} against a pass mark of ${passMark}`,
        { passMark, interviewScore: overall },
      );
    }
  }
}
