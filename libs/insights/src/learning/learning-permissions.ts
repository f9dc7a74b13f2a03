/**
 * The permission whose scope narrows the learning insights. Its name is auth's `Permission` value (auth depends on the
 * contexts, not the other way round); an e2e test checks they stay equal.
 *
 * Scopes: `any` (HR, admins) everyone; `profession` (heads of profession) the staff whose primary role is in a family
 * they lead; `team` (everyone) their reporting chain, in aggregate: someone who manages nobody gets 403.
 */
export const LearningInsightsPermission = {
  InsightsLearningRead: 'insights-learning:read',
} as const;
export type LearningInsightsPermission = (typeof LearningInsightsPermission)[keyof typeof LearningInsightsPermission];
