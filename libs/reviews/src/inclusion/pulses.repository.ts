import {
  paginate,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  updateIfVersion,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { PulseState } from './pulse-states.js';
import { Pulse } from './pulse.entity.js';

export type PulsePatch = Partial<Pick<Pulse, 'title' | 'statements' | 'unitId'>>;

export interface PulseFilter {
  state?: PulseState;
}

/** An open pulse as a member of staff sees it: whether they have answered it. */
export interface PulseForStaff {
  pulse: Pulse;
  answered: boolean;
}

/**
 * Staff `s` (joined to their unit `u`) are in pulse `p`'s scope on the day bound to `dayParameter` (such as `$2`): in
 * its unit's subtree, and not leavers.
 */
export const inPulseScope = (dayParameter: string): string =>
  `u.path @> ARRAY[p.unit_id] AND (s.leaving_date IS NULL OR s.leaving_date > ${dayParameter}::date)`;

@Injectable()
export class PulsesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(Pulse);
  }

  async insert(row: Pick<Pulse, 'title' | 'statements' | 'unitId' | 'createdByUserId'>): Promise<Pulse> {
    const result = await this.repo.createQueryBuilder().insert().values(row).returning('id').execute();
    return this.repo.findOneByOrFail({ id: (result.identifiers[0] as { id: string }).id });
  }

  findById(id: string): Promise<Pulse | null> {
    return this.repo.findOneBy({ id });
  }

  /** Row-locks the pulse until the transaction ends: answers wait for an open or close under way. */
  async lockById(id: string): Promise<Pulse | null> {
    const rows: unknown[] = await this.txHost.tx.query('SELECT id FROM pulses WHERE id = $1 FOR SHARE', [id]);
    return rows.length > 0 ? this.findById(id) : null;
  }

  /** Newest first. */
  list(filter: PulseFilter, page: PageQuery): Promise<Page<Pulse>> {
    const qb = this.repo.createQueryBuilder('p');
    if (filter.state) qb.andWhere('p.state = :state', { state: filter.state });
    return paginate(
      qb,
      page,
      [
        { column: 'p.created_at', value: (p) => p.createdAt },
        { column: 'p.id', value: (p) => p.id },
      ],
      'DESC',
    );
  }

  updateIfVersion(id: string, version: number, patch: PulsePatch): Promise<Pulse | null> {
    return updateIfVersion(this.repo, id, version, patch);
  }

  /** Moves the pulse from `from` to `to` (only if still in `from`), setting `dates`; null when it was not in `from`. */
  async transition(
    id: string,
    from: PulseState,
    to: PulseState,
    dates: { opensOn?: string; closesOn?: string } = {},
  ): Promise<Pulse | null> {
    const [rows]: [unknown[], number] = await this.txHost.tx.query(
      `UPDATE pulses SET state = $3, opens_on = coalesce($4::date, opens_on), closes_on = coalesce($5::date, closes_on),
              version = version + 1, updated_at = now()
        WHERE id = $1 AND state = $2 RETURNING id`,
      [id, from, to, dates.opensOn ?? null, dates.closesOn ?? null],
    );
    return rows.length > 0 ? this.findById(id) : null;
  }

  /** Open pulses whose closing day has passed, locked (skipping any another worker holds). */
  async lockOverdue(today: string): Promise<string[]> {
    const rows: { id: string }[] = await this.txHost.tx.query(
      `SELECT id FROM pulses WHERE state = 'open' AND closes_on < $1::date ORDER BY id FOR UPDATE SKIP LOCKED`,
      [today],
    );
    return rows.map((r) => r.id);
  }

  /** The open pulses a member of staff is asked to answer (their unit is in the pulse's subtree), soonest closing first. */
  async openForStaff(staffId: string, today: string): Promise<PulseForStaff[]> {
    const rows: { id: string; answered: boolean }[] = await this.txHost.tx.query(
      `SELECT p.id, EXISTS (SELECT 1 FROM pulse_respondents r WHERE r.pulse_id = p.id AND r.staff_id = s.id) AS answered
         FROM staff s JOIN organisation_units u ON u.id = s.unit_id
         JOIN pulses p ON p.state = 'open' AND p.closes_on >= $2::date
        WHERE s.id = $1 AND ${inPulseScope('$2')}
        ORDER BY p.closes_on, p.id`,
      [staffId, today],
    );
    const pulses = new Map((await this.repo.findBy({ id: In(rows.map((r) => r.id)) })).map((p) => [p.id, p]));
    return rows.flatMap((r) => {
      const pulse = pulses.get(r.id);
      return pulse ? [{ pulse, answered: r.answered }] : [];
    });
  }

  /** The unit of a member of staff in the pulse's scope on `today`; null when they are outside it. */
  async unitInScope(pulseId: string, staffId: string, today: string): Promise<string | null> {
    const rows: { unit_id: string }[] = await this.txHost.tx.query(
      `SELECT s.unit_id FROM pulses p, staff s JOIN organisation_units u ON u.id = s.unit_id
        WHERE p.id = $1 AND s.id = $2 AND ${inPulseScope('$3')}`,
      [pulseId, staffId, today],
    );
    return rows[0]?.unit_id ?? null;
  }
}
