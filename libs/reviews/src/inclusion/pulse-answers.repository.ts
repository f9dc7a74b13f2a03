import { NotificationOutbox, TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { inPulseScope } from './pulses.repository.js';

/** How many gave each rating to one statement, in one unit. */
export interface RatingCount {
  unitId: string;
  unitCode: string;
  unitName: string;
  /** 0-based, in the pulse's order. */
  statement: number;
  rating: number;
  count: number;
}

/** A closed pulse's statement, with how many gave each rating overall. */
export interface TrendRow {
  pulseId: string;
  title: string;
  closesOn: string;
  statement: string;
  rating: number;
  count: number;
}

/** The template key of the reminder (NOTIFY_TEMPLATES maps it to a Notify template). */
export const PULSE_REMINDER_TEMPLATE = 'pulse-reminder';

/**
 * Anonymous answers and who has answered, kept apart; the SQL of results, the trend and reminders. Nothing
 * here reads a respondent and an answer together.
 */
@Injectable()
export class PulseAnswersRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly outbox: NotificationOutbox,
  ) {}

  /** Records that the person answered; false when they had already (one response each). */
  async recordRespondent(pulseId: string, staffId: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      `INSERT INTO pulse_respondents (pulse_id, staff_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [pulseId, staffId],
    );
    return rows.length === 1;
  }

  /** Stores an answer: the pulse, a unit, the day and the ratings. Its id is random and is not returned. */
  async insertAnswer(pulseId: string, unitId: string, answeredOn: string, ratings: number[]): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO pulse_answers (pulse_id, unit_id, answered_on, ratings) VALUES ($1, $2, $3::date, $4::smallint[])`,
      [pulseId, unitId, answeredOn, ratings],
    );
  }

  /**
   * Rewrites the pulse's answers with new random ids, in random order: afterwards neither their place in
   * the table nor the transaction that wrote them (xmin) matches the respondents'. Done when it closes.
   */
  async shuffle(pulseId: string): Promise<void> {
    await this.txHost.tx.query(
      `WITH moved AS (DELETE FROM pulse_answers WHERE pulse_id = $1 RETURNING pulse_id, unit_id, answered_on, ratings)
       INSERT INTO pulse_answers (id, pulse_id, unit_id, answered_on, ratings)
       SELECT gen_random_uuid(), pulse_id, unit_id, answered_on, ratings FROM moved ORDER BY random()`,
      [pulseId],
    );
  }

  /** How many gave each rating to each statement, per unit of the respondents. */
  async ratingCounts(pulseId: string): Promise<RatingCount[]> {
    const rows: { unit_id: string; code: string; name: string; statement: number; rating: number; count: number }[] =
      await this.txHost.tx.query(
        `SELECT a.unit_id, u.code, u.name, (r.idx - 1)::int AS statement, r.rating::int AS rating, count(*)::int AS count
           FROM pulse_answers a JOIN organisation_units u ON u.id = a.unit_id,
                unnest(a.ratings) WITH ORDINALITY AS r(rating, idx)
          WHERE a.pulse_id = $1
          GROUP BY a.unit_id, u.code, u.name, r.idx, r.rating`,
        [pulseId],
      );
    return rows.map((r) => ({
      unitId: r.unit_id,
      unitCode: r.code,
      unitName: r.name,
      statement: r.statement,
      rating: r.rating,
      count: r.count,
    }));
  }

  /** For every closed pulse (oldest first), how many gave each rating to each statement overall. */
  async trend(): Promise<TrendRow[]> {
    const rows: { id: string; title: string; closes_on: string; statement: string; rating: number; count: number }[] =
      await this.txHost.tx.query(
        `SELECT p.id, p.title, p.closes_on::text AS closes_on, p.statements ->> (r.idx - 1)::int AS statement,
                r.rating::int AS rating, count(*)::int AS count
           FROM pulses p JOIN pulse_answers a ON a.pulse_id = p.id,
                unnest(a.ratings) WITH ORDINALITY AS r(rating, idx)
          WHERE p.state = 'closed'
          GROUP BY p.id, p.title, p.closes_on, r.idx, r.rating
          ORDER BY p.closes_on, p.id`,
      );
    return rows.map((r) => ({
      pulseId: r.id,
      title: r.title,
      closesOn: r.closes_on,
      statement: r.statement,
      rating: r.rating,
      count: r.count,
    }));
  }

  /**
   * Queues one reminder for every member of staff with a work email in the scope of an open pulse closing
   * within `daysBefore` days (counted from `today`) who has not answered it. The dedupe key
   * (`pulse-reminder:<pulseId>:<staffId>:closing`) makes it once per person and pulse, however often and
   * in however many workers this runs. Returns how many were newly queued.
   */
  queueClosingReminders(today: string, daysBefore: number): Promise<number> {
    return this.outbox.enqueueFromQuery(
      `SELECT $3::text AS template, s.id AS recipient_staff_id, s.work_email AS email_address,
              jsonb_build_object('title', p.title, 'closesOn', p.closes_on::text) AS personalisation,
              'pulse-reminder:' || p.id || ':' || s.id || ':closing' AS dedupe_key
         FROM pulses p
         JOIN organisation_units u ON u.path @> ARRAY[p.unit_id]
         JOIN staff s ON s.unit_id = u.id
        WHERE p.state = 'open' AND p.closes_on >= $1::date AND p.closes_on - $1::date <= $2::int
          AND s.work_email IS NOT NULL
          AND ${inPulseScope('$1')}
          AND NOT EXISTS (SELECT 1 FROM pulse_respondents r WHERE r.pulse_id = p.id AND r.staff_id = s.id)`,
      [today, daysBefore, PULSE_REMINDER_TEMPLATE],
    );
  }
}
