import { Permission } from '@capability/auth';
import {
  DIVERSITY_CATEGORIES,
  DIVERSITY_CATEGORY_NAMES,
  PrivacyPermission,
  RetentionService,
  SUBJECT_ACCESS_TABLES,
  type DiversityCategory,
} from '@capability/recruitment';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { insertApplication, insertCandidate } from './pipeline-support.js';
import { API, gradeIds, insertCampaign, insertVacancy, levels, rng, unit, type Auth } from './planning-support.js';

type Answers = Record<DiversityCategory, string>;
interface Report {
  total: number | null;
  minCellSize: number;
  categories: { category: DiversityCategory; cells: { answer: string; count: number | null; suppressed: boolean }[] }[];
}

const DAY = 86_400_000;

/** Answers straight into the table (the candidate link's own test checks the route). */
async function answer(t: TestApp, candidateId: string, a: Answers): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO diversity_answers (candidate_id, age_band, sex, ethnicity_group, disability, sexual_orientation, religion,
                                    answered_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, current_date)`,
    [candidateId, a.ageBand, a.sex, a.ethnicityGroup, a.disability, a.sexualOrientation, a.religion],
  );
}

/**
 * The suppression rule, written again here from its description (not the code's): cells under 5 hidden (zero
 * included); a lone hidden cell takes the smallest shown one with it (ties by answer); a total under 5 hides all.
 */
function expected(people: Answers[]): Report {
  const total = people.length;
  return {
    total: total < 5 ? null : total,
    minCellSize: 5,
    categories: DIVERSITY_CATEGORY_NAMES.map((category) => {
      const counts = DIVERSITY_CATEGORIES[category].map((answer) => ({
        answer: answer,
        count: people.filter((p) => p[category] === answer).length,
      }));
      let hidden = total < 5 ? counts.map((c) => c.answer) : counts.filter((c) => c.count < 5).map((c) => c.answer);
      if (total >= 5 && hidden.length === 1) {
        const shown = counts.filter((c) => !hidden.includes(c.answer));
        shown.sort((x, y) => x.count - y.count || (x.answer < y.answer ? -1 : 1));
        if (shown[0]) hidden = [...hidden, shown[0].answer];
      }
      return {
        category,
        cells: counts.map((c) =>
          hidden.includes(c.answer)
            ? { answer: c.answer, count: null, suppressed: true }
            : { answer: c.answer, count: c.count, suppressed: false },
        ),
      };
    }),
  };
}

describe('recruitment privacy', () => {
  let t: TestApp;
  let as: Record<'hr' | 'admin' | 'hop' | 'staff', Auth>;
  let hrUserId: string;
  let campaignId: string;
  let otherCampaignId: string;
  let vacancyIds: string[];
  let team: string;
  let grade: string;
  let roleLevelId: string;

  beforeAll(async () => {
    t = await createTestApp({ CANDIDATE_RETENTION_MONTHS: '6' });
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    const hr = await signedIn(t, { roles: ['hr'] });
    hrUserId = hr.user.id;
    as = {
      hr: hr.auth,
      admin: (await signedIn(t, { roles: ['admin'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: ['data'] })).auth,
      staff: (await signedIn(t, { roles: ['staff'] })).auth,
    };
    team = await unit(t, 'PRV');
    grade = (await gradeIds(t, ['SEO']))[0]!;
    roleLevelId = (await levels(t, 'data', 1))[0]!.id;
    campaignId = await insertCampaign(t, hrUserId, 'open');
    otherCampaignId = await insertCampaign(t, hrUserId, 'open');
    vacancyIds = [
      await insertVacancy(t, { campaignId, roleLevelId, gradeId: grade, unitId: team }),
      await insertVacancy(t, { campaignId, roleLevelId, gradeId: grade, unitId: team }),
      await insertVacancy(t, { campaignId: otherCampaignId, roleLevelId, gradeId: grade, unitId: team }),
    ];
  });

  const report = (auth: Auth, query: Record<string, string> = {}) =>
    t.http().get(`${API}/recruitment/diversity`).query(query).set(auth);

  it('names its permissions as auth does', () => {
    expect(PrivacyPermission.DiversityRead).toBe(Permission.DiversityRead);
    expect(PrivacyPermission.CandidateExport).toBe(Permission.CandidateExport);
  });

  describe('the diversity aggregate', () => {
    /** People with answers and applications drawn from a seeded generator; returns who applied where at what stage. */
    async function generate(n: number, seed: number) {
      const random = rng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
      const people: { answers: Answers; applications: { vacancyId: string; stage: string }[] }[] = [];
      for (let i = 0; i < n; i++) {
        const candidateId = await insertCandidate(t);
        // Skewed, so that some cells are large and some small.
        const answers = Object.fromEntries(
          DIVERSITY_CATEGORY_NAMES.map((c) => {
            const options = DIVERSITY_CATEGORIES[c];
            return [c, random() < 0.6 ? options[0] : pick(options)];
          }),
        ) as Answers;
        await answer(t, candidateId, answers);
        const applications = vacancyIds
          .filter(() => random() < 0.5)
          .map((vacancyId) => ({ vacancyId, stage: pick(['applied', 'sift', 'rejected'] as const) }));
        for (const a of applications) await insertApplication(t, { candidateId, ...a });
        people.push({ answers, applications });
      }
      return people;
    }

    it('counts people per answer, hides small cells and the next smallest, against an independent calculation', async () => {
      const people = await generate(60, 7);
      const campaignOf = (v: string) => (v === vacancyIds[2] ? otherCampaignId : campaignId);
      const filters: [Record<string, string>, (a: { vacancyId: string; stage: string }) => boolean][] = [
        [{}, () => true],
        [{ campaignId }, (a) => campaignOf(a.vacancyId) === campaignId],
        [{ vacancyId: vacancyIds[0]! }, (a) => a.vacancyId === vacancyIds[0]],
        [{ vacancyId: vacancyIds[1]!, stage: 'sift' }, (a) => a.vacancyId === vacancyIds[1] && a.stage === 'sift'],
        [
          { campaignId: otherCampaignId, stage: 'rejected' },
          (a) => a.vacancyId === vacancyIds[2] && a.stage === 'rejected',
        ],
        [{ stage: 'offer' }, (a) => a.stage === 'offer'],
      ];
      let sawShown = false;
      let sawHidden = false;
      for (const [query, matches] of filters) {
        const res = await report(as.hr, query);
        expect(res.status, res.text).toBe(200);
        const selected = people.filter((p) => (Object.keys(query).length === 0 ? true : p.applications.some(matches)));
        expect(res.body, JSON.stringify(query)).toEqual(expected(selected.map((p) => p.answers)));
        const body = res.body as Report;
        for (const c of body.categories) {
          const hidden = c.cells.filter((cell) => cell.suppressed);
          // Never one hidden cell alone (the total would give it away), unless the total is hidden too.
          if (body.total !== null) expect(hidden.length === 0 || hidden.length >= 2, c.category).toBe(true);
          for (const cell of c.cells) if (!cell.suppressed) expect(cell.count).toBeGreaterThanOrEqual(5);
          sawShown ||= c.cells.some((cell) => !cell.suppressed);
          sawHidden ||= hidden.length > 0 && body.total !== null;
        }
      }
      expect(sawShown && sawHidden).toBe(true);
      // Audited as read, with the filter and no figure.
      const audited = await auditRows(t, 'diversity.report-read');
      expect(audited).toHaveLength(filters.length);
    });

    it('is HR’s and admins’ alone', async () => {
      expect((await report(as.admin)).status).toBe(200);
      expectProblem(await report(as.hop), 403, 'forbidden');
      expectProblem(await report(as.staff), 403, 'forbidden');
      expectProblem(await report(as.hr, { stage: 'nowhere' }), 400, 'validation-failed');
    });
  });

  describe('retention', () => {
    const retention = () => t.app.get(RetentionService);
    const closeAt = (vacancyId: string, at: Date) =>
      t.dataSource.query(`UPDATE vacancies SET state = 'closed', closed_at = $2 WHERE id = $1`, [vacancyId, at]);

    it('anonymises unsuccessful candidates 6 months after the close, reserve lists when they expire, never the consenting or the still going', async () => {
      const closed = new Date('2026-01-15T00:00:00Z');
      await closeAt(vacancyIds[0]!, closed);
      await closeAt(vacancyIds[1]!, closed);
      await t.dataSource.query('UPDATE vacancies SET reserve_list_months = 12 WHERE id = $1', [vacancyIds[1]]);
      const make = async (name: string, stage: string, vacancy = vacancyIds[0]!, consent = false) => {
        const id = await insertCandidate(t, { fullName: name });
        if (consent) {
          await t.dataSource.query(
            'UPDATE candidates SET retention_consent = true, retention_consent_at = now() WHERE id = $1',
            [id],
          );
        }
        await insertApplication(t, { candidateId: id, vacancyId: vacancy, stage });
        return id;
      };
      const rejected = await make('Rejected Person', 'rejected');
      const withdrawn = await make('Withdrawn Person', 'withdrawn');
      const consented = await make('Consenting Person', 'rejected', vacancyIds[0], true);
      const reserve = await make('Reserve Person', 'reserve', vacancyIds[1]);
      // Rejected here but still going at an open vacancy.
      const going = await make('Going Person', 'rejected');
      await insertApplication(t, { candidateId: going, vacancyId: vacancyIds[2]!, stage: 'sift' });
      await answer(t, rejected, {
        ageBand: '25-34',
        sex: 'female',
        ethnicityGroup: 'asian',
        disability: 'no',
        sexualOrientation: 'heterosexual',
        religion: 'hindu',
      });
      await t.dataSource.query(
        `UPDATE applications SET adjustments = 'A quiet room', adjustments_recorded_at = now() WHERE candidate_id = $1`,
        [rejected],
      );
      await t.dataSource.query(
        `INSERT INTO candidate_link_tokens (candidate_id, purpose, token_hash, expires_at)
         VALUES ($1, 'candidate-link', '\\x00', now() + interval '1 day')`,
        [rejected],
      );
      const before = (await report(as.hr, { vacancyId: vacancyIds[0]! })).body as Report;
      const stagesBefore = await t.dataSource.query<unknown[]>(
        'SELECT id, stage, applied_at, stage_entered_at FROM applications ORDER BY id',
      );

      // A day short of six months: nobody.
      expect(await retention().anonymiseDue(new Date(closed.getTime() + 180 * DAY))).toBe(0);
      const sixMonths = new Date('2026-07-15T00:00:00Z');
      expect(await retention().anonymiseDue(sixMonths)).toBe(2);
      const anonymised = await t.dataSource.query<{ id: string }[]>(
        'SELECT id FROM candidates WHERE anonymised_at IS NOT NULL ORDER BY id',
      );
      expect(anonymised.map((r) => r.id)).toEqual([rejected, withdrawn].sort());
      // The reserve list (12 months) expires a year after the close.
      expect(await retention().anonymiseDue(new Date('2027-01-14T00:00:00Z'))).toBe(0);
      expect(await retention().anonymiseDue(new Date('2027-01-15T00:00:00Z'))).toBe(1);
      // Running again finds nobody; the consenting and the still going stay.
      expect(await retention().anonymiseDue(new Date('2030-01-01T00:00:00Z'))).toBe(0);
      const [kept] = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM candidates WHERE anonymised_at IS NULL AND id = ANY($1::uuid[])',
        [[consented, going]],
      );
      expect(kept!.n).toBe(2);

      // Personal fields blanked; what the figures need kept.
      const [person] = await t.dataSource.query<Record<string, unknown>[]>(
        `SELECT full_name, email, phone, university, course, graduation_year, channel FROM candidates WHERE id = $1`,
        [rejected],
      );
      expect(person).toEqual({
        full_name: 'Anonymised candidate',
        email: `anonymised-${rejected}@anonymised.invalid`,
        phone: null,
        university: null,
        course: null,
        graduation_year: null,
        channel: 'job-board',
      });
      expect(
        await t.dataSource.query('SELECT id, stage, applied_at, stage_entered_at FROM applications ORDER BY id'),
      ).toEqual(stagesBefore);
      const [application] = await t.dataSource.query<Record<string, unknown>[]>(
        'SELECT adjustments, rejection_reason FROM applications WHERE candidate_id = $1',
        [rejected],
      );
      expect(application).toEqual({ adjustments: null, rejection_reason: '[anonymised]' });
      expect(
        await t.dataSource.query('SELECT 1 FROM candidate_link_tokens WHERE candidate_id = $1', [rejected]),
      ).toEqual([]);
      // The answers lead back to nobody, and the aggregate is what it was.
      expect(await t.dataSource.query('SELECT 1 FROM diversity_answers WHERE candidate_id = $1', [rejected])).toEqual(
        [],
      );
      expect((await report(as.hr, { vacancyId: vacancyIds[0]! })).body).toEqual(before);
      const [detached] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM diversity_answers d JOIN diversity_answer_outcomes o ON o.diversity_answer_id = d.id
         WHERE d.candidate_id IS NULL AND o.vacancy_id = $1 AND o.stage = 'rejected'`,
        [vacancyIds[0]],
      );
      expect(detached!.n).toBe(1);
      // Audited, no actor.
      const audited = await auditRows(t, 'candidate.anonymised');
      expect(audited.map((a) => a.entity_id).sort()).toEqual([rejected, withdrawn, reserve].sort());
      expect(audited.every((a) => a.actor_user_id === null)).toBe(true);
    });
  });

  describe('the subject-access export', () => {
    const exportOf = (auth: Auth, id: string) => t.http().get(`${API}/candidates/${id}/export`).set(auth);

    it('holds every row of every table that references candidates or applications (read from pg_catalog)', async () => {
      const id = await insertCandidate(t, { fullName: 'Exported Person' });
      const other = await insertCandidate(t);
      const applicationId = await insertApplication(t, {
        candidateId: id,
        vacancyId: vacancyIds[0]!,
        interviewed: true,
      });
      await insertApplication(t, { candidateId: other, vacancyId: vacancyIds[0]! });
      const [assessor] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM users LIMIT 1');
      await t.dataSource.query(
        `INSERT INTO application_scores (application_id, stage, assessor_user_id, kind, criterion, score, scored_at)
         VALUES ($1, 'sift', $2, 'behaviour', 'seeing-the-big-picture', 5, now())`,
        [applicationId, assessor!.id],
      );
      await t.dataSource.query(
        `INSERT INTO candidate_link_tokens (candidate_id, purpose, token_hash, expires_at)
         VALUES ($1, 'candidate-link', '\\xdeadbeef', now() + interval '1 day')`,
        [id],
      );
      // An offer made and a check with a note, so every table about them holds a row of theirs.
      await t.dataSource.query(
        `INSERT INTO offers (application_id, salary, starts_on, expires_on, made_at)
         VALUES ($1, 35000, current_date + 30, current_date + 7, now())`,
        [applicationId],
      );
      await t.dataSource.query(
        `INSERT INTO pre_employment_checks (application_id, "check", note) VALUES ($1, 'right-to-work', 'Passport seen')`,
        [applicationId],
      );
      await answer(t, id, {
        ageBand: '45-54',
        sex: 'male',
        ethnicityGroup: 'black',
        disability: 'prefer-not-to-say',
        sexualOrientation: 'gay-or-lesbian',
        religion: 'jewish',
      });

      const res = await exportOf(as.hr, id);
      expect(res.status, res.text).toBe(200);
      const tables = (res.body as { tables: Record<string, Record<string, unknown>[]> }).tables;
      // Every table with a foreign key to candidates or applications, as the database has them.
      const referencing = await t.dataSource.query<{ table: string }[]>(
        `SELECT DISTINCT c.conrelid::regclass::text AS table FROM pg_constraint c
         WHERE c.contype = 'f' AND c.confrelid IN ('candidates'::regclass, 'applications'::regclass)
         ORDER BY 1`,
      );
      expect(referencing.length).toBeGreaterThan(0);
      const missing = referencing.map((r) => r.table).filter((table) => !(table in tables));
      expect(missing, `tables about candidates missing from the export: ${missing.join(', ')}`).toEqual([]);
      expect(Object.keys(tables).sort()).toEqual(SUBJECT_ACCESS_TABLES.map((s) => s.table).sort());
      // Each with exactly this candidate's rows.
      const count = async (sql: string) =>
        (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${sql}`, [id]))[0]!.n;
      for (const s of SUBJECT_ACCESS_TABLES) {
        const where =
          s.via === 'candidate'
            ? `${s.column} = $1`
            : `${s.column} IN (SELECT id FROM applications WHERE candidate_id = $1)`;
        const n = await count(`${s.table} WHERE ${where}`);
        expect(n, s.table).toBeGreaterThan(0);
        expect(tables[s.table], s.table).toHaveLength(n);
      }
      expect(tables.candidates![0]).toMatchObject({ id, full_name: 'Exported Person' });
      expect(tables.diversity_answers![0]).toMatchObject({ age_band: '45-54', religion: 'jewish' });
      expect(tables.candidate_link_tokens![0]).not.toHaveProperty('token_hash');
      expect(res.text).not.toContain(other);
      expect((await auditRows(t, 'candidate.exported')).map((a) => [a.entity_id, a.json.includes('45-54')])).toEqual([
        [id, false],
      ]);
    });

    it('is HR’s and admins’: anyone else finds no candidate, as for a missing one', async () => {
      const id = await insertCandidate(t);
      expect((await exportOf(as.admin, id)).status).toBe(200);
      expectProblem(await exportOf(as.hop, id), 404, 'candidate-not-found');
      expectProblem(await exportOf(as.staff, id), 404, 'candidate-not-found');
      expectProblem(await exportOf(as.hr, '00000000-0000-4000-8000-000000000000'), 404, 'candidate-not-found');
    });
  });

  it('never returns diversity answers from any candidate or application route but the export', async () => {
    // Answers nobody else gives: a distinctive combination, searched for as a whole and by its rarest values.
    const id = await insertCandidate(t, { fullName: 'Answering Person' });
    const applicationId = await insertApplication(t, { candidateId: id, vacancyId: vacancyIds[0]! });
    await answer(t, id, {
      ageBand: '65-plus',
      sex: 'prefer-not-to-say',
      ethnicityGroup: 'other',
      disability: 'yes',
      sexualOrientation: 'bisexual',
      religion: 'sikh',
    });
    const distinctive = ['65-plus', 'bisexual', 'sikh', 'ageBand', 'age_band', 'sexualOrientation', 'religion'];
    for (const path of [
      `${API}/candidates`,
      `${API}/candidates/${id}`,
      `${API}/candidates?vacancyId=${vacancyIds[0]}`,
      `${API}/applications`,
      `${API}/applications/${applicationId}`,
      `${API}/applications?vacancyId=${vacancyIds[0]}`,
      `${API}/vacancies/${vacancyIds[0]}`,
    ]) {
      const res = await t.http().get(path).set(as.hr);
      expect(res.status, `${path}: ${res.text}`).toBe(200);
      for (const value of distinctive) expect(res.text, `${path} shows ${value}`).not.toContain(value);
    }
    // The audit trail holds none either.
    for (const row of await auditRows(t)) {
      for (const value of distinctive.slice(0, 3)) expect(row.json).not.toContain(value);
    }
  });
});
