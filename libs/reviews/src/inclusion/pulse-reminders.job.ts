import { Job, type JobHandler } from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable, Logger } from '@nestjs/common';
import { PulseAnswersRepository } from './pulse-answers.repository.js';
import { PulsesService } from './pulses.service.js';

/** Staff who have not answered an open pulse are reminded this many days before it closes (or later, if missed). */
export const PULSE_REMINDER_DAYS_BEFORE = 3;

/**
 * Daily: closes the open pulses whose closing day has passed, then queues a reminder to everyone in the scope
 * of an open pulse closing within PULSE_REMINDER_DAYS_BEFORE days who has not answered it. Each reminder is
 * queued once per person and pulse (its dedupe key), however often and in however many workers this runs.
 * Logs counts only.
 */
@Injectable()
@Job({ name: 'pulse-reminders', cron: '0 7 * * *' })
export class PulseRemindersJob implements JobHandler {
  private readonly logger = new Logger(PulseRemindersJob.name);

  constructor(
    private readonly pulses: PulsesService,
    private readonly answers: PulseAnswersRepository,
  ) {}

  async run(): Promise<void> {
    const day = today();
    const closed = await this.pulses.closeOverdue(day);
    const reminded = await this.answers.queueClosingReminders(day, PULSE_REMINDER_DAYS_BEFORE);
    this.logger.log({ closed, reminded }, 'Pulse reminders queued');
  }
}
