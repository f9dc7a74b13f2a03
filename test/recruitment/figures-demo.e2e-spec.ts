import { ApplicationsDemoSeeder, OffersDemoSeeder, PlanningDemoSeeder } from '@capability/recruitment';
import { DemoDepartmentService } from '@capability/workforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERSONAS } from '../../apps/api/src/demo/demo-personas.js';
import { DemoPersonasSeeder } from '../../apps/api/src/demo/demo-personas.seeder.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { API, type Auth } from './planning-support.js';

interface Funnel {
  stages: { stage: string; reached: number; rejectedHere: number; withdrawnHere: number }[];
  rejected: number;
  withdrawn: number;
}
interface Figures {
  funnel: Funnel;
  campaignFunnels: (Funnel & { campaignId: string; title: string })[];
  vacancyFunnels: (Funnel & { vacancyId: string })[];
  offerAcceptance: Record<string, number | null>;
  timeToHire: { count: number; medianDays: number | null };
  partnerCompliance: { partnerName: string; consecutiveMonthsMissed: number }[];
}

/** The recruitment figures over the demo department's ~1,500 applications. */
describe('demo department: recruitment figures', () => {
  let t: TestApp;
  const as = {} as Record<string, Auth>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoDepartmentService).loadOnce({ size: 600, seed: 11 });
    await t.app.get(DemoPersonasSeeder).seed();
    await t.app.get(PlanningDemoSeeder).seed();
    await t.app.get(ApplicationsDemoSeeder).seed();
    await t.app.get(OffersDemoSeeder).seed();
    for (const persona of DEMO_PERSONAS) {
      const res = await t.http().post(`${API}/auth/login`).send({ email: persona.email, password: persona.password });
      expect(res.status, persona.label).toBe(200);
      as[persona.label] = { Authorization: `Bearer ${(res.body as { accessToken: string }).accessToken}` };
    }
  }, 180_000);
  afterAll(async () => t?.close());

  const figures = async (auth: Auth, query: Record<string, string> = {}) => {
    const res = await t.http().get(`${API}/recruitment/figures`).query(query).set(auth);
    expect(res.status, res.text).toBe(200);
    return res.body as Figures;
  };

  it("gives HR every demo campaign's funnel: never growing, and matching the applications counted here", async () => {
    const counts = await t.dataSource.query<{ campaign_id: string; applied: number; appointed: number; out: number }[]>(
      `SELECT v.campaign_id, count(*)::int AS applied, count(*) FILTER (WHERE a.stage = 'appointed')::int AS appointed,
              count(*) FILTER (WHERE a.stage IN ('rejected', 'withdrawn'))::int AS out
         FROM applications a JOIN vacancies v ON v.id = a.vacancy_id GROUP BY v.campaign_id`,
    );
    const body = await figures(as['HR']!);
    const total = counts.reduce((n, c) => n + c.applied, 0);
    expect(total).toBeGreaterThan(1200);
    expect(body.funnel.stages[0]!.reached).toBe(total);
    expect(body.campaignFunnels.map((c) => c.campaignId).sort()).toEqual(counts.map((c) => c.campaign_id).sort());
    for (const c of body.campaignFunnels) {
      const counted = counts.find((x) => x.campaign_id === c.campaignId)!;
      expect(c.title).toMatch(/^\[Demo\] /);
      expect(c.stages[0]!.reached, c.title).toBe(counted.applied);
      expect(c.stages.at(-1)!.reached, c.title).toBe(counted.appointed);
      expect(c.rejected + c.withdrawn, c.title).toBe(counted.out);
      for (let i = 1; i < c.stages.length; i++) {
        expect(c.stages[i]!.reached, `${c.title} ${c.stages[i]!.stage}`).toBeLessThanOrEqual(c.stages[i - 1]!.reached);
      }
    }
    // Every application that left left from some stage.
    const left = body.funnel.stages.reduce((n, s) => n + s.rejectedHere + s.withdrawnHere, 0);
    expect(left).toBe(body.funnel.rejected + body.funnel.withdrawn);
    // Offers by state, as counted here; the demo's accepted offers time the hires.
    const offers = await t.dataSource.query<{ state: string; n: number }[]>(
      'SELECT state, count(*)::int AS n FROM offers GROUP BY state',
    );
    for (const o of offers) expect(body.offerAcceptance[o.state], o.state).toBe(o.n);
    const accepted = offers.find((o) => o.state === 'accepted')?.n ?? 0;
    expect(body.timeToHire.count).toBe(accepted);
    if (accepted > 0) expect(body.timeToHire.medianDays).toBeGreaterThan(0);
    // The partners' compliance: the interim supplier first, three months missed in a row.
    const compliance = body.partnerCompliance;
    const [names] = await t.dataSource.query<{ names: string[] }[]>('SELECT array_agg(name) AS names FROM partners');
    expect(compliance.map((p) => p.partnerName).sort()).toEqual([...names!.names].sort());
    expect(compliance[0]!.partnerName).toMatch(/interim/i);
    expect(compliance[0]!.consecutiveMonthsMissed).toBe(3);
  });

  it("gives the Head of Data the data family's vacancies only", async () => {
    const data = await t.dataSource.query<{ id: string }[]>(
      `SELECT DISTINCT v.id FROM vacancies v JOIN applications a ON a.vacancy_id = v.id
         JOIN role_levels rl ON rl.id = v.role_level_id JOIN roles r ON r.id = rl.role_id
         JOIN role_families rf ON rf.id = r.role_family_id WHERE rf.slug = 'data'`,
    );
    expect(data.length).toBeGreaterThan(0);
    const body = await figures(as['Head of Data']!);
    expect(body.vacancyFunnels.map((v) => v.vacancyId).sort()).toEqual(data.map((v) => v.id).sort());
  });
});
