import { scopesFor, type Actor } from '@capability/platform';

/**
 * The permissions of privacy. Their names are auth's `Permission` values; an e2e test checks they stay equal.
 * - `diversity:read`: the diversity-monitoring aggregate (HR and admins: it spans every family, and its small cells
 *   are what suppression is for; heads of profession are not given it).
 * - `candidate:export`: the subject-access export (HR and admins `any`; everyone else `own`, which reaches no
 *   candidate, so they get 404 as for a missing one).
 */
export const PrivacyPermission = {
  DiversityRead: 'diversity:read',
  CandidateExport: 'candidate:export',
} as const;

/** Whether the actor may export any candidate's data (the only reach there is). */
export function exportsCandidates(actor: Actor): boolean {
  return scopesFor(actor, PrivacyPermission.CandidateExport).includes('any');
}
