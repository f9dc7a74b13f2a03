import { scopesFor, type Actor } from '@capability/platform';

/**
 * The permissions of candidates. Their names are auth's `Permission` values (auth depends on the contexts, not the
 * other way round); an e2e test checks they stay equal. Only `any` (HR, admins) reaches a candidate: a candidate's
 * record is no member of staff's own, so `own` reaches none (and answers 404, as for a missing one).
 */
export const CandidatePermission = {
  Read: 'candidate:read',
  Manage: 'candidate:manage',
} as const;

/** Whether the actor reaches every candidate (the only reach there is). */
export function readsCandidates(actor: Actor): boolean {
  return scopesFor(actor, CandidatePermission.Read).includes('any');
}
