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
import { randomUUID } from 'node:crypto';
import { today } from './dates.js';
import type { OrganisationUnit, UnitType } from './organisation-unit.entity.js';
import {
  InvalidUnitPlacement,
  OrganisationUnitCycle,
  OrganisationUnitNotFound,
  ParentUnitNotFound,
} from './organisation-unit.errors.js';
import { unitPlacementProblem } from './organisation-unit.rules.js';
import { OrganisationUnitsRepository, type UnitFilter, type UnitPatch } from './organisation-units.repository.js';

export interface NewOrganisationUnit {
  code: string;
  name: string;
  type: UnitType;
  parentId?: string | null;
}

export interface OrganisationUnitChanges {
  code?: string;
  name?: string;
  /** Moves the unit (and its subtree) under another parent; null makes it a root. */
  parentId?: string | null;
}

/** A unit with its children and how many staff are in post across its subtree. */
export interface OrganisationUnitDetail {
  unit: OrganisationUnit;
  children: { unit: OrganisationUnit; staffCount: number }[];
  staffCount: number;
  directStaffCount: number;
  descendantUnitCount: number;
}

@Injectable()
export class OrganisationUnitsService {
  constructor(
    private readonly units: OrganisationUnitsRepository,
    private readonly audit: AuditService,
  ) {}

  list(filter: UnitFilter, page: PageQuery): Promise<Page<OrganisationUnit>> {
    return this.units.list(filter, page);
  }

  async get(id: string): Promise<OrganisationUnit> {
    const unit = await this.units.findById(id);
    if (!unit) throw new OrganisationUnitNotFound(id);
    return unit;
  }

  async describe(id: string): Promise<OrganisationUnitDetail> {
    const unit = await this.get(id);
    const children = await this.units.findChildren(id);
    const counts = await this.units.countStaff(unit, today());
    const descendantUnitCount = await this.units.countDescendants(id);
    const childCounts = children.map((child) => ({ unit: child, staffCount: counts.byChild.get(child.id) ?? 0 }));
    return {
      unit,
      children: childCounts,
      staffCount: childCounts.reduce((sum, c) => sum + c.staffCount, counts.direct),
      directStaffCount: counts.direct,
      descendantUnitCount,
    };
  }

  @Transactional()
  async create(actor: Actor, input: NewOrganisationUnit): Promise<OrganisationUnit> {
    await this.units.lockTree();
    const parent = await this.parentFor(input.type, input.parentId ?? null);
    const id = randomUUID();
    const unit = await this.units.insert({
      id,
      code: input.code,
      name: input.name,
      type: input.type,
      parentId: parent?.id ?? null,
      path: [...(parent?.path ?? []), id],
    });
    await this.audit.record(actor, {
      action: 'organisation-unit.created',
      entityType: 'organisation-unit',
      entityId: unit.id,
      changedFields: ['code', 'name', 'type', 'parentId'],
    });
    return unit;
  }

  /** Renames or recodes a unit, or moves it with its whole subtree, at the version the caller read. */
  @Transactional()
  async update(actor: Actor, id: string, version: number, changes: OrganisationUnitChanges): Promise<OrganisationUnit> {
    const moving = changes.parentId !== undefined;
    if (moving) await this.units.lockTree();
    const current = await this.get(id);
    const patch: UnitPatch = { code: changes.code, name: changes.name, parentId: changes.parentId };
    const fields = changedFields(current, patch);
    if (fields.length === 0) {
      if (current.version !== version) throw new PreconditionFailedError('organisation unit');
      return current;
    }
    const newParent = fields.includes('parentId')
      ? await this.parentFor(current.type, changes.parentId ?? null)
      : undefined;
    if (newParent?.path.includes(id)) throw new OrganisationUnitCycle();

    const updated = await this.units.updateIfVersion(id, version, patch);
    if (!updated) throw new PreconditionFailedError('organisation unit');
    if (newParent !== undefined) {
      await this.units.movePaths(id, newParent?.path ?? []);
      fields.push('path');
    }
    await this.audit.record(actor, {
      action: 'organisation-unit.updated',
      entityType: 'organisation-unit',
      entityId: id,
      changedFields: fields,
    });
    return newParent === undefined ? updated : this.get(id);
  }

  /** The parent a unit of `type` would have, checked to exist and to be allowed. */
  private async parentFor(type: UnitType, parentId: string | null): Promise<OrganisationUnit | null> {
    const parent = parentId === null ? null : await this.units.findById(parentId);
    if (parentId !== null && !parent) throw new ParentUnitNotFound(parentId);
    const problem = unitPlacementProblem(type, parent?.type ?? null);
    if (problem) throw new InvalidUnitPlacement(problem);
    return parent;
  }
}
