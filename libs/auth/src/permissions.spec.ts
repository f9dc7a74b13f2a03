import type { Scope } from '@capability/platform';
import { describe, expect, it } from 'vitest';
import { Permission, permissionsFor, ROLE_PERMISSIONS, ROLES, type Role } from './permissions.js';

describe('permissions', () => {
  it.each(ROLES)('gives %s me:read on its own record', (role) => {
    expect(permissionsFor([role])[Permission.MeRead]).toEqual(['own']);
  });

  it('gives an admin every permission at any scope', () => {
    const granted = permissionsFor(['admin']);
    for (const permission of Object.values(Permission)) {
      // Their own: the record they are, the pulses they are asked to answer.
      if (permission === Permission.MeRead || permission === Permission.PulseRespond) continue;
      expect(granted[permission], permission).toEqual(['any']);
    }
  });

  it('gives staff their own record, their reporting chain, and the framework and reference data', () => {
    expect(permissionsFor(['staff'])).toEqual({
      [Permission.MeRead]: ['own'],
      [Permission.FrameworkRead]: ['any'],
      [Permission.ReferenceRead]: ['any'],
      [Permission.OrganisationRead]: ['any'],
      [Permission.StaffRead]: ['own', 'team'],
      [Permission.StaffExport]: ['own', 'team'],
      [Permission.StaffUpdate]: ['own'],
      [Permission.InclusionAssessmentRead]: ['own', 'team'],
      [Permission.InclusionAssessmentRecord]: ['own', 'team'],
      [Permission.InclusionQuestionnaireRead]: ['any'],
      [Permission.PulseRespond]: ['own'],
      // reviews: the skills review
      [Permission.ReviewCycleRead]: ['any'],
      [Permission.SkillReviewRead]: ['own', 'team'],
      [Permission.SkillReviewSelfAssess]: ['own'],
      [Permission.SkillReviewValidate]: ['team'],
      [Permission.GapsRead]: ['own', 'team'],
      // learning: everyone browses the catalogue and the map; records of learning as staff records are
      [Permission.LearningItemRead]: ['any'],
      [Permission.LearningMapRead]: ['any'],
      [Permission.LearningRecordRead]: ['own', 'team'],
      [Permission.LearningRecordRecord]: ['own', 'team'],
      [Permission.LearningRecordVerify]: ['team'],
      [Permission.RecommendationRead]: ['own', 'team'],
      [Permission.ActionPlanRead]: ['own'],
      [Permission.ActionPlanManage]: ['own'],
      // recruitment: the vacancies whose panel they sit on, and those vacancies' campaigns
      [Permission.CampaignRead]: ['own'],
      [Permission.VacancyRead]: ['own'],
      // recruitment: the applications to those vacancies (read and scored); no candidate is anyone's own
      [Permission.CandidateRead]: ['own'],
      [Permission.CandidateExport]: ['own'],
      [Permission.ApplicationRead]: ['own'],
      [Permission.ApplicationScore]: ['own'],
      // insights: a line manager's reporting chain, in aggregate (the service refuses someone who manages nobody)
      [Permission.CapabilityInsightsRead]: ['team'],
      [Permission.InsightsWorkforceRead]: ['team'],
      [Permission.InsightsInclusionRead]: ['team'],
      [Permission.InsightsLearningRead]: ['team'],
    });
  });

  it('gives capability insights to HR and admins (all), heads of profession (their families) and line managers', () => {
    expect(permissionsFor(['hr'])[Permission.CapabilityInsightsRead]).toEqual(['any']);
    expect(permissionsFor(['admin'])[Permission.CapabilityInsightsRead]).toEqual(['any']);
    expect(permissionsFor(['head_of_profession'])[Permission.CapabilityInsightsRead]).toEqual(['team', 'profession']);
    expect(permissionsFor(['staff'])[Permission.CapabilityInsightsRead]).toEqual(['team']);
  });

  it('gives learning insights to HR and admins (all), heads of profession (their families) and line managers', () => {
    expect(permissionsFor(['hr'])[Permission.InsightsLearningRead]).toEqual(['any']);
    expect(permissionsFor(['admin'])[Permission.InsightsLearningRead]).toEqual(['any']);
    expect(permissionsFor(['head_of_profession'])[Permission.InsightsLearningRead]).toEqual(['team', 'profession']);
    expect(permissionsFor(['staff'])[Permission.InsightsLearningRead]).toEqual(['team']);
  });

  it("keeps candidates and applications from heads of profession: only a panel's own, and no management", () => {
    const hop = permissionsFor(['head_of_profession']);
    expect(hop[Permission.CandidateRead]).toEqual(['own']);
    expect(hop[Permission.ApplicationRead]).toEqual(['own']);
    expect(hop[Permission.ApplicationScore]).toEqual(['own']);
    expect(hop[Permission.CandidateManage]).toBeUndefined();
    expect(hop[Permission.ApplicationManage]).toBeUndefined();
  });

  it('keeps the diversity aggregate and the subject-access export to HR and admins', () => {
    for (const role of ['staff', 'head_of_profession'] as const) {
      const granted = permissionsFor([role]);
      expect(granted[Permission.DiversityRead], role).toBeUndefined();
      // `own` reaches no candidate: a 404, as for a missing one.
      expect(granted[Permission.CandidateExport], role).toEqual(['own']);
    }
    for (const role of ['hr', 'admin'] as const) {
      expect(permissionsFor([role])[Permission.DiversityRead], role).toEqual(['any']);
      expect(permissionsFor([role])[Permission.CandidateExport], role).toEqual(['any']);
    }
  });

  it("lets a head of profession read their families' establishment, campaigns and vacancies, and manage none", () => {
    const hop = permissionsFor(['head_of_profession']);
    expect(hop[Permission.EstablishmentRead]).toEqual(['profession']);
    expect(hop[Permission.CampaignRead]).toEqual(['own', 'profession']);
    expect(hop[Permission.VacancyRead]).toEqual(['own', 'profession']);
    for (const p of [
      Permission.EstablishmentManage,
      Permission.PartnerRead,
      Permission.PartnerManage,
      Permission.CampaignManage,
      Permission.VacancyManage,
    ]) {
      expect(hop[p], p).toBeUndefined();
    }
  });

  it('lets a head of profession read and export their families, and nothing of HR or admin', () => {
    const hop = permissionsFor(['head_of_profession']);
    expect(hop[Permission.StaffRead]).toEqual(['own', 'team', 'profession']);
    expect(hop[Permission.StaffExport]).toEqual(['own', 'team', 'profession']);
    for (const p of [Permission.StaffImport, Permission.StaffCreate, Permission.UserRead, Permission.FrameworkManage]) {
      expect(hop[p], p).toBeUndefined();
    }
  });

  it('lets a head of profession read the reviews and gaps of their families, and manage no cycle', () => {
    const hop = permissionsFor(['head_of_profession']);
    expect(hop[Permission.SkillReviewRead]).toEqual(['own', 'team', 'profession']);
    expect(hop[Permission.GapsRead]).toEqual(['own', 'team', 'profession']);
    // Validation reaches only their own reporting chain (as any line manager), never their families.
    expect(hop[Permission.SkillReviewValidate]).toEqual(['team']);
    expect(hop[Permission.ReviewCycleManage]).toBeUndefined();
  });

  it('gives HR the people data at any scope but not users, audit or the framework', () => {
    const hr = permissionsFor(['hr']);
    for (const p of [
      Permission.StaffRead,
      Permission.StaffImport,
      Permission.StaffExport,
      Permission.RoleAssignmentCreate,
      Permission.EstablishmentManage,
      Permission.PartnerManage,
      Permission.CampaignManage,
      Permission.VacancyManage,
      Permission.CandidateRead,
      Permission.CandidateManage,
      Permission.CandidateExport,
      Permission.DiversityRead,
      Permission.ApplicationRead,
      Permission.ApplicationManage,
      Permission.ApplicationScore,
    ]) {
      expect(hr[p], p).toEqual(['any']);
    }
    for (const p of [Permission.UserRead, Permission.AuditRead, Permission.FrameworkManage]) {
      expect(hr[p], p).toBeUndefined();
    }
  });

  it('merges the grants of several roles without duplicate scopes', () => {
    const merged = permissionsFor(['staff', 'admin', 'hr']);
    expect(Object.keys(merged).sort()).toEqual(Object.keys(permissionsFor(['admin'])).sort());
    expect([...(merged[Permission.StaffRead] ?? [])].sort()).toEqual(['any', 'own', 'team']);
    expect(merged[Permission.MeRead]).toEqual(['own']);
  });

  it('is the union of the roles, order aside', () => {
    const roles: Role[] = ['hr', 'head_of_profession', 'admin'];
    const a = permissionsFor(roles);
    const b = permissionsFor([...roles].reverse());
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const key of Object.keys(a)) expect([...(a[key] ?? [])].sort()).toEqual([...(b[key] ?? [])].sort());
  });

  it('gives no roles nothing, and ignores a role it does not know', () => {
    expect(permissionsFor([])).toEqual({});
    expect(permissionsFor(['superuser' as Role])).toEqual({});
  });

  it('returns frozen grants, shared per set of roles (a caller cannot widen the role map)', () => {
    const granted = permissionsFor(['staff']);
    expect(permissionsFor(['staff'])).toBe(granted);
    expect(() => (granted[Permission.MeRead] as Scope[]).push('any')).toThrow(TypeError);
    expect(() => Object.assign(granted, { [Permission.UserRead]: ['any'] })).toThrow(TypeError);
    expect(permissionsFor(['staff'])[Permission.MeRead]).toEqual(['own']);
    expect(ROLE_PERMISSIONS.staff[Permission.MeRead]).toEqual(['own']);
  });

  it('uses resource:action names and maps only known permissions', () => {
    const known = new Set<string>(Object.values(Permission));
    for (const p of known) expect(p).toMatch(/^[a-z-]+:[a-z-]+$/);
    for (const role of ROLES) {
      for (const p of Object.keys(ROLE_PERMISSIONS[role])) expect(known.has(p), `${role}: ${p}`).toBe(true);
    }
  });
});
