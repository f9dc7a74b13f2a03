import {
  ApplicationsDemoSeeder,
  DEMO_CANDIDATE_DOMAIN,
  DiversityDemoSeeder,
  PlanningDemoSeeder,
} from '@capability/recruitment';
import { DemoDepartmentService } from '@capability/workforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERSONAS } from '../../apps/api/src/demo/demo-personas.js';
import { DemoPersonasSeeder } from '../../apps/api/src/demo/demo-personas.seeder.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { API, type Auth } from './planning-support.js';

interface Report {
  total: number | null;
  categories: { category: string; cells: { answer: string; count: number | null; suppressed: boolean }[] }[];
}

/** The demo department's diversity answers and consents, loaded after its candidates and applications. */
describe('demo department: diversity monitoring and consent', () => {
  let t: TestApp;
  const as = {} as Record<string, Auth>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoDepartmentService).loadOnce({ size: 600, seed: 11 });
    await t.app.get(DemoPersonasSeeder).seed();
    await t.app.get(PlanningDemoSeeder).seed();
    await t.app.get(ApplicationsDemoSeeder).seed();
    await t.app.get(DiversityDemoSeeder).seed();
    await t.app.get(DiversityDemoSeeder).seed(); // once only
    for (const persona of DEMO_PERSONAS) {
      const res = await t.http().post(`${API}/auth/login`).send({ email: persona.email, password: persona.password });
      expect(res.status, persona.label).toBe(200);
      as[persona.label] = { Authorization: `Bearer ${(res.body as { accessToken: string }).accessToken}` };
    }
  }, 120_000);
  afterAll(async () => t?.close());

  it('has answers from about seven in ten demo candidates, all plainly demo, each once, and some consents', async () => {
    const [row] = await t.dataSource.query<
      { candidates: number; answered: number; outside: number; consents: number }[]
    >(
      `SELECT (SELECT count(*)::int FROM candidates) AS candidates,
              (SELECT count(*)::int FROM diversity_answers) AS answered,
              (SELECT count(*)::int FROM diversity_answers d JOIN candidates c ON c.id = d.candidate_id
                WHERE c.email NOT LIKE '%@' || $1) AS outside,
              (SELECT count(*)::int FROM candidates WHERE retention_consent) AS consents`,
      [DEMO_CANDIDATE_DOMAIN],
    );
    expect(row!.outside).toBe(0);
    expect(row!.answered / row!.candidates).toBeGreaterThan(0.6);
    expect(row!.answered / row!.candidates).toBeLessThan(0.8);
    expect(row!.consents).toBeGreaterThan(0);
  });

  it('gives HR an aggregate per vacancy with cells shown and cells suppressed, matching the raw answers', async () => {
    const [vacancy] = await t.dataSource.query<{ id: string }[]>(
      `SELECT a.vacancy_id AS id FROM applications a GROUP BY a.vacancy_id ORDER BY count(*) DESC, a.vacancy_id LIMIT 1`,
    );
    const res = await t.http().get(`${API}/recruitment/diversity`).query({ vacancyId: vacancy!.id }).set(as.HR!);
    expect(res.status, res.text).toBe(200);
    const report = res.body as Report;
    const raw = await t.dataSource.query<{ religion: string; n: number }[]>(
      `SELECT d.religion, count(*)::int AS n FROM diversity_answers d
        WHERE EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = d.candidate_id AND a.vacancy_id = $1)
        GROUP BY d.religion`,
      [vacancy!.id],
    );
    expect(report.total).toBe(raw.reduce((s, r) => s + r.n, 0));
    const religion = report.categories.find((c) => c.category === 'religion')!.cells;
    const shown = religion.filter((c) => !c.suppressed);
    expect(shown.length).toBeGreaterThan(0);
    expect(religion.filter((c) => c.suppressed).length).toBeGreaterThanOrEqual(2);
    for (const cell of shown) expect(cell.count).toBe(raw.find((r) => r.religion === cell.answer)?.n ?? 0);
    // Nobody but HR and admins reads it.
    for (const label of ['Head of Data', 'Staff', 'Panel member']) {
      expect((await t.http().get(`${API}/recruitment/diversity`).set(as[label]!)).status, label).toBe(403);
    }
  });
});
