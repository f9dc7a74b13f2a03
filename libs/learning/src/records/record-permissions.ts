/**
 * The permissions whose scope records of learning narrow. Their names are auth's `Permission` values (auth
 * depends on the contexts, not the other way round); an e2e test checks they stay equal.
 */
export const RecordPermission = {
  Read: 'learning-record:read',
  Record: 'learning-record:record',
  Verify: 'learning-record:verify',
} as const;
export type RecordPermission = (typeof RecordPermission)[keyof typeof RecordPermission];
