import type { Role } from '@capability/auth';
import { CANDIDATE_CSV_COLUMNS } from '@capability/recruitment';
import { RESULTS_CSV_COLUMNS } from '@capability/reviews';
import { STAFF_CSV_COLUMNS, staffCsvLines, today, type StaffCsvRow } from '@capability/workforce';
import fc from 'fast-check';
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { operations, PROBLEM_MEDIA_TYPE, type OperationObject } from '../support/contract.js';
import { createUser, signedIn, tokenFor } from '../support/factories.js';
import { fuzzBody, fuzzCsv, fuzzParam, NASTY_STRINGS, type ValuePool } from './generators.js';

/**
 * Drives every operation in openapi.json with generated requests (mostly a signed-in admin, some HR,
 * staff, anonymous or forged callers) and holds every answer to the same rules: never a 5xx; every
 * 4xx an RFC 9457 problem whose `status` is the HTTP status; nothing of the internals in an error;
 * and (through `http()`) the status and body documented for the route. Fixed seed; FUZZ_RUNS scales.
 */

// eslint-disable-next-line n/no-process-env -- FUZZ_RUNS=2000 for a long local run; CI uses the default
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = 42;

const UNITS = { dept: '20000000-0000-4000-8000-0000000000f1', team: '20000000-0000-4000-8000-0000000000f2' };

type Caller = 'admin' | 'hr' | 'head_of_profession' | 'staff' | 'anonymous' | 'forged';

interface FuzzRequest {
  caller: Caller;
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: { contentType: string; text: string };
}

/** What an error body must never show: stack frames, file paths, SQL or driver text, framework error codes, the host. */
const LEAKS = [
  /\bat [\w.<>$]+ \(/,
  /node_modules|\/work\/|\/home\/|\/usr\/|\/tmp\/|[\w-]+\.[jt]s:\d+/,
  /QueryFailedError|EntityNotFound|TypeORMError|EntityMetadataNotFound|DatabaseError|PostgresError|FST_ERR|ERR_[A-Z_]{4,}/,
  /syntax error at or near|invalid input syntax|violates (?:foreign key|unique|check|not-null) constraint|duplicate key value|relation "|column "|\bpg_[a-z]+\b/,
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE/,
  /"stack"\s*:/,
];

let sent = 0;
const statuses = new Map<number, number>();

describe('OpenAPI fuzzer', () => {
  let t: TestApp;
  const tokens: Partial<Record<Caller, string>> = {};
  let linkAuth = '';
  const pool: ValuePool = {};
  const pathIds: Record<string, string[]> = {};
  let resultsCycleId = '';

  beforeAll(async () => {
    // Refused links from the fuzzer's one address must not lock the link routes for the rest of the run.
    t = await createTestApp({ CANDIDATE_LINK_RATE_LIMIT: '1000000' });
    await t.dataSource.query(
      `INSERT INTO organisation_units (id, code, name, type, parent_id, path) VALUES
        ($1, 'DEPT', 'Department', 'department', NULL, ARRAY[$1]::uuid[]),
        ($2, 'TEAM', 'Team', 'team', $1, ARRAY[$1, $2]::uuid[])`,
      [UNITS.dept, UNITS.team],
    );
    await t.dataSource.query(`INSERT INTO locations (code, name, region) VALUES ('LON', 'London', 'London')`);
    const roles: Role[] = ['admin', 'hr', 'head_of_profession', 'staff'];
    for (const role of roles) {
      const { auth } = await signedIn(t, {
        roles: [role],
        roleFamilies: role === 'head_of_profession' ? ['data'] : [],
      });
      tokens[role] = auth.Authorization;
    }
    tokens.forged = `Bearer ${NASTY_STRINGS.at(-1)}`;

    const person = (n: string, extra: Partial<StaffCsvRow> = {}): StaffCsvRow => ({
      staff_number: n,
      full_name: `Fuzz Person ${n}`,
      work_email: `${n.toLowerCase()}@department.example`,
      unit_code: 'TEAM',
      location_code: 'LON',
      grade_code: 'SEO',
      employment_type: 'permanent',
      line_manager_staff_number: '',
      role_level_slug: '',
      start_date: '2020-04-01',
      leaving_date: '',
      ...extra,
    });
    const people = [
      person('FZ1', { role_level_slug: 'lead-developer' }),
      person('FZ2', { line_manager_staff_number: 'FZ1', role_level_slug: 'data-engineer' }),
      person('FZ3', { line_manager_staff_number: 'FZ2', role_level_slug: 'developer', leaving_date: '2024-01-31' }),
    ];
    const imported = await t
      .http()
      .post('/api/v1/staff/import')
      .set('Authorization', tokens.hr ?? '')
      .set('Content-Type', 'text/csv')
      .send([...staffCsvLines(people)].join(''));
    expect(imported.status, imported.text).toBe(201);

    const ids = async (sql: string): Promise<string[]> =>
      (await t.dataSource.query<{ id: string }[]>(sql)).map((r) => r.id);
    const staffIds = await ids('SELECT id FROM staff ORDER BY staff_number');
    const victims = [await createUser(t, { roles: ['staff'] }), await createUser(t, { roles: ['hr'] })];
    const locationIds = await ids('SELECT id FROM locations');
    const versionIds = await ids('SELECT id FROM framework_versions');
    const families = (
      await t
        .http()
        .get('/api/v1/framework/role-families')
        .set('Authorization', tokens.admin ?? '')
    ).body as { items: { slug: string; roles: { id: string; slug: string }[] }[] };
    const roleRefs = families.items.flatMap((f) => f.roles).slice(0, 4);
    const skills = (
      await t
        .http()
        .get('/api/v1/framework/skills?limit=3')
        .set('Authorization', tokens.admin ?? '')
    ).body as { items: { id: string; slug: string }[] };
    const roleLevelIds = await ids('SELECT id FROM role_levels ORDER BY id LIMIT 3');
    // An open review cycle over the department (FZ1, FZ2 hold role levels), for its results routes.
    const cycle = await t
      .http()
      .post('/api/v1/review-cycles')
      .set('Authorization', tokens.hr ?? '')
      .send({ name: 'Fuzz cycle', unitId: UNITS.dept, opensOn: '2026-04-01', closesOn: '2026-06-30' });
    expect(cycle.status, cycle.text).toBe(201);
    const cycleId = (cycle.body as { id: string }).id;
    const opened = await t
      .http()
      .post(`/api/v1/review-cycles/${cycleId}/open`)
      .set('Authorization', tokens.hr ?? '');
    expect(opened.status, opened.text).toBe(200);
    resultsCycleId = cycleId;
    const ratedSkills = (
      await t.dataSource.query<{ skill_slug: string }[]>(
        'SELECT DISTINCT skill_slug FROM skill_review_ratings ORDER BY skill_slug LIMIT 3',
      )
    ).map((r) => r.skill_slug);
    const gradeIds = await ids('SELECT id FROM grades ORDER BY id LIMIT 3');
    const pulseIds = (
      await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO pulses (title, statements, unit_id, state, opens_on, closes_on) VALUES
          ('Draft', '["S1", "S2"]', $1, 'draft', NULL, NULL),
          ('Open', '["S1"]', $1, 'open', current_date, current_date + 7),
          ('Closed', '["S1"]', $1, 'closed', current_date - 7, current_date - 1)
         RETURNING id`,
        [UNITS.dept],
      )
    ).map((r) => r.id);
    // The skills review: the open cycle above (a review each for FZ1 and FZ2) and a draft over the team.
    const draft = await t
      .http()
      .post('/api/v1/review-cycles')
      .set('Authorization', tokens.hr ?? '')
      .send({ name: 'Fuzz draft', unitId: UNITS.team, opensOn: '2026-04-01', closesOn: '2026-06-30' });
    expect(draft.status, draft.text).toBe(201);
    const cycleIds = [cycleId, (draft.body as { id: string }).id];
    const reviewIds = await ids('SELECT id FROM skill_reviews ORDER BY id');
    // The learning catalogue: a course developing a rated skill, and an event.
    const learningItemIds = (
      await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO learning_items (code, title, provider_kind, provider_name, format, starts_at, ends_at, location)
         VALUES ('FZ-COURSE', 'Fuzz course', 'supplier', 'Fuzz Ltd', 'course', NULL, NULL, NULL),
                ('FZ-EVENT', 'Fuzz event', 'in_house', 'Fuzz team', 'event', now(), now() + interval '1 hour', 'Leeds')
         RETURNING id`,
      )
    ).map((r) => r.id);
    const reviewSkillIds = await ids('SELECT DISTINCT skill_id AS id FROM skill_review_ratings ORDER BY 1 LIMIT 3');
    // Records of learning: an inclusion package and a past event in the catalogue, and records in every state.
    const recordItemIds = await ids(
      `INSERT INTO learning_items (code, title, provider_kind, provider_name, format, counts_towards_inclusion,
                                   inclusion_package, starts_at, ends_at, location) VALUES
        ('FZ-PACKAGE', 'Fuzz package', 'civil_service_learning', 'Civil Service Learning', 'e_learning', true,
         'digital-skills', NULL, NULL, NULL),
        ('FZ-PAST-EVENT', 'Fuzz past event', 'in_house', 'Digital team', 'event', false, NULL,
         now() - interval '3 days', now() - interval '2 days', 'Leeds')
       RETURNING id`,
    );
    const learningRecordIds = await ids(
      `INSERT INTO learning_records (staff_id, title, completed_on, hours, evidence_note, state, verified_at,
                                     rejected_at, reject_reason)
       SELECT s.id, 'Fuzz learning', '2025-06-02', 2, 'Attended', st,
              CASE WHEN st = 'verified' THEN now() END, CASE WHEN st = 'rejected' THEN now() END,
              CASE WHEN st = 'rejected' THEN 'Add a link' END
         FROM staff s CROSS JOIN unnest(ARRAY['submitted', 'verified', 'rejected']::varchar[]) AS st
        ORDER BY s.staff_number, st RETURNING id`,
    );
    // Capability action plans: a draft and an active unit plan, with a priority and an action each.
    const actionPlanIds = await ids(
      `INSERT INTO action_plans (title, unit_id, owner_user_id, starts_on, ends_on, status, activated_at)
       SELECT 'Fuzz plan ' || st, '${UNITS.dept}'::uuid, (SELECT id FROM users ORDER BY created_at LIMIT 1), current_date - 30,
              current_date + 300, st, CASE WHEN st = 'active' THEN now() END
         FROM unnest(ARRAY['draft', 'active']::varchar[]) AS st RETURNING id`,
    );
    const actionPriorityIds = await ids(
      `INSERT INTO action_plan_priorities (plan_id, target_kind, target_value, due_on)
       SELECT id, 'inclusion-share', 60, current_date + 200 FROM action_plans WHERE title LIKE 'Fuzz plan %' RETURNING id`,
    );
    const actionIds = await ids(
      `INSERT INTO action_plan_actions (priority_id, kind, description, owner, due_on)
       SELECT id, 'text', 'Fuzz action', 'Fuzz owner', current_date + 100 FROM action_plan_priorities RETURNING id`,
    );

    // Recruitment planning: an establishment row of the team, a partner, a draft and an open campaign, and a draft
    // and an open vacancy (with a panel) under the open one.
    const establishmentIds = await ids(
      `INSERT INTO establishment_posts (unit_id, role_level_id, grade_id, funded_posts, starts_on, ends_on)
       VALUES ('${UNITS.team}', '${roleLevelIds[0]}', '${gradeIds[0]}', 2, '2026-04-01', '2027-04-01') RETURNING id`,
    );
    const partnerIds = await ids(
      `INSERT INTO partners (name, kind, country, contract_starts_on) VALUES ('Fuzz University', 'university', 'GB', '2026-01-01')
       RETURNING id`,
    );
    const campaignIds = await ids(
      `INSERT INTO campaigns (title, kind, owner_user_id, starts_on, ends_on, target_hires, state, opened_at)
       SELECT 'Fuzz campaign ' || st, 'graduate', '${victims[0]!.id}', current_date - 30, current_date + 300, 4, st,
              CASE WHEN st = 'open' THEN now() END
         FROM unnest(ARRAY['draft', 'open']::varchar[]) AS st RETURNING id`,
    );
    const vacancyIds = await ids(
      `INSERT INTO vacancies (campaign_id, title, role_level_id, grade_id, unit_id, posts, salary_min, salary_max,
                              closes_on, required_checks, state, opened_at)
       SELECT '${campaignIds[1]}', 'Fuzz vacancy ' || st, '${roleLevelIds[0]}', '${gradeIds[0]}', '${UNITS.team}', 1,
              30000, 40000, current_date + 30, ARRAY['right-to-work'], st, CASE WHEN st = 'open' THEN now() END
         FROM unnest(ARRAY['draft', 'open']::varchar[]) AS st RETURNING id`,
    );
    await t.dataSource.query(
      `INSERT INTO vacancy_panel_members (vacancy_id, user_id, is_chair) SELECT id, $1, true FROM vacancies`,
      [victims[0]!.id],
    );

    // Candidates and applications: two candidates (a channel, a partner), and their applications to the open vacancy
    // at applied and at sift.
    const candidateIds = await ids(
      `INSERT INTO candidates (full_name, email, channel, partner_id, university)
       SELECT 'Fuzz Candidate ' || n, 'fuzz.candidate.' || n || '@example.org', CASE WHEN n = 1 THEN 'job-board' END,
              CASE WHEN n = 2 THEN '${partnerIds[0]}'::uuid END, 'Fuzz University'
         FROM generate_series(1, 2) AS n RETURNING id`,
    );
    const applicationIds = await ids(
      `INSERT INTO applications (candidate_id, vacancy_id, stage, stage_entered_at, applied_at)
       SELECT c, '${vacancyIds[1]}', CASE WHEN c = '${candidateIds[0]}'::uuid THEN 'applied' ELSE 'sift' END, now(), now()
         FROM unnest(ARRAY['${candidateIds.join("','")}']::uuid[]) AS c RETURNING id`,
    );
    await t.dataSource.query(
      `INSERT INTO application_stage_moves (application_id, to_stage, moved_at) SELECT id, 'applied', now() FROM applications`,
    );

    // Offers and checks: one application at the offer stage with a made offer, one at the checks with its checks
    // pending, one on the reserve list.
    const offerApplicationIds = await ids(
      `INSERT INTO applications (candidate_id, vacancy_id, stage, stage_entered_at, applied_at)
       VALUES ('${candidateIds[0]}', '${vacancyIds[0]}', 'offer', now(), now()) RETURNING id`,
    );
    const checkApplicationIds = await ids(
      `INSERT INTO applications (candidate_id, vacancy_id, stage, stage_entered_at, applied_at)
       VALUES ('${candidateIds[1]}', '${vacancyIds[0]}', 'pre-employment-checks', now(), now()) RETURNING id`,
    );
    await t.dataSource.query(
      `INSERT INTO pre_employment_checks (application_id, "check") VALUES ('${checkApplicationIds[0]}', 'right-to-work')`,
    );
    const offerIds = await ids(
      `INSERT INTO offers (application_id, salary, starts_on, expires_on, made_at)
       VALUES ('${offerApplicationIds[0]}', 35000, current_date + 30, current_date + 7, now()) RETURNING id`,
    );
    const offerTargets = [...offerApplicationIds, ...checkApplicationIds, ...applicationIds];
    // A live candidate link for the candidate in sift: the fuzzer's signed-in callers send it to the link's routes.
    const linkToken = `cl_${randomBytes(32).toString('base64url')}`;
    await t.dataSource.query(
      `INSERT INTO candidate_link_tokens (candidate_id, purpose, token_hash, expires_at)
       VALUES ($1, 'candidate-link', $2, now() + interval '1 day')`,
      [candidateIds[1], createHash('sha256').update(linkToken).digest()],
    );
    linkAuth = `Bearer ${linkToken}`;

    Object.assign(pathIds, {
      '/api/v1/applications/{id}/offers': offerTargets,
      '/api/v1/applications/{id}/checks': offerTargets,
      '/api/v1/applications/{id}/checks/{check}': [...offerTargets, 'right-to-work', 'bpss'],
      '/api/v1/applications/{id}/reserve-placements': offerTargets,
      '/api/v1/offers/{id}': offerIds,
      '/api/v1/offers/{id}/response': offerIds,
      '/api/v1/offers/{id}/withdrawal': offerIds,
      '/api/v1/candidates/{id}': candidateIds,
      '/api/v1/candidates/{id}/links': candidateIds,
      '/api/v1/candidates/{id}/export': candidateIds,
      '/api/v1/candidate-link/applications/{applicationId}/adjustments': applicationIds,
      '/api/v1/candidate-link/applications/{applicationId}/disability-confident': applicationIds,
      '/api/v1/candidate-link/applications/{applicationId}/offers': applicationIds,
      '/api/v1/candidate-link/offers/{offerId}/decision': offerIds,
      '/api/v1/applications/{id}': applicationIds,
      '/api/v1/applications/{id}/transitions': applicationIds,
      '/api/v1/applications/{id}/scores/{stage}': [...applicationIds, 'sift', 'interview', 'assessment'],
      '/api/v1/vacancies/{id}/pipeline-settings': vacancyIds,
      '/api/v1/establishment/{id}': establishmentIds,
      '/api/v1/partners/{id}': partnerIds,
      '/api/v1/campaigns/{id}': campaignIds,
      '/api/v1/campaigns/{id}/open': campaignIds,
      '/api/v1/campaigns/{id}/close': campaignIds,
      '/api/v1/vacancies/{id}': vacancyIds,
      '/api/v1/vacancies/{id}/open': vacancyIds,
      '/api/v1/vacancies/{id}/close': vacancyIds,
      '/api/v1/vacancies/{id}/withdraw': vacancyIds,
      '/api/v1/users/{id}': victims.map((u) => u.id),
      '/api/v1/staff/{id}': staffIds,
      '/api/v1/staff/{staffId}/role-assignments': staffIds,
      '/api/v1/staff/{staffId}/inclusion-assessments': staffIds,
      '/api/v1/pulses/{id}': pulseIds,
      '/api/v1/pulses/{id}/open': pulseIds,
      '/api/v1/pulses/{id}/close': pulseIds,
      '/api/v1/pulses/{id}/results': pulseIds,
      '/api/v1/pulses/{id}/responses': pulseIds,
      '/api/v1/locations/{id}': locationIds,
      '/api/v1/organisation-units/{id}': [UNITS.team, UNITS.dept],
      '/api/v1/framework/versions/{id}': versionIds,
      '/api/v1/framework/versions/{id}/make-current': versionIds,
      '/api/v1/framework/versions/{id}/diff': versionIds,
      '/api/v1/framework/roles/{id}': roleRefs.flatMap((r) => [r.id, r.slug]),
      '/api/v1/framework/skills/{id}': skills.items.flatMap((s) => [s.id, s.slug]),
      '/api/v1/review-cycles/{id}': cycleIds,
      '/api/v1/review-cycles/{id}/open': cycleIds,
      '/api/v1/review-cycles/{id}/close': cycleIds,
      '/api/v1/review-cycles/{id}/left-out': cycleIds,
      '/api/v1/skill-reviews/{id}': reviewIds,
      '/api/v1/skill-reviews/{id}/self-assessment': reviewIds,
      '/api/v1/skill-reviews/{id}/submit': reviewIds,
      '/api/v1/skill-reviews/{id}/validation': reviewIds,
      '/api/v1/skill-reviews/{id}/return': reviewIds,
      '/api/v1/staff/{id}/gaps': staffIds,
      '/api/v1/review-cycles/{id}/results/import': [cycleId],
      '/api/v1/review-cycles/{id}/results.csv': [cycleId],
      '/api/v1/learning-items/{id}': learningItemIds,
      '/api/v1/learning-items/{id}/retire': learningItemIds,
      '/api/v1/learning-items/{id}/reactivate': learningItemIds,
      '/api/v1/staff/{staffId}/learning-records': staffIds,
      '/api/v1/learning-records/{id}': learningRecordIds,
      '/api/v1/learning-records/{id}/resubmit': learningRecordIds,
      '/api/v1/learning-records/{id}/verify': learningRecordIds,
      '/api/v1/learning-records/{id}/reject': learningRecordIds,
      '/api/v1/staff/{id}/recommendations': staffIds,
      '/api/v1/action-plans/{id}': actionPlanIds,
      '/api/v1/action-plans/{id}/activate': actionPlanIds,
      '/api/v1/action-plans/{id}/close': actionPlanIds,
      '/api/v1/action-plans/{id}/progress': actionPlanIds,
      '/api/v1/action-plans/{id}/priorities': actionPlanIds,
      '/api/v1/action-plans/{id}/priorities/{priorityId}/actions': [...actionPlanIds, ...actionPriorityIds],
      '/api/v1/action-plans/{id}/actions/{actionId}': [...actionPlanIds, ...actionIds],
    });
    Object.assign(pool, {
      unitId: [UNITS.team],
      parentId: [UNITS.dept, UNITS.team],
      locationId: locationIds,
      lineManagerId: staffIds,
      staffId: staffIds,
      gradeId: gradeIds,
      roleLevelId: roleLevelIds,
      roleLevelSlug: ['developer', 'senior-data-engineer'],
      versionId: versionIds,
      against: [...versionIds, 'next', ...roleLevelIds.slice(0, 1)],
      cycleId: cycleIds,
      skillId: reviewSkillIds,
      opensOn: ['2026-04-01'],
      closesOn: [
        '2026-06-30',
        '2026-01-01',
        '2031-01-31',
        '2020-01-01',
        new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      ],
      reason: ['Please add evidence', 'Did not meet the criteria', null, ''],
      entityId: staffIds,
      family: families.items.map((f) => f.slug).slice(0, 2),
      roleFamily: families.items.map((f) => f.slug).slice(0, 2),
      roleFamilies: [['data']],
      // learning items: skills (by slug) the framework has
      skill: ratedSkills,
      slug: ratedSkills,
      role: roleRefs.map((r) => r.slug),
      roleLevel: ['developer'],
      grade: ['SEO', 'G7'],
      email: ['fuzz@department.example', 'fuzz.candidate.1@example.org', 'FUZZ.CANDIDATE.2@EXAMPLE.ORG'],
      workEmail: ['fuzz.person@department.example', null],
      staffNumber: ['FZ1', 'FZ100', 'FZ101'],
      fullName: ['Fuzz Person', "O'Brien-Ó Súilleabháin"],
      displayName: ['Fuzz User'],
      code: ['LON', 'TEAM', 'NEW1'],
      name: ['A name'],
      region: ['London'],
      roles: [['staff'], ['hr'], ['head_of_profession']],
      staff_number: ['FZ1', 'FZ2', 'FZ9'],
      unit_code: ['TEAM', 'DEPT'],
      location_code: ['LON'],
      grade_code: ['SEO', 'G7'],
      employment_type: ['permanent', 'contractor'],
      line_manager_staff_number: ['FZ1', ''],
      role_level_slug: ['developer', 'data-engineer', ''],
      start_date: ['2020-01-01', '2031-02-30'],
      leaving_date: ['', '2019-01-01'],
      full_name: ['Fuzz Person', '=1+1'],
      work_email: ['someone@department.example', 'not-an-email'],
      title: ['A pulse'],
      statements: [['A statement'], ['One', 'Two']],
      assessedOn: ['2025-06-30', '2031-01-01'],
      ratings: [[3], [1, 5]],
      by: ['unit'],
      skill_slug: [...ratedSkills, 'no-such-skill'],
      self_level: ['0', '4', '5', ''],
      validated_level: ['2', '-1', ''],
      learningItemId: [...recordItemIds, ...learningItemIds],
      provider: ['Linux Foundation'],
      // Records of learning claim skill slugs; catalogue items list { slug, level }.
      skills: [
        [ratedSkills[0] ?? 'no-such-skill'],
        ['no-such-skill'],
        [{ slug: ratedSkills[0] ?? 'no-such-skill', level: 2 }],
      ],
      completedOn: ['2025-06-02', today(), '2099-01-01', '1999-12-31'],
      hours: [2, 7.5, 1000, 0, 1000.01],
      evidenceUrl: ['https://learning.example/certificates/1', 'javascript:alert(1)', null],
      evidenceNote: ['Attended both days', null],
      // Action plan actions: the people named, and mentoring pairs (FZ3 has left: a refusal).
      staffIds: [staffIds.slice(0, 2), [staffIds[2]], []],
      mentorStaffId: staffIds,
      menteeStaffId: staffIds,
      // recruitment planning
      campaignId: campaignIds,
      partnerId: partnerIds,
      partnerIds: [partnerIds, []],
      locationIds: [locationIds],
      roleLevelIds: [roleLevelIds.slice(0, 2)],
      skillSlugs: [ratedSkills, ['no-such-skill']],
      userId: victims.map((u) => u.id),
      ownerUserId: [victims[0]!.id, null],
      panel: [[{ userId: victims[0]!.id, chair: true }], []],
      country: ['GB', 'IN'],
      startsOn: ['2026-04-01', today()],
      endsOn: ['2027-03-31', '2099-12-31', null],
      contractStartsOn: ['2026-04-01'],
      effectiveOn: [today()],
      fundedPosts: [1, 3],
      salaryMin: [30000],
      salaryMax: [45000, 20000],
      requiredChecks: [['right-to-work', 'bpss'], ['bpss']],
      // candidates and applications
      candidateId: candidateIds,
      vacancyId: vacancyIds,
      channel: ['job-board', 'referral', null],
      to: ['sift', 'interview', 'rejected', 'withdrawn', 'offer'],
      minSiftScore: [4, 5.5, 1, 7],
      // the candidate link and privacy
      stage: ['applied', 'sift', 'rejected', 'nowhere'],
      retentionConsent: [true, false],
      ageBand: ['25-34', 'prefer-not-to-say', '12-15'],
      sex: ['female', 'prefer-not-to-say'],
      ethnicityGroup: ['mixed', 'white'],
      disability: ['yes', 'no'],
      sexualOrientation: ['bisexual', 'heterosexual'],
      religion: ['sikh', 'no-religion'],
      needs: ['A quiet room', null, ''],
      optIn: [true, false],
      behaviours: [[{ behaviour: 'working-together', score: 5 }], []],
      technicalSkills: [[{ skill: ratedSkills[0] ?? 'no-such-skill', score: 3 }], []],
      // offers and checks
      salary: [35000, 29999, 40001],
      expiresOn: [today(), '2099-12-31', '2020-01-01'],
      decision: ['accepted', 'declined'],
      state: ['passed', 'failed'],
      note: ['Passport seen', null],
    });
  });

  afterAll(async () => {
    const histogram = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    process.stdout.write(
      `[fuzz] ${sent} generated requests (FUZZ_RUNS=${RUNS}, seed ${SEED}): ${histogram.join(' ')}\n`,
    );
    await t?.close();
  });

  async function send(method: string, req: FuzzRequest): Promise<Response> {
    const url = req.query.length > 0 ? `${req.path}?${new URLSearchParams(req.query).toString()}` : req.path;
    const test = (t.http() as unknown as Record<string, (u: string) => ReturnType<ReturnType<TestApp['http']>['get']>>)[
      method
    ]?.(url);
    if (!test) throw new Error(`no supertest method ${method}`);
    let caller = req.caller === 'anonymous' ? undefined : tokens[req.caller];
    // The link's routes take a candidate's link, never an access token: signed-in callers send the live one.
    if (req.path.startsWith('/api/v1/candidate-link') && req.caller !== 'anonymous' && req.caller !== 'forged') {
      caller = linkAuth;
    }
    if (req.path === '/api/v1/auth/logout' && req.caller !== 'anonymous' && req.caller !== 'forged') {
      // Logging out (everywhere) must not end the sessions the rest of the fuzzer signs in with.
      caller = `Bearer ${tokenFor(t, await createUser(t, { roles: [req.caller] }))}`;
    }
    if (caller) void test.set('Authorization', caller);
    for (const [name, value] of Object.entries(req.headers)) void test.set(name, value);
    if (req.body) void test.set('Content-Type', req.body.contentType).send(req.body.text);
    sent += 1;
    const res = await test;
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    return res;
  }

  function expectSafe(where: string, res: Response): void {
    expect(res.status, `${where} → ${res.status} ${res.text?.slice(0, 500)}`).toBeLessThan(500);
    if (res.status < 400) return;
    expect(res.headers['content-type'], where).toMatch(new RegExp(`^${PROBLEM_MEDIA_TYPE.replace('+', '\\+')}`));
    const body = res.body as Record<string, unknown>;
    for (const field of ['type', 'title', 'detail']) expect(typeof body[field], `${where}: ${field}`).toBe('string');
    expect(body.status, where).toBe(res.status);
    // The fuzzer's own hostile strings may be quoted back in a message ('No role level "1; SELECT pg_sleep(5)--"').
    const text = NASTY_STRINGS.filter((n) => n.length > 3).reduce(
      (t, n) => t.split(JSON.stringify(n).slice(1, -1)).join(''),
      res.text,
    );
    for (const leak of LEAKS) expect(text, `${where}: leaks ${String(leak)} in ${res.text}`).not.toMatch(leak);
    const host = hostname();
    if (host.length > 3) expect(res.text, `${where}: leaks the host name`).not.toContain(host);
  }

  const safeSegment = (v: string | string[]): string => {
    const text = (Array.isArray(v) ? v.join(',') : v).replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '?',
    );
    return text === '' || text === '.' || text === '..' ? 'x' : encodeURIComponent(text);
  };

  function requestFor(path: string, operation: OperationObject): fc.Arbitrary<FuzzRequest> {
    const parameters = (operation.parameters ?? []) as {
      name: string;
      in: string;
      required?: boolean;
      schema?: Record<string, unknown>;
    }[];
    const pathParams = parameters.filter((p) => p.in === 'path');
    const queryParams = parameters.filter((p) => p.in === 'query');
    const headerParams = parameters.filter((p) => p.in === 'header');
    const opPool = (name: string): ValuePool => ({ ...pool, [name]: pathIds[path] ?? [] });

    const caller = fc.oneof(
      { weight: 14, arbitrary: fc.constant<Caller>('admin') },
      { weight: 2, arbitrary: fc.constantFrom<Caller>('hr', 'head_of_profession', 'staff') },
      { weight: 1, arbitrary: fc.constantFrom<Caller>('anonymous', 'forged') },
    );
    const encodedPath = fc
      .tuple(...pathParams.map((p) => fuzzParam(p.schema ?? {}, opPool(p.name), p.name)))
      .map((values) =>
        pathParams.reduce((acc, p, i) => acc.replace(`{${p.name}}`, safeSegment(values[i] ?? 'x')), path),
      );
    // Now and then a segment that is not valid percent-encoding at all.
    const pathArb =
      pathParams.length === 0
        ? encodedPath
        : fc.oneof(
            { weight: 15, arbitrary: encodedPath },
            {
              weight: 1,
              arbitrary: fc
                .constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%00')
                .map((raw) => path.replace(/\{[^}]+\}/g, raw)),
            },
          );
    const queryArb = fc
      .tuple(
        ...queryParams.map((p) =>
          fc.option(fuzzParam(p.schema ?? {}, pool, p.name), { freq: p.required ? 10 : 2, nil: undefined }),
        ),
        fc.option(
          fc.tuple(fc.constantFrom('unknown', '__proto__', 'limit[]', 'sort'), fc.constantFrom(...NASTY_STRINGS)),
          {
            freq: 6,
            nil: undefined,
          },
        ),
      )
      .map((values) => {
        const pairs: [string, string][] = [];
        queryParams.forEach((p, i) => {
          const v = values[i];
          if (v === undefined) return;
          for (const one of Array.isArray(v) ? v : [v]) pairs.push([p.name, one]);
        });
        const extra = values[queryParams.length] as [string, string] | undefined;
        if (extra) pairs.push(extra);
        return pairs;
      });
    const headerArb = fc
      .tuple(
        ...headerParams.map((h) => {
          const values =
            h.name === 'If-Match'
              ? fc.oneof(
                  fc.nat({ max: 4 }).map((n) => `"${n}"`),
                  fc.constantFrom('*', 'W/"1"', '"x"', '1', ''),
                )
              : h.name === 'If-None-Match'
                ? fc.constantFrom('*', '"nope"', 'W/"abc"', '"a", "b"')
                : fc.oneof(fc.uuid(), fc.constantFrom(...NASTY_STRINGS.filter((s) => /^[\x20-\x7e]*$/.test(s))));
          return fc.option(values, { freq: h.name === 'If-Match' ? 8 : 2, nil: undefined });
        }),
      )
      .map((values) => {
        const headers: Record<string, string> = {};
        headerParams.forEach((h, i) => {
          const v = values[i];
          if (v !== undefined) headers[h.name] = v;
        });
        return headers;
      });
    const content = operation.requestBody?.content ?? {};
    const jsonSchema = content['application/json']?.schema;
    const bodyArb: fc.Arbitrary<FuzzRequest['body']> = content['text/csv']
      ? fuzzCsv(STAFF_CSV_COLUMNS, pool).map((text) => ({ contentType: 'text/csv', text }))
      : jsonSchema
        ? fc.oneof(
            {
              weight: 12,
              arbitrary: fuzzBody(jsonSchema, pool).map((b) => ({
                contentType: 'application/json',
                text: JSON.stringify(b) ?? 'null',
              })),
            },
            {
              weight: 1,
              arbitrary: fc.constantFrom(
                { contentType: 'application/json', text: '{"a":' },
                { contentType: 'application/json', text: '' },
                { contentType: 'application/json', text: `{"x":"${'z'.repeat(1_200_000)}"}` },
                { contentType: 'text/plain', text: '{}' },
                { contentType: 'application/x-www-form-urlencoded', text: 'a=1' },
                { contentType: 'text/csv', text: 'a,b\n1,2\n' },
              ),
            },
          )
        : fc.constant(undefined);
    return fc
      .record({ caller, path: pathArb, query: queryArb, headers: headerArb, body: bodyArb })
      .map(({ body, ...rest }) => (body === undefined ? rest : { ...rest, body }));
  }

  for (const { path, method, operation } of operations()) {
    it(`${method.toUpperCase()} ${path}: never a 5xx, always a documented problem`, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(path, operation), async (req) => {
          const res = await send(method, req);
          expectSafe(`${method.toUpperCase()} ${req.path}`, res);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    });
  }

  /** Generated files (rows, quoting, garbage) POSTed by HR as CSV and other types: 2xx or a problem; then the export. */
  async function fuzzImportExport(columns: readonly string[], importPath: string, exportPath: string): Promise<void> {
    const file = fuzzCsv(columns, pool);
    const dryRun = fc.constantFrom(undefined, 'true', 'false', 'yes');
    const contentType = fc.constantFrom(
      'text/csv',
      'text/csv',
      'text/csv; charset=utf-8',
      'text/plain',
      'application/octet-stream',
    );
    await fc.assert(
      fc.asyncProperty(file, dryRun, contentType, async (text, dry, type) => {
        const req: FuzzRequest = {
          caller: 'hr',
          path: importPath,
          query: dry === undefined ? [] : [['dryRun', dry]],
          headers: {},
          body: { contentType: type, text },
        };
        const res = await send('post', req);
        expectSafe(`POST ${req.path}`, res);
        if (res.status < 400) expect([200, 201]).toContain(res.status);
      }),
      { seed: SEED, numRuns: RUNS * 2, endOnFailure: true },
    );
    for (const caller of ['admin', 'hr', 'head_of_profession', 'staff', 'anonymous'] as const) {
      const res = await send('get', { caller, path: exportPath, query: [], headers: {} });
      expectSafe(`GET ${exportPath} as ${caller}`, res);
      if (res.status === 200) expect(res.headers['content-type']).toMatch(/^text\/csv/);
    }
  }

  it('imports generated CSV (rows, quoting, garbage) as 2xx or a problem, then exports it', async () => {
    await fuzzImportExport(STAFF_CSV_COLUMNS, '/api/v1/staff/import', '/api/v1/staff/export.csv');
    // Every signed-in caller may export (their own scope).
    for (const caller of ['admin', 'hr', 'head_of_profession', 'staff'] as const) {
      const res = await send('get', { caller, path: '/api/v1/staff/export.csv', query: [], headers: {} });
      expect(res.headers['content-type'], caller).toMatch(/^text\/csv/);
    }
  });

  it('imports generated candidate CSV from a channel or a partner as 2xx or a problem', async () => {
    const source = fc.constantFrom<[string, string][]>(
      [['channel', 'job-board']],
      [['partnerId', (pool.partnerId as string[] | undefined)?.[0] ?? '']],
      [],
      [['channel', 'carrier-pigeon']],
    );
    await fc.assert(
      fc.asyncProperty(
        fuzzCsv(CANDIDATE_CSV_COLUMNS, pool),
        source,
        fc.constantFrom(undefined, 'true'),
        async (text, query, dry) => {
          const req: FuzzRequest = {
            caller: 'hr',
            path: '/api/v1/candidates/import',
            query: dry === undefined ? query : [...query, ['dryRun', dry]],
            headers: {},
            body: { contentType: 'text/csv', text },
          };
          const res = await send('post', req);
          expectSafe(`POST ${req.path}`, res);
          if (res.status < 400) expect([200, 201]).toContain(res.status);
        },
      ),
      { seed: SEED, numRuns: RUNS * 2, endOnFailure: true },
    );
  });

  it('imports generated results CSV into an open cycle as 2xx or a problem, then exports it', async () => {
    const cycle = `/api/v1/review-cycles/${resultsCycleId}`;
    await fuzzImportExport(RESULTS_CSV_COLUMNS, `${cycle}/results/import`, `${cycle}/results.csv`);
  });
});
