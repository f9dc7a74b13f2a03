import { type Role } from '@capability/auth';
import { CATALOGUE_CSV_COLUMNS } from '@capability/learning';
import { CANDIDATE_CSV_COLUMNS } from '@capability/recruitment';
import { RESULTS_IMPORT_COLUMNS } from '@capability/reviews';
import { STAFF_CSV_COLUMNS, today } from '@capability/workforce';
import { createHash, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { API_PREFIX } from '../../apps/api/src/create-app.js';
import type { TestApp } from '../support/app.js';
import { createUser } from '../support/factories.js';

/**
 * The access policy, written down independently of the code that enforces it (libs/auth/src/permissions.ts,
 * libs/workforce/src/staff-scope.ts) so the suites in this folder can hold the running app to it.
 *
 * POLICY: every route × every caller → what a request by that caller gets on a representative target that
 * is NOT otherwise theirs (not their own record, not in their reporting chain, not in a family they lead):
 *   public    – no token needed; answered as for anyone
 *   allow     – passes authorisation (2xx, or the route's own validation answer)
 *   deny-401  – 401 unauthenticated
 *   deny-403  – 403 forbidden (function level: the caller lacks the permission whatever the target)
 *   scoped    – the answer depends on the target: outside the caller's scope an id route answers
 *               404 staff-not-found (existence does not leak), a list answers 200 without the row.
 *               object-level.e2e-spec.ts checks it target by target against canSee/canEdit below.
 */

export const CALLERS = ['anonymous', 'staff', 'head_of_profession', 'hr', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];
export type Outcome = 'public' | 'allow' | 'deny-401' | 'deny-403' | 'scoped';
export type PolicyRow = Readonly<Record<Caller, Outcome>>;

const PUBLIC: PolicyRow = {
  anonymous: 'public',
  staff: 'public',
  head_of_profession: 'public',
  hr: 'public',
  admin: 'public',
};
const SIGNED_IN: PolicyRow = {
  anonymous: 'deny-401',
  staff: 'allow',
  head_of_profession: 'allow',
  hr: 'allow',
  admin: 'allow',
};
/** HR and admins: people administration. */
const PEOPLE_ADMIN: PolicyRow = {
  anonymous: 'deny-401',
  staff: 'deny-403',
  head_of_profession: 'deny-403',
  hr: 'allow',
  admin: 'allow',
};
const ADMIN_ONLY: PolicyRow = {
  anonymous: 'deny-401',
  staff: 'deny-403',
  head_of_profession: 'deny-403',
  hr: 'deny-403',
  admin: 'allow',
};
/** Staff records: own, reporting chain, led families; HR and admins everyone. */
const STAFF_SCOPED: PolicyRow = {
  anonymous: 'deny-401',
  staff: 'scoped',
  head_of_profession: 'scoped',
  hr: 'allow',
  admin: 'allow',
};

/** A cycle's results: HR and admins every review, heads of profession their families' (as the cycle snapshotted them). */
const RESULTS_READERS: PolicyRow = {
  anonymous: 'deny-401',
  staff: 'deny-403',
  head_of_profession: 'allow',
  hr: 'allow',
  admin: 'allow',
};

/**
 * Learning items: HR and admins every item; a head of profession the items whose skills all belong to roles of the
 * families they lead (the representative item develops a skill of the matrix head of profession's family, data);
 * object-level.e2e-spec.ts and test/learning check an item outside it.
 */
const CATALOGUE_MANAGERS: PolicyRow = {
  anonymous: 'deny-401',
  staff: 'deny-403',
  head_of_profession: 'allow',
  hr: 'allow',
  admin: 'allow',
};

/**
 * Capability action plans: HR and admins every plan; a head of profession the family plans of the families they lead;
 * anyone the plans they own. The representative plan is a unit plan owned by the target user, so staff and heads of
 * profession get 404 (test/learning/action-plans.e2e-spec.ts checks owners and families).
 */
const ACTION_PLANS_SCOPED: PolicyRow = {
  anonymous: 'deny-401',
  staff: 'scoped',
  head_of_profession: 'scoped',
  hr: 'allow',
  admin: 'allow',
};

/**
 * Recruitment planning: the establishment is read by HR and admins and, for the families they lead, heads of
 * profession; staff have no part in it. The representative row is in a neutral family, so the matrix head of
 * profession (data) gets 404 on it and a list without it; the summary answers them with their families' figures.
 */
const ESTABLISHMENT_READERS: PolicyRow = {
  anonymous: 'deny-401',
  staff: 'deny-403',
  head_of_profession: 'scoped',
  hr: 'allow',
  admin: 'allow',
};
const ESTABLISHMENT_SUMMARY: PolicyRow = {
  anonymous: 'deny-401',
  staff: 'deny-403',
  head_of_profession: 'allow',
  hr: 'allow',
  admin: 'allow',
};
/**
 * Campaigns and vacancies: HR and admins every one; heads of profession those of the families they lead; anyone the
 * vacancies whose panel they sit on (and those vacancies' campaigns). The representative campaign and vacancy are in
 * a neutral family with nobody on the panel, so staff and heads of profession get 404 (test/recruitment checks
 * families and panels; object-level.e2e-spec.ts target by target).
 */
const RECRUITMENT_SCOPED: PolicyRow = {
  anonymous: 'deny-401',
  staff: 'scoped',
  head_of_profession: 'scoped',
  hr: 'allow',
  admin: 'allow',
};

/**
 * Candidates and applications: HR and admins all; anyone the applications to the vacancies whose panel they sit on;
 * a candidate's record nobody else (404, and an empty list: never a 403 that says the record exists). The
 * representative candidate and application belong to the representative vacancy, whose panel is empty.
 */
const PIPELINE_SCOPED: PolicyRow = RECRUITMENT_SCOPED;

/**
 * Recruitment figures (aggregates, no candidate's personal data): HR and admins every vacancy's; heads of profession
 * the figures of the vacancies in the families they lead (an answer narrowed, not refused: test/recruitment/figures
 * checks families and suppression); staff none.
 */
const RECRUITMENT_FIGURES: PolicyRow = {
  anonymous: 'deny-401',
  staff: 'deny-403',
  head_of_profession: 'allow',
  hr: 'allow',
  admin: 'allow',
};

/**
 * Capability insights (aggregates over the skills review, suppressed below k): HR and admins everyone's; heads of
 * profession their families' (an answer narrowed, not refused); line managers their reporting chain, in aggregate;
 * staff who manage nobody 403 (the matrix's staff caller manages nobody). test/insights/capability-gaps checks scope.
 */
const CAPABILITY_INSIGHTS: PolicyRow = {
  anonymous: 'deny-401',
  staff: 'deny-403',
  head_of_profession: 'allow',
  hr: 'allow',
  admin: 'allow',
};

/**
 * People insights (workforce, inclusion; aggregates, k-suppressed): HR and admins everyone; heads of profession their
 * families; a line manager their reporting chain (the staff caller manages nobody: 403). test/insights/people-* check
 * the figures per scope.
 */
const PEOPLE_INSIGHTS: PolicyRow = {
  anonymous: 'deny-401',
  staff: 'deny-403',
  head_of_profession: 'allow',
  hr: 'allow',
  admin: 'allow',
};

const API = `/${API_PREFIX}`;

export const POLICY: Readonly<Record<string, PolicyRow>> = {
  // auth and self
  [`POST ${API}/auth/login`]: PUBLIC,
  [`POST ${API}/auth/refresh`]: PUBLIC,
  [`POST ${API}/auth/logout`]: SIGNED_IN,
  [`GET ${API}/me`]: SIGNED_IN,
  // user administration and the audit trail
  [`GET ${API}/users`]: ADMIN_ONLY,
  [`POST ${API}/users`]: ADMIN_ONLY,
  [`GET ${API}/users/:id`]: ADMIN_ONLY,
  [`PATCH ${API}/users/:id`]: ADMIN_ONLY,
  [`GET ${API}/audit-events`]: ADMIN_ONLY,
  // the framework and reference data: everyone reads, admins manage
  [`GET ${API}/framework/role-families`]: SIGNED_IN,
  [`GET ${API}/framework/roles/:id`]: SIGNED_IN,
  [`GET ${API}/framework/skills`]: SIGNED_IN,
  [`GET ${API}/framework/skills/:id`]: SIGNED_IN,
  [`GET ${API}/framework/versions`]: SIGNED_IN,
  [`POST ${API}/framework/versions`]: ADMIN_ONLY,
  [`GET ${API}/framework/versions/:id`]: SIGNED_IN,
  [`POST ${API}/framework/versions/:id/make-current`]: ADMIN_ONLY,
  [`GET ${API}/framework/versions/:id/diff`]: SIGNED_IN,
  [`GET ${API}/reference/inclusion-levels`]: SIGNED_IN,
  [`GET ${API}/reference/grades`]: SIGNED_IN,
  // organisation: everyone reads, HR and admins manage
  [`GET ${API}/organisation-units`]: SIGNED_IN,
  [`POST ${API}/organisation-units`]: PEOPLE_ADMIN,
  [`GET ${API}/organisation-units/:id`]: SIGNED_IN,
  [`PATCH ${API}/organisation-units/:id`]: PEOPLE_ADMIN,
  [`GET ${API}/locations`]: SIGNED_IN,
  [`POST ${API}/locations`]: PEOPLE_ADMIN,
  [`GET ${API}/locations/:id`]: SIGNED_IN,
  [`PATCH ${API}/locations/:id`]: PEOPLE_ADMIN,
  // staff records
  [`GET ${API}/staff`]: STAFF_SCOPED,
  [`POST ${API}/staff`]: PEOPLE_ADMIN,
  [`GET ${API}/staff/:id`]: STAFF_SCOPED,
  // staff (and heads of profession) may change their own record only: a target outside it is scoped
  [`PATCH ${API}/staff/:id`]: STAFF_SCOPED,
  [`GET ${API}/staff/export.csv`]: STAFF_SCOPED,
  [`POST ${API}/staff/import`]: PEOPLE_ADMIN,
  [`GET ${API}/staff/:staffId/role-assignments`]: STAFF_SCOPED,
  [`POST ${API}/staff/:staffId/role-assignments`]: PEOPLE_ADMIN,
  // digital inclusion: assessments read as staff records are, recorded by the person, their line and HR
  [`GET ${API}/staff/:staffId/inclusion-assessments`]: STAFF_SCOPED,
  [`POST ${API}/staff/:staffId/inclusion-assessments`]: STAFF_SCOPED,
  [`GET ${API}/me/inclusion`]: SIGNED_IN,
  [`GET ${API}/inclusion/questionnaire`]: SIGNED_IN,
  [`POST ${API}/me/inclusion-assessments/questionnaire`]: SIGNED_IN,
  // awareness pulses: HR and admins run them and read results; everyone answers the ones sent to them
  [`GET ${API}/pulses`]: PEOPLE_ADMIN,
  [`POST ${API}/pulses`]: PEOPLE_ADMIN,
  [`GET ${API}/pulses/trend`]: PEOPLE_ADMIN,
  [`GET ${API}/pulses/:id`]: PEOPLE_ADMIN,
  [`PATCH ${API}/pulses/:id`]: PEOPLE_ADMIN,
  [`POST ${API}/pulses/:id/open`]: PEOPLE_ADMIN,
  [`POST ${API}/pulses/:id/close`]: PEOPLE_ADMIN,
  [`GET ${API}/pulses/:id/results`]: PEOPLE_ADMIN,
  [`GET ${API}/me/pulses`]: SIGNED_IN,
  [`POST ${API}/pulses/:id/responses`]: SIGNED_IN,
  // the skills review: cycles are read by everyone (figures narrowed to what the reader may see) and run by
  // HR and admins; reviews are scoped as staff records are (a head of profession by the review's family);
  // no caller is the target reviewee or their line manager, so the writes that pass the permission check
  // meet the review's own rule (403 not-reviewee, not-line-manager) or its state (409)
  [`POST ${API}/review-cycles`]: PEOPLE_ADMIN,
  [`GET ${API}/review-cycles`]: SIGNED_IN,
  [`GET ${API}/review-cycles/:id`]: SIGNED_IN,
  [`PATCH ${API}/review-cycles/:id`]: PEOPLE_ADMIN,
  [`POST ${API}/review-cycles/:id/open`]: PEOPLE_ADMIN,
  [`POST ${API}/review-cycles/:id/close`]: PEOPLE_ADMIN,
  [`GET ${API}/review-cycles/:id/left-out`]: PEOPLE_ADMIN,
  [`GET ${API}/me/skills-review`]: SIGNED_IN,
  [`GET ${API}/skill-reviews`]: STAFF_SCOPED,
  [`GET ${API}/skill-reviews/:id`]: STAFF_SCOPED,
  [`PUT ${API}/skill-reviews/:id/self-assessment`]: STAFF_SCOPED,
  [`POST ${API}/skill-reviews/:id/submit`]: STAFF_SCOPED,
  [`PUT ${API}/skill-reviews/:id/validation`]: STAFF_SCOPED,
  [`POST ${API}/skill-reviews/:id/return`]: STAFF_SCOPED,
  [`GET ${API}/me/gaps`]: SIGNED_IN,
  [`GET ${API}/staff/:id/gaps`]: STAFF_SCOPED,
  // skills review: a cycle's results (import and export)
  [`POST ${API}/review-cycles/:id/results/import`]: PEOPLE_ADMIN,
  [`GET ${API}/review-cycles/:id/results.csv`]: RESULTS_READERS,
  // learning: the catalogue and the learning map
  [`GET ${API}/learning-items`]: SIGNED_IN,
  [`POST ${API}/learning-items`]: CATALOGUE_MANAGERS,
  [`GET ${API}/learning-items/:id`]: SIGNED_IN,
  [`PATCH ${API}/learning-items/:id`]: CATALOGUE_MANAGERS,
  [`POST ${API}/learning-items/:id/retire`]: CATALOGUE_MANAGERS,
  [`POST ${API}/learning-items/:id/reactivate`]: CATALOGUE_MANAGERS,
  [`POST ${API}/learning-items/import`]: PEOPLE_ADMIN,
  [`GET ${API}/learning-items/export.csv`]: RESULTS_READERS,
  [`GET ${API}/learning-map`]: SIGNED_IN,
  // records of learning: read as staff records are (heads of profession by the person's current family); recorded
  // by the person, their line and HR; only the owner edits, deletes or resubmits (HR and admins reach the target's
  // record but get 403 not-record-owner); the line and HR verify or reject
  [`GET ${API}/me/learning-records`]: SIGNED_IN,
  [`POST ${API}/me/learning-records`]: SIGNED_IN,
  [`GET ${API}/staff/:staffId/learning-records`]: STAFF_SCOPED,
  [`POST ${API}/staff/:staffId/learning-records`]: STAFF_SCOPED,
  [`GET ${API}/learning-records`]: STAFF_SCOPED,
  [`GET ${API}/learning-records/:id`]: STAFF_SCOPED,
  [`PATCH ${API}/learning-records/:id`]: STAFF_SCOPED,
  [`DELETE ${API}/learning-records/:id`]: STAFF_SCOPED,
  [`POST ${API}/learning-records/:id/resubmit`]: STAFF_SCOPED,
  [`POST ${API}/learning-records/:id/verify`]: STAFF_SCOPED,
  [`POST ${API}/learning-records/:id/reject`]: STAFF_SCOPED,
  // learning: recommendations
  [`GET ${API}/me/recommendations`]: SIGNED_IN,
  [`GET ${API}/staff/:id/recommendations`]: STAFF_SCOPED,
  // capability action plans: anyone may list (their own); staff reach creation but the service refuses them (403),
  // a head of profession creates a plan for a family they lead
  [`GET ${API}/action-plans`]: ACTION_PLANS_SCOPED,
  [`POST ${API}/action-plans`]: SIGNED_IN,
  [`GET ${API}/action-plans/:id`]: ACTION_PLANS_SCOPED,
  [`PATCH ${API}/action-plans/:id`]: ACTION_PLANS_SCOPED,
  [`POST ${API}/action-plans/:id/activate`]: ACTION_PLANS_SCOPED,
  [`POST ${API}/action-plans/:id/close`]: ACTION_PLANS_SCOPED,
  [`GET ${API}/action-plans/:id/progress`]: ACTION_PLANS_SCOPED,
  [`POST ${API}/action-plans/:id/priorities`]: ACTION_PLANS_SCOPED,
  [`POST ${API}/action-plans/:id/priorities/:priorityId/actions`]: ACTION_PLANS_SCOPED,
  [`PATCH ${API}/action-plans/:id/actions/:actionId`]: ACTION_PLANS_SCOPED,
  // recruitment planning: HR and admins run it; heads of profession read their families; panel members their vacancies
  [`GET ${API}/establishment`]: ESTABLISHMENT_READERS,
  [`POST ${API}/establishment`]: PEOPLE_ADMIN,
  [`GET ${API}/establishment/summary`]: ESTABLISHMENT_SUMMARY,
  [`GET ${API}/establishment/:id`]: ESTABLISHMENT_READERS,
  [`PATCH ${API}/establishment/:id`]: PEOPLE_ADMIN,
  [`GET ${API}/partners`]: PEOPLE_ADMIN,
  [`POST ${API}/partners`]: PEOPLE_ADMIN,
  [`GET ${API}/partners/:id`]: PEOPLE_ADMIN,
  [`GET ${API}/partners/:id/performance`]: PEOPLE_ADMIN,
  [`PATCH ${API}/partners/:id`]: PEOPLE_ADMIN,
  [`GET ${API}/campaigns`]: RECRUITMENT_SCOPED,
  [`POST ${API}/campaigns`]: PEOPLE_ADMIN,
  [`GET ${API}/campaigns/:id`]: RECRUITMENT_SCOPED,
  [`PATCH ${API}/campaigns/:id`]: PEOPLE_ADMIN,
  [`POST ${API}/campaigns/:id/open`]: PEOPLE_ADMIN,
  [`POST ${API}/campaigns/:id/close`]: PEOPLE_ADMIN,
  [`GET ${API}/vacancies`]: RECRUITMENT_SCOPED,
  [`POST ${API}/vacancies`]: PEOPLE_ADMIN,
  [`GET ${API}/vacancies/:id`]: RECRUITMENT_SCOPED,
  [`PATCH ${API}/vacancies/:id`]: PEOPLE_ADMIN,
  [`POST ${API}/vacancies/:id/open`]: PEOPLE_ADMIN,
  [`POST ${API}/vacancies/:id/close`]: PEOPLE_ADMIN,
  [`POST ${API}/vacancies/:id/withdraw`]: PEOPLE_ADMIN,
  // recruitment: candidates and applications. HR and admins run them; panel members read and score their vacancies'
  // applications; a candidate's record is HR's alone (404 for everyone else)
  [`GET ${API}/candidates`]: PIPELINE_SCOPED,
  [`POST ${API}/candidates`]: PEOPLE_ADMIN,
  [`POST ${API}/candidates/import`]: PEOPLE_ADMIN,
  [`GET ${API}/candidates/:id`]: PIPELINE_SCOPED,
  [`PATCH ${API}/candidates/:id`]: PEOPLE_ADMIN,
  [`GET ${API}/applications`]: PIPELINE_SCOPED,
  [`POST ${API}/applications`]: PEOPLE_ADMIN,
  [`GET ${API}/applications/:id`]: PIPELINE_SCOPED,
  [`POST ${API}/applications/:id/transitions`]: PEOPLE_ADMIN,
  [`PUT ${API}/applications/:id/scores/:stage`]: PIPELINE_SCOPED,
  [`GET ${API}/vacancies/:id/pipeline-settings`]: PIPELINE_SCOPED,
  [`PUT ${API}/vacancies/:id/pipeline-settings`]: PEOPLE_ADMIN,
  // recruitment: offers, pre-employment checks and reserve placements. HR and admins only: panel members and heads of
  // profession never see an offer's terms
  [`GET ${API}/applications/:id/offers`]: PEOPLE_ADMIN,
  [`POST ${API}/applications/:id/offers`]: PEOPLE_ADMIN,
  [`GET ${API}/offers/:id`]: PEOPLE_ADMIN,
  [`POST ${API}/offers/:id/response`]: PEOPLE_ADMIN,
  [`POST ${API}/offers/:id/withdrawal`]: PEOPLE_ADMIN,
  [`GET ${API}/applications/:id/checks`]: PEOPLE_ADMIN,
  [`PUT ${API}/applications/:id/checks/:check`]: PEOPLE_ADMIN,
  [`POST ${API}/applications/:id/reserve-placements`]: PEOPLE_ADMIN,
  // recruitment: the candidate link and privacy. HR issues links; the link's own routes take no user's token (public to
  // the access-token guard: every caller's request carries a live link, and is answered as the link's candidate's; the
  // candidate-link tests show what an access token or no link gets there); the diversity aggregate is HR's and
  // admins' alone; the subject-access export is scoped as candidates are (404 for everyone else)
  [`POST ${API}/candidates/:id/links`]: PEOPLE_ADMIN,
  [`GET ${API}/candidate-link`]: PUBLIC,
  [`PUT ${API}/candidate-link/consent`]: PUBLIC,
  [`PUT ${API}/candidate-link/diversity`]: PUBLIC,
  [`PUT ${API}/candidate-link/applications/:applicationId/adjustments`]: PUBLIC,
  [`PUT ${API}/candidate-link/applications/:applicationId/disability-confident`]: PUBLIC,
  [`GET ${API}/candidate-link/applications/:applicationId/offers`]: PUBLIC,
  [`PUT ${API}/candidate-link/offers/:offerId/decision`]: PUBLIC,
  [`GET ${API}/recruitment/diversity`]: PEOPLE_ADMIN,
  [`GET ${API}/candidates/:id/export`]: PIPELINE_SCOPED,
  // recruitment figures: HR and admins all; heads of profession their families' (small per-source counts suppressed)
  [`GET ${API}/recruitment/figures`]: RECRUITMENT_FIGURES,
  // insights: capability gaps (HR and admins all; heads of profession their families; line managers their chain)
  [`GET ${API}/insights/capability-gaps`]: CAPABILITY_INSIGHTS,
  [`GET ${API}/insights/capability-gaps.xlsx`]: CAPABILITY_INSIGHTS,
  // insights: capability heatmap (JSON, SVG, XLSX): as the gap report; a head of profession another family 403
  [`GET ${API}/insights/capability-heatmap`]: CAPABILITY_INSIGHTS,
  [`GET ${API}/insights/capability-heatmap.svg`]: CAPABILITY_INSIGHTS,
  [`GET ${API}/insights/capability-heatmap.xlsx`]: CAPABILITY_INSIGHTS,
  // insights: capability trend and calibration, as the gap report
  [`GET ${API}/insights/capability-trend`]: CAPABILITY_INSIGHTS,
  [`GET ${API}/insights/calibration`]: CAPABILITY_INSIGHTS,
  [`GET ${API}/insights/capability-trend.xlsx`]: CAPABILITY_INSIGHTS,
  [`GET ${API}/insights/calibration.xlsx`]: CAPABILITY_INSIGHTS,
  // insights: people (workforce, inclusion; JSON or CSV, and XLSX)
  [`GET ${API}/insights/workforce`]: PEOPLE_INSIGHTS,
  [`GET ${API}/insights/inclusion`]: PEOPLE_INSIGHTS,
  [`GET ${API}/insights/workforce.xlsx`]: PEOPLE_INSIGHTS,
  [`GET ${API}/insights/inclusion.xlsx`]: PEOPLE_INSIGHTS,
  // insights: learning (the same readers as the people reports; test/insights/learning checks the figures per scope)
  [`GET ${API}/insights/learning`]: PEOPLE_INSIGHTS,
  [`GET ${API}/insights/learning.xlsx`]: PEOPLE_INSIGHTS,
  // insights: recruitment (the recruitment figures' readers: HR and admins all; heads of profession their families)
  [`GET ${API}/insights/recruitment`]: RECRUITMENT_FIGURES,
  [`GET ${API}/insights/recruitment.xlsx`]: RECRUITMENT_FIGURES,
  // operations
  ['GET /health/live']: PUBLIC,
  ['GET /health/ready']: PUBLIC,
  ['GET /metrics']: PUBLIC,
  ['GET /.well-known/jwks.json']: PUBLIC,
};

// ---------------------------------------------------------------------------------------------------------
// Object level: who may see and change which staff record.

export interface PolicyActor {
  roles: readonly Role[];
  staffId: string | null;
  roleFamilies: readonly string[];
}

export interface PolicyPerson {
  id: string;
  lineManagerId: string | null;
  /** The role family of the person's current primary role, if any. */
  family: string | null;
}

export type Organisation = ReadonlyMap<string, PolicyPerson>;

const isPeopleAdmin = (actor: PolicyActor): boolean => actor.roles.includes('admin') || actor.roles.includes('hr');

/** Whether `manager` is somewhere above `target` in the line-management tree. */
export function isAbove(org: Organisation, manager: string, target: string): boolean {
  const seen = new Set<string>();
  for (let m = org.get(target)?.lineManagerId ?? null; m && !seen.has(m); m = org.get(m)?.lineManagerId ?? null) {
    if (m === manager) return true;
    seen.add(m);
  }
  return false;
}

/** Own record; the whole reporting chain; current primary role in a led family (HoP); HR and admins anyone. */
export function canSee(org: Organisation, actor: PolicyActor, targetId: string): boolean {
  if (isPeopleAdmin(actor)) return true;
  if (actor.staffId === targetId) return true;
  if (actor.staffId && isAbove(org, actor.staffId, targetId)) return true;
  const family = org.get(targetId)?.family;
  return actor.roles.includes('head_of_profession') && !!family && actor.roleFamilies.includes(family);
}

/** HR and admins change anyone; everyone else only their own record. */
export function canEdit(_org: Organisation, actor: PolicyActor, targetId: string): boolean {
  return isPeopleAdmin(actor) || actor.staffId === targetId;
}

/** The person, anyone above them in the line (assisted digital), HR and admins record an inclusion assessment. */
export function canRecordInclusion(org: Organisation, actor: PolicyActor, targetId: string): boolean {
  return (
    isPeopleAdmin(actor) || actor.staffId === targetId || (!!actor.staffId && isAbove(org, actor.staffId, targetId))
  );
}

/** Records of learning are verified (or rejected) by anyone above the person in the line, HR and admins; never the person. */
export function canVerifyLearning(org: Organisation, actor: PolicyActor, targetId: string): boolean {
  if (actor.staffId === targetId) return false;
  return isPeopleAdmin(actor) || (!!actor.staffId && isAbove(org, actor.staffId, targetId));
}

/**
 * A cycle's results export: HR and admins every review; a head of profession the reviews whose role family (as
 * the cycle snapshotted it) they lead; anyone else is refused (null), line managers included.
 */
export function resultsVisible(actor: PolicyActor, family: string): boolean | null {
  if (isPeopleAdmin(actor)) return true;
  if (!actor.roles.includes('head_of_profession')) return null;
  return actor.roleFamilies.includes(family);
}

/**
 * A learning item: HR and admins manage every one; a head of profession one that develops at least one skill, each
 * required by some role of a family they lead (`skillFamilies`: per skill, the families whose roles need it);
 * anyone else is refused (null).
 */
export function canManageItem(actor: PolicyActor, skillFamilies: readonly (readonly string[])[]): boolean | null {
  if (isPeopleAdmin(actor)) return true;
  if (!actor.roles.includes('head_of_profession')) return null;
  return (
    skillFamilies.length > 0 && skillFamilies.every((families) => families.some((f) => actor.roleFamilies.includes(f)))
  );
}

/** A capability action plan as the policy sees it: its owner and, for a family plan, the family. */
export interface PolicyPlan {
  ownerUserId: string;
  roleFamilySlug: string | null;
}

/**
 * Capability action plans: HR and admins every plan; a head of profession the family plans of the families they lead
 * (never a unit plan: it spans families); anyone the plans they own (`userId` is the actor's user). Reading and
 * managing follow the same rule; anyone else gets 404 action-plan-not-found, as for a plan that does not exist.
 */
export function canReachPlan(actor: PolicyActor, userId: string, plan: PolicyPlan): boolean {
  if (isPeopleAdmin(actor) || plan.ownerUserId === userId) return true;
  return (
    actor.roles.includes('head_of_profession') &&
    plan.roleFamilySlug !== null &&
    actor.roleFamilies.includes(plan.roleFamilySlug)
  );
}

/** Recruitment planning's objects as the policy sees them: a vacancy's family (its role level's) and panel (users). */
export interface PolicyVacancy {
  family: string;
  panel: readonly string[];
}

export interface PolicyCampaign {
  vacancies: readonly PolicyVacancy[];
  /** The families of the role levels of the gap it addresses. */
  gapFamilies: readonly string[];
}

/** HR and admins every vacancy; a head of profession those of the families they lead; anyone the ones they sit on. */
export function canSeeVacancy(actor: PolicyActor, userId: string, vacancy: PolicyVacancy): boolean {
  if (isPeopleAdmin(actor) || vacancy.panel.includes(userId)) return true;
  return actor.roles.includes('head_of_profession') && actor.roleFamilies.includes(vacancy.family);
}

/**
 * HR and admins every campaign; a head of profession one with a vacancy or a gap role level in a family they lead;
 * anyone one with a vacancy whose panel they sit on.
 */
export function canSeeCampaign(actor: PolicyActor, userId: string, campaign: PolicyCampaign): boolean {
  if (isPeopleAdmin(actor) || campaign.vacancies.some((v) => v.panel.includes(userId))) return true;
  const families = [...campaign.vacancies.map((v) => v.family), ...campaign.gapFamilies];
  return actor.roles.includes('head_of_profession') && families.some((f) => actor.roleFamilies.includes(f));
}

/**
 * An establishment row: HR and admins every one, a head of profession those of the families they lead (others
 * answer 404); anyone else is refused (null: 403, whatever the row).
 */
export function canSeeEstablishment(actor: PolicyActor, family: string): boolean | null {
  if (isPeopleAdmin(actor)) return true;
  if (!actor.roles.includes('head_of_profession')) return null;
  return actor.roleFamilies.includes(family);
}

/**
 * Candidates and applications. A candidate's record: HR and admins only. An application: HR and admins every one,
 * anyone the applications to the vacancies whose panel they sit on (name-blind while in sift); a head of profession's
 * families give them none. The same reach scores one.
 */
export function canSeeCandidate(actor: PolicyActor): boolean {
  return isPeopleAdmin(actor);
}

export function canSeeApplication(actor: PolicyActor, userId: string, vacancy: Pick<PolicyVacancy, 'panel'>): boolean {
  return isPeopleAdmin(actor) || vacancy.panel.includes(userId);
}

/** Whether the actor's view of an application at `stage` (never past the sift) is name-blind. */
export function seesBlind(actor: PolicyActor, stage: string): boolean {
  return !isPeopleAdmin(actor) && (stage === 'applied' || stage === 'sift');
}

/** Only HR and admins give people roles. */
export function canAssignRoles(actor: PolicyActor): boolean {
  return isPeopleAdmin(actor);
}

// ---------------------------------------------------------------------------------------------------------
// A representative, valid request for every route, on seeded fixtures (used by the matrix and by the
// input-abuse suite, which mutates the valid bodies).

export interface RouteFixture {
  /** A staff record nobody but HR and admins may see: no line manager, no reports, no role. */
  targetStaffId: string;
  targetUserId: string;
  targetUserEmail: string;
  departmentId: string;
  teamId: string;
  locationId: string;
  currentVersionId: string;
  roleSlug: string;
  skillSlug: string;
  /** Role levels outside the families the fixture's head of profession leads. */
  neutralRoleLevelSlugs: string[];
  /** A draft pulse for the department, and a closed one. */
  draftPulseId: string;
  closedPulseId: string;
  /** The skills review: a reviewee with a neutral role level in a unit of their own, reviewed in an open cycle. */
  reviewTargetStaffId: string;
  reviewUnitId: string;
  openCycleId: string;
  draftCycleId: string;
  reviewId: string;
  reviewSkillIds: string[];
  /** A submitted record of learning of the target staff record. */
  learningRecordId: string;
  /** A draft action plan for the department, owned by the target user. */
  actionPlanId: string;
  /** Recruitment planning, all in a neutral family: a role level and a grade to plan with, an establishment row of
   * the team, a partner, an open campaign and a draft vacancy in it with nobody on its panel. */
  neutralRoleLevelId: string;
  gradeId: string;
  establishmentPostId: string;
  partnerId: string;
  campaignId: string;
  vacancyId: string;
  /** Candidates and applications: a candidate from a channel, and their application to an open vacancy of the
   * campaign whose panel is empty, at sift. */
  candidateId: string;
  openVacancyId: string;
  applicationId: string;
  /** Offers: a made offer on an application at the offer stage; another open vacancy of the campaign at the same
   * role level, for reserve placements. */
  offerId: string;
  matchingVacancyId: string;
}

export interface RouteCall {
  path: string;
  query?: Record<string, string>;
  /** A JSON body (a valid one: only authorisation may refuse it). */
  body?: Record<string, unknown>;
  /** A text/csv body instead. */
  csv?: string;
  headers?: Record<string, string>;
  /** Statuses that mean "allowed through" (the first is what a plain success answers). */
  ok: number[];
  /** The table a denied write must leave untouched. */
  table?: string;
  /** The problem code of a scoped id route's 404 (default staff-not-found). */
  notFound?: string;
  /** What a scoped list must not show beyond the target staff record (ids of the target's own records). */
  hidden?: string[];
  /** Query parameters of which exactly one is given (e.g. roleFamily, role, skill): a check varying one drops the others. */
  oneOf?: string[];
}

type Query = <T>(sql: string, params?: unknown[]) => Promise<T>;

export interface CallContext {
  fixture: RouteFixture;
  /** A unique number per call, for unique names and codes. */
  n: number;
  query: Query;
  /** A fresh refresh token for the target user (the refresh route uses one up). */
  refreshToken: () => Promise<string>;
}

/** A pulse for `unitId` (and its subtree) in `state`; opened today and closing in a week unless a draft. */
const newPulse = async (q: Query, unitId: string, state: 'draft' | 'open' | 'closed'): Promise<string> => {
  const [row] = await q<{ id: string }[]>(
    `INSERT INTO pulses (title, statements, unit_id, state, opens_on, closes_on)
     VALUES ('Matrix pulse', '["A statement"]', $1, $2, $3::date, $4::date) RETURNING id`,
    [unitId, state, state === 'draft' ? null : today(), state === 'draft' ? null : today()],
  );
  return row!.id;
};

const version = async (q: Query, table: string, id: string): Promise<Record<string, string>> => {
  const [row] = await q<{ version: number }[]>(`SELECT version FROM ${table} WHERE id = $1`, [id]);
  return { 'If-Match': `"${row?.version ?? 0}"` };
};

/** A record of learning of `staffId` in `state`, for calls that move or remove one. */
const newLearningRecord = async (
  q: Query,
  staffId: string,
  state: 'submitted' | 'rejected' = 'submitted',
): Promise<string> => {
  const [row] = await q<{ id: string }[]>(
    `INSERT INTO learning_records (staff_id, title, completed_on, hours, evidence_note, state, rejected_at, reject_reason)
     VALUES ($1, 'Matrix learning', current_date, 2, 'Attended', $2::varchar,
             CASE WHEN $2 = 'rejected' THEN now() END, CASE WHEN $2 = 'rejected' THEN 'Add a link' END)
     RETURNING id`,
    [staffId, state],
  );
  return row!.id;
};

/** A draft action plan for the department owned by the target user, with a priority and an action; `status` moves it. */
export async function newActionPlan(
  q: Query,
  fixture: Pick<RouteFixture, 'departmentId' | 'targetUserId'>,
  status: 'draft' | 'active' = 'draft',
): Promise<{ planId: string; priorityId: string; actionId: string }> {
  const [plan] = await q<{ id: string }[]>(
    `INSERT INTO action_plans (title, unit_id, owner_user_id, starts_on, ends_on, status, activated_at)
     VALUES ('Matrix plan', $1, $2, current_date - 30, current_date + 300, $3::varchar,
             CASE WHEN $3 = 'active' THEN now() END) RETURNING id`,
    [fixture.departmentId, fixture.targetUserId, status],
  );
  const [priority] = await q<{ id: string }[]>(
    `INSERT INTO action_plan_priorities (plan_id, target_kind, target_value, due_on)
     VALUES ($1, 'inclusion-share', 60, current_date + 200) RETURNING id`,
    [plan!.id],
  );
  const [action] = await q<{ id: string }[]>(
    `INSERT INTO action_plan_actions (priority_id, kind, description, owner, due_on)
     VALUES ($1, 'text', 'Matrix action', 'Matrix owner', current_date + 100) RETURNING id`,
    [priority!.id],
  );
  return { planId: plan!.id, priorityId: priority!.id, actionId: action!.id };
}

/** An open review cycle of the fixture's department (no reviews: nobody there has a role), made once. */
async function openResultsCycle(q: Query, fixture: RouteFixture): Promise<string> {
  const [found] = await q<{ id: string }[]>(`SELECT id FROM review_cycles WHERE name = 'Matrix results cycle'`);
  if (found) return found.id;
  const [created] = await q<{ id: string }[]>(
    `INSERT INTO review_cycles (name, unit_id, opens_on, closes_on, state, framework_version_id, opened_at)
     VALUES ('Matrix results cycle', $1, '2026-04-01', '2026-06-30', 'open', $2, now()) RETURNING id`,
    [fixture.departmentId, fixture.currentVersionId],
  );
  return created!.id;
}

/** A draft review cycle of the fixture's department, made once: a second cycle to compare the open one with. */
async function draftMatrixCycle(q: Query, fixture: RouteFixture): Promise<string> {
  const [found] = await q<{ id: string }[]>(`SELECT id FROM review_cycles WHERE name = 'Matrix draft cycle'`);
  if (found) return found.id;
  const [created] = await q<{ id: string }[]>(
    `INSERT INTO review_cycles (name, unit_id, opens_on, closes_on, state)
     VALUES ('Matrix draft cycle', $1, '2026-01-01', '2026-03-31', 'draft') RETURNING id`,
    [fixture.departmentId],
  );
  return created!.id;
}

/** A skill the data family's roles require (current version): the matrix head of profession leads data. */
export async function dataFamilySkill(q: Query): Promise<string> {
  const [row] = await q<{ slug: string }[]>(
    `SELECT sk.slug FROM skill_requirements sr JOIN role_levels rl ON rl.id = sr.role_level_id
       JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id
       JOIN skills sk ON sk.id = sr.skill_id JOIN framework_versions v ON v.id = sr.version_id AND v.is_current
      WHERE rf.slug = 'data' ORDER BY sk.slug LIMIT 1`,
  );
  return row!.slug;
}

/** A learning item developing a data-family skill, made once. */
async function matrixLearningItem(q: Query): Promise<string> {
  const [found] = await q<{ id: string }[]>(`SELECT id FROM learning_items WHERE code = 'MX-ITEM'`);
  if (found) return found.id;
  const [created] = await q<{ id: string }[]>(
    `INSERT INTO learning_items (code, title, provider_kind, provider_name, format)
     VALUES ('MX-ITEM', 'Matrix learning item', 'in_house', 'Matrix team', 'course') RETURNING id`,
  );
  await q(`INSERT INTO learning_item_skills (item_id, skill_slug, level) VALUES ($1, $2, 2)`, [
    created!.id,
    await dataFamilySkill(q),
  ]);
  return created!.id;
}

type PlanningFixture = Pick<
  RouteFixture,
  'teamId' | 'locationId' | 'neutralRoleLevelId' | 'gradeId' | 'targetUserId' | 'campaignId'
>;

/** A campaign of the target user in a neutral family (a gap role level), in `state`, running ±200 days. */
export async function newCampaign(
  q: Query,
  fixture: Pick<RouteFixture, 'neutralRoleLevelId' | 'targetUserId'>,
  state: 'draft' | 'open' = 'draft',
): Promise<string> {
  const [row] = await q<{ id: string }[]>(
    `INSERT INTO campaigns (title, kind, owner_user_id, starts_on, ends_on, target_hires, state, opened_at)
     VALUES ('Matrix campaign', 'specialist', $1, current_date - 200, current_date + 200, 3, $2::varchar,
             CASE WHEN $2 = 'open' THEN now() END) RETURNING id`,
    [fixture.targetUserId, state],
  );
  await q('INSERT INTO campaign_gap_role_levels (campaign_id, role_level_id) VALUES ($1, $2)', [
    row!.id,
    fixture.neutralRoleLevelId,
  ]);
  return row!.id;
}

/** A vacancy in a neutral family under the fixture's open campaign, in `state`, its panel chaired by the target user. */
export async function newVacancy(
  q: Query,
  fixture: PlanningFixture,
  state: 'draft' | 'open' = 'draft',
  chaired = true,
): Promise<string> {
  const [row] = await q<{ id: string }[]>(
    `INSERT INTO vacancies (campaign_id, title, role_level_id, grade_id, unit_id, posts, salary_min, salary_max,
                            closes_on, required_checks, state, opened_at)
     VALUES ($1, 'Matrix vacancy', $2, $3, $4, 1, 40000, 50000, current_date + 30, ARRAY['right-to-work'], $5::varchar,
             CASE WHEN $5 = 'open' THEN now() END) RETURNING id`,
    [fixture.campaignId, fixture.neutralRoleLevelId, fixture.gradeId, fixture.teamId, state],
  );
  await q('INSERT INTO vacancy_locations (vacancy_id, location_id) VALUES ($1, $2)', [row!.id, fixture.locationId]);
  if (chaired) {
    await q('INSERT INTO vacancy_panel_members (vacancy_id, user_id, is_chair) VALUES ($1, $2, true)', [
      row!.id,
      fixture.targetUserId,
    ]);
  }
  return row!.id;
}

/** The If-Match of a vacancy's pipeline settings ("0" while it has the defaults). */
async function settingsVersion(q: Query, vacancyId: string): Promise<Record<string, string>> {
  const [row] = await q<{ version: number }[]>('SELECT version FROM vacancy_pipeline_settings WHERE vacancy_id = $1', [
    vacancyId,
  ]);
  return { 'If-Match': `"${row?.version ?? 0}"` };
}

/** A candidate from a channel (a unique email per call); returns its id. */
export async function newCandidate(q: Query, n: number | string): Promise<string> {
  const [row] = await q<{ id: string }[]>(
    `INSERT INTO candidates (full_name, email, channel, university) VALUES ('Matrix Candidate', $1, 'job-board', 'Matrix University')
     RETURNING id`,
    [`matrix-candidate-${n}@example.org`],
  );
  return row!.id;
}

/** An application of a new candidate to the fixture's open vacancy, at `stage`; returns its id. */
/**
 * A live candidate link (straight into the table, as HR's issue would store it) for a fresh candidate with an
 * application in sift: the Authorization header that carries it, and the application.
 */
export async function newLink(
  q: Query,
  fixture: Pick<RouteFixture, 'openVacancyId'>,
  n: number | string,
): Promise<{ headers: Record<string, string>; applicationId: string; candidateId: string }> {
  const applicationId = await newApplication(q, fixture, `link-${n}`);
  const [row] = await q<{ candidate_id: string }[]>('SELECT candidate_id FROM applications WHERE id = $1', [
    applicationId,
  ]);
  const token = `cl_${createHash('sha256').update(`matrix-link-${n}-${randomUUID()}`).digest('base64url')}`;
  await q(
    `INSERT INTO candidate_link_tokens (candidate_id, purpose, token_hash, expires_at)
     VALUES ($1, 'candidate-link', $2, now() + interval '1 day')`,
    [row!.candidate_id, createHash('sha256').update(token).digest()],
  );
  return { headers: { Authorization: `Bearer ${token}` }, applicationId, candidateId: row!.candidate_id };
}

export async function newApplication(
  q: Query,
  fixture: Pick<RouteFixture, 'openVacancyId'>,
  n: number | string,
  stage = 'sift',
): Promise<string> {
  const [row] = await q<{ id: string }[]>(
    `INSERT INTO applications (candidate_id, vacancy_id, stage, stage_entered_at, applied_at)
     VALUES ($1, $2, $3, now(), now()) RETURNING id`,
    [await newCandidate(q, n), fixture.openVacancyId, stage],
  );
  await q(`INSERT INTO application_stage_moves (application_id, to_stage, moved_at) VALUES ($1, 'applied', now())`, [
    row!.id,
  ]);
  return row!.id;
}

/** A made offer on `applicationId` (45,000 a year, starting in 30 days, open for 7); returns its id. */
export async function newOffer(q: Query, applicationId: string): Promise<string> {
  const [row] = await q<{ id: string }[]>(
    `INSERT INTO offers (application_id, salary, starts_on, expires_on, made_at)
     VALUES ($1, 45000, current_date + 30, current_date + 7, now()) RETURNING id`,
    [applicationId],
  );
  return row!.id;
}

/** An application at the pre-employment checks with its vacancy's checks pending; returns its id. */
export async function newApplicationAtChecks(
  q: Query,
  fixture: Pick<RouteFixture, 'openVacancyId'>,
  n: number | string,
): Promise<string> {
  const id = await newApplication(q, fixture, n, 'pre-employment-checks');
  await q(
    `INSERT INTO pre_employment_checks (application_id, "check")
     SELECT $1, unnest(required_checks) FROM vacancies WHERE id = $2`,
    [id, fixture.openVacancyId],
  );
  return id;
}

export const ROUTE_CALLS: Readonly<Record<string, (c: CallContext) => RouteCall | Promise<RouteCall>>> = {
  [`POST ${API}/auth/login`]: ({ fixture }) => ({
    path: `${API}/auth/login`,
    body: { email: fixture.targetUserEmail, password: 'correct-horse-battery-staple' },
    ok: [200],
  }),
  [`POST ${API}/auth/refresh`]: async ({ refreshToken }) => ({
    path: `${API}/auth/refresh`,
    body: { refreshToken: await refreshToken() },
    ok: [200],
  }),
  [`POST ${API}/auth/logout`]: () => ({ path: `${API}/auth/logout`, body: {}, ok: [204], table: 'refresh_tokens' }),
  [`GET ${API}/me`]: () => ({ path: `${API}/me`, ok: [200] }),
  [`GET ${API}/users`]: () => ({ path: `${API}/users`, ok: [200] }),
  [`POST ${API}/users`]: ({ n }) => ({
    path: `${API}/users`,
    body: { email: `matrix${n}@department.example`, displayName: `Matrix ${n}`, roles: ['staff'] },
    ok: [201],
    table: 'users',
  }),
  [`GET ${API}/users/:id`]: ({ fixture }) => ({ path: `${API}/users/${fixture.targetUserId}`, ok: [200] }),
  [`PATCH ${API}/users/:id`]: async ({ fixture, n, query }) => ({
    path: `${API}/users/${fixture.targetUserId}`,
    headers: await version(query, 'users', fixture.targetUserId),
    body: { displayName: `Renamed ${n}` },
    ok: [200],
    table: 'users',
  }),
  [`GET ${API}/audit-events`]: () => ({ path: `${API}/audit-events`, ok: [200] }),
  [`GET ${API}/framework/role-families`]: () => ({ path: `${API}/framework/role-families`, ok: [200] }),
  [`GET ${API}/framework/roles/:id`]: ({ fixture }) => ({
    path: `${API}/framework/roles/${fixture.roleSlug}`,
    ok: [200],
  }),
  [`GET ${API}/framework/skills`]: () => ({ path: `${API}/framework/skills`, ok: [200] }),
  [`GET ${API}/framework/skills/:id`]: ({ fixture }) => ({
    path: `${API}/framework/skills/${fixture.skillSlug}`,
    ok: [200],
  }),
  [`GET ${API}/framework/versions`]: () => ({ path: `${API}/framework/versions`, ok: [200] }),
  // A real framework document is large; an empty one gets past authorisation to the validator (422).
  [`POST ${API}/framework/versions`]: () => ({
    path: `${API}/framework/versions`,
    body: {},
    ok: [422],
    table: 'framework_versions',
  }),
  [`GET ${API}/framework/versions/:id`]: ({ fixture }) => ({
    path: `${API}/framework/versions/${fixture.currentVersionId}`,
    ok: [200],
  }),
  // Already current: answered as is, nothing changes.
  [`POST ${API}/framework/versions/:id/make-current`]: ({ fixture }) => ({
    path: `${API}/framework/versions/${fixture.currentVersionId}/make-current`,
    ok: [200],
    table: 'framework_versions',
  }),
  [`GET ${API}/framework/versions/:id/diff`]: ({ fixture }) => ({
    path: `${API}/framework/versions/${fixture.currentVersionId}/diff`,
    query: { against: fixture.currentVersionId },
    ok: [200],
  }),
  [`GET ${API}/reference/inclusion-levels`]: () => ({ path: `${API}/reference/inclusion-levels`, ok: [200] }),
  [`GET ${API}/reference/grades`]: () => ({ path: `${API}/reference/grades`, ok: [200] }),
  [`GET ${API}/organisation-units`]: () => ({ path: `${API}/organisation-units`, ok: [200] }),
  [`POST ${API}/organisation-units`]: ({ fixture, n }) => ({
    path: `${API}/organisation-units`,
    body: { code: `MX${n}`, name: `Matrix unit ${n}`, type: 'team', parentId: fixture.departmentId },
    ok: [201],
    table: 'organisation_units',
  }),
  [`GET ${API}/organisation-units/:id`]: ({ fixture }) => ({
    path: `${API}/organisation-units/${fixture.teamId}`,
    ok: [200],
  }),
  [`PATCH ${API}/organisation-units/:id`]: async ({ fixture, n, query }) => ({
    path: `${API}/organisation-units/${fixture.teamId}`,
    headers: await version(query, 'organisation_units', fixture.teamId),
    body: { name: `Team ${n}` },
    ok: [200],
    table: 'organisation_units',
  }),
  [`GET ${API}/locations`]: () => ({ path: `${API}/locations`, ok: [200] }),
  [`POST ${API}/locations`]: ({ n }) => ({
    path: `${API}/locations`,
    body: { code: `LX${n}`, name: `Matrix location ${n}`, region: 'North East' },
    ok: [201],
    table: 'locations',
  }),
  [`GET ${API}/locations/:id`]: ({ fixture }) => ({ path: `${API}/locations/${fixture.locationId}`, ok: [200] }),
  [`PATCH ${API}/locations/:id`]: async ({ fixture, n, query }) => ({
    path: `${API}/locations/${fixture.locationId}`,
    headers: await version(query, 'locations', fixture.locationId),
    body: { name: `Location ${n}` },
    ok: [200],
    table: 'locations',
  }),
  [`GET ${API}/staff`]: () => ({ path: `${API}/staff`, ok: [200] }),
  [`POST ${API}/staff`]: ({ fixture, n }) => ({
    path: `${API}/staff`,
    body: { staffNumber: `MX${n}`, fullName: `Matrix ${n}`, unitId: fixture.teamId, employmentType: 'permanent' },
    ok: [201],
    table: 'staff',
  }),
  [`GET ${API}/staff/:id`]: ({ fixture }) => ({ path: `${API}/staff/${fixture.targetStaffId}`, ok: [200] }),
  [`PATCH ${API}/staff/:id`]: async ({ fixture, n, query }) => ({
    path: `${API}/staff/${fixture.targetStaffId}`,
    headers: await version(query, 'staff', fixture.targetStaffId),
    body: { fullName: `Target ${n}` },
    ok: [200],
    table: 'staff',
  }),
  [`GET ${API}/staff/export.csv`]: () => ({ path: `${API}/staff/export.csv`, ok: [200] }),
  [`POST ${API}/staff/import`]: () => ({
    path: `${API}/staff/import`,
    query: { dryRun: 'true' },
    // A header row and no data: checked, nothing to write (a dry run writes nothing anyway).
    csv: `${STAFF_CSV_COLUMNS.join(',')}\n`,
    ok: [200],
    table: 'staff',
  }),
  [`GET ${API}/staff/:staffId/role-assignments`]: ({ fixture }) => ({
    path: `${API}/staff/${fixture.targetStaffId}/role-assignments`,
    ok: [200],
  }),
  [`POST ${API}/staff/:staffId/role-assignments`]: ({ fixture, n }) => ({
    path: `${API}/staff/${fixture.targetStaffId}/role-assignments`,
    body: {
      roleLevelSlug: fixture.neutralRoleLevelSlugs[n % fixture.neutralRoleLevelSlugs.length],
      isPrimary: false,
    },
    ok: [201],
    table: 'role_assignments',
  }),
  [`GET ${API}/staff/:staffId/inclusion-assessments`]: ({ fixture }) => ({
    path: `${API}/staff/${fixture.targetStaffId}/inclusion-assessments`,
    ok: [200],
  }),
  [`POST ${API}/staff/:staffId/inclusion-assessments`]: ({ fixture, n }) => ({
    path: `${API}/staff/${fixture.targetStaffId}/inclusion-assessments`,
    body: { level: (n % 9) + 1 },
    ok: [201],
    table: 'inclusion_assessments',
  }),
  [`GET ${API}/me/inclusion`]: () => ({ path: `${API}/me/inclusion`, ok: [200] }),
  [`GET ${API}/inclusion/questionnaire`]: () => ({ path: `${API}/inclusion/questionnaire`, ok: [200] }),
  [`POST ${API}/me/inclusion-assessments/questionnaire`]: ({ n }) => ({
    path: `${API}/me/inclusion-assessments/questionnaire`,
    body: {
      online: 'yes',
      wantsToDoMore: n % 2 === 0,
      email: true,
      search: true,
      onlineForms: true,
      videoCalls: true,
      staySafe: true,
      solvesProblems: false,
      digitalIsMainWork: false,
    },
    ok: [201],
    table: 'inclusion_assessments',
  }),
  [`GET ${API}/pulses`]: () => ({ path: `${API}/pulses`, ok: [200] }),
  [`POST ${API}/pulses`]: ({ fixture, n }) => ({
    path: `${API}/pulses`,
    body: { title: `Matrix pulse ${n}`, statements: ['A statement'], unitId: fixture.departmentId },
    ok: [201],
    table: 'pulses',
  }),
  [`GET ${API}/pulses/trend`]: () => ({ path: `${API}/pulses/trend`, ok: [200] }),
  [`GET ${API}/pulses/:id`]: ({ fixture }) => ({ path: `${API}/pulses/${fixture.draftPulseId}`, ok: [200] }),
  [`PATCH ${API}/pulses/:id`]: async ({ fixture, n, query }) => ({
    path: `${API}/pulses/${fixture.draftPulseId}`,
    headers: await version(query, 'pulses', fixture.draftPulseId),
    body: { title: `Matrix pulse ${n}` },
    ok: [200],
    table: 'pulses',
  }),
  [`POST ${API}/pulses/:id/open`]: async ({ fixture, query }) => ({
    path: `${API}/pulses/${await newPulse(query, fixture.departmentId, 'draft')}/open`,
    body: { closesOn: today() },
    ok: [200],
    table: 'pulses',
  }),
  [`POST ${API}/pulses/:id/close`]: async ({ fixture, query }) => ({
    path: `${API}/pulses/${await newPulse(query, fixture.departmentId, 'open')}/close`,
    ok: [200],
    table: 'pulses',
  }),
  [`GET ${API}/pulses/:id/results`]: ({ fixture }) => ({
    path: `${API}/pulses/${fixture.closedPulseId}/results`,
    query: { by: 'unit' },
    ok: [200],
  }),
  [`GET ${API}/me/pulses`]: () => ({ path: `${API}/me/pulses`, ok: [200] }),
  // A pulse sent to the caller's department, fresh for each call (one answer each).
  [`POST ${API}/pulses/:id/responses`]: async ({ fixture, query }) => ({
    path: `${API}/pulses/${await newPulse(query, fixture.departmentId, 'open')}/responses`,
    body: { ratings: [4] },
    ok: [201],
    table: 'pulse_answers',
  }),
  [`POST ${API}/review-cycles`]: ({ fixture, n }) => ({
    path: `${API}/review-cycles`,
    body: { name: `Matrix cycle ${n}`, unitId: fixture.reviewUnitId, opensOn: '2026-04-01', closesOn: '2026-06-30' },
    ok: [201],
    table: 'review_cycles',
  }),
  [`GET ${API}/review-cycles`]: () => ({ path: `${API}/review-cycles`, ok: [200] }),
  [`GET ${API}/review-cycles/:id`]: ({ fixture }) => ({
    path: `${API}/review-cycles/${fixture.openCycleId}`,
    ok: [200],
  }),
  [`PATCH ${API}/review-cycles/:id`]: async ({ fixture, n, query }) => ({
    path: `${API}/review-cycles/${fixture.draftCycleId}`,
    headers: await version(query, 'review_cycles', fixture.draftCycleId),
    body: { name: `Matrix draft ${n}` },
    ok: [200],
    table: 'review_cycles',
  }),
  // A draft of its own (for an empty unit) for each call, so every allowed call opens one.
  [`POST ${API}/review-cycles/:id/open`]: async ({ query }) => ({
    path: `${API}/review-cycles/${await insertCycle(query, 'draft')}/open`,
    ok: [200],
    table: 'review_cycles',
  }),
  [`POST ${API}/review-cycles/:id/close`]: async ({ query }) => ({
    path: `${API}/review-cycles/${await insertCycle(query, 'open')}/close`,
    ok: [200],
    table: 'review_cycles',
  }),
  [`GET ${API}/review-cycles/:id/left-out`]: ({ fixture }) => ({
    path: `${API}/review-cycles/${fixture.openCycleId}/left-out`,
    ok: [200],
  }),
  // Callers without a review in an open cycle: 404.
  [`GET ${API}/me/skills-review`]: () => ({ path: `${API}/me/skills-review`, ok: [200, 404] }),
  [`GET ${API}/skill-reviews`]: ({ fixture }) => ({
    path: `${API}/skill-reviews`,
    ok: [200],
    hidden: [fixture.reviewId, fixture.reviewTargetStaffId],
  }),
  [`GET ${API}/skill-reviews/:id`]: ({ fixture }) => ({
    path: `${API}/skill-reviews/${fixture.reviewId}`,
    ok: [200],
    notFound: 'skill-review-not-found',
  }),
  [`PUT ${API}/skill-reviews/:id/self-assessment`]: async ({ fixture, query }) => ({
    path: `${API}/skill-reviews/${fixture.reviewId}/self-assessment`,
    headers: await version(query, 'skill_reviews', fixture.reviewId),
    body: { ratings: fixture.reviewSkillIds.map((skillId) => ({ skillId, level: 2 })) },
    ok: [200, 403],
    table: 'skill_review_ratings',
    notFound: 'skill-review-not-found',
  }),
  [`POST ${API}/skill-reviews/:id/submit`]: ({ fixture }) => ({
    path: `${API}/skill-reviews/${fixture.reviewId}/submit`,
    ok: [200, 403],
    table: 'skill_reviews',
    notFound: 'skill-review-not-found',
  }),
  [`PUT ${API}/skill-reviews/:id/validation`]: async ({ fixture, query }) => ({
    path: `${API}/skill-reviews/${fixture.reviewId}/validation`,
    headers: await version(query, 'skill_reviews', fixture.reviewId),
    body: { ratings: fixture.reviewSkillIds.map((skillId) => ({ skillId, level: 2 })) },
    ok: [200, 403, 409],
    table: 'skill_review_ratings',
    notFound: 'skill-review-not-found',
  }),
  [`POST ${API}/skill-reviews/:id/return`]: ({ fixture }) => ({
    path: `${API}/skill-reviews/${fixture.reviewId}/return`,
    body: { reason: 'Please add evidence' },
    ok: [200, 403, 409],
    table: 'skill_reviews',
    notFound: 'skill-review-not-found',
  }),
  // Callers without a staff record (404) or a role level (422) get the route's own answer.
  [`GET ${API}/me/gaps`]: () => ({ path: `${API}/me/gaps`, ok: [200, 404, 422] }),
  [`GET ${API}/staff/:id/gaps`]: ({ fixture }) => ({
    path: `${API}/staff/${fixture.reviewTargetStaffId}/gaps`,
    ok: [200],
  }),
  [`POST ${API}/review-cycles/:id/results/import`]: async ({ fixture, query }) => ({
    path: `${API}/review-cycles/${await openResultsCycle(query, fixture)}/results/import`,
    query: { dryRun: 'true' },
    // A header row and no data: checked, nothing to write (a dry run writes nothing anyway).
    csv: `${RESULTS_IMPORT_COLUMNS.join(',')}\n`,
    ok: [200],
    table: 'skill_review_ratings',
  }),
  [`GET ${API}/review-cycles/:id/results.csv`]: async ({ fixture, query }) => ({
    path: `${API}/review-cycles/${await openResultsCycle(query, fixture)}/results.csv`,
    ok: [200],
  }),
  [`GET ${API}/learning-items`]: () => ({ path: `${API}/learning-items`, ok: [200] }),
  [`POST ${API}/learning-items`]: async ({ n, query }) => ({
    path: `${API}/learning-items`,
    body: {
      code: `MX-${n}`,
      title: `Matrix course ${n}`,
      providerKind: 'supplier',
      providerName: 'Matrix Training',
      format: 'course',
      skills: [{ slug: await dataFamilySkill(query), level: 2 }],
    },
    ok: [201],
    table: 'learning_items',
  }),
  [`GET ${API}/learning-items/:id`]: async ({ query }) => ({
    path: `${API}/learning-items/${await matrixLearningItem(query)}`,
    ok: [200],
  }),
  [`PATCH ${API}/learning-items/:id`]: async ({ n, query }) => {
    const id = await matrixLearningItem(query);
    return {
      path: `${API}/learning-items/${id}`,
      headers: await version(query, 'learning_items', id),
      body: { title: `Matrix learning item ${n}` },
      ok: [200],
      table: 'learning_items',
      notFound: 'learning-item-not-found',
    };
  },
  [`POST ${API}/learning-items/:id/retire`]: async ({ query }) => {
    const id = await matrixLearningItem(query);
    return {
      path: `${API}/learning-items/${id}/retire`,
      headers: await version(query, 'learning_items', id),
      ok: [200],
      table: 'learning_items',
      notFound: 'learning-item-not-found',
    };
  },
  [`POST ${API}/learning-items/:id/reactivate`]: async ({ query }) => {
    const id = await matrixLearningItem(query);
    return {
      path: `${API}/learning-items/${id}/reactivate`,
      headers: await version(query, 'learning_items', id),
      ok: [200],
      table: 'learning_items',
      notFound: 'learning-item-not-found',
    };
  },
  [`POST ${API}/learning-items/import`]: () => ({
    path: `${API}/learning-items/import`,
    query: { dryRun: 'true' },
    // A header row and no data: checked, nothing to write.
    csv: `${CATALOGUE_CSV_COLUMNS.join(',')}\n`,
    ok: [200],
    table: 'learning_items',
  }),
  [`GET ${API}/learning-items/export.csv`]: () => ({ path: `${API}/learning-items/export.csv`, ok: [200] }),
  [`GET ${API}/learning-map`]: () => ({ path: `${API}/learning-map`, query: { roleFamily: 'data' }, ok: [200] }),
  // Callers without a staff record: 404 no-staff-record.
  [`GET ${API}/me/learning-records`]: () => ({ path: `${API}/me/learning-records`, ok: [200, 404] }),
  [`POST ${API}/me/learning-records`]: () => ({
    path: `${API}/me/learning-records`,
    body: { title: 'Matrix learning', completedOn: '2025-06-02', hours: 2, evidenceNote: 'Attended' },
    ok: [201, 404],
    table: 'learning_records',
  }),
  [`GET ${API}/staff/:staffId/learning-records`]: ({ fixture }) => ({
    path: `${API}/staff/${fixture.targetStaffId}/learning-records`,
    ok: [200],
  }),
  [`POST ${API}/staff/:staffId/learning-records`]: ({ fixture }) => ({
    path: `${API}/staff/${fixture.targetStaffId}/learning-records`,
    body: { title: 'Matrix learning', completedOn: '2025-06-02', hours: 2, evidenceNote: 'Attended' },
    ok: [201],
    table: 'learning_records',
  }),
  [`GET ${API}/learning-records`]: ({ fixture }) => ({
    path: `${API}/learning-records`,
    ok: [200],
    hidden: [fixture.learningRecordId],
  }),
  [`GET ${API}/learning-records/:id`]: ({ fixture }) => ({
    path: `${API}/learning-records/${fixture.learningRecordId}`,
    ok: [200],
    notFound: 'learning-record-not-found',
  }),
  // Nobody calling is the target: those who reach the record meet the owner rule (403 not-record-owner).
  [`PATCH ${API}/learning-records/:id`]: async ({ fixture, query }) => ({
    path: `${API}/learning-records/${fixture.learningRecordId}`,
    headers: await version(query, 'learning_records', fixture.learningRecordId),
    body: { hours: 3 },
    ok: [200, 403],
    table: 'learning_records',
    notFound: 'learning-record-not-found',
  }),
  [`DELETE ${API}/learning-records/:id`]: async ({ fixture, query }) => ({
    path: `${API}/learning-records/${fixture.learningRecordId}`,
    headers: await version(query, 'learning_records', fixture.learningRecordId),
    ok: [204, 403],
    table: 'learning_records',
    notFound: 'learning-record-not-found',
  }),
  [`POST ${API}/learning-records/:id/resubmit`]: async ({ fixture, query }) => ({
    path: `${API}/learning-records/${await newLearningRecord(query, fixture.targetStaffId, 'rejected')}/resubmit`,
    ok: [200, 403],
    table: 'learning_records',
    notFound: 'learning-record-not-found',
  }),
  // A fresh submitted record of the target for each call, so every allowed call moves one.
  [`POST ${API}/learning-records/:id/verify`]: async ({ fixture, query }) => ({
    path: `${API}/learning-records/${await newLearningRecord(query, fixture.targetStaffId)}/verify`,
    ok: [200],
    table: 'learning_records',
    notFound: 'learning-record-not-found',
  }),
  [`POST ${API}/learning-records/:id/reject`]: async ({ fixture, query }) => ({
    path: `${API}/learning-records/${await newLearningRecord(query, fixture.targetStaffId)}/reject`,
    body: { reason: 'Please add a link' },
    ok: [200],
    table: 'learning_records',
    notFound: 'learning-record-not-found',
  }),
  // Callers without a staff record (404) or a role level (422) get the route's own answer, as for gaps.
  [`GET ${API}/me/recommendations`]: () => ({ path: `${API}/me/recommendations`, ok: [200, 404, 422] }),
  [`GET ${API}/staff/:id/recommendations`]: ({ fixture }) => ({
    path: `${API}/staff/${fixture.reviewTargetStaffId}/recommendations`,
    ok: [200],
  }),
  [`GET ${API}/action-plans`]: ({ fixture }) => ({
    path: `${API}/action-plans`,
    ok: [200],
    hidden: [fixture.actionPlanId],
  }),
  // Staff pass the permission check (they manage plans they own) but only HR, admins and heads of profession (for
  // a family they lead) create: the service answers 403 action-plan-management-not-allowed.
  [`POST ${API}/action-plans`]: () => ({
    path: `${API}/action-plans`,
    body: { title: 'Matrix family plan', roleFamilySlug: 'data', startsOn: '2026-04-01', endsOn: '2027-03-31' },
    ok: [201, 403],
    table: 'action_plans',
  }),
  [`GET ${API}/action-plans/:id`]: ({ fixture }) => ({
    path: `${API}/action-plans/${fixture.actionPlanId}`,
    ok: [200],
    notFound: 'action-plan-not-found',
  }),
  [`PATCH ${API}/action-plans/:id`]: async ({ fixture, query }) => {
    const { planId } = await newActionPlan(query, fixture);
    return {
      path: `${API}/action-plans/${planId}`,
      headers: { 'If-Match': '"1"' },
      body: { title: 'Matrix plan, renamed' },
      ok: [200],
      table: 'action_plans',
      notFound: 'action-plan-not-found',
    };
  },
  [`POST ${API}/action-plans/:id/activate`]: async ({ fixture, query }) => ({
    path: `${API}/action-plans/${(await newActionPlan(query, fixture)).planId}/activate`,
    ok: [200],
    table: 'action_plans',
    notFound: 'action-plan-not-found',
  }),
  [`POST ${API}/action-plans/:id/close`]: async ({ fixture, query }) => ({
    path: `${API}/action-plans/${(await newActionPlan(query, fixture, 'active')).planId}/close`,
    ok: [200],
    table: 'action_plans',
    notFound: 'action-plan-not-found',
  }),
  [`GET ${API}/action-plans/:id/progress`]: ({ fixture }) => ({
    path: `${API}/action-plans/${fixture.actionPlanId}/progress`,
    ok: [200],
    notFound: 'action-plan-not-found',
  }),
  [`POST ${API}/action-plans/:id/priorities`]: ({ fixture }) => ({
    path: `${API}/action-plans/${fixture.actionPlanId}/priorities`,
    body: { targetKind: 'inclusion-share', targetValue: 70, dueOn: today() },
    ok: [201],
    table: 'action_plan_priorities',
    notFound: 'action-plan-not-found',
  }),
  [`POST ${API}/action-plans/:id/priorities/:priorityId/actions`]: async ({ fixture, query }) => {
    const { planId, priorityId } = await newActionPlan(query, fixture);
    return {
      path: `${API}/action-plans/${planId}/priorities/${priorityId}/actions`,
      // A mentoring pair: the target (in the plan's department) mentored by the reviewee, any active member of staff.
      body: {
        kind: 'shadowing',
        pairs: [{ mentorStaffId: fixture.reviewTargetStaffId, menteeStaffId: fixture.targetStaffId }],
        description: 'Matrix action',
        owner: 'Matrix owner',
        dueOn: today(),
      },
      ok: [201],
      table: 'action_plan_actions',
      notFound: 'action-plan-not-found',
    };
  },
  [`PATCH ${API}/action-plans/:id/actions/:actionId`]: async ({ fixture, query }) => {
    const { planId, actionId } = await newActionPlan(query, fixture);
    return {
      path: `${API}/action-plans/${planId}/actions/${actionId}`,
      headers: { 'If-Match': '"1"' },
      body: { status: 'done' },
      ok: [200],
      table: 'action_plan_actions',
      notFound: 'action-plan-not-found',
    };
  },
  [`GET ${API}/establishment`]: ({ fixture }) => ({
    path: `${API}/establishment`,
    ok: [200],
    hidden: [fixture.establishmentPostId],
  }),
  // Each call funds a year of its own, so no two overlap.
  [`POST ${API}/establishment`]: ({ fixture, n }) => ({
    path: `${API}/establishment`,
    body: {
      unitId: fixture.teamId,
      roleLevelId: fixture.neutralRoleLevelId,
      gradeId: fixture.gradeId,
      fundedPosts: 2,
      startsOn: `${2100 + n}-04-01`,
      endsOn: `${2101 + n}-04-01`,
    },
    ok: [201],
    table: 'establishment_posts',
  }),
  [`GET ${API}/establishment/summary`]: ({ fixture }) => ({
    path: `${API}/establishment/summary`,
    query: { unitId: fixture.departmentId },
    ok: [200],
  }),
  [`GET ${API}/establishment/:id`]: ({ fixture }) => ({
    path: `${API}/establishment/${fixture.establishmentPostId}`,
    ok: [200],
    notFound: 'establishment-post-not-found',
  }),
  [`PATCH ${API}/establishment/:id`]: async ({ fixture, n, query }) => ({
    path: `${API}/establishment/${fixture.establishmentPostId}`,
    headers: await version(query, 'establishment_posts', fixture.establishmentPostId),
    body: { fundedPosts: 1 + (n % 50) },
    ok: [200],
    table: 'establishment_posts',
    notFound: 'establishment-post-not-found',
  }),
  [`GET ${API}/partners`]: () => ({ path: `${API}/partners`, ok: [200] }),
  [`POST ${API}/partners`]: ({ n }) => ({
    path: `${API}/partners`,
    body: {
      name: `Matrix partner ${n}`,
      kind: 'agency',
      country: 'GB',
      contractStartsOn: '2026-04-01',
      serviceLevels: [{ metric: 'days-to-shortlist', target: 10 }],
    },
    ok: [201],
    table: 'partners',
  }),
  [`GET ${API}/partners/:id`]: ({ fixture }) => ({ path: `${API}/partners/${fixture.partnerId}`, ok: [200] }),
  [`GET ${API}/partners/:id/performance`]: ({ fixture }) => ({
    path: `${API}/partners/${fixture.partnerId}/performance`,
    query: { from: '2026-01', to: '2026-03' },
    ok: [200],
  }),
  [`PATCH ${API}/partners/:id`]: async ({ fixture, n, query }) => ({
    path: `${API}/partners/${fixture.partnerId}`,
    headers: await version(query, 'partners', fixture.partnerId),
    body: { name: `Matrix partner, renamed ${n}` },
    ok: [200],
    table: 'partners',
  }),
  [`GET ${API}/campaigns`]: ({ fixture }) => ({
    path: `${API}/campaigns`,
    ok: [200],
    hidden: [fixture.campaignId],
  }),
  [`POST ${API}/campaigns`]: ({ fixture }) => ({
    path: `${API}/campaigns`,
    body: {
      title: 'Matrix campaign',
      kind: 'graduate',
      startsOn: today(),
      endsOn: '2099-12-31',
      targetHires: 2,
      partnerIds: [fixture.partnerId],
      gap: { roleLevelIds: [fixture.neutralRoleLevelId] },
    },
    ok: [201],
    table: 'campaigns',
  }),
  [`GET ${API}/campaigns/:id`]: ({ fixture }) => ({
    path: `${API}/campaigns/${fixture.campaignId}`,
    ok: [200],
    notFound: 'campaign-not-found',
  }),
  [`PATCH ${API}/campaigns/:id`]: async ({ fixture, query }) => ({
    path: `${API}/campaigns/${await newCampaign(query, fixture)}`,
    headers: { 'If-Match': '"1"' },
    body: { title: 'Matrix campaign, renamed', targetHires: 4 },
    ok: [200],
    table: 'campaigns',
    notFound: 'campaign-not-found',
  }),
  [`POST ${API}/campaigns/:id/open`]: async ({ fixture, query }) => ({
    path: `${API}/campaigns/${await newCampaign(query, fixture)}/open`,
    ok: [200],
    table: 'campaigns',
    notFound: 'campaign-not-found',
  }),
  [`POST ${API}/campaigns/:id/close`]: async ({ fixture, query }) => ({
    path: `${API}/campaigns/${await newCampaign(query, fixture, 'open')}/close`,
    ok: [200],
    table: 'campaigns',
    notFound: 'campaign-not-found',
  }),
  [`GET ${API}/vacancies`]: ({ fixture }) => ({
    path: `${API}/vacancies`,
    ok: [200],
    hidden: [fixture.vacancyId],
  }),
  [`POST ${API}/vacancies`]: ({ fixture }) => ({
    path: `${API}/vacancies`,
    body: {
      campaignId: fixture.campaignId,
      title: 'Matrix vacancy',
      roleLevelId: fixture.neutralRoleLevelId,
      gradeId: fixture.gradeId,
      unitId: fixture.teamId,
      locationIds: [fixture.locationId],
      posts: 1,
      salaryMin: 40000,
      salaryMax: 45000,
      closesOn: today(),
      panel: [{ userId: fixture.targetUserId, chair: true }],
    },
    ok: [201],
    table: 'vacancies',
  }),
  [`GET ${API}/vacancies/:id`]: ({ fixture }) => ({
    path: `${API}/vacancies/${fixture.vacancyId}`,
    ok: [200],
    notFound: 'vacancy-not-found',
  }),
  [`PATCH ${API}/vacancies/:id`]: async ({ fixture, query }) => ({
    path: `${API}/vacancies/${await newVacancy(query, fixture)}`,
    headers: { 'If-Match': '"1"' },
    body: { posts: 2, salaryMax: 48000 },
    ok: [200],
    table: 'vacancies',
    notFound: 'vacancy-not-found',
  }),
  [`POST ${API}/vacancies/:id/open`]: async ({ fixture, query }) => ({
    path: `${API}/vacancies/${await newVacancy(query, fixture)}/open`,
    ok: [200],
    table: 'vacancies',
    notFound: 'vacancy-not-found',
  }),
  [`POST ${API}/vacancies/:id/close`]: async ({ fixture, query }) => ({
    path: `${API}/vacancies/${await newVacancy(query, fixture, 'open')}/close`,
    ok: [200],
    table: 'vacancies',
    notFound: 'vacancy-not-found',
  }),
  [`POST ${API}/vacancies/:id/withdraw`]: async ({ fixture, query }) => ({
    path: `${API}/vacancies/${await newVacancy(query, fixture)}/withdraw`,
    ok: [200],
    table: 'vacancies',
    notFound: 'vacancy-not-found',
  }),
  [`GET ${API}/candidates`]: ({ fixture }) => ({
    path: `${API}/candidates`,
    ok: [200],
    hidden: [fixture.candidateId],
  }),
  [`POST ${API}/candidates`]: ({ n }) => ({
    path: `${API}/candidates`,
    body: { fullName: 'Matrix Candidate', email: `matrix-new-${n}@example.org`, channel: 'referral' },
    ok: [201],
    table: 'candidates',
  }),
  [`POST ${API}/candidates/import`]: ({ n }) => ({
    path: `${API}/candidates/import`,
    query: { channel: 'job-board' },
    csv: `${CANDIDATE_CSV_COLUMNS.join(',')}\nImported Candidate,matrix-imported-${n}@example.org,,,,,,\n`,
    ok: [201],
    table: 'candidates',
  }),
  [`GET ${API}/candidates/:id`]: ({ fixture }) => ({
    path: `${API}/candidates/${fixture.candidateId}`,
    ok: [200],
    notFound: 'candidate-not-found',
  }),
  [`PATCH ${API}/candidates/:id`]: async ({ n, query }) => ({
    path: `${API}/candidates/${await newCandidate(query, `patched-${n}`)}`,
    headers: { 'If-Match': '"1"' },
    body: { course: 'MSc Data Science', graduationYear: 2027 },
    ok: [200],
    table: 'candidates',
  }),
  [`GET ${API}/applications`]: ({ fixture }) => ({
    path: `${API}/applications`,
    ok: [200],
    hidden: [fixture.applicationId],
  }),
  [`POST ${API}/applications`]: async ({ fixture, n, query }) => ({
    path: `${API}/applications`,
    body: { candidateId: await newCandidate(query, `applying-${n}`), vacancyId: fixture.openVacancyId },
    ok: [201],
    table: 'applications',
  }),
  [`GET ${API}/applications/:id`]: ({ fixture }) => ({
    path: `${API}/applications/${fixture.applicationId}`,
    ok: [200],
    notFound: 'application-not-found',
  }),
  [`POST ${API}/applications/:id/transitions`]: async ({ fixture, n, query }) => ({
    path: `${API}/applications/${await newApplication(query, fixture, `moved-${n}`)}/transitions`,
    headers: { 'If-Match': '"1"' },
    body: { to: 'interview', reason: 'Strong sift' },
    ok: [200],
    table: 'applications',
    notFound: 'application-not-found',
  }),
  [`PUT ${API}/applications/:id/scores/:stage`]: async ({ fixture, n, query }) => ({
    path: `${API}/applications/${await newApplication(query, fixture, `scored-${n}`)}/scores/sift`,
    body: { behaviours: [{ behaviour: 'working-together', score: 5 }], technicalSkills: [] },
    ok: [200],
    table: 'application_scores',
    notFound: 'application-not-found',
  }),
  [`GET ${API}/applications/:id/offers`]: ({ fixture }) => ({
    path: `${API}/applications/${fixture.applicationId}/offers`,
    ok: [200],
    notFound: 'application-not-found',
  }),
  [`POST ${API}/applications/:id/offers`]: async ({ fixture, n, query }) => ({
    path: `${API}/applications/${await newApplication(query, fixture, `offered-${n}`, 'offer')}/offers`,
    body: {
      salary: 45000,
      startsOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      expiresOn: new Date().toISOString().slice(0, 10),
    },
    ok: [201],
    table: 'offers',
    notFound: 'application-not-found',
  }),
  [`GET ${API}/offers/:id`]: ({ fixture }) => ({
    path: `${API}/offers/${fixture.offerId}`,
    ok: [200],
    notFound: 'offer-not-found',
  }),
  [`POST ${API}/offers/:id/response`]: async ({ fixture, n, query }) => ({
    path: `${API}/offers/${await newOffer(query, await newApplication(query, fixture, `answered-${n}`, 'offer'))}/response`,
    headers: { 'If-Match': '"1"' },
    body: { decision: 'declined' },
    ok: [200],
    table: 'offers',
    notFound: 'offer-not-found',
  }),
  [`POST ${API}/offers/:id/withdrawal`]: async ({ fixture, n, query }) => ({
    path: `${API}/offers/${await newOffer(query, await newApplication(query, fixture, `withdrawn-${n}`, 'offer'))}/withdrawal`,
    headers: { 'If-Match': '"1"' },
    body: { reason: 'Post no longer funded' },
    ok: [200],
    table: 'offers',
    notFound: 'offer-not-found',
  }),
  [`GET ${API}/applications/:id/checks`]: ({ fixture }) => ({
    path: `${API}/applications/${fixture.applicationId}/checks`,
    ok: [200],
    notFound: 'application-not-found',
  }),
  [`PUT ${API}/applications/:id/checks/:check`]: async ({ fixture, n, query }) => ({
    path: `${API}/applications/${await newApplicationAtChecks(query, fixture, `checked-${n}`)}/checks/right-to-work`,
    headers: { 'If-Match': '"1"' },
    body: { state: 'passed', note: 'Passport seen' },
    ok: [200],
    table: 'pre_employment_checks',
    notFound: 'application-not-found',
  }),
  [`POST ${API}/applications/:id/reserve-placements`]: async ({ fixture, n, query }) => ({
    path: `${API}/applications/${await newApplication(query, fixture, `reserve-${n}`, 'reserve')}/reserve-placements`,
    body: { vacancyId: fixture.matchingVacancyId },
    ok: [201],
    table: 'applications',
    notFound: 'application-not-found',
  }),
  [`GET ${API}/vacancies/:id/pipeline-settings`]: ({ fixture }) => ({
    path: `${API}/vacancies/${fixture.openVacancyId}/pipeline-settings`,
    ok: [200],
    notFound: 'vacancy-not-found',
  }),
  [`PUT ${API}/vacancies/:id/pipeline-settings`]: async ({ fixture, query }) => ({
    path: `${API}/vacancies/${fixture.openVacancyId}/pipeline-settings`,
    headers: await settingsVersion(query, fixture.openVacancyId),
    body: { minSiftScore: 4.5, hasAssessment: true },
    ok: [200],
    table: 'vacancy_pipeline_settings',
  }),
  [`POST ${API}/candidates/:id/links`]: async ({ n, query }) => ({
    path: `${API}/candidates/${await newCandidate(query, `linked-${n}`)}/links`,
    ok: [201],
    table: 'candidate_link_tokens',
    notFound: 'candidate-not-found',
  }),
  [`GET ${API}/candidate-link`]: async ({ fixture, n, query }) => ({
    path: `${API}/candidate-link`,
    headers: (await newLink(query, fixture, n)).headers,
    ok: [200],
  }),
  [`PUT ${API}/candidate-link/consent`]: async ({ fixture, n, query }) => ({
    path: `${API}/candidate-link/consent`,
    headers: (await newLink(query, fixture, n)).headers,
    body: { retentionConsent: true },
    ok: [204],
    table: 'candidates',
  }),
  [`PUT ${API}/candidate-link/diversity`]: async ({ fixture, n, query }) => ({
    path: `${API}/candidate-link/diversity`,
    headers: (await newLink(query, fixture, n)).headers,
    body: {
      ageBand: '25-34',
      sex: 'prefer-not-to-say',
      ethnicityGroup: 'white',
      disability: 'no',
      sexualOrientation: 'heterosexual',
      religion: 'no-religion',
    },
    ok: [204],
    table: 'diversity_answers',
  }),
  [`PUT ${API}/candidate-link/applications/:applicationId/adjustments`]: async ({ fixture, n, query }) => {
    const link = await newLink(query, fixture, n);
    return {
      path: `${API}/candidate-link/applications/${link.applicationId}/adjustments`,
      headers: link.headers,
      body: { needs: 'A ground-floor room' },
      ok: [204],
      table: 'applications',
      notFound: 'application-not-found',
    };
  },
  [`PUT ${API}/candidate-link/applications/:applicationId/disability-confident`]: async ({ fixture, n, query }) => {
    const link = await newLink(query, fixture, n);
    return {
      path: `${API}/candidate-link/applications/${link.applicationId}/disability-confident`,
      headers: link.headers,
      body: { optIn: true },
      ok: [204],
      table: 'applications',
      notFound: 'application-not-found',
    };
  },
  [`GET ${API}/candidate-link/applications/:applicationId/offers`]: async ({ fixture, n, query }) => {
    const link = await newLink(query, fixture, n);
    await query(`UPDATE applications SET stage = 'offer' WHERE id = $1`, [link.applicationId]);
    await newOffer(query, link.applicationId);
    return {
      path: `${API}/candidate-link/applications/${link.applicationId}/offers`,
      headers: link.headers,
      ok: [200],
      notFound: 'application-not-found',
    };
  },
  [`PUT ${API}/candidate-link/offers/:offerId/decision`]: async ({ fixture, n, query }) => {
    const link = await newLink(query, fixture, n);
    await query(`UPDATE applications SET stage = 'offer' WHERE id = $1`, [link.applicationId]);
    return {
      path: `${API}/candidate-link/offers/${await newOffer(query, link.applicationId)}/decision`,
      headers: link.headers,
      body: { decision: 'declined' },
      ok: [200],
      table: 'offers',
      notFound: 'offer-not-found',
    };
  },
  [`GET ${API}/recruitment/diversity`]: ({ fixture }) => ({
    path: `${API}/recruitment/diversity`,
    query: { vacancyId: fixture.openVacancyId },
    ok: [200],
  }),
  [`GET ${API}/candidates/:id/export`]: ({ fixture }) => ({
    path: `${API}/candidates/${fixture.candidateId}/export`,
    ok: [200],
    notFound: 'candidate-not-found',
  }),
  [`GET ${API}/recruitment/figures`]: ({ fixture }) => ({
    path: `${API}/recruitment/figures`,
    query: { campaignId: fixture.campaignId, from: '2020-01-01' },
    ok: [200],
  }),
  [`GET ${API}/insights/capability-gaps`]: async ({ fixture, query }) => ({
    path: `${API}/insights/capability-gaps`,
    query: { cycleId: await openResultsCycle(query, fixture), groupBy: 'roleFamily,grade', source: 'self' },
    ok: [200],
  }),
  [`GET ${API}/insights/capability-gaps.xlsx`]: async ({ fixture, query }) => ({
    path: `${API}/insights/capability-gaps.xlsx`,
    query: { cycleId: await openResultsCycle(query, fixture), groupBy: 'roleFamily,grade', source: 'self' },
    ok: [200],
  }),
  // The matrix head of profession leads data.
  [`GET ${API}/insights/capability-heatmap`]: async ({ fixture, query }) => ({
    path: `${API}/insights/capability-heatmap`,
    query: { cycleId: await openResultsCycle(query, fixture), roleFamily: 'data', source: 'self' },
    ok: [200],
  }),
  [`GET ${API}/insights/capability-heatmap.svg`]: async ({ fixture, query }) => ({
    path: `${API}/insights/capability-heatmap.svg`,
    query: { cycleId: await openResultsCycle(query, fixture), roleFamily: 'data', source: 'self' },
    ok: [200],
  }),
  [`GET ${API}/insights/capability-heatmap.xlsx`]: async ({ fixture, query }) => ({
    path: `${API}/insights/capability-heatmap.xlsx`,
    query: { cycleId: await openResultsCycle(query, fixture), roleFamily: 'data', source: 'self' },
    ok: [200],
  }),
  [`GET ${API}/insights/workforce.xlsx`]: () => ({
    path: `${API}/insights/workforce.xlsx`,
    query: { from: '2026-01-01', to: '2026-06-30', interval: 'quarter' },
    ok: [200],
  }),
  [`GET ${API}/insights/inclusion.xlsx`]: () => ({
    path: `${API}/insights/inclusion.xlsx`,
    query: { from: '2025-01-01', to: '2026-06-30', interval: 'year' },
    ok: [200],
  }),
  [`GET ${API}/insights/capability-trend`]: async ({ fixture, query }) => ({
    path: `${API}/insights/capability-trend`,
    query: { roleFamily: 'data', source: 'self', cycleIds: await openResultsCycle(query, fixture) },
    oneOf: ['roleFamily', 'role', 'skill'],
    ok: [200],
  }),
  [`GET ${API}/insights/calibration`]: async ({ fixture, query }) => ({
    path: `${API}/insights/calibration`,
    query: { cycleId: await openResultsCycle(query, fixture), roleFamily: 'data' },
    ok: [200],
  }),
  [`GET ${API}/insights/capability-trend.xlsx`]: async ({ fixture, query }) => ({
    path: `${API}/insights/capability-trend.xlsx`,
    query: { roleFamily: 'data', source: 'self', cycleIds: await openResultsCycle(query, fixture) },
    oneOf: ['roleFamily', 'role', 'skill'],
    ok: [200],
  }),
  [`GET ${API}/insights/calibration.xlsx`]: async ({ fixture, query }) => ({
    path: `${API}/insights/calibration.xlsx`,
    query: { cycleId: await openResultsCycle(query, fixture), roleFamily: 'data' },
    ok: [200],
  }),
  [`GET ${API}/insights/workforce`]: () => ({
    path: `${API}/insights/workforce`,
    query: { from: '2026-01-01', to: '2026-06-30', interval: 'quarter' },
    ok: [200],
  }),
  [`GET ${API}/insights/inclusion`]: () => ({
    path: `${API}/insights/inclusion`,
    query: { from: '2025-01-01', to: '2026-06-30', interval: 'year' },
    ok: [200],
  }),
  [`GET ${API}/insights/learning`]: async ({ fixture, query }) => ({
    path: `${API}/insights/learning`,
    query: {
      from: '2025-07-01',
      to: '2026-06-30',
      fromCycleId: await draftMatrixCycle(query, fixture),
      toCycleId: await openResultsCycle(query, fixture),
    },
    ok: [200],
  }),
  [`GET ${API}/insights/recruitment`]: ({ fixture }) => ({
    path: `${API}/insights/recruitment`,
    query: { campaign: fixture.campaignId, from: '2020-01-01' },
    ok: [200],
  }),
  [`GET ${API}/insights/learning.xlsx`]: async ({ fixture, query }) => ({
    path: `${API}/insights/learning.xlsx`,
    query: {
      from: '2025-07-01',
      to: '2026-06-30',
      fromCycleId: await draftMatrixCycle(query, fixture),
      toCycleId: await openResultsCycle(query, fixture),
    },
    ok: [200],
  }),
  [`GET ${API}/insights/recruitment.xlsx`]: ({ fixture }) => ({
    path: `${API}/insights/recruitment.xlsx`,
    query: { campaign: fixture.campaignId, from: '2020-01-01' },
    ok: [200],
  }),
  ['GET /health/live']: () => ({ path: '/health/live', ok: [200] }),
  ['GET /health/ready']: () => ({ path: '/health/ready', ok: [200] }),
  ['GET /metrics']: () => ({ path: '/metrics', ok: [200] }),
  ['GET /.well-known/jwks.json']: () => ({ path: '/.well-known/jwks.json', ok: [200] }),
};

// ---------------------------------------------------------------------------------------------------------
// Shared plumbing for the suites.

export const UNIT_SQL = `INSERT INTO organisation_units (id, code, name, type, parent_id, path) VALUES
  ($1, $3, 'Department', 'department', NULL, ARRAY[$1]::uuid[]),
  ($2, $4, 'Team', 'team', $1, ARRAY[$1, $2]::uuid[])`;

export async function insertStaff(
  t: TestApp,
  name: string,
  unitId: string,
  lineManagerId: string | null = null,
): Promise<string> {
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO staff (staff_number, full_name, unit_id, line_manager_id, employment_type)
     VALUES ($1, $2, $3, $4, 'permanent') RETURNING id`,
    [`N-${name.replace(/[^A-Za-z0-9]/g, '')}`, name, unitId, lineManagerId],
  );
  return row!.id;
}

/** A current primary role, by the slug of a role level in the current framework version. */
export async function insertPrimaryRole(t: TestApp, staffId: string, roleLevelSlug: string): Promise<void> {
  const rows = await t.dataSource.query<unknown[]>(
    `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on)
     SELECT $1, rl.id, true, '2024-01-01' FROM role_levels rl
       JOIN framework_versions v ON v.id = rl.version_id AND v.is_current WHERE rl.slug = $2 RETURNING id`,
    [staffId, roleLevelSlug],
  );
  if (rows.length !== 1) throw new Error(`no current role level ${roleLevelSlug}`);
}

/** A review cycle (a draft, or open) for a new, empty unit of its own. */
async function insertCycle(q: Query, state: 'draft' | 'open'): Promise<string> {
  const unitId = randomUUID();
  await q(
    `INSERT INTO organisation_units (id, code, name, type, parent_id, path) VALUES ($1, $2, 'Cycle unit', 'department', NULL, ARRAY[$1]::uuid[])`,
    [unitId, `MXC-${unitId.slice(0, 8)}`],
  );
  const [row] = await q<{ id: string }[]>(
    `INSERT INTO review_cycles (name, unit_id, opens_on, closes_on, state, framework_version_id, opened_at)
     SELECT 'Matrix cycle', $1, '2026-04-01', '2026-06-30', $2::varchar, CASE WHEN $2 = 'open' THEN v.id END,
            CASE WHEN $2 = 'open' THEN now() END
       FROM framework_versions v WHERE v.is_current RETURNING id`,
    [unitId, state],
  );
  return row!.id;
}

/** The skills review's part of the fixture: a reviewee (neutral role level) in an open cycle, and a draft. */
async function seedReviewFixture(
  t: TestApp,
  versionId: string,
  roleLevelSlug: string,
): Promise<
  Pick<
    RouteFixture,
    'reviewTargetStaffId' | 'reviewUnitId' | 'openCycleId' | 'draftCycleId' | 'reviewId' | 'reviewSkillIds'
  >
> {
  const reviewUnitId = randomUUID();
  await t.dataSource.query(
    `INSERT INTO organisation_units (id, code, name, type, parent_id, path) VALUES ($1, 'MXR', 'Review unit', 'department', NULL, ARRAY[$1]::uuid[])`,
    [reviewUnitId],
  );
  const reviewTargetStaffId = await insertStaff(t, 'Review target', reviewUnitId);
  await insertPrimaryRole(t, reviewTargetStaffId, roleLevelSlug);
  const q: Query = async <T>(sql: string, params: unknown[] = []) => t.dataSource.query<T>(sql, params);
  const openCycleId = await insertCycle(q, 'open');
  await t.dataSource.query('UPDATE review_cycles SET unit_id = $2 WHERE id = $1', [openCycleId, reviewUnitId]);
  const [draft] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO review_cycles (name, unit_id, opens_on, closes_on) VALUES ('Matrix draft', $1, '2027-04-01', '2027-06-30') RETURNING id`,
    [reviewUnitId],
  );
  const [review] = await t.dataSource.query<{ id: string; role_level_id: string }[]>(
    `INSERT INTO skill_reviews (cycle_id, staff_id, role_level_id, role_level_slug, role_level_name, role_family_slug, unit_id)
     SELECT $1, $2, rl.id, rl.slug, rl.name, rf.slug, $3 FROM role_levels rl
       JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id
      WHERE rl.version_id = $4 AND rl.slug = $5 RETURNING id, role_level_id`,
    [openCycleId, reviewTargetStaffId, reviewUnitId, versionId, roleLevelSlug],
  );
  const skills = await t.dataSource.query<{ skill_id: string }[]>(
    `INSERT INTO skill_review_ratings (review_id, skill_id, skill_slug, skill_name, position, required_level)
     SELECT DISTINCT ON (sk.id) $1, sk.id, sk.slug, sk.name, sr.position, sr.required_level
       FROM skill_requirements sr JOIN skills sk ON sk.id = sr.skill_id WHERE sr.role_level_id = $2
      ORDER BY sk.id, sr.required_level DESC RETURNING skill_id`,
    [review!.id, review!.role_level_id],
  );
  return {
    reviewTargetStaffId,
    reviewUnitId,
    openCycleId,
    draftCycleId: draft!.id,
    reviewId: review!.id,
    reviewSkillIds: skills.map((s) => s.skill_id),
  };
}

export async function seedRouteFixture(t: TestApp): Promise<RouteFixture> {
  const query: Query = async <T>(sql: string, params: unknown[] = []) => t.dataSource.query<T>(sql, params);
  const departmentId = randomUUID();
  const teamId = randomUUID();
  await t.dataSource.query(UNIT_SQL, [departmentId, teamId, 'MXD', 'MXT']);
  const [location] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO locations (code, name, region) VALUES ('MXL', 'Matrix location', 'London') RETURNING id`,
  );
  const targetStaffId = await insertStaff(t, 'Target', teamId);
  const targetUser = await createUser(t, { roles: ['staff'], email: 'matrix-target@department.example' });
  const [current] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM framework_versions WHERE is_current`);
  const [role] = await t.dataSource.query<{ slug: string }[]>(
    `SELECT slug FROM roles WHERE version_id = $1 ORDER BY slug LIMIT 1`,
    [current!.id],
  );
  const [skill] = await t.dataSource.query<{ slug: string }[]>(
    `SELECT slug FROM skills WHERE version_id = $1 ORDER BY slug LIMIT 1`,
    [current!.id],
  );
  const levels = await t.dataSource.query<{ slug: string }[]>(
    `SELECT rl.slug FROM role_levels rl JOIN roles r ON r.id = rl.role_id
       JOIN role_families rf ON rf.id = r.role_family_id
     WHERE rl.version_id = $1 AND rf.slug NOT IN ('data', 'software-development') ORDER BY rl.slug LIMIT 8`,
    [current!.id],
  );
  const [reviewedLevel] = await t.dataSource.query<{ slug: string }[]>(
    `SELECT rl.slug FROM role_levels rl JOIN roles r ON r.id = rl.role_id
       JOIN role_families rf ON rf.id = r.role_family_id
     WHERE rl.version_id = $1 AND rf.slug NOT IN ('data', 'software-development')
       AND EXISTS (SELECT 1 FROM skill_requirements sr WHERE sr.role_level_id = rl.id) ORDER BY rl.slug LIMIT 1`,
    [current!.id],
  );
  const [neutralLevel] = await t.dataSource.query<{ id: string }[]>(
    `SELECT rl.id FROM role_levels rl WHERE rl.version_id = $1 AND rl.slug = $2`,
    [current!.id, levels[0]!.slug],
  );
  const [grade] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM grades WHERE code = 'SEO'`);
  const [post] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO establishment_posts (unit_id, role_level_id, grade_id, funded_posts, starts_on, ends_on)
     VALUES ($1, $2, $3, 3, '2025-04-01', '2030-04-01') RETURNING id`,
    [teamId, neutralLevel!.id, grade!.id],
  );
  const [partner] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO partners (name, kind, country, contract_starts_on) VALUES ('Matrix partner', 'university', 'GB', '2026-01-01')
     RETURNING id`,
  );
  const planning = {
    teamId,
    locationId: location!.id,
    neutralRoleLevelId: neutralLevel!.id,
    gradeId: grade!.id,
    targetUserId: targetUser.id,
  };
  const campaignId = await newCampaign(query, planning, 'open');
  // The representative vacancy has nobody on its panel: nobody but HR and admins reaches it.
  const vacancyId = await newVacancy(query, { ...planning, campaignId }, 'draft', false);
  const openVacancyId = await newVacancy(query, { ...planning, campaignId }, 'open', false);
  const applicationId = await newApplication(query, { openVacancyId }, 'fixture');
  const matchingVacancyId = await newVacancy(query, { ...planning, campaignId }, 'open', false);
  const offerId = await newOffer(query, await newApplication(query, { openVacancyId }, 'fixture-offer', 'offer'));
  const [{ candidate_id: candidateId } = { candidate_id: '' }] = await query<{ candidate_id: string }[]>(
    'SELECT candidate_id FROM applications WHERE id = $1',
    [applicationId],
  );
  return {
    candidateId,
    openVacancyId,
    applicationId,
    offerId,
    matchingVacancyId,
    neutralRoleLevelId: neutralLevel!.id,
    gradeId: grade!.id,
    establishmentPostId: post!.id,
    partnerId: partner!.id,
    campaignId,
    vacancyId,
    targetStaffId,
    targetUserId: targetUser.id,
    targetUserEmail: targetUser.email,
    departmentId,
    teamId,
    locationId: location!.id,
    currentVersionId: current!.id,
    roleSlug: role!.slug,
    skillSlug: skill!.slug,
    neutralRoleLevelSlugs: levels.map((l) => l.slug),
    draftPulseId: await newPulse(query, departmentId, 'draft'),
    closedPulseId: await newPulse(query, departmentId, 'closed'),
    ...(await seedReviewFixture(t, current!.id, reviewedLevel!.slug)),
    learningRecordId: await newLearningRecord(query, targetStaffId),
    actionPlanId: (await newActionPlan(query, { departmentId, targetUserId: targetUser.id })).planId,
  };
}

export function callContext(t: TestApp, fixture: RouteFixture): () => CallContext {
  let n = 0;
  const query: Query = async <T>(sql: string, params: unknown[] = []) => t.dataSource.query<T>(sql, params);
  const refreshToken = async (): Promise<string> => {
    const res = await t
      .http()
      .post(`${API}/auth/login`)
      .send({ email: fixture.targetUserEmail, password: 'correct-horse-battery-staple' });
    return (res.body as { refreshToken: string }).refreshToken;
  };
  return () => ({ fixture, n: ++n, query, refreshToken });
}

/** Sends the call; `body`/`query` override the call's own (the input-abuse suite's mutations). */
export function send(
  t: TestApp,
  method: string,
  call: RouteCall,
  auth: Record<string, string> | undefined,
  override: { body?: unknown; rawQuery?: string; rawBody?: string } = {},
  contract: Parameters<TestApp['http']>[0] = {},
): Promise<Response> {
  const verb = method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
  const search = override.rawQuery ?? new URLSearchParams(call.query ?? {}).toString();
  const req = t.http(contract)[verb](search ? `${call.path}?${search}` : call.path);
  if (auth) req.set(auth);
  if (call.headers) req.set(call.headers);
  if (override.rawBody !== undefined) return req.set('Content-Type', 'application/json').send(override.rawBody);
  if (call.csv !== undefined) return req.set('Content-Type', 'text/csv').send(call.csv);
  const body = 'body' in override ? override.body : call.body;
  return body === undefined ? req : req.send(body as object);
}

/** A fingerprint of a table plus the size of the audit trail: equal before and after means nothing changed. */
export async function snapshot(t: TestApp, table: string | undefined): Promise<string> {
  const [audit] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_events`);
  if (!table) return `audit=${audit!.n}`;
  const [row] = await t.dataSource.query<{ n: number; h: string | null }[]>(
    `SELECT count(*)::int AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM ${table} x`,
  );
  return `audit=${audit!.n} ${table}=${row!.n}/${row!.h ?? ''}`;
}
