import {
  AuditService,
  changedFields,
  PreconditionFailedError,
  Transactional,
  type Actor,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import { PulseClosesTooEarly, PulseNotFound, PulseStateConflict } from './inclusion.errors.js';
import { PulseAnswersRepository } from './pulse-answers.repository.js';
import { pulseAllows, pulseTransition } from './pulse-states.js';
import type { Pulse } from './pulse.entity.js';
import { PulsesRepository, type PulseFilter, type PulsePatch } from './pulses.repository.js';

export interface NewPulse {
  title: string;
  statements: string[];
  unitId: string;
}

/** Awareness pulse surveys, as HR and admins run them: draft, open for a unit subtree, close. */
@Injectable()
export class PulsesService {
  constructor(
    private readonly pulses: PulsesRepository,
    private readonly answers: PulseAnswersRepository,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async create(actor: Actor, input: NewPulse): Promise<Pulse> {
    const pulse = await this.pulses.insert({ ...input, createdByUserId: actor.userId });
    await this.audit.record(actor, {
      action: 'pulse.created',
      entityType: 'pulse',
      entityId: pulse.id,
      changedFields: ['title', 'statements', 'unitId'],
    });
    return pulse;
  }

  list(filter: PulseFilter, page: PageQuery): Promise<Page<Pulse>> {
    return this.pulses.list(filter, page);
  }

  async get(id: string): Promise<Pulse> {
    const pulse = await this.pulses.findById(id);
    if (!pulse) throw new PulseNotFound(id);
    return pulse;
  }

  /** Changes a draft at the version the caller read (If-Match); an opened pulse is fixed. */
  @Transactional()
  async update(actor: Actor, id: string, version: number, patch: PulsePatch): Promise<Pulse> {
    const current = await this.get(id);
    if (!pulseAllows(current.state, 'edit')) throw new PulseStateConflict(current.state, 'changed');
    const fields = changedFields(current, patch);
    if (fields.length === 0) {
      if (current.version !== version) throw new PreconditionFailedError('pulse');
      return current;
    }
    const updated = await this.pulses.updateIfVersion(id, version, patch);
    if (!updated) throw new PreconditionFailedError('pulse');
    await this.audit.record(actor, {
      action: 'pulse.updated',
      entityType: 'pulse',
      entityId: id,
      changedFields: fields,
    });
    return updated;
  }

  /** Opens a draft today, taking answers until `closesOn` (inclusive). */
  @Transactional()
  async open(actor: Actor, id: string, closesOn: string): Promise<Pulse> {
    const now = today();
    if (closesOn < now) throw new PulseClosesTooEarly(now);
    return this.move(actor, id, 'open', { opensOn: now, closesOn });
  }

  /** Closes an open pulse: no more answers, results readable. */
  @Transactional()
  async close(actor: Actor | null, id: string): Promise<Pulse> {
    return this.move(actor, id, 'close');
  }

  private async move(
    actor: Actor | null,
    id: string,
    action: 'open' | 'close',
    dates: { opensOn?: string; closesOn?: string } = {},
  ): Promise<Pulse> {
    const current = await this.get(id);
    const to = pulseTransition(current.state, action);
    if (!to) throw new PulseStateConflict(current.state, action === 'open' ? 'opened' : 'closed');
    const moved = await this.pulses.transition(id, current.state, to, dates);
    // Another request moved it first.
    if (!moved) throw new PulseStateConflict((await this.get(id)).state, action === 'open' ? 'opened' : 'closed');
    if (to === 'closed') await this.answers.shuffle(id);
    await this.audit.record(actor, {
      action: action === 'open' ? 'pulse.opened' : 'pulse.closed',
      entityType: 'pulse',
      entityId: id,
      changedFields: ['state', ...Object.keys(dates)],
    });
    return moved;
  }

  /** Closes every open pulse whose closing day has passed (the reminder job's second step). */
  @Transactional()
  async closeOverdue(day: string): Promise<number> {
    const ids = await this.pulses.lockOverdue(day);
    for (const id of ids) {
      const moved = await this.pulses.transition(id, 'open', 'closed');
      if (!moved) continue;
      await this.answers.shuffle(id);
      await this.audit.record(null, {
        action: 'pulse.closed',
        entityType: 'pulse',
        entityId: id,
        changedFields: ['state'],
        details: { automatic: true },
      });
    }
    return ids.length;
  }
}
