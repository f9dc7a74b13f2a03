/**
 * The permissions whose scope recommendations narrow. Their names are auth's `Permission` values (auth depends on
 * the contexts, not the other way round); an e2e test checks they stay equal.
 */
export const RecommendationPermission = {
  Read: 'recommendation:read',
} as const;
export type RecommendationPermission = (typeof RecommendationPermission)[keyof typeof RecommendationPermission];
