import {
  allowedMoves,
  ApplicationsDemoSeeder,
  DEMO_CANDIDATE_DOMAIN,
  PlanningDemoSeeder,
  type PipelineStage,
} from '@capability/recruitment';
import { DemoDepartmentService } from '@capability/workforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERSONAS } from '../../apps/api/src/demo/demo-personas.js';
import { DemoPersonasSeeder } from '../../apps/api/src/demo/demo-personas.seeder.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { API, type Auth } from './planning-support.js';

interface Move {
  application_id: string;
  from_stage: PipelineStage | null;
  to_stage: PipelineStage;
  moved_at: Date;
}

/** The demo department's candidates and applications, loaded once after its recruitment planning. */
describe('demo department: candidates and applications', () => {
  let t: TestApp;
  const as = {} as Record<string, Auth>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoDepartmentService).loadOnce({ size: 600, seed: 11 });
    await t.app.get(DemoPersonasSeeder).seed();
    await t.app.get(PlanningDemoSeeder).seed();
    await t.app.get(ApplicationsDemoSeeder).seed();
    await t.app.get(ApplicationsDemoSeeder).seed(); // once only
    for (const persona of DEMO_PERSONAS) {
      const res = await t.http().post(`${API}/auth/login`).send({ email: persona.email, password: persona.password });
      expect(res.status, persona.label).toBe(200);
      as[persona.label] = { Authorization: `Bearer ${(res.body as { accessToken: string }).accessToken}` };
    }
  }, 120_000);
  afterAll(async () => t?.close());

  it('has about 1,500 applications to every open or closed demo vacancy, from plainly demo candidates', async () => {
    const perVacancy = await t.dataSource.query<{ title: string; state: string; n: number }[]>(
      `SELECT v.title, v.state, count(a.id)::int AS n FROM vacancies v LEFT JOIN applications a ON a.vacancy_id = v.id
        GROUP BY v.id ORDER BY v.title`,
    );
    for (const v of perVacancy) {
      expect(v.title).toMatch(/^\[Demo\] /);
      if (v.state === 'open' || v.state === 'closed') expect(v.n, v.title).toBeGreaterThanOrEqual(120);
      else expect(v.n, v.title).toBe(0);
    }
    const total = perVacancy.reduce((sum, v) => sum + v.n, 0);
    expect(total).toBeGreaterThan(1200);
    expect(total).toBeLessThan(1800);
    const candidates = await t.dataSource.query<{ full_name: string; email: string; applications: number }[]>(
      `SELECT c.full_name, c.email, count(a.id)::int AS applications FROM candidates c
         LEFT JOIN applications a ON a.candidate_id = c.id GROUP BY c.id`,
    );
    expect(candidates.length).toBeLessThan(total);
    for (const c of candidates) {
      expect(c.full_name).toMatch(/^Demo candidate \d{4}$/);
      expect(c.email.endsWith(`@${DEMO_CANDIDATE_DOMAIN}`)).toBe(true);
      expect([1, 2]).toContain(c.applications);
    }
    const [{ partnered } = { partnered: 0 }] = await t.dataSource.query<{ partnered: number }[]>(
      'SELECT count(*)::int AS partnered FROM candidates WHERE partner_id IS NOT NULL',
    );
    expect(partnered).toBeGreaterThan(0);
  });

  it('spreads them over the pipeline, each at the stage its recorded moves lead to, along allowed moves, in time', async () => {
    const applications = await t.dataSource.query<
      { id: string; stage: PipelineStage; applied_at: Date; opened_at: Date; assessment: boolean }[]
    >(
      `SELECT a.id, a.stage, a.applied_at, v.opened_at, coalesce(s.has_assessment, false) AS assessment
         FROM applications a JOIN vacancies v ON v.id = a.vacancy_id
         LEFT JOIN vacancy_pipeline_settings s ON s.vacancy_id = v.id`,
    );
    const moves = await t.dataSource.query<Move[]>(
      'SELECT application_id, from_stage, to_stage, moved_at FROM application_stage_moves ORDER BY moved_at, id',
    );
    const byApplication = new Map<string, Move[]>();
    for (const m of moves) byApplication.set(m.application_id, [...(byApplication.get(m.application_id) ?? []), m]);
    const now = Date.now();
    const stages = new Map<string, number>();
    for (const a of applications) {
      const path = byApplication.get(a.id) ?? [];
      expect(path[0]).toMatchObject({ from_stage: null, to_stage: 'applied' });
      expect(path[0]!.moved_at.getTime()).toBe(a.applied_at.getTime());
      expect(a.applied_at.getTime()).toBeGreaterThanOrEqual(a.opened_at.getTime());
      for (let i = 1; i < path.length; i++) {
        expect(path[i]!.from_stage).toBe(path[i - 1]!.to_stage);
        expect(allowedMoves(path[i]!.from_stage!, { assessment: a.assessment })).toContain(path[i]!.to_stage);
        expect(path[i]!.moved_at.getTime()).toBeGreaterThan(path[i - 1]!.moved_at.getTime());
      }
      expect(path.at(-1)!.moved_at.getTime()).toBeLessThanOrEqual(now);
      expect(path.at(-1)!.to_stage).toBe(a.stage);
      stages.set(a.stage, (stages.get(a.stage) ?? 0) + 1);
    }
    for (const stage of ['applied', 'sift', 'interview', 'assessment', 'rejected', 'withdrawn'] as const) {
      expect(stages.get(stage) ?? 0, stage).toBeGreaterThan(0);
    }
  });

  it('scores the sift below the minimum for every applicant rejected there, Disability Confident ones included', async () => {
    const rows = await t.dataSource.query<
      { id: string; dc: boolean; scores: number[] | null; minimum: string | null }[]
    >(
      `SELECT a.id, a.disability_confident AS dc, s.min_sift_score AS minimum,
              (SELECT array_agg(sc.score) FROM application_scores sc WHERE sc.application_id = a.id AND sc.stage = 'sift') AS scores
         FROM applications a LEFT JOIN vacancy_pipeline_settings s ON s.vacancy_id = a.vacancy_id
        WHERE EXISTS (SELECT 1 FROM application_stage_moves m WHERE m.application_id = a.id
                       AND m.from_stage = 'sift' AND m.to_stage = 'rejected')`,
    );
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.some((r) => r.dc)).toBe(true);
    for (const r of rows) {
      const mean = r.scores!.reduce((x, y) => x + y, 0) / r.scores!.length;
      expect(mean).toBeLessThan(Number(r.minimum ?? 4));
    }
  });

  it('shows HR every application, and each panel persona only their vacancies’ applications, name-blind during sift', async () => {
    const hr = await t.http().get(`${API}/applications?limit=100`).set(as.HR!).expect(200);
    expect((hr.body as { items: unknown[] }).items).toHaveLength(100);
    // The Panel member persona sits on two panels; the Head of Data chairs the data vacancies (a panel member there,
    // never through their family).
    for (const label of ['Panel member', 'Head of Data']) {
      const theirs = (
        await t.dataSource.query<{ vacancy_id: string }[]>(
          `SELECT pm.vacancy_id FROM vacancy_panel_members pm JOIN users u ON u.id = pm.user_id WHERE u.email = $1`,
          [DEMO_PERSONAS.find((p) => p.label === label)!.email],
        )
      ).map((r) => r.vacancy_id);
      expect(theirs.length, label).toBeGreaterThan(0);
      const sift = await t.http().get(`${API}/applications?limit=100&stage=sift`).set(as[label]!).expect(200);
      const items = (sift.body as { items: { blind: boolean; vacancy: { id: string } }[] }).items;
      expect(items.length, label).toBeGreaterThan(0);
      expect(items.every((a) => a.blind && theirs.includes(a.vacancy.id))).toBe(true);
      expect(sift.text).not.toContain('Demo candidate');
      expect(sift.text).not.toContain(DEMO_CANDIDATE_DOMAIN);
      const [{ n } = { n: 0 }] = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM applications WHERE vacancy_id = ANY($1::uuid[])',
        [theirs],
      );
      let seen = 0;
      let cursor: string | null = null;
      do {
        const res = await t
          .http()
          .get(`${API}/applications`)
          .query({ limit: '100', ...(cursor ? { cursor } : {}) })
          .set(as[label]!)
          .expect(200);
        const page = res.body as { items: { vacancy: { id: string } }[]; nextCursor: string | null };
        expect(page.items.every((a) => theirs.includes(a.vacancy.id))).toBe(true);
        seen += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, label).toBe(n);
    }
    const staff = await t.http().get(`${API}/applications`).set(as.Staff!).expect(200);
    expect((staff.body as { items: unknown[] }).items).toEqual([]);
  });
});
