import { FrameworkService } from '@capability/framework';
import {
  AuditService,
  Transactional,
  ValidationFailedError,
  type Actor,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { today } from './dates.js';
import type { RoleAssignment } from './role-assignment.entity.js';
import { RoleAssignmentStartsTooEarly, UnknownRoleLevel } from './role-assignment.errors.js';
import { RoleAssignmentsRepository } from './role-assignments.repository.js';
import { StaffPermission } from './staff-permissions.js';
import { StaffNotFound } from './staff.errors.js';
import { StaffRepository } from './staff.repository.js';
import { StaffService } from './staff.service.js';

export interface NewRoleAssignment {
  /** Exactly one of the two. */
  roleLevelId?: string;
  /** Looked up in the current framework version. */
  roleLevelSlug?: string;
  /** Default true. */
  isPrimary?: boolean;
  /** Default today. */
  startsOn?: string;
}

/** Effective-dated role assignments: a new primary closes the open one; history is never rewritten. */
@Injectable()
export class RoleAssignmentsService {
  constructor(
    private readonly assignments: RoleAssignmentsRepository,
    private readonly staffRecords: StaffRepository,
    private readonly staff: StaffService,
    private readonly framework: FrameworkService,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async assign(actor: Actor, staffId: string, input: NewRoleAssignment): Promise<RoleAssignment> {
    const roleLevelKey = this.roleLevelKey(input);
    // Locks the person: two assignments for one person take turns, the second seeing the first's result.
    if (!(await this.staffRecords.lockById(staffId))) throw new StaffNotFound(staffId);
    if (!(await this.staff.isInScope(actor, staffId, StaffPermission.AssignRole))) throw new StaffNotFound(staffId);
    const roleLevelId = await this.findRoleLevelId(roleLevelKey);
    if (!roleLevelId) throw new UnknownRoleLevel('id' in roleLevelKey ? roleLevelKey.id : roleLevelKey.slug);

    const isPrimary = input.isPrimary ?? true;
    const startsOn = input.startsOn ?? today();
    if (isPrimary) {
      const open = await this.assignments.findOpenPrimary(staffId);
      if (open && startsOn <= open.startsOn) throw new RoleAssignmentStartsTooEarly(open.startsOn);
      if (open) {
        await this.assignments.end(open.id, startsOn);
        await this.audit.record(actor, {
          action: 'role-assignment.ended',
          entityType: 'role-assignment',
          entityId: open.id,
          changedFields: ['endsOn'],
        });
      }
    }
    const id = await this.assignments.insert({
      staffId,
      roleLevelId,
      isPrimary,
      startsOn,
      createdByUserId: actor.userId,
    });
    await this.audit.record(actor, {
      action: 'role-assignment.created',
      entityType: 'role-assignment',
      entityId: id,
      changedFields: ['staffId', 'roleLevelId', 'isPrimary', 'startsOn'],
    });
    return (await this.assignments.findDetailed(id)) as RoleAssignment;
  }

  /** The history, newest first, for whoever may read the staff record. */
  async history(actor: Actor, staffId: string, page: PageQuery): Promise<Page<RoleAssignment>> {
    await this.staff.findVisible(actor, staffId);
    return this.assignments.listForStaff(staffId, page);
  }

  /** By id, a role level of any framework version (history); by slug, one of the current version. */
  private async findRoleLevelId(key: { id: string } | { slug: string }): Promise<string | undefined> {
    if ('id' in key) return (await this.framework.findRoleLevelsByIds([key.id])).get(key.id)?.id;
    const version = await this.framework.currentVersion();
    return (await this.framework.findRoleLevelsBySlugs(version.id, [key.slug])).get(key.slug)?.id;
  }

  private roleLevelKey(input: NewRoleAssignment): { id: string } | { slug: string } {
    if (input.roleLevelId !== undefined && input.roleLevelSlug === undefined) return { id: input.roleLevelId };
    if (input.roleLevelSlug !== undefined && input.roleLevelId === undefined) return { slug: input.roleLevelSlug };
    const message = 'give exactly one of roleLevelId and roleLevelSlug';
    throw new ValidationFailedError([
      { field: 'roleLevelId', message },
      { field: 'roleLevelSlug', message },
    ]);
  }
}
