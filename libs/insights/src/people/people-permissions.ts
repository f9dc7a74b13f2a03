/**
 * The permissions whose scope narrows the people reports. Their names are auth's `Permission` values (auth depends on
 * the contexts, not the other way round); an e2e test checks they stay equal.
 *
 * Scopes: `any` (HR, admins) everyone; `profession` (heads of profession) the staff whose role is in a family they
 * lead; `team` (everyone) their reporting chain, in aggregate: someone who manages nobody gets 403.
 */
export const PeopleInsightsPermission = {
  InsightsWorkforceRead: 'insights-workforce:read',
  InsightsInclusionRead: 'insights-inclusion:read',
} as const;
export type PeopleInsightsPermission = (typeof PeopleInsightsPermission)[keyof typeof PeopleInsightsPermission];
