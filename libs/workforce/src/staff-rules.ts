import { today } from './dates.js';
import type { Staff } from './staff.entity.js';

/** What staff may change on their own record; everything else needs staff:update at any scope (HR). */
export const SELF_EDITABLE_FIELDS = ['fullName', 'workEmail'] as const;

/** The fields in `changes` (those given, even as null) that the caller may not write. */
export function fieldsNotWritable(changes: object, fullAccess: boolean): string[] {
  if (fullAccess) return [];
  const allowed: readonly string[] = SELF_EDITABLE_FIELDS;
  return Object.entries(changes)
    .filter(([field, value]) => value !== undefined && !allowed.includes(field))
    .map(([field]) => field);
}

export const STAFF_STATUSES = ['active', 'leaver'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

/** A leaver has a leaving date on or before today; the record stays for history and reports. */
export function staffStatus(staff: Pick<Staff, 'leavingDate'>, on: string = today()): StaffStatus {
  return staff.leavingDate !== null && staff.leavingDate <= on ? 'leaver' : 'active';
}
