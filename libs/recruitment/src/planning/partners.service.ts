import {
  AuditService,
  changedFields,
  PreconditionFailedError,
  Transactional,
  type Actor,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { PartnerContact } from './partner-contact.entity.js';
import {
  SERVICE_LEVEL_RANGE,
  type PartnerServiceLevel,
  type ServiceLevelMetric,
} from './partner-service-level.entity.js';
import type { Partner, PartnerKind } from './partner.entity.js';
import { PartnerInvalid, PartnerNotFound } from './partner.errors.js';
import { PartnersRepository, type ContactRow, type PartnerFilter, type PartnerPatch } from './partners.repository.js';

type Problem = { field: string; message: string };

export interface NewServiceLevel {
  metric: ServiceLevelMetric;
  target: number;
}

export interface NewContact {
  name: string;
  jobTitle?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface NewPartner {
  name: string;
  kind: PartnerKind;
  country: string;
  contractStartsOn: string;
  contractEndsOn?: string | null;
  serviceLevels?: NewServiceLevel[];
  contacts?: NewContact[];
}

/** Given lists replace the partner's whole list (send `[]` to clear one). */
export type PartnerChanges = Partial<NewPartner>;

export interface PartnerDetail {
  partner: Partner;
  serviceLevels: PartnerServiceLevel[];
  contacts: PartnerContact[];
}

/**
 * Recruitment partners: universities, suppliers and agencies, with their contracts, agreed service levels (typed,
 * measurable targets) and contacts. HR and admins only. Never deleted (campaigns keep naming them). Every write is
 * audited (field names only: contacts are personal data).
 */
@Injectable()
export class PartnersService {
  constructor(
    private readonly partners: PartnersRepository,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async create(actor: Actor, input: NewPartner): Promise<PartnerDetail> {
    const contractEndsOn = input.contractEndsOn ?? null;
    this.check(input.contractStartsOn, contractEndsOn, input.serviceLevels ?? []);
    const id = await this.partners.insert({
      name: input.name,
      kind: input.kind,
      country: input.country,
      contractStartsOn: input.contractStartsOn,
      contractEndsOn,
      createdByUserId: actor.userId,
    });
    await this.partners.replaceServiceLevels(id, input.serviceLevels ?? []);
    await this.partners.replaceContacts(id, (input.contacts ?? []).map(contactRow));
    await this.audit.record(actor, {
      action: 'partner.created',
      entityType: 'partner',
      entityId: id,
      changedFields: Object.keys(input).filter((k) => input[k as keyof NewPartner] !== undefined),
    });
    return this.get(actor, id);
  }

  async list(_actor: Actor, filter: PartnerFilter, page: PageQuery): Promise<Page<PartnerDetail>> {
    const found = await this.partners.list(filter, page);
    const ids = found.items.map((p) => p.id);
    const [levels, contacts] = [await this.partners.serviceLevelsOf(ids), await this.partners.contactsOf(ids)];
    return {
      items: found.items.map((partner) => ({
        partner,
        serviceLevels: levels.filter((l) => l.partnerId === partner.id),
        contacts: contacts.filter((c) => c.partnerId === partner.id),
      })),
      nextCursor: found.nextCursor,
    };
  }

  async get(_actor: Actor, id: string): Promise<PartnerDetail> {
    const partner = await this.partners.find(id);
    if (!partner) throw new PartnerNotFound(id);
    return this.detail(partner);
  }

  /** Changes a partner at the version the caller read (If-Match); a list given replaces the partner's list. */
  @Transactional()
  async update(actor: Actor, id: string, version: number, changes: PartnerChanges): Promise<PartnerDetail> {
    const partner = await this.partners.find(id, true);
    if (!partner) throw new PartnerNotFound(id);
    if (partner.version !== version) throw new PreconditionFailedError('partner');
    const before = await this.detail(partner);
    const endsOn = changes.contractEndsOn === undefined ? partner.contractEndsOn : changes.contractEndsOn;
    this.check(changes.contractStartsOn ?? partner.contractStartsOn, endsOn, changes.serviceLevels ?? []);
    const patch: PartnerPatch = {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
      ...(changes.country !== undefined ? { country: changes.country } : {}),
      ...(changes.contractStartsOn !== undefined ? { contractStartsOn: changes.contractStartsOn } : {}),
      ...(changes.contractEndsOn !== undefined ? { contractEndsOn: changes.contractEndsOn } : {}),
    };
    const fields = changedFields(partner, patch);
    if (changes.serviceLevels !== undefined && !sameServiceLevels(before.serviceLevels, changes.serviceLevels)) {
      await this.partners.replaceServiceLevels(id, changes.serviceLevels);
      fields.push('serviceLevels');
    }
    if (changes.contacts !== undefined && !sameContacts(before.contacts, changes.contacts.map(contactRow))) {
      await this.partners.replaceContacts(id, changes.contacts.map(contactRow));
      fields.push('contacts');
    }
    if (fields.length === 0) return before;
    if (!(await this.partners.updateIfVersion(id, version, patch))) throw new PreconditionFailedError('partner');
    await this.audit.record(actor, {
      action: 'partner.updated',
      entityType: 'partner',
      entityId: id,
      changedFields: fields,
    });
    return this.get(actor, id);
  }

  private check(startsOn: string, endsOn: string | null, levels: NewServiceLevel[]): void {
    const problems: Problem[] = [];
    if (endsOn !== null && endsOn <= startsOn) {
      problems.push({ field: 'contractEndsOn', message: 'must be after contractStartsOn' });
    }
    const seen = new Set<ServiceLevelMetric>();
    levels.forEach((level, i) => {
      const range = SERVICE_LEVEL_RANGE[level.metric];
      if (seen.has(level.metric)) {
        problems.push({ field: `serviceLevels[${i}].metric`, message: `${level.metric} is given twice` });
      }
      seen.add(level.metric);
      if (level.target < range.min || level.target > range.max || (range.whole && !Number.isInteger(level.target))) {
        problems.push({
          field: `serviceLevels[${i}].target`,
          message: `a ${level.metric} target is ${range.whole ? 'a whole number ' : ''}from ${range.min} to ${range.max}`,
        });
      }
    });
    if (problems.length > 0) throw new PartnerInvalid(problems);
  }

  private async detail(partner: Partner): Promise<PartnerDetail> {
    return {
      partner,
      serviceLevels: await this.partners.serviceLevelsOf([partner.id]),
      contacts: await this.partners.contactsOf([partner.id]),
    };
  }
}

function contactRow(c: NewContact): ContactRow {
  return { name: c.name, jobTitle: c.jobTitle ?? null, email: c.email?.toLowerCase() ?? null, phone: c.phone ?? null };
}

function sameServiceLevels(before: PartnerServiceLevel[], after: NewServiceLevel[]): boolean {
  const key = (levels: { metric: string; target: number }[]) =>
    JSON.stringify([...levels].sort((a, b) => a.metric.localeCompare(b.metric)).map((l) => [l.metric, l.target]));
  return key(before.map((l) => ({ metric: l.metric, target: Number(l.target) }))) === key(after);
}

function sameContacts(before: PartnerContact[], after: ContactRow[]): boolean {
  const key = (contacts: ContactRow[]) => JSON.stringify(contacts.map((c) => [c.name, c.jobTitle, c.email, c.phone]));
  return key(before) === key(after);
}
