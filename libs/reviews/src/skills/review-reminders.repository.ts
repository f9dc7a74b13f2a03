import { NotificationOutbox } from '@capability/platform';
import { Injectable } from '@nestjs/common';

/** The reminders of an open cycle, by template key (NOTIFY_TEMPLATES maps each to a Notify template). */
export const REVIEW_REMINDER_TEMPLATES = {
  /** To a reviewee who has not submitted, in the week before the cycle closes. */
  selfAssessment7Days: 'review-reminder-7-days',
  /** To a reviewee who has not submitted, on the day before the cycle closes (or its last day). */
  selfAssessment1Day: 'review-reminder-1-day',
  /** To a line manager with reviews waiting for validation (self-assessed), in the cycle's last week. */
  validation7Days: 'review-validation-reminder-7-days',
  /** The same, on the day before the cycle closes (or its last day). */
  validation1Day: 'review-validation-reminder-1-day',
} as const;

/**
 * Which reminder is due, by the days left until the cycle's closing date: the 7-day one from 7 days before to
 * 2 days before (so a run missed on the 7th day still sends it), the 1-day one on the last two days. When a
 * cycle opens with under a week to go, its first run sends the one due then.
 */
export const REMINDER_WINDOWS = [
  { kind: '7-days', fromDaysLeft: 7, toDaysLeft: 2 },
  { kind: '1-day', fromDaysLeft: 1, toDaysLeft: 0 },
] as const;

const ACTIVE = `(s.leaving_date IS NULL OR s.leaving_date > $1::date)`;

/**
 * Who is due a reminder today, queued set-based into the notification outbox (in dedupe-key order, so two
 * workers queuing the same messages at once take their row locks in the same order).
 */
@Injectable()
export class ReviewRemindersRepository {
  constructor(private readonly outbox: NotificationOutbox) {}

  /**
   * Reviewees in an open cycle whose review is not submitted (not started, in progress, or returned to them).
   * One message per person, cycle and kind: its dedupe key `review-reminder:<cycle>:<staff>:<kind>`.
   */
  queueSelfAssessmentReminders(day: string, kind: string, fromDaysLeft: number, toDaysLeft: number, template: string) {
    return this.outbox.enqueueFromQuery(
      `SELECT $5::text AS template, s.id AS recipient_staff_id, s.work_email AS email_address,
              jsonb_build_object('name', s.full_name, 'cycle', c.name, 'closesOn', c.closes_on::text,
                                 'daysLeft', c.closes_on - $1::date) AS personalisation,
              'review-reminder:' || c.id || ':' || s.id || ':' || $4::text AS dedupe_key
         FROM review_cycles c
         JOIN skill_reviews r ON r.cycle_id = c.id AND r.state IN ('not_started', 'in_progress', 'returned')
         JOIN staff s ON s.id = r.staff_id
        WHERE c.state = 'open' AND c.closes_on - $1::date BETWEEN $3::int AND $2::int
          AND s.work_email IS NOT NULL AND ${ACTIVE}
        ORDER BY dedupe_key`,
      [day, fromDaysLeft, toDaysLeft, kind, template],
    );
  }

  /**
   * Line managers (today's, from the staff record) of reviews waiting for validation in an open cycle, one
   * message per manager, cycle and kind with how many wait: `review-validation-reminder:<cycle>:<manager>:<kind>`.
   */
  queueValidationReminders(day: string, kind: string, fromDaysLeft: number, toDaysLeft: number, template: string) {
    return this.outbox.enqueueFromQuery(
      `SELECT $5::text AS template, m.id AS recipient_staff_id, m.work_email AS email_address,
              jsonb_build_object('name', m.full_name, 'cycle', c.name, 'closesOn', c.closes_on::text,
                                 'daysLeft', c.closes_on - $1::date, 'waiting', count(*)) AS personalisation,
              'review-validation-reminder:' || c.id || ':' || m.id || ':' || $4::text AS dedupe_key
         FROM review_cycles c
         JOIN skill_reviews r ON r.cycle_id = c.id AND r.state = 'self_assessed'
         JOIN staff reviewee ON reviewee.id = r.staff_id
         JOIN staff m ON m.id = reviewee.line_manager_id
        WHERE c.state = 'open' AND c.closes_on - $1::date BETWEEN $3::int AND $2::int
          AND m.work_email IS NOT NULL AND ${ACTIVE.replaceAll('s.', 'm.')}
        GROUP BY c.id, c.name, c.closes_on, m.id, m.full_name, m.work_email
        ORDER BY dedupe_key`,
      [day, fromDaysLeft, toDaysLeft, kind, template],
    );
  }
}
