/**
 * The permission whose scope narrows the recruitment figures. Its name is auth's `Permission` value (auth depends on
 * the contexts, not the other way round); an e2e test checks they stay equal.
 *
 * Scopes: `any` (HR, admins) every vacancy's figures; `profession` (heads of profession) the figures of the vacancies
 * whose role level is in a family they lead, with small per-source counts suppressed.
 */
export const FiguresPermission = {
  RecruitmentFiguresRead: 'recruitment-figures:read',
} as const;
export type FiguresPermission = (typeof FiguresPermission)[keyof typeof FiguresPermission];
