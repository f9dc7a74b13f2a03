/**
 * The permissions whose scope recruitment planning narrows. Their names are auth's `Permission` values (auth
 * depends on the contexts, not the other way round); an e2e test checks they stay equal.
 *
 * Scopes: `any` (HR, admins) everything; `profession` (heads of profession) what belongs to the role families they
 * lead; `own` (everyone) the vacancies whose panel they sit on, and those vacancies' campaigns.
 */
export const PlanningPermission = {
  EstablishmentRead: 'establishment:read',
  EstablishmentManage: 'establishment:manage',
  PartnerRead: 'partner:read',
  PartnerManage: 'partner:manage',
  CampaignRead: 'campaign:read',
  CampaignManage: 'campaign:manage',
  VacancyRead: 'vacancy:read',
  VacancyManage: 'vacancy:manage',
} as const;
export type PlanningPermission = (typeof PlanningPermission)[keyof typeof PlanningPermission];
