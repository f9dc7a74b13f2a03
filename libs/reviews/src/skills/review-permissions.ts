/**
 * The permissions whose scope the skills review narrows. Their names are auth's `Permission` values (auth
 * depends on the contexts, not the other way round); an e2e test checks they stay equal.
 */
export const ReviewPermission = {
  CycleRead: 'review-cycle:read',
  CycleManage: 'review-cycle:manage',
  Read: 'skill-review:read',
  SelfAssess: 'skill-review:self-assess',
  Validate: 'skill-review:validate',
  GapsRead: 'gaps:read',
} as const;
export type ReviewPermission = (typeof ReviewPermission)[keyof typeof ReviewPermission];
