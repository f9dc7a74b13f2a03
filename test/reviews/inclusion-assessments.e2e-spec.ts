import { Permission } from '@capability/auth';
import { DERIVATION_TABLE, InclusionPermission, type QuestionnaireAnswers } from '@capability/reviews';
import { today } from '@capability/workforce';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CreateInclusionAssessmentDto } from '../../apps/api/src/reviews/inclusion/inclusion.dto.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

type Auth = { Authorization: string };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const shiftDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const BASIC_SKILLS: QuestionnaireAnswers = {
  online: 'yes',
  wantsToDoMore: false,
  email: true,
  search: true,
  onlineForms: true,
  videoCalls: true,
  staySafe: true,
  solvesProblems: false,
  digitalIsMainWork: false,
};

describe('digital inclusion assessments', () => {
  let t: TestApp;
  let seq = 0;
  let unitId: string;
  // A chain: director → manager → member; a peer of the member; HR; a head of profession for Data.
  let director: string;
  let manager: string;
  let member: string;
  let peer: string;
  let dataPerson: string;
  let as: Record<'director' | 'manager' | 'member' | 'peer' | 'hr' | 'hop' | 'noRecord', Auth>;
  let memberUserId: string;
  let managerUserId: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  async function person(name: string, lineManagerId: string | null = null): Promise<string> {
    seq += 1;
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO staff (staff_number, full_name, unit_id, employment_type, line_manager_id)
       VALUES ($1, $2, $3, 'permanent', $4) RETURNING id`,
      [`IA${seq}`, name, unitId, lineManagerId],
    );
    return row!.id;
  }

  beforeEach(async () => {
    await t.reset();
    unitId = randomUUID();
    await t.dataSource.query(
      `INSERT INTO organisation_units (id, code, name, type, path) VALUES ($1, 'IAD', 'Dept', 'department', ARRAY[$1]::uuid[])`,
      [unitId],
    );
    director = await person('Director');
    manager = await person('Manager', director);
    member = await person('Member', manager);
    peer = await person('Peer', director);
    dataPerson = await person('Data person');
    await t.dataSource.query(
      `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on)
       SELECT $1, rl.id, true, '2024-01-01' FROM role_levels rl
         JOIN framework_versions v ON v.id = rl.version_id AND v.is_current WHERE rl.slug = 'senior-data-engineer'`,
      [dataPerson],
    );
    const memberUser = await signedIn(t, { staffId: member });
    const managerUser = await signedIn(t, { staffId: manager });
    memberUserId = memberUser.user.id;
    managerUserId = managerUser.user.id;
    as = {
      director: (await signedIn(t, { staffId: director })).auth,
      manager: managerUser.auth,
      member: memberUser.auth,
      peer: (await signedIn(t, { staffId: peer })).auth,
      hr: (await signedIn(t, { roles: ['hr'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: ['data'] })).auth,
      noRecord: (await signedIn(t)).auth,
    };
  });

  const path = (id: string) => `/api/v1/staff/${id}/inclusion-assessments`;
  const record = (auth: Auth, id: string, body: CreateInclusionAssessmentDto | Record<string, unknown>) =>
    t.http().post(path(id)).set(auth).send(body);
  const count = async (): Promise<number> =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM inclusion_assessments`))[0]!.n;
  const levelNames = async (): Promise<string[]> => {
    const res = await t.http().get('/api/v1/reference/inclusion-levels').set(as.member);
    return (res.body as { items: { name: string }[] }).items.map((l) => l.name);
  };

  it('uses the permission names auth grants', () => {
    expect(Object.values(Permission)).toEqual(expect.arrayContaining(Object.values(InclusionPermission)));
  });

  describe('POST /staff/:staffId/inclusion-assessments', () => {
    it('records a self assessment of one’s own (self by default, today by default), named from the scale, audited', async () => {
      const res = await record(as.member, member, { level: 6 });
      expect(res.status, res.text).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        staffId: member,
        level: 6,
        levelName: (await levelNames())[5],
        method: 'self',
        assessedOn: today(),
        recordedByUserId: memberUserId,
        answers: null,
        createdAt: expect.any(String),
      });
      const [audit] = await auditRows(t, 'inclusion-assessment.recorded');
      expect(audit).toMatchObject({ entity_id: (res.body as { id: string }).id, actor_user_id: memberUserId });
    });

    it('lets anyone above the person in the line (assisted digital) and HR record one; assisted by default', async () => {
      const byManager = await record(as.manager, member, { level: 4, assessedOn: '2026-01-10' });
      expect(byManager.status, byManager.text).toBe(201);
      expect(byManager.body).toMatchObject({ method: 'assisted', recordedByUserId: managerUserId });
      expect((await record(as.director, member, { level: 5, method: 'assisted' })).status).toBe(201);
      expect((await record(as.hr, member, { level: 7 })).status).toBe(201);
      expect(await count()).toBe(3);
    });

    it('hides the person from those who may not see them (404) and refuses those who see but do not support them (403)', async () => {
      expectProblem(await record(as.peer, member, { level: 5 }), 404, 'staff-not-found');
      expectProblem(await record(as.member, manager, { level: 5 }), 404, 'staff-not-found');
      expectProblem(await record(as.hop, dataPerson, { level: 5 }), 403, 'assessment-not-allowed');
      expectProblem(await record(as.hr, UNKNOWN_ID, { level: 5 }), 404, 'staff-not-found');
      expect(await count()).toBe(0);
    });

    it('refuses a method that does not fit who records it, and a questionnaire level without its answers', async () => {
      expectProblem(await record(as.manager, member, { level: 5, method: 'self' }), 422, 'assessment-method-mismatch');
      expectProblem(
        await record(as.member, member, { level: 5, method: 'assisted' }),
        422,
        'assessment-method-mismatch',
      );
      expectProblem(
        await record(as.member, member, { level: 5, method: 'questionnaire' }),
        422,
        'assessment-method-mismatch',
      );
      expect(await count()).toBe(0);
    });

    it('refuses a date in the future (422) and malformed input (400), changing nothing', async () => {
      expectProblem(
        await record(as.member, member, { level: 5, assessedOn: shiftDays(1) }),
        422,
        'assessment-date-in-future',
      );
      for (const body of [
        { level: 0 },
        { level: 10 },
        { level: '7' },
        { level: 7.5 },
        {},
        { level: 7, method: 'guess' },
        { level: 7, assessedOn: '2026-02-30' },
        { level: 7, assessedOn: '10/01/2026' },
        { level: 7, staffId: peer },
      ]) {
        expectProblem(await record(as.member, member, body), 400, 'validation-failed');
      }
      expectProblem(await t.http().post(path('not-a-uuid')).set(as.hr).send({ level: 5 }), 400, 'bad-request');
      expect(await count()).toBe(0);
      expect(await auditRows(t, 'inclusion-assessment.recorded')).toEqual([]);
    });

    it('needs a token', async () => {
      expectProblem(await t.http().post(path(member)).send({ level: 5 }), 401, 'unauthenticated');
    });

    it('replays a retried create with the same Idempotency-Key rather than recording twice', async () => {
      const send = () => t.http().post(path(member)).set(as.member).set('Idempotency-Key', 'ia-1').send({ level: 7 });
      const first = await send();
      const second = await send();
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect((second.body as { id: string }).id).toBe((first.body as { id: string }).id);
      expect(await count()).toBe(1);
    });
  });

  describe('GET /staff/:staffId/inclusion-assessments and GET /me/inclusion', () => {
    it('lists the history newest first (by date, then by recording), the latest being current', async () => {
      await record(as.member, member, { level: 4, assessedOn: '2025-06-01' });
      await record(as.manager, member, { level: 8, assessedOn: '2026-01-15' });
      await record(as.member, member, { level: 6, assessedOn: '2025-11-01' });
      await record(as.member, member, { level: 7, assessedOn: '2026-01-15' }); // same day, recorded later

      const list = await t.http().get(path(member)).set(as.manager).query({ limit: 3 });
      expect(list.status, list.text).toBe(200);
      const body = list.body as { items: { level: number; assessedOn: string }[]; nextCursor: string | null };
      expect(body.items.map((a) => [a.assessedOn, a.level])).toEqual([
        ['2026-01-15', 7],
        ['2026-01-15', 8],
        ['2025-11-01', 6],
      ]);
      const rest = await t.http().get(path(member)).set(as.manager).query({ limit: 3, cursor: body.nextCursor! });
      expect((rest.body as { items: { level: number }[] }).items.map((a) => a.level)).toEqual([4]);

      const mine = await t.http().get('/api/v1/me/inclusion').set(as.member);
      expect(mine.status, mine.text).toBe(200);
      expect(mine.body).toMatchObject({
        staffId: member,
        current: { level: 7, assessedOn: '2026-01-15', levelName: (await levelNames())[6] },
        targetLevel: 7,
        targetMet: true,
      });
      expect((mine.body as { history: { items: unknown[] } }).history.items).toHaveLength(4);
    });

    it('says the target is not met below 7, or with no assessment', async () => {
      const none = await t.http().get('/api/v1/me/inclusion').set(as.member);
      expect(none.body).toMatchObject({ current: null, targetMet: false, history: { items: [], nextCursor: null } });
      await record(as.member, member, { level: 6 });
      const below = await t.http().get('/api/v1/me/inclusion').set(as.member);
      expect(below.body).toMatchObject({ current: { level: 6 }, targetMet: false });
    });

    it('is read as staff records are: own, reporting chain, led families, HR; 404 otherwise', async () => {
      await record(as.hr, dataPerson, { level: 5 });
      for (const auth of [as.hr, as.hop]) expect((await t.http().get(path(dataPerson)).set(auth)).status).toBe(200);
      expect((await t.http().get(path(member)).set(as.director)).status).toBe(200);
      expectProblem(await t.http().get(path(dataPerson)).set(as.member), 404, 'staff-not-found');
      expectProblem(await t.http().get(path(manager)).set(as.peer), 404, 'staff-not-found');
      expectProblem(await t.http().get(path(member)).set(as.hop), 404, 'staff-not-found');
      expectProblem(await t.http().get(path(member)), 401, 'unauthenticated');
    });

    it('answers 404 no-staff-record for a user who is not a member of staff', async () => {
      expectProblem(await t.http().get('/api/v1/me/inclusion').set(as.noRecord), 404, 'no-staff-record');
    });
  });

  describe('the questionnaire', () => {
    it('publishes the questions and the derivation table, one row per level with the scale’s names', async () => {
      const res = await t.http().get('/api/v1/inclusion/questionnaire').set(as.member);
      expect(res.status, res.text).toBe(200);
      const body = res.body as {
        questions: { id: string; kind: string }[];
        derivation: { level: number; name: string; rule: string }[];
        targetLevel: number;
      };
      expect(body.questions.map((q) => q.id)).toEqual(Object.keys(BASIC_SKILLS));
      const names = await levelNames();
      expect(body.derivation).toEqual(
        DERIVATION_TABLE.map((row) => ({ level: row.level, name: names[row.level - 1], rule: row.rule })),
      );
      expect(body.targetLevel).toBe(7);
      expectProblem(await t.http().get('/api/v1/inclusion/questionnaire'), 401, 'unauthenticated');
    });

    it('records the derived level as one’s own questionnaire assessment, with the answers', async () => {
      const cases: [QuestionnaireAnswers, number][] = [
        [BASIC_SKILLS, 7],
        [{ ...BASIC_SKILLS, online: 'never', wantsToDoMore: true }, 3],
        [{ ...BASIC_SKILLS, videoCalls: false, staySafe: false }, 6],
        [{ ...BASIC_SKILLS, solvesProblems: true, digitalIsMainWork: true }, 9],
      ];
      for (const [answers, level] of cases) {
        const res = await t.http().post('/api/v1/me/inclusion-assessments/questionnaire').set(as.member).send(answers);
        expect(res.status, res.text).toBe(201);
        expect(res.body).toMatchObject({
          staffId: member,
          level,
          method: 'questionnaire',
          answers,
          assessedOn: today(),
        });
      }
      const stored = await t.dataSource.query<{ level: number; answers: unknown }[]>(
        `SELECT level, answers FROM inclusion_assessments WHERE staff_id = $1 ORDER BY created_at`,
        [member],
      );
      expect(stored).toEqual(cases.map(([answers, level]) => ({ level, answers })));
    });

    it('refuses incomplete or wrong answers (400) and a user with no staff record (404)', async () => {
      const { email: _omitted, ...incomplete } = BASIC_SKILLS;
      for (const body of [
        incomplete,
        { ...BASIC_SKILLS, online: 'sometimes' },
        { ...BASIC_SKILLS, email: 'yes' },
        { ...BASIC_SKILLS, level: 9 },
      ]) {
        expectProblem(
          await t.http().post('/api/v1/me/inclusion-assessments/questionnaire').set(as.member).send(body),
          400,
          'validation-failed',
        );
      }
      expectProblem(
        await t.http().post('/api/v1/me/inclusion-assessments/questionnaire').set(as.noRecord).send(BASIC_SKILLS),
        404,
        'no-staff-record',
      );
      expect(await count()).toBe(0);
    });
  });
});
