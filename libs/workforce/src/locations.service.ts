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
import type { Location } from './location.entity.js';
import { LocationNotFound } from './location.errors.js';
import { LocationsRepository, type LocationFilter, type LocationPatch } from './locations.repository.js';

export interface NewLocation {
  code: string;
  name: string;
  region: string;
  isRegionalHub?: boolean;
}

@Injectable()
export class LocationsService {
  constructor(
    private readonly locations: LocationsRepository,
    private readonly audit: AuditService,
  ) {}

  list(filter: LocationFilter, page: PageQuery): Promise<Page<Location>> {
    return this.locations.list(filter, page);
  }

  async get(id: string): Promise<Location> {
    const location = await this.locations.findById(id);
    if (!location) throw new LocationNotFound(id);
    return location;
  }

  @Transactional()
  async create(actor: Actor, input: NewLocation): Promise<Location> {
    const location = await this.locations.insert({ ...input, isRegionalHub: input.isRegionalHub ?? false });
    await this.audit.record(actor, {
      action: 'location.created',
      entityType: 'location',
      entityId: location.id,
      changedFields: ['code', 'name', 'region', 'isRegionalHub'],
    });
    return location;
  }

  /** Changes a location at the version the caller read (If-Match). */
  @Transactional()
  async update(actor: Actor, id: string, version: number, patch: LocationPatch): Promise<Location> {
    const current = await this.get(id);
    const fields = changedFields(current, patch);
    if (fields.length === 0) {
      if (current.version !== version) throw new PreconditionFailedError('location');
      return current;
    }
    const updated = await this.locations.updateIfVersion(id, version, patch);
    if (!updated) throw new PreconditionFailedError('location');
    await this.audit.record(actor, {
      action: 'location.updated',
      entityType: 'location',
      entityId: id,
      changedFields: fields,
    });
    return updated;
  }
}
