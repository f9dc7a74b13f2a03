import type { Scope } from '@capability/platform';

/** The roles a user may hold. Being a line manager is not a role: it comes from the staff records. */
export const ROLES = ['admin', 'hr', 'head_of_profession', 'staff'] as const;
export type Role = (typeof ROLES)[number];

/** Every permission, `resource:action`. Routes declare exactly one with `@RequirePermission`. */
export const Permission = {
  MeRead: 'me:read',
  UserRead: 'user:read',
  UserCreate: 'user:create',
  UserUpdate: 'user:update',
  AuditRead: 'audit:read',
  FrameworkRead: 'framework:read',
  FrameworkManage: 'framework:manage',
  ReferenceRead: 'reference:read',
  OrganisationRead: 'organisation:read',
  OrganisationManage: 'organisation:manage',
  StaffRead: 'staff:read',
  StaffCreate: 'staff:create',
  StaffUpdate: 'staff:update',
  StaffImport: 'staff:import',
  StaffExport: 'staff:export',
  RoleAssignmentCreate: 'role-assignment:create',
  // reviews: the skills review
  ReviewCycleRead: 'review-cycle:read',
  ReviewCycleManage: 'review-cycle:manage',
  SkillReviewRead: 'skill-review:read',
  SkillReviewSelfAssess: 'skill-review:self-assess',
  SkillReviewValidate: 'skill-review:validate',
  GapsRead: 'gaps:read',
  ReviewResultsExport: 'review-results:export',
  // reviews: digital inclusion
  InclusionAssessmentRead: 'inclusion-assessment:read',
  InclusionAssessmentRecord: 'inclusion-assessment:record',
  InclusionQuestionnaireRead: 'inclusion-questionnaire:read',
  PulseManage: 'pulse:manage',
  PulseRespond: 'pulse:respond',
  PulseResultsRead: 'pulse-results:read',
  // learning: the catalogue and the learning map
  LearningItemRead: 'learning-item:read',
  LearningItemManage: 'learning-item:manage',
  LearningCatalogueImport: 'learning-catalogue:import',
  LearningCatalogueExport: 'learning-catalogue:export',
  LearningMapRead: 'learning-map:read',
  // learning: records of learning
  LearningRecordRead: 'learning-record:read',
  LearningRecordRecord: 'learning-record:record',
  LearningRecordVerify: 'learning-record:verify',
  // learning: recommendations
  RecommendationRead: 'recommendation:read',
  // learning: capability action plans
  ActionPlanRead: 'action-plan:read',
  ActionPlanManage: 'action-plan:manage',
  // recruitment: planning (establishment, partners, campaigns, vacancies)
  EstablishmentRead: 'establishment:read',
  EstablishmentManage: 'establishment:manage',
  PartnerRead: 'partner:read',
  PartnerManage: 'partner:manage',
  CampaignRead: 'campaign:read',
  CampaignManage: 'campaign:manage',
  VacancyRead: 'vacancy:read',
  VacancyManage: 'vacancy:manage',
  // recruitment: candidates and the candidate link
  CandidateRead: 'candidate:read',
  CandidateManage: 'candidate:manage',
  // recruitment: applications, offers, checks, appointment
  ApplicationRead: 'application:read',
  ApplicationManage: 'application:manage',
  ApplicationScore: 'application:score',
  // recruitment: privacy (diversity monitoring, retention, subject access)
  DiversityRead: 'diversity:read',
  CandidateExport: 'candidate:export',
  // recruitment: figures
  RecruitmentFiguresRead: 'recruitment-figures:read',
  // insights: capability (gaps, heatmap, trend, calibration), people (workforce, inclusion), learning, recruitment
  CapabilityInsightsRead: 'insights-capability:read',
  InsightsWorkforceRead: 'insights-workforce:read',
  InsightsInclusionRead: 'insights-inclusion:read',
  InsightsLearningRead: 'insights-learning:read',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

type Grants = Partial<Record<Permission, readonly Scope[]>>;

// Digital inclusion. Assessments are read as staff records are; recorded by the person and by those who
// support them (their line-management chain, HR). Pulses: everyone answers their own; HR and admins run
// them and read the (anonymous, suppressed) results.
const INCLUSION_FOR_EVERYONE: Grants = {
  [Permission.InclusionAssessmentRead]: ['own', 'team'],
  [Permission.InclusionAssessmentRecord]: ['own', 'team'],
  [Permission.InclusionQuestionnaireRead]: ['any'],
  [Permission.PulseRespond]: ['own'],
};
const INCLUSION_FOR_HEADS_OF_PROFESSION: Grants = {
  [Permission.InclusionAssessmentRead]: ['own', 'team', 'profession'],
};
const INCLUSION_FOR_PEOPLE_ADMIN: Grants = {
  [Permission.InclusionAssessmentRead]: ['any'],
  [Permission.InclusionAssessmentRecord]: ['any'],
  [Permission.PulseManage]: ['any'],
  [Permission.PulseResultsRead]: ['any'],
};

// learning: the catalogue and the learning map. Everyone browses the catalogue and the map; HR and admins manage
// every item, a head of profession the items whose skills all belong to roles of the families they lead (the
// service checks which); HR and admins import the catalogue, and they and heads of profession export it.
const CATALOGUE_FOR_EVERYONE: Grants = {
  [Permission.LearningItemRead]: ['any'],
  [Permission.LearningMapRead]: ['any'],
};
const CATALOGUE_FOR_HEADS_OF_PROFESSION: Grants = {
  [Permission.LearningItemManage]: ['profession'],
  [Permission.LearningCatalogueExport]: ['any'],
};
const CATALOGUE_FOR_PEOPLE_ADMIN: Grants = {
  [Permission.LearningItemManage]: ['any'],
  [Permission.LearningCatalogueImport]: ['any'],
  [Permission.LearningCatalogueExport]: ['any'],
};

// learning: records of learning. Read as staff records are; recorded by the person and by those who support them
// (their line-management chain, HR); verified or rejected by the chain (the service refuses the owner) and HR.
// Heads of profession read their families' records (by the person's current role).
const RECORDS_FOR_EVERYONE: Grants = {
  [Permission.LearningRecordRead]: ['own', 'team'],
  [Permission.LearningRecordRecord]: ['own', 'team'],
  [Permission.LearningRecordVerify]: ['team'],
};
const RECORDS_FOR_HEADS_OF_PROFESSION: Grants = {
  [Permission.LearningRecordRead]: ['own', 'team', 'profession'],
};
const RECORDS_FOR_PEOPLE_ADMIN: Grants = {
  [Permission.LearningRecordRead]: ['any'],
  [Permission.LearningRecordRecord]: ['any'],
  [Permission.LearningRecordVerify]: ['any'],
};

// learning: recommendations. Read as skill gaps are: the person, their line-management chain, heads of profession
// for their families, HR and admins.
const RECOMMENDATIONS_FOR_EVERYONE: Grants = {
  [Permission.RecommendationRead]: ['own', 'team'],
};
const RECOMMENDATIONS_FOR_HEADS_OF_PROFESSION: Grants = {
  [Permission.RecommendationRead]: ['own', 'team', 'profession'],
};
const RECOMMENDATIONS_FOR_PEOPLE_ADMIN: Grants = {
  [Permission.RecommendationRead]: ['any'],
};

// learning: capability action plans. HR and admins read and manage every plan; a head of profession the plans of
// the role families they lead (family plans only: a unit plan spans families) and creates them; anyone the plans
// they own (a unit lead named owner by HR). The service narrows; a plan out of reach is a 404.
const PLANS_FOR_EVERYONE: Grants = {
  [Permission.ActionPlanRead]: ['own'],
  [Permission.ActionPlanManage]: ['own'],
};
const PLANS_FOR_HEADS_OF_PROFESSION: Grants = {
  [Permission.ActionPlanRead]: ['own', 'profession'],
  [Permission.ActionPlanManage]: ['own', 'profession'],
};
const PLANS_FOR_PEOPLE_ADMIN: Grants = {
  [Permission.ActionPlanRead]: ['any'],
  [Permission.ActionPlanManage]: ['any'],
};

// recruitment: planning. HR and admins read and manage the establishment, partners, campaigns and vacancies. Heads of
// profession read the establishment, campaigns and vacancies of the families they lead (a vacancy's family is its role
// level's; a campaign's, those of its vacancies and of the role levels of the gap it addresses), never partners.
// Being on a vacancy's panel is per vacancy, not a role: everyone may read the vacancies whose panel they sit on and
// those vacancies' campaigns (`own`); the service narrows, and anything else is a 404.
const PLANNING_FOR_EVERYONE: Grants = {
  [Permission.CampaignRead]: ['own'],
  [Permission.VacancyRead]: ['own'],
};
const PLANNING_FOR_HEADS_OF_PROFESSION: Grants = {
  [Permission.EstablishmentRead]: ['profession'],
  [Permission.CampaignRead]: ['own', 'profession'],
  [Permission.VacancyRead]: ['own', 'profession'],
};
const PLANNING_FOR_PEOPLE_ADMIN: Grants = {
  [Permission.EstablishmentRead]: ['any'],
  [Permission.EstablishmentManage]: ['any'],
  [Permission.PartnerRead]: ['any'],
  [Permission.PartnerManage]: ['any'],
  [Permission.CampaignRead]: ['any'],
  [Permission.CampaignManage]: ['any'],
  [Permission.VacancyRead]: ['any'],
  [Permission.VacancyManage]: ['any'],
};

// recruitment: candidates and applications. HR and admins read and manage every candidate and application, and move
// applications through the pipeline. A candidate's record is nobody else's: everyone else holds `own` only so that a
// candidate answers 404 (as missing) rather than 403, and a list answers empty. Panel members read and score the
// applications to the vacancies whose panel they sit on (`own`; name-blind during sift); heads of profession see
// campaigns, vacancies and figures for their families, never candidates or applications (unless on a panel).
// Privacy: the subject-access export is scoped as candidates are (HR and admins; everyone else 404); the
// diversity-monitoring aggregate is HR's and admins' alone (special category data, whatever the suppression). HR
// issues candidate links with candidate:manage; the link itself is no user's and holds no permission.
// recruitment: figures (funnel, time to hire, acceptance, outcomes per source, campaigns below target, conversions).
// Aggregates only, no candidate's personal data: HR and admins every vacancy's; heads of profession those of the
// vacancies in the families they lead (small per-source counts suppressed); staff none (403).
const FIGURES_FOR_HEADS_OF_PROFESSION: Grants = {
  [Permission.RecruitmentFiguresRead]: ['profession'],
};
const FIGURES_FOR_PEOPLE_ADMIN: Grants = {
  [Permission.RecruitmentFiguresRead]: ['any'],
};

// insights: capability (gap report; heatmap, trend and calibration to come). Aggregates, suppressed below k: HR and
// admins everyone's; heads of profession their families' (as the cycle snapshotted them); a line manager their reporting
// chain ("team"; the service refuses someone who manages nobody and leads no family: 403).
const CAPABILITY_INSIGHTS_FOR_EVERYONE: Grants = {
  [Permission.CapabilityInsightsRead]: ['team'],
};
const CAPABILITY_INSIGHTS_FOR_HEADS_OF_PROFESSION: Grants = {
  [Permission.CapabilityInsightsRead]: ['team', 'profession'],
};
const CAPABILITY_INSIGHTS_FOR_PEOPLE_ADMIN: Grants = {
  [Permission.CapabilityInsightsRead]: ['any'],
};

// insights: people (workforce, inclusion) and learning. Aggregates only, k-suppressed: HR and admins everyone; heads of profession
// the staff of the families they lead; a line manager their reporting chain (`team`: someone who manages nobody, 403).
const PEOPLE_INSIGHTS_FOR_EVERYONE: Grants = {
  [Permission.InsightsWorkforceRead]: ['team'],
  [Permission.InsightsInclusionRead]: ['team'],
  [Permission.InsightsLearningRead]: ['team'],
};
const PEOPLE_INSIGHTS_FOR_HEADS_OF_PROFESSION: Grants = {
  [Permission.InsightsWorkforceRead]: ['team', 'profession'],
  [Permission.InsightsInclusionRead]: ['team', 'profession'],
  [Permission.InsightsLearningRead]: ['team', 'profession'],
};
const PEOPLE_INSIGHTS_FOR_PEOPLE_ADMIN: Grants = {
  [Permission.InsightsWorkforceRead]: ['any'],
  [Permission.InsightsInclusionRead]: ['any'],
  [Permission.InsightsLearningRead]: ['any'],
};

const PIPELINE_FOR_EVERYONE: Grants = {
  [Permission.CandidateRead]: ['own'],
  [Permission.CandidateExport]: ['own'],
  [Permission.ApplicationRead]: ['own'],
  [Permission.ApplicationScore]: ['own'],
};
const PIPELINE_FOR_PEOPLE_ADMIN: Grants = {
  [Permission.CandidateRead]: ['any'],
  [Permission.CandidateExport]: ['any'],
  [Permission.DiversityRead]: ['any'],
  [Permission.CandidateManage]: ['any'],
  [Permission.ApplicationRead]: ['any'],
  [Permission.ApplicationManage]: ['any'],
  [Permission.ApplicationScore]: ['any'],
};

const EVERYONE: Grants = {
  ...INCLUSION_FOR_EVERYONE,
  ...CATALOGUE_FOR_EVERYONE,
  ...RECORDS_FOR_EVERYONE,
  ...RECOMMENDATIONS_FOR_EVERYONE,
  ...PLANS_FOR_EVERYONE,
  ...PLANNING_FOR_EVERYONE,
  ...PIPELINE_FOR_EVERYONE,
  ...CAPABILITY_INSIGHTS_FOR_EVERYONE,
  ...PEOPLE_INSIGHTS_FOR_EVERYONE,
  [Permission.MeRead]: ['own'],
  [Permission.FrameworkRead]: ['any'],
  [Permission.ReferenceRead]: ['any'],
  [Permission.OrganisationRead]: ['any'],
  // Everyone sees their own record; a line manager also their whole reporting chain ("team" is
  // empty for someone who manages nobody). Export follows the same scope as the list.
  [Permission.StaffRead]: ['own', 'team'],
  [Permission.StaffExport]: ['own', 'team'],
  // Staff may correct a few fields of their own record; the service says which.
  [Permission.StaffUpdate]: ['own'],
  // reviews: the skills review. Cycles are no one's personal data (their figures follow skill-review:read);
  // a review is the reviewee's and their reporting chain's; only the reviewee self-assesses, and only a
  // line manager validates (the service asks for the direct line manager); gaps are scoped as staff records.
  [Permission.ReviewCycleRead]: ['any'],
  [Permission.SkillReviewRead]: ['own', 'team'],
  [Permission.SkillReviewSelfAssess]: ['own'],
  [Permission.SkillReviewValidate]: ['team'],
  [Permission.GapsRead]: ['own', 'team'],
};

const PEOPLE_ADMIN: Grants = {
  ...INCLUSION_FOR_PEOPLE_ADMIN,
  ...CATALOGUE_FOR_PEOPLE_ADMIN,
  ...RECORDS_FOR_PEOPLE_ADMIN,
  ...RECOMMENDATIONS_FOR_PEOPLE_ADMIN,
  ...PLANS_FOR_PEOPLE_ADMIN,
  ...PLANNING_FOR_PEOPLE_ADMIN,
  ...FIGURES_FOR_PEOPLE_ADMIN,
  ...PIPELINE_FOR_PEOPLE_ADMIN,
  ...CAPABILITY_INSIGHTS_FOR_PEOPLE_ADMIN,
  ...PEOPLE_INSIGHTS_FOR_PEOPLE_ADMIN,
  [Permission.OrganisationManage]: ['any'],
  [Permission.StaffRead]: ['any'],
  [Permission.StaffCreate]: ['any'],
  [Permission.StaffUpdate]: ['any'],
  [Permission.StaffImport]: ['any'],
  [Permission.StaffExport]: ['any'],
  [Permission.RoleAssignmentCreate]: ['any'],
  // reviews: the skills review
  [Permission.ReviewCycleManage]: ['any'],
  [Permission.SkillReviewRead]: ['any'],
  [Permission.GapsRead]: ['any'],
  [Permission.ReviewResultsExport]: ['any'],
};

/**
 * The one map from role to what it may do, and how far. Coarse checks (has the permission at all)
 * happen in the guard; services narrow by scope (own, team, profession, any).
 */
export const ROLE_PERMISSIONS: Record<Role, Grants> = {
  admin: {
    ...EVERYONE,
    [Permission.UserRead]: ['any'],
    [Permission.UserCreate]: ['any'],
    [Permission.UserUpdate]: ['any'],
    [Permission.AuditRead]: ['any'],
    [Permission.FrameworkManage]: ['any'],
    ...PEOPLE_ADMIN,
    // reviews: the skills review (an admin may validate any review but their own; the service still lets
    // only the reviewee rate themselves)
    [Permission.SkillReviewValidate]: ['any'],
    [Permission.SkillReviewSelfAssess]: ['any'],
  },
  hr: { ...EVERYONE, ...PEOPLE_ADMIN },
  head_of_profession: {
    ...EVERYONE,
    ...INCLUSION_FOR_HEADS_OF_PROFESSION,
    ...CATALOGUE_FOR_HEADS_OF_PROFESSION,
    ...RECORDS_FOR_HEADS_OF_PROFESSION,
    ...RECOMMENDATIONS_FOR_HEADS_OF_PROFESSION,
    ...PLANS_FOR_HEADS_OF_PROFESSION,
    ...PLANNING_FOR_HEADS_OF_PROFESSION,
    ...FIGURES_FOR_HEADS_OF_PROFESSION,
    ...CAPABILITY_INSIGHTS_FOR_HEADS_OF_PROFESSION,
    ...PEOPLE_INSIGHTS_FOR_HEADS_OF_PROFESSION,
    // Staff whose current role is in the families they lead.
    [Permission.StaffRead]: ['own', 'team', 'profession'],
    [Permission.StaffExport]: ['own', 'team', 'profession'],
    // reviews: the skills review (reads only: reviews of their families, as the cycle snapshotted them)
    [Permission.SkillReviewRead]: ['own', 'team', 'profession'],
    [Permission.GapsRead]: ['own', 'team', 'profession'],
    // A cycle's results: the reviews of the families they lead (as the cycle snapshotted them).
    [Permission.ReviewResultsExport]: ['profession'],
  },
  staff: { ...EVERYONE },
};

const byRoles = new Map<string, Readonly<Record<string, readonly Scope[]>>>();

/**
 * Union of the grants of several roles. Worked out once per set of roles (there are at most 15) and
 * shared, frozen: every authenticated request asks.
 */
export function permissionsFor(roles: readonly Role[]): Readonly<Record<string, readonly Scope[]>> {
  const key = roles.join(',');
  let permissions = byRoles.get(key);
  if (!permissions) {
    permissions = Object.freeze(
      Object.fromEntries(Object.entries(merge(roles)).map(([p, scopes]) => [p, Object.freeze(scopes)])),
    );
    byRoles.set(key, permissions);
  }
  return permissions;
}

function merge(roles: readonly Role[]): Record<string, Scope[]> {
  const merged: Record<string, Set<Scope>> = {};
  for (const role of roles) {
    for (const [permission, scopes] of Object.entries(ROLE_PERMISSIONS[role] ?? {})) {
      const set = (merged[permission] ??= new Set());
      for (const scope of scopes ?? []) set.add(scope);
    }
  }
  return Object.fromEntries(Object.entries(merged).map(([p, s]) => [p, [...s]]));
}
