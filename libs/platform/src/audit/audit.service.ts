import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { Actor } from '../context/actor.js';
import type { Page, PageQuery } from '../http/pagination.js';
import type { AuditEvent } from './audit-event.entity.js';
import { AuditEventsRepository, type AuditFilter } from './audit-events.repository.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  changedFields?: string[];
  /** Non-personal facts, such as an import's counts. */
  details?: Record<string, string | number | boolean>;
}

/**
 * Writes the audit trail inside whatever transaction is open, so the record of a change commits or
 * rolls back with the change itself. Values are never recorded, only field names.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly events: AuditEventsRepository,
    private readonly cls: ClsService,
  ) {}

  record(actor: Pick<Actor, 'userId'> | null, entry: AuditEntry): Promise<void> {
    return this.events.insert(this.event(actor, entry, entry.entityId ?? null));
  }

  /**
   * One entry per record of `entityIds` (the same action on each), written in one statement: e.g. the records a list
   * showed, when reading them is itself audited. Nothing for an empty list.
   */
  recordEach(
    actor: Pick<Actor, 'userId'> | null,
    entry: Omit<AuditEntry, 'entityId'>,
    entityIds: string[],
  ): Promise<void> {
    return this.events.insertMany(entityIds.map((entityId) => this.event(actor, entry, entityId)));
  }

  private event(
    actor: Pick<Actor, 'userId'> | null,
    entry: Omit<AuditEntry, 'entityId'>,
    entityId: string | null,
  ): Omit<AuditEvent, 'id' | 'occurredAt'> {
    return {
      actorUserId: actor?.userId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId,
      changedFields: entry.changedFields ?? [],
      requestId: this.cls.isActive() ? (this.cls.getId() ?? null) : null,
      details: entry.details ?? null,
    };
  }

  list(filter: AuditFilter, page: PageQuery): Promise<Page<AuditEvent>> {
    return this.events.list(filter, page);
  }
}

/** Names of the keys whose values differ between a record and a patch (for `changedFields`). */
export function changedFields<T extends object>(before: T, patch: Partial<T>): string[] {
  return Object.keys(patch).filter((key) => {
    const next = patch[key as keyof T];
    return next !== undefined && JSON.stringify(next) !== JSON.stringify(before[key as keyof T]);
  });
}
