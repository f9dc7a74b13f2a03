/**
 * The permissions whose scope the workforce services narrow. Their names are auth's `Permission`
 * values (auth depends on workforce, not the other way round); an e2e test checks they stay equal.
 */
export const StaffPermission = {
  Read: 'staff:read',
  Update: 'staff:update',
  Export: 'staff:export',
  AssignRole: 'role-assignment:create',
} as const;
export type StaffPermission = (typeof StaffPermission)[keyof typeof StaffPermission];
