/**
 * The permissions whose scope capability action plans narrow. Their names are auth's `Permission` values (auth
 * depends on the contexts, not the other way round); an e2e test checks they stay equal.
 */
export const PlanPermission = {
  Read: 'action-plan:read',
  Manage: 'action-plan:manage',
} as const;
export type PlanPermission = (typeof PlanPermission)[keyof typeof PlanPermission];
