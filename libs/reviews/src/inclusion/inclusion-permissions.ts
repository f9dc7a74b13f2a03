/**
 * The permissions whose scope the digital inclusion services narrow. Their names are auth's `Permission`
 * values (auth is not a dependency of reviews); an e2e test checks they stay equal.
 */
export const InclusionPermission = {
  AssessmentRead: 'inclusion-assessment:read',
  AssessmentRecord: 'inclusion-assessment:record',
  PulseRespond: 'pulse:respond',
} as const;
export type InclusionPermission = (typeof InclusionPermission)[keyof typeof InclusionPermission];
