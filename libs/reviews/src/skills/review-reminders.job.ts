import { Job, type JobHandler } from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable, Logger } from '@nestjs/common';
import {
  REMINDER_WINDOWS,
  REVIEW_REMINDER_TEMPLATES,
  ReviewRemindersRepository,
} from './review-reminders.repository.js';

/**
 * Daily: reminds reviewees who have not submitted, 7 days and 1 day before their cycle closes, and line managers
 * with reviews waiting for validation, on the same days. Each reminder is queued once per person, cycle and
 * kind (the outbox's dedupe key), however often and in however many workers this runs; the
 * send-notifications job sends them. Logs counts only.
 */
@Injectable()
@Job({ name: 'review-reminders', cron: '0 7 * * *' })
export class ReviewRemindersJob implements JobHandler {
  private readonly logger = new Logger(ReviewRemindersJob.name);

  constructor(private readonly reminders: ReviewRemindersRepository) {}

  async run(): Promise<void> {
    const day = today(new Date());
    let selfAssessment = 0;
    let validation = 0;
    for (const { kind, fromDaysLeft, toDaysLeft } of REMINDER_WINDOWS) {
      const [selfTemplate, validationTemplate] =
        kind === '7-days'
          ? [REVIEW_REMINDER_TEMPLATES.selfAssessment7Days, REVIEW_REMINDER_TEMPLATES.validation7Days]
          : [REVIEW_REMINDER_TEMPLATES.selfAssessment1Day, REVIEW_REMINDER_TEMPLATES.validation1Day];
      selfAssessment += await this.reminders.queueSelfAssessmentReminders(
        day,
        kind,
        fromDaysLeft,
        toDaysLeft,
        selfTemplate,
      );
      validation += await this.reminders.queueValidationReminders(
        day,
        kind,
        fromDaysLeft,
        toDaysLeft,
        validationTemplate,
      );
    }
    this.logger.log({ selfAssessment, validation }, 'Review reminders queued');
  }
}
