import { API_PREFIX } from '../../apps/api/src/create-app.js';
import { POLICY, type PolicyRow } from '../security/policy.js';

const API = `/${API_PREFIX}`;

/**
 * The access policy of the pages: each page route shares the row of the API route it mirrors in
 * test/security/policy.ts (the same permission, the same callers), or is open to anyone (PUBLIC). A page
 * missing here fails the walk in page-routes.e2e-spec.ts: every new page says which API route it mirrors.
 */
export const PAGE_POLICY: Readonly<Record<string, string>> = {
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'GET /signed-out': 'public',
  'GET /accessibility': 'public',
  'GET /privacy': 'public',
  'GET /cookies': 'public',
  'GET /': `GET ${API}/me`,
  'POST /sign-out': `POST ${API}/auth/logout`,
  'GET /digital-skills': `GET ${API}/me/inclusion`,
  'GET /digital-skills/check': `POST ${API}/me/inclusion-assessments/questionnaire`,
  'POST /digital-skills/check': `POST ${API}/me/inclusion-assessments/questionnaire`,
};

export function pagePolicyRow(key: string): PolicyRow | 'public' | undefined {
  const mirrors = PAGE_POLICY[key];
  if (mirrors === undefined) return undefined;
  if (mirrors === 'public') return 'public';
  const row = POLICY[mirrors];
  if (!row) throw new Error(`${key} mirrors ${mirrors}, which is not in the API's policy table`);
  return row;
}
