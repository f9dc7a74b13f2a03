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
import { PartnerContact } from './partner-contact.entity.js';
import { PartnerServiceLevel, type ServiceLevelMetric } from './partner-service-level.entity.js';
import { Partner, type PartnerKind } from './partner.entity.js';

export type NewPartnerRow = Pick<
  Partner,
  'name' | 'kind' | 'country' | 'contractStartsOn' | 'contractEndsOn' | 'createdByUserId'
>;
export type PartnerPatch = Partial<Pick<Partner, 'name' | 'kind' | 'country' | 'contractStartsOn' | 'contractEndsOn'>>;
export type ContactRow = Pick<PartnerContact, 'name' | 'jobTitle' | 'email' | 'phone'>;

export interface PartnerFilter {
  kind?: PartnerKind;
  country?: string;
}

@Injectable()
export class PartnersRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get partners() {
    return this.txHost.tx.getRepository(Partner);
  }

  private get serviceLevels() {
    return this.txHost.tx.getRepository(PartnerServiceLevel);
  }

  private get contacts() {
    return this.txHost.tx.getRepository(PartnerContact);
  }

  find(id: string, lock = false): Promise<Partner | null> {
    const qb = this.partners.createQueryBuilder('p').where('p.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Partners by name (then id), a keyset page. */
  list(filter: PartnerFilter, page: PageQuery): Promise<Page<Partner>> {
    const qb = this.partners.createQueryBuilder('p');
    if (filter.kind) qb.andWhere('p.kind = :kind', { kind: filter.kind });
    if (filter.country) qb.andWhere('p.country = :country', { country: filter.country });
    return paginate(qb, page, [
      { column: 'p.name', value: (p) => p.name },
      { column: 'p.id', value: (p) => p.id },
    ]);
  }

  async insert(row: NewPartnerRow): Promise<string> {
    const result = await this.partners.createQueryBuilder().insert().values(row).returning('id').execute();
    return (result.identifiers[0] as { id: string }).id;
  }

  async updateIfVersion(id: string, version: number, patch: PartnerPatch): Promise<boolean> {
    return (await updateIfVersion(this.partners, id, version, patch)) !== null;
  }

  serviceLevelsOf(partnerIds: string[]): Promise<PartnerServiceLevel[]> {
    if (partnerIds.length === 0) return Promise.resolve([]);
    return this.serviceLevels.find({ where: { partnerId: In(partnerIds) }, order: { metric: 'ASC' } });
  }

  contactsOf(partnerIds: string[]): Promise<PartnerContact[]> {
    if (partnerIds.length === 0) return Promise.resolve([]);
    return this.contacts.find({ where: { partnerId: In(partnerIds) }, order: { position: 'ASC' } });
  }

  async replaceServiceLevels(
    partnerId: string,
    levels: { metric: ServiceLevelMetric; target: number }[],
  ): Promise<void> {
    await this.serviceLevels.delete({ partnerId });
    if (levels.length === 0) return;
    await this.serviceLevels
      .createQueryBuilder()
      .insert()
      .values(levels.map((l) => ({ partnerId, metric: l.metric, target: String(l.target) })))
      .execute();
  }

  async replaceContacts(partnerId: string, contacts: ContactRow[]): Promise<void> {
    await this.contacts.delete({ partnerId });
    if (contacts.length === 0) return;
    await this.contacts
      .createQueryBuilder()
      .insert()
      .values(contacts.map((c, i) => ({ partnerId, position: i + 1, ...c })))
      .execute();
  }
}
