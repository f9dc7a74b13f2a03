import { Transactional, type Actor } from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import { PulseAlreadyAnswered, PulseNotFound, PulseRatingsMismatch, PulseStateConflict } from './inclusion.errors.js';
import { PulseAnswersRepository } from './pulse-answers.repository.js';
import { pulseTakesAnswers } from './pulse-states.js';
import { PulsesRepository, type PulseForStaff } from './pulses.repository.js';

/** What answering returns: nothing that identifies the answer. */
export interface PulseReceipt {
  pulseId: string;
  answeredOn: string;
}

/**
 * Staff answering pulses. The answer is stored with no person and no time finer than the day; that the
 * person answered is stored apart, in the same transaction (one response each). Nothing here logs or
 * audits an answer: the respondents table is the only record of who answered.
 */
@Injectable()
export class PulseResponsesService {
  constructor(
    private readonly pulses: PulsesRepository,
    private readonly answers: PulseAnswersRepository,
  ) {}

  /** The open pulses the actor is asked to answer, answered or not (none for a user who is not staff). */
  mine(actor: Actor): Promise<PulseForStaff[]> {
    return actor.staffId ? this.pulses.openForStaff(actor.staffId, today()) : Promise.resolve([]);
  }

  @Transactional()
  async respond(actor: Actor, pulseId: string, ratings: number[]): Promise<PulseReceipt> {
    const staffId = actor.staffId;
    const day = today();
    // Shares the row with other answers, waits for an open or a close under way.
    const pulse = await this.pulses.lockById(pulseId);
    // A pulse the person is not asked to answer (not theirs, or not yet opened) does not exist for them.
    const unitId = staffId && pulse ? await this.pulses.unitInScope(pulseId, staffId, day) : null;
    if (!pulse || !staffId || !unitId || pulse.state === 'draft') throw new PulseNotFound(pulseId);
    if (!pulseTakesAnswers(pulse.state, pulse.closesOn, day)) {
      throw new PulseStateConflict(pulse.state === 'open' ? 'past its closing date' : pulse.state, 'answered');
    }
    if (ratings.length !== pulse.statements.length) throw new PulseRatingsMismatch(pulse.statements.length);
    if (!(await this.answers.recordRespondent(pulseId, staffId))) throw new PulseAlreadyAnswered();
    await this.answers.insertAnswer(pulseId, unitId, day, ratings);
    return { pulseId, answeredOn: day };
  }
}
