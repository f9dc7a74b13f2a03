/**
 * The permission whose scope narrows the capability insights (gaps; later the heatmap, trend and calibration). Its
 * name is auth's `Permission` value (auth depends on the contexts, not the other way round); an e2e test checks they
 * stay equal.
 *
 * Scopes: `any` (HR, admins) everyone's reviews; `profession` (heads of profession) the reviews whose role family (as
 * the cycle snapshotted it) they lead; `team` (anyone) their reporting chain, in aggregate. Someone with none of
 * these to show (no reports, no families) is refused (403).
 */
export const CapabilityInsightsPermission = {
  CapabilityInsightsRead: 'insights-capability:read',
} as const;
export type CapabilityInsightsPermission =
  (typeof CapabilityInsightsPermission)[keyof typeof CapabilityInsightsPermission];
