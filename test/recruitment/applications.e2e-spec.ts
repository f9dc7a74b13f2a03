import { Permission } from '@capability/auth';
import {
  ApplicationNotFound,
  ApplicationPermission,
  ApplicationsService,
  CandidatePermission,
  DisabilityConfidentTooLate,
  PIPELINE_STAGES,
  SUCCESS_PROFILE_BEHAVIOURS,
  allowedMoves,
  type PipelineStage,
} from '@capability/recruitment';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { insertApplication, insertCandidate, requiredSkills } from './pipeline-support.js';
import {
  API,
  gradeIds,
  insertCampaign,
  insertVacancy,
  levels,
  unit,
  type Auth,
  type Level,
} from './planning-support.js';

const APPLICATIONS = `${API}/applications`;

interface Candidate {
  id: string | null;
  fullName: string | null;
  email: string | null;
  phone: string | null;
  university: string | null;
  partner: { id: string; name: string } | null;
  channel: string | null;
}
interface Application {
  id: string;
  stage: PipelineStage;
  version: number;
  blind: boolean;
  allowedMoves: PipelineStage[];
  rejectionReason: string | null;
  disabilityConfident: boolean | null;
  candidate: Candidate;
  moves: { from: string | null; to: string; movedBy: { userId: string } | null; reason: string | null }[];
  scores: {
    stage: string;
    assessors: { userId: string; behaviours: { criterion: string; score: number }[] }[];
    combined: {
      behaviours: { criterion: string; score: number; assessors: number }[];
      technicalSkills: { criterion: string; score: number; requiredLevel: number | null; meets: boolean | null }[];
      overallBehaviourScore: number | null;
    };
  }[];
}

describe('recruitment applications', () => {
  let t: TestApp;
  let as: Record<'hr' | 'hop' | 'panel' | 'otherPanel' | 'staff', Auth>;
  let hrUserId: string;
  let panelUserId: string;
  let data: Level[];
  let vacancyId: string;
  let otherVacancyId: string;
  let campaignId: string;
  let teamId: string;
  let grade: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    teamId = await unit(t, 'APT');
    grade = (await gradeIds(t, ['SEO']))[0]!;
    data = await levels(t, 'data', 2);
    const hr = await signedIn(t, { roles: ['hr'] });
    hrUserId = hr.user.id;
    const panel = await signedIn(t, { roles: ['staff'], displayName: 'Sift Panellist' });
    panelUserId = panel.user.id;
    const otherPanel = await signedIn(t, { roles: ['staff'] });
    as = {
      hr: hr.auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: ['data'] })).auth,
      panel: panel.auth,
      otherPanel: otherPanel.auth,
      staff: (await signedIn(t, { roles: ['staff'] })).auth,
    };
    campaignId = await insertCampaign(t, hrUserId, 'open');
    vacancyId = await insertVacancy(t, {
      campaignId,
      roleLevelId: data[0]!.id,
      gradeId: grade,
      unitId: teamId,
      panel: [{ userId: panelUserId, chair: true }],
    });
    otherVacancyId = await insertVacancy(t, {
      campaignId,
      roleLevelId: data[1]!.id,
      gradeId: grade,
      unitId: teamId,
      panel: [{ userId: otherPanel.user.id, chair: true }],
    });
  });

  const get = (auth: Auth, id: string) => t.http().get(`${APPLICATIONS}/${id}`).set(auth);
  const move = (auth: Auth, id: string, version: number | null, body: Record<string, unknown>) => {
    const req = t.http().post(`${APPLICATIONS}/${id}/transitions`).set(auth);
    if (version !== null) req.set('If-Match', `"${version}"`);
    return req.send(body);
  };
  const score = (auth: Auth, id: string, stage: string, body: Record<string, unknown>) =>
    t.http().put(`${APPLICATIONS}/${id}/scores/${stage}`).set(auth).send(body);
  const read = async (id: string): Promise<Application> => {
    const res = await get(as.hr, id);
    expect(res.status, res.text).toBe(200);
    return res.body as Application;
  };
  const settings = (auth: Auth, id: string, version: number, body: Record<string, unknown>) =>
    t.http().put(`${API}/vacancies/${id}/pipeline-settings`).set(auth).set('If-Match', `"${version}"`).send(body);

  it('keeps its permission names equal to auth', () => {
    expect(ApplicationPermission.Read).toBe(Permission.ApplicationRead);
    expect(ApplicationPermission.Manage).toBe(Permission.ApplicationManage);
    expect(ApplicationPermission.Score).toBe(Permission.ApplicationScore);
    expect(CandidatePermission.Read).toBe(Permission.CandidateRead);
    expect(CandidatePermission.Manage).toBe(Permission.CandidateManage);
  });

  it('is added once per candidate and vacancy, at applied, to an open vacancy only', async () => {
    const candidateId = await insertCandidate(t);
    const key = randomUUID();
    const create = (body: Record<string, unknown>, k: string = randomUUID(), auth: Auth = as.hr) =>
      t.http().post(APPLICATIONS).set(auth).set('Idempotency-Key', k).send(body);
    const first = await create({ candidateId, vacancyId, disabilityConfident: true }, key);
    expect(first.status, first.text).toBe(201);
    expect((await create({ candidateId, vacancyId, disabilityConfident: true }, key)).body).toEqual(first.body);
    const a = first.body as Application;
    expect(a).toMatchObject({ stage: 'applied', version: 1, disabilityConfident: true, blind: false });
    expect(a.allowedMoves).toEqual(['sift', 'rejected', 'withdrawn']);
    expect(a.moves).toEqual([
      expect.objectContaining({ from: null, to: 'applied', movedBy: expect.objectContaining({ userId: hrUserId }) }),
    ]);

    const dup = expectProblem(await create({ candidateId, vacancyId }), 409, 'duplicate-application');
    expect(dup).toMatchObject({ existingApplicationId: a.id, existingApplication: `/api/v1/applications/${a.id}` });
    for (const state of ['draft', 'closed', 'withdrawn'] as const) {
      const v = await insertVacancy(t, { campaignId, roleLevelId: data[0]!.id, gradeId: grade, unitId: teamId, state });
      const res = expectProblem(await create({ candidateId, vacancyId: v }), 409, 'vacancy-not-taking-applications');
      expect(res.vacancyState).toBe(state);
    }
    const invalid = expectProblem(
      await create({ candidateId: randomUUID(), vacancyId: randomUUID() }),
      422,
      'application-invalid',
    );
    expect((invalid.errors as { field: string }[]).map((e) => e.field)).toEqual(['candidateId', 'vacancyId']);
    expectProblem(await create({ candidateId, vacancyId: otherVacancyId }, randomUUID(), as.staff), 403, 'forbidden');
    expectProblem(await create({ candidateId, vacancyId: 'nope' }), 400, 'validation-failed');
    expect((await auditRows(t, 'application.created')).map((r) => r.entity_id)).toEqual([a.id]);
  });

  describe('moves every pair of stages as the table says', () => {
    for (const assessment of [false, true]) {
      it(`for a vacancy ${assessment ? 'with' : 'without'} an assessment stage: each allowed move, and 409 naming the allowed ones for the rest`, async () => {
        if (assessment) {
          expect((await settings(as.hr, vacancyId, 0, { minSiftScore: 4, hasAssessment: true })).status).toBe(200);
        }
        const pairs = PIPELINE_STAGES.flatMap((from) => PIPELINE_STAGES.map((to) => ({ from, to })));
        const ids = new Map<string, string>();
        for (const { from, to } of pairs) {
          const candidateId = await insertCandidate(t);
          ids.set(`${from}>${to}`, await insertApplication(t, { candidateId, vacancyId, stage: from }));
        }
        for (const { from, to } of pairs) {
          const id = ids.get(`${from}>${to}`)!;
          const allowed = allowedMoves(from, { assessment });
          const res = await move(as.hr, id, 1, { to, reason: `Moved from ${from}` });
          if (allowed.includes(to)) {
            expect(res.status, `${from} → ${to}: ${res.text}`).toBe(200);
            const a = res.body as Application;
            expect(a.stage).toBe(to);
            expect(a.version).toBe(2);
            expect(a.rejectionReason).toBe(to === 'rejected' ? `Moved from ${from}` : null);
            expect(a.moves.at(-1)).toMatchObject({
              from,
              to,
              movedBy: { userId: hrUserId },
              reason: `Moved from ${from}`,
            });
          } else {
            const problem = expectProblem(res, 409, 'illegal-application-move');
            expect(problem, `${from} → ${to}`).toMatchObject({ stage: from, to, allowed });
          }
        }
        const moved = await t.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM application_stage_moves WHERE from_stage IS NOT NULL AND moved_by_user_id = $1`,
          [hrUserId],
        );
        expect(moved[0]!.n).toBe(
          pairs.filter(({ from, to }) => allowedMoves(from, { assessment }).includes(to)).length,
        );
      });
    }
  });

  it('asks a reason for a rejection, records who moved it, when and why, and audits without the reason', async () => {
    const id = await insertApplication(t, { candidateId: await insertCandidate(t), vacancyId, stage: 'sift' });
    const noReason = expectProblem(
      await move(as.hr, id, 1, { to: 'rejected', reason: '  ' }),
      422,
      'application-invalid',
    );
    expect(noReason.errors).toEqual([{ field: 'reason', message: 'a move to rejected says why' }]);
    const res = await move(as.hr, id, 1, { to: 'rejected', reason: 'Did not meet the essential criteria' });
    expect(res.status, res.text).toBe(200);
    const [row] = await t.dataSource.query<
      { from_stage: string; to_stage: string; moved_by_user_id: string; reason: string; moved_at: Date }[]
    >(`SELECT * FROM application_stage_moves WHERE application_id = $1 AND from_stage IS NOT NULL`, [id]);
    expect(row).toMatchObject({ from_stage: 'sift', to_stage: 'rejected', moved_by_user_id: hrUserId });
    expect(row!.reason).toBe('Did not meet the essential criteria');
    expect(row!.moved_at).toBeInstanceOf(Date);
    const [audit] = await auditRows(t, 'application.moved');
    expect(audit).toMatchObject({ entity_id: id, changed_fields: ['stage', 'rejectionReason'] });
    expect(audit!.json).not.toContain('essential criteria');
  });

  it('needs If-Match, refuses a stale one, and lets one of two moves from the same version win', async () => {
    const id = await insertApplication(t, { candidateId: await insertCandidate(t), vacancyId });
    expectProblem(await move(as.hr, id, null, { to: 'sift' }), 428, 'precondition-required');
    expectProblem(await move(as.hr, id, 7, { to: 'sift' }), 412, 'precondition-failed');
    const [a, b] = await Promise.all([
      move(as.hr, id, 1, { to: 'sift' }),
      move(as.hr, id, 1, { to: 'withdrawn', reason: 'Took another job' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const after = await read(id);
    expect(after.version).toBe(2);
    expect(after.moves).toHaveLength(2);
    expectProblem(await move(as.panel, id, 2, { to: 'rejected', reason: 'x' }), 403, 'forbidden');
    expectProblem(await move(as.hr, randomUUID(), 1, { to: 'sift' }), 404, 'application-not-found');
    expectProblem(await move(as.hr, id, 2, { to: 'hired' }), 400, 'validation-failed');
  });

  describe('Disability Confident', () => {
    const behaviours = (scores: number[]) =>
      scores.map((s, i) => ({ behaviour: SUCCESS_PROFILE_BEHAVIOURS[i]!, score: s }));
    const reject = (id: string, version = 1) => move(as.hr, id, version, { to: 'rejected', reason: 'Below the bar' });

    it('guarantees an interview to an applicant who opted in and meets the minimum sift score', async () => {
      expect((await settings(as.hr, vacancyId, 0, { minSiftScore: 4.5, hasAssessment: false })).status).toBe(200);
      const optedIn = await insertApplication(t, {
        candidateId: await insertCandidate(t),
        vacancyId,
        stage: 'sift',
        disabilityConfident: true,
      });
      // No sift scores yet: nothing shows they fall short.
      const unscored = expectProblem(await reject(optedIn), 422, 'disability-confident-interview-guaranteed');
      expect(unscored).toMatchObject({ minSiftScore: 4.5, siftScore: null });
      // Two assessors: behaviours (5, 4) and (4, 5) → combined 4.5 and 4.5 → overall 4.5, the minimum exactly.
      expect(
        (await score(as.panel, optedIn, 'sift', { behaviours: behaviours([5, 4]), technicalSkills: [] })).status,
      ).toBe(200);
      expect(
        (await score(as.hr, optedIn, 'sift', { behaviours: behaviours([4, 5]), technicalSkills: [] })).status,
      ).toBe(200);
      const meets = expectProblem(await reject(optedIn), 422, 'disability-confident-interview-guaranteed');
      expect(meets).toMatchObject({ minSiftScore: 4.5, siftScore: 4.5 });
      expect(meets.detail).toMatch(/guaranteed an interview/);
      expect((await read(optedIn)).stage).toBe('sift');
      // The interview is what the guarantee gives.
      expect((await move(as.hr, optedIn, 1, { to: 'interview' })).status).toBe(200);

      // Below the minimum: the rejection stands.
      const below = await insertApplication(t, {
        candidateId: await insertCandidate(t),
        vacancyId,
        stage: 'sift',
        disabilityConfident: true,
      });
      await score(as.panel, below, 'sift', { behaviours: behaviours([5, 3]), technicalSkills: [] });
      expect((await reject(below)).status).toBe(200);

      // Not opted in: no guarantee, whatever the score.
      const other = await insertApplication(t, { candidateId: await insertCandidate(t), vacancyId, stage: 'sift' });
      await score(as.panel, other, 'sift', { behaviours: behaviours([7, 7]), technicalSkills: [] });
      expect((await reject(other)).status).toBe(200);

      // Before the sift a rejection is about eligibility, not merit.
      const early = await insertApplication(t, {
        candidateId: await insertCandidate(t),
        vacancyId,
        disabilityConfident: true,
      });
      expect((await reject(early)).status).toBe(200);
    });

    it('records the opt-in the candidate link gives, until the sift is over, audited without the value', async () => {
      const service = t.app.get(ApplicationsService);
      const id = await insertApplication(t, { candidateId: await insertCandidate(t), vacancyId });
      await service.recordDisabilityConfident(null, id, true);
      expect(await read(id)).toMatchObject({ disabilityConfident: true, version: 2 });
      await service.recordDisabilityConfident(null, id, true); // the same choice again changes nothing
      expect((await read(id)).version).toBe(2);
      const [audit, ...more] = await auditRows(t, 'application.disability-confident-recorded');
      expect(more).toEqual([]);
      expect(audit).toMatchObject({ actor_user_id: null, entity_id: id, changed_fields: ['disabilityConfident'] });
      const interviewed = await insertApplication(t, {
        candidateId: await insertCandidate(t),
        vacancyId,
        stage: 'interview',
        interviewed: true,
      });
      await expect(service.recordDisabilityConfident(null, interviewed, true)).rejects.toBeInstanceOf(
        DisabilityConfidentTooLate,
      );
      await expect(service.recordDisabilityConfident(null, randomUUID(), true)).rejects.toBeInstanceOf(
        ApplicationNotFound,
      );
    });

    it('uses the Success Profiles pass mark (4) while the vacancy has no minimum of its own', async () => {
      const id = await insertApplication(t, {
        candidateId: await insertCandidate(t),
        vacancyId,
        stage: 'sift',
        disabilityConfident: true,
      });
      await score(as.panel, id, 'sift', { behaviours: behaviours([4]), technicalSkills: [] });
      expect(expectProblem(await reject(id), 422, 'disability-confident-interview-guaranteed')).toMatchObject({
        minSiftScore: 4,
        siftScore: 4,
      });
    });
  });

  it('keeps each assessor’s scores per stage and combines them as the mean per criterion', async () => {
    const id = await insertApplication(t, { candidateId: await insertCandidate(t), vacancyId, stage: 'sift' });
    const skills = await requiredSkills(t, data[0]!.id);
    expect(skills.length).toBeGreaterThan(1);
    const [s1, s2] = skills;
    const panel = {
      behaviours: [
        { behaviour: 'working-together', score: 6 },
        { behaviour: 'delivering-at-pace', score: 3 },
      ],
      technicalSkills: [
        { skill: s1!.slug, score: 2 },
        { skill: s2!.slug, score: 4 },
      ],
    };
    const hr = {
      behaviours: [{ behaviour: 'working-together', score: 7 }],
      technicalSkills: [{ skill: s1!.slug, score: 3 }],
    };
    expect((await score(as.panel, id, 'sift', panel)).status).toBe(200);
    // Scoring again replaces the assessor's own scores for the stage.
    expect(
      (await score(as.hr, id, 'sift', { behaviours: [{ behaviour: 'leadership', score: 1 }], technicalSkills: [] }))
        .status,
    ).toBe(200);
    const res = await score(as.hr, id, 'sift', hr);
    expect(res.status, res.text).toBe(200);
    const [stage] = (res.body as Application).scores;
    expect(stage!.stage).toBe('sift');
    expect(stage!.assessors.map((a) => a.userId).sort()).toEqual([hrUserId, panelUserId].sort());

    // The independent calculation: per criterion, the mean over the assessors who scored it.
    const all = [panel, hr];
    const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;
    const behaviourScores = new Map<string, number[]>();
    for (const a of all) {
      for (const b of a.behaviours) {
        behaviourScores.set(b.behaviour, [...(behaviourScores.get(b.behaviour) ?? []), b.score]);
      }
    }
    const expectedBehaviours = [...behaviourScores].map(([criterion, xs]) => ({
      criterion,
      score: mean(xs),
      assessors: xs.length,
    }));
    expect([...stage!.combined.behaviours].sort((a, b) => a.criterion.localeCompare(b.criterion))).toEqual(
      expectedBehaviours.sort((a, b) => a.criterion.localeCompare(b.criterion)),
    );
    expect(stage!.combined.overallBehaviourScore).toBe(mean(expectedBehaviours.map((b) => b.score)));
    const technical = new Map<string, number[]>();
    for (const a of all) {
      for (const s of a.technicalSkills) technical.set(s.skill, [...(technical.get(s.skill) ?? []), s.score]);
    }
    const level = new Map(skills.map((s) => [s.slug, s.level]));
    expect([...stage!.combined.technicalSkills].sort((a, b) => a.criterion.localeCompare(b.criterion))).toEqual(
      [...technical]
        .map(([criterion, xs]) => ({
          criterion,
          score: mean(xs),
          assessors: xs.length,
          requiredLevel: level.get(criterion)!,
          meets: mean(xs) >= level.get(criterion)!,
        }))
        .sort((a, b) => a.criterion.localeCompare(b.criterion)),
    );

    const wrongSkill = expectProblem(
      await score(as.hr, id, 'sift', { behaviours: [], technicalSkills: [{ skill: 'not-required-here', score: 2 }] }),
      422,
      'application-invalid',
    );
    expect(wrongSkill.errors).toEqual([
      { field: 'technicalSkills[0].skill', message: "not a skill the vacancy's role level requires" },
    ]);
    expectProblem(await score(as.hr, id, 'sift', { behaviours: [], technicalSkills: [] }), 422, 'application-invalid');
    expectProblem(
      await score(as.hr, id, 'interview', { behaviours: [{ behaviour: 'leadership', score: 4 }], technicalSkills: [] }),
      409,
      'application-not-at-stage',
    );
    expectProblem(
      await score(as.hr, id, 'sift', { behaviours: [{ behaviour: 'leadership', score: 8 }], technicalSkills: [] }),
      400,
      'validation-failed',
    );
    expectProblem(await score(as.hr, id, 'offer', hr), 400, 'validation-failed');
    for (const auth of [as.otherPanel, as.staff, as.hop]) {
      expectProblem(await score(auth, id, 'sift', hr), 404, 'application-not-found');
    }
    const [audit] = await auditRows(t, 'application.scored');
    expect(audit!.json).not.toMatch(/"score"/);
  });

  it('shows a panel member only their vacancies’ applications, name-blind during sift, and heads of profession none', async () => {
    const [partner] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO partners (name, kind, country, contract_starts_on) VALUES ('Northern Graduate Partnership', 'university', 'GB', '2026-01-01') RETURNING id`,
    );
    const secret = {
      fullName: 'Zanele Quintero-Hughes',
      email: 'zanele.quintero@example.org',
      university: 'University of Tewkesbury Marsh',
    };
    const candidateId = await insertCandidate(t, { ...secret, partnerId: partner!.id });
    const [{ phone } = { phone: '' }] = await t.dataSource.query<{ phone: string }[]>(
      'SELECT phone FROM candidates WHERE id = $1',
      [candidateId],
    );
    const values = [
      secret.fullName,
      secret.email,
      secret.university,
      phone,
      'Northern Graduate Partnership',
      partner!.id,
      candidateId,
    ];
    const blindId = await insertApplication(t, { candidateId, vacancyId, stage: 'sift', disabilityConfident: true });
    const other = await insertApplication(t, { candidateId: await insertCandidate(t), vacancyId: otherVacancyId });

    // During sift: nothing that names or places the candidate, anywhere in the body.
    for (const res of [
      await get(as.panel, blindId),
      await t.http().get(APPLICATIONS).set(as.panel),
      await t.http().get(APPLICATIONS).query({ stage: 'sift' }).set(as.panel),
    ]) {
      expect(res.status, res.text).toBe(200);
      for (const value of values) expect(res.text, value).not.toContain(value);
      expect(res.text).not.toContain('job-board');
    }
    const blind = (await get(as.panel, blindId)).body as Application;
    expect(blind).toMatchObject({ blind: true, disabilityConfident: null, stage: 'sift' });
    expect(blind.candidate).toMatchObject({
      id: null,
      fullName: null,
      email: null,
      phone: null,
      university: null,
      partner: null,
      channel: null,
    });
    const list = (await t.http().get(APPLICATIONS).set(as.panel)).body as { items: Application[] };
    expect(list.items.map((a) => a.id)).toEqual([blindId]);

    // HR sees the candidate whole, the opt-in too.
    const whole = await read(blindId);
    expect(whole).toMatchObject({ blind: false, disabilityConfident: true });
    expect(whole.candidate).toMatchObject({ ...secret, id: candidateId, partner: { id: partner!.id } });

    // Past the sift the panel meets the candidate: the name shows.
    await score(as.panel, blindId, 'sift', {
      behaviours: [{ behaviour: 'leadership', score: 6 }],
      technicalSkills: [],
    });
    expect((await move(as.hr, blindId, 1, { to: 'interview' })).status).toBe(200);
    const met = (await get(as.panel, blindId)).body as Application;
    expect(met).toMatchObject({ blind: false, disabilityConfident: null });
    expect(met.candidate.fullName).toBe(secret.fullName);

    // Out of reach answers as missing; lists leave it out.
    expectProblem(await get(as.panel, other), 404, 'application-not-found');
    for (const auth of [as.staff, as.hop]) {
      expectProblem(await get(auth, blindId), 404, 'application-not-found');
      const none = await t.http().get(APPLICATIONS).set(auth);
      expect(none.status).toBe(200);
      expect((none.body as { items: unknown[] }).items).toEqual([]);
    }
    // Every read is audited with the id, never a value.
    const reads = await auditRows(t, 'application.read');
    expect(reads.map((r) => r.entity_id)).toContain(blindId);
    const listed = await auditRows(t, 'application.listed');
    expect(listed.map((r) => r.entity_id)).toContain(blindId);
    for (const row of [...reads, ...listed]) {
      for (const value of values.slice(0, 5)) expect(row.json).not.toContain(value);
    }
  });

  it('filters by vacancy, campaign, candidate and stage, and pages by keyset', async () => {
    const otherCampaign = await insertCampaign(t, hrUserId, 'open', 'Other campaign');
    const elsewhere = await insertVacancy(t, {
      campaignId: otherCampaign,
      roleLevelId: data[0]!.id,
      gradeId: grade,
      unitId: teamId,
    });
    const stages: PipelineStage[] = ['applied', 'sift', 'sift', 'interview', 'rejected'];
    const ids: string[] = [];
    for (const stage of stages) {
      ids.push(await insertApplication(t, { candidateId: await insertCandidate(t), vacancyId, stage }));
    }
    const away = await insertApplication(t, {
      candidateId: await insertCandidate(t),
      vacancyId: elsewhere,
      stage: 'sift',
    });
    const all = async (query: Record<string, string>): Promise<string[]> => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t
          .http()
          .get(APPLICATIONS)
          .query({ ...query, limit: '2', ...(cursor ? { cursor } : {}) })
          .set(as.hr);
        expect(res.status, res.text).toBe(200);
        const page = res.body as { items: Application[]; nextCursor: string | null };
        seen.push(...page.items.map((a) => a.id));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect((await all({ vacancyId })).sort()).toEqual([...ids].sort());
    expect(new Set(await all({})).size).toBe(6);
    expect((await all({ stage: 'sift' })).sort()).toEqual([ids[1], ids[2], away].sort());
    expect(await all({ campaignId: otherCampaign })).toEqual([away]);
    const [candidate] = await t.dataSource.query<{ candidate_id: string }[]>(
      'SELECT candidate_id FROM applications WHERE id = $1',
      [ids[3]],
    );
    expect(await all({ candidateId: candidate!.candidate_id })).toEqual([ids[3]]);
    expectProblem(await t.http().get(APPLICATIONS).query({ stage: 'hired' }).set(as.hr), 400, 'validation-failed');
    expectProblem(await t.http().get(APPLICATIONS).query({ cursor: 'abc' }).set(as.hr), 400, 'validation-failed');
  });

  it("keeps a vacancy's pipeline settings at a version, and its assessment stage while applications are at it", async () => {
    const path = `${API}/vacancies/${vacancyId}/pipeline-settings`;
    const first = await t.http().get(path).set(as.panel);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ vacancyId, minSiftScore: 4, hasAssessment: false, version: 0 });
    expect(first.headers.etag).toBe('"0"');
    expectProblem(
      await t.http().put(path).set(as.hr).send({ minSiftScore: 5, hasAssessment: true }),
      428,
      'precondition-required',
    );
    const set = await settings(as.hr, vacancyId, 0, { minSiftScore: 5.25, hasAssessment: true });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toEqual({ vacancyId, minSiftScore: 5.25, hasAssessment: true, version: 1 });
    expectProblem(
      await settings(as.hr, vacancyId, 0, { minSiftScore: 3, hasAssessment: true }),
      412,
      'precondition-failed',
    );
    await insertApplication(t, { candidateId: await insertCandidate(t), vacancyId, stage: 'assessment' });
    expect(
      expectProblem(
        await settings(as.hr, vacancyId, 1, { minSiftScore: 5, hasAssessment: false }),
        409,
        'assessment-stage-in-use',
      ),
    ).toMatchObject({ waiting: 1 });
    expectProblem(
      await settings(as.hr, vacancyId, 1, { minSiftScore: 8, hasAssessment: true }),
      400,
      'validation-failed',
    );
    expectProblem(await settings(as.panel, vacancyId, 1, { minSiftScore: 5, hasAssessment: true }), 403, 'forbidden');
    expectProblem(
      await settings(as.hr, randomUUID(), 0, { minSiftScore: 5, hasAssessment: true }),
      404,
      'vacancy-not-found',
    );
    for (const auth of [as.hop, as.staff, as.otherPanel]) {
      expectProblem(await t.http().get(path).set(auth), 404, 'vacancy-not-found');
    }
    expect((await auditRows(t, 'vacancy.pipeline-settings-changed')).map((r) => r.changed_fields)).toEqual([
      ['minSiftScore', 'hasAssessment'],
    ]);
  });
});
