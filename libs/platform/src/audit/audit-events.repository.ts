import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '../database/transaction.js';
import { paginate, type Page, type PageQuery } from '../http/pagination.js';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  action?: string;
}

@Injectable()
export class AuditEventsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async insert(event: Omit<AuditEvent, 'id' | 'occurredAt'>): Promise<void> {
    await this.txHost.tx.getRepository(AuditEvent).insert(event);
  }

  /** Several events in one multi-row INSERT. */
  async insertMany(events: Omit<AuditEvent, 'id' | 'occurredAt'>[]): Promise<void> {
    if (events.length > 0) await this.txHost.tx.getRepository(AuditEvent).insert(events);
  }

  /** Newest first. */
  list(filter: AuditFilter, page: PageQuery): Promise<Page<AuditEvent>> {
    const qb = this.txHost.tx.getRepository(AuditEvent).createQueryBuilder('e');
    if (filter.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actorUserId) qb.andWhere('e.actor_user_id = :actorUserId', { actorUserId: filter.actorUserId });
    if (filter.action) qb.andWhere('e.action = :action', { action: filter.action });
    return paginate(
      qb,
      page,
      [
        { column: 'e.occurred_at', value: (e) => e.occurredAt },
        { column: 'e.id', value: (e) => e.id },
      ],
      'DESC',
    );
  }
}
