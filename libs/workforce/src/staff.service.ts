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
import { today } from './dates.js';
import { StaffPermission } from './staff-permissions.js';
import { fieldsNotWritable } from './staff-rules.js';
import { staffScope } from './staff-scope.js';
import type { EmploymentType, Staff } from './staff.entity.js';
import { FieldNotWritable, LineManagementCycle, StaffNotEditable, StaffNotFound } from './staff.errors.js';
import { StaffRepository, type StaffFilter, type StaffPatch } from './staff.repository.js';

export interface NewStaff {
  staffNumber: string;
  fullName: string;
  workEmail?: string | null;
  unitId: string;
  locationId?: string | null;
  gradeId?: string | null;
  employmentType: EmploymentType;
  lineManagerId?: string | null;
  /** ISO dates, `YYYY-MM-DD`. */
  startDate?: string | null;
  leavingDate?: string | null;
}

export type StaffChanges = Partial<NewStaff>;

/**
 * Staff records and who may see them. Every read goes through the actor's scope: their own record, their
 * whole reporting chain, the families they lead, or everyone. Other contexts ask their scope questions here.
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly audit: AuditService,
  ) {}

  /** Creates a record (HR, an import, or recruitment appointing a candidate). */
  @Transactional()
  async createStaff(actor: Actor | null, input: NewStaff): Promise<Staff> {
    const id = await this.staff.insert({
      staffNumber: input.staffNumber,
      fullName: input.fullName,
      workEmail: input.workEmail?.toLowerCase() ?? null,
      unitId: input.unitId,
      locationId: input.locationId ?? null,
      gradeId: input.gradeId ?? null,
      employmentType: input.employmentType,
      lineManagerId: input.lineManagerId ?? null,
      startDate: input.startDate ?? null,
      leavingDate: input.leavingDate ?? null,
    });
    await this.audit.record(actor, {
      action: 'staff.created',
      entityType: 'staff',
      entityId: id,
      changedFields: Object.keys(input).filter((k) => input[k as keyof NewStaff] !== undefined),
    });
    // The creator chose the line manager, so it is shown whatever their read scope.
    return (await this.staff.findDetailed(id, { kind: 'all' }, today(), false)) as Staff;
  }

  list(actor: Actor, filter: StaffFilter, page: PageQuery): Promise<Page<Staff>> {
    return this.staff.list(filter, staffScope(actor, StaffPermission.Read), today(), page);
  }

  /** The record, if the actor may read it; otherwise StaffNotFound, as if it did not exist. */
  async findVisible(actor: Actor, id: string): Promise<Staff> {
    const staff = await this.staff.findDetailed(id, staffScope(actor, StaffPermission.Read), today(), true);
    if (!staff) throw new StaffNotFound(id);
    return staff;
  }

  /** Whether the member of staff is within the actor's reach for `permission` (own, team, profession, any). */
  isInScope(actor: Actor, staffId: string, permission: string = StaffPermission.Read): Promise<boolean> {
    return this.staff.existsInScope(staffId, staffScope(actor, permission));
  }

  /**
   * Changes a record at the version the caller read (If-Match). Staff changing their own record may write
   * only their name and work email; a line-manager change that would close a loop is refused.
   */
  @Transactional()
  async update(actor: Actor, id: string, version: number, changes: StaffChanges): Promise<Staff> {
    const current = await this.findVisible(actor, id);
    const updateScope = staffScope(actor, StaffPermission.Update);
    if (!(await this.staff.existsInScope(id, updateScope))) throw new StaffNotEditable();
    const refused = fieldsNotWritable(changes, updateScope.kind === 'all');
    if (refused.length > 0) throw new FieldNotWritable(refused);

    const patch: StaffPatch = {
      ...changes,
      workEmail: changes.workEmail === undefined ? undefined : (changes.workEmail?.toLowerCase() ?? null),
    };
    const fields = changedFields(current, patch);
    if (fields.length === 0) {
      // Nothing would change: no new version, no audit row; a stale If-Match is still refused.
      if (current.version !== version) throw new PreconditionFailedError('staff record');
      return current;
    }
    if (fields.includes('lineManagerId') && patch.lineManagerId) {
      await this.staff.lockLineManagement();
      if (await this.staff.isAtOrAbove(id, patch.lineManagerId)) throw new LineManagementCycle();
    }
    const updated = await this.staff.updateIfVersion(id, version, patch);
    if (!updated) throw new PreconditionFailedError('staff record');
    await this.audit.record(actor, {
      action: 'staff.updated',
      entityType: 'staff',
      entityId: id,
      changedFields: fields,
    });
    return (await this.staff.findDetailed(id, staffScope(actor, StaffPermission.Read), today(), false)) as Staff;
  }
}
