import { DEMO_PREFIX, PlanningDemoSeeder } from '@capability/recruitment';
import { DemoDepartmentService } from '@capability/workforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERSONAS } from '../../apps/api/src/demo/demo-personas.js';
import { DemoPersonasSeeder } from '../../apps/api/src/demo/demo-personas.seeder.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { expectProblem } from '../support/problems.js';
import { API, type Auth } from './planning-support.js';

interface Campaign {
  id: string;
  startsOn: string;
  endsOn: string;
  title: string;
  kind: string;
  state: string;
  partners: { name: string; country: string }[];
  gap: { roleLevels: unknown[]; skills: unknown[] };
  vacancies: number;
}
interface Vacancy {
  id: string;
  closesOn: string;
  title: string;
  state: string;
  roleFamilySlug: string;
  campaign: { id: string };
  panel: { userId: string; chair: boolean }[];
  locations: { isRegionalHub: boolean }[];
}

/** The demo department's recruitment planning, read through the API as each persona would. */
describe('demo department: recruitment planning', () => {
  let t: TestApp;
  const as = {} as Record<string, Auth>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoDepartmentService).loadOnce({ size: 600, seed: 11 });
    await t.app.get(DemoPersonasSeeder).seed();
    await t.app.get(PlanningDemoSeeder).seed();
    await t.app.get(PlanningDemoSeeder).seed(); // once only
    for (const persona of DEMO_PERSONAS) {
      const res = await t.http().post(`${API}/auth/login`).send({ email: persona.email, password: persona.password });
      expect(res.status, persona.label).toBe(200);
      as[persona.label] = { Authorization: `Bearer ${(res.body as { accessToken: string }).accessToken}` };
    }
  }, 120_000);
  afterAll(async () => t?.close());

  const all = async <T>(auth: Auth, path: string): Promise<T[]> =>
    ((await t.http().get(`${API}/${path}?limit=100`).set(auth).expect(200)).body as { items: T[] }).items;

  it('has two London universities, an overseas graduate supplier and an interim supplier, plainly demo, with service levels', async () => {
    const partners = await all<{ name: string; kind: string; country: string; serviceLevels: unknown[] }>(
      as.HR!,
      'partners',
    );
    expect(partners).toHaveLength(4);
    for (const p of partners) {
      expect(p.name.startsWith(DEMO_PREFIX)).toBe(true);
      expect(p.serviceLevels.length).toBeGreaterThan(0);
    }
    expect(partners.filter((p) => p.kind === 'university' && p.country === 'GB')).toHaveLength(2);
    expect(partners.filter((p) => p.kind === 'supplier' && p.country !== 'GB')).toHaveLength(1);
    expect(partners.some((p) => p.kind === 'supplier' && /interim/i.test(p.name))).toBe(true);
    const [rows] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM partners');
    expect(rows!.n).toBe(4); // loaded once
  });

  it('runs a graduate, a specialist, an apprenticeship and an interim campaign, each raised from a gap, with vacancies', async () => {
    const campaigns = await all<Campaign>(as.HR!, 'campaigns');
    expect(campaigns.map((c) => c.kind).sort()).toEqual(['apprenticeship', 'graduate', 'interim', 'specialist']);
    for (const c of campaigns) {
      expect(c.title.startsWith(DEMO_PREFIX)).toBe(true);
      expect(c.vacancies, c.title).toBeGreaterThan(0);
      expect(c.gap.roleLevels.length, c.title).toBeGreaterThan(0);
      expect(c.gap.skills.length, c.title).toBeGreaterThan(0);
    }
    expect(campaigns.find((c) => c.kind === 'graduate')!.partners.some((p) => p.country !== 'GB')).toBe(true);
    expect(campaigns.find((c) => c.kind === 'apprenticeship')!.state).toBe('draft');

    const vacancies = await all<Vacancy>(as.HR!, 'vacancies');
    for (const v of vacancies) {
      expect(v.title.startsWith(DEMO_PREFIX)).toBe(true);
      // Within its campaign's period, as the service would have it.
      const c = campaigns.find((x) => x.id === v.campaign.id)!;
      expect(v.closesOn >= c.startsOn && v.closesOn <= c.endsOn, v.title).toBe(true);
      expect(v.locations.length).toBeGreaterThan(0);
      expect(v.locations.every((l) => l.isRegionalHub)).toBe(true);
      if (v.state !== 'draft') {
        expect(
          v.panel.filter((m) => m.chair),
          v.title,
        ).toHaveLength(1);
      }
    }
    expect(vacancies.some((v) => v.state === 'open')).toBe(true);
    expect(vacancies.some((v) => v.state === 'closed')).toBe(true);
  });

  it('summarises the establishment with gaps, interim cover and open vacancies, and the vacancies sit at the gaps', async () => {
    const res = await t.http().get(`${API}/establishment/summary`).set(as.HR!).expect(200);
    const { totals, rows } = res.body as {
      totals: { funded: number; inPost: number; interimInPost: number; openVacancyPosts: number; gap: number };
      rows: { roleLevelSlug: string; gap: number; openVacancyPosts: number }[];
    };
    expect(totals.funded).toBeGreaterThan(totals.inPost);
    expect(totals.interimInPost).toBeGreaterThan(0);
    expect(totals.openVacancyPosts).toBeGreaterThan(0);
    expect(totals.gap).toBe(rows.reduce((n, r) => n + r.gap, 0));
    for (const r of rows.filter((row) => row.openVacancyPosts > 0)) expect(r.gap, r.roleLevelSlug).toBeGreaterThan(0);
    const [history] = await t.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM establishment_posts WHERE ends_on IS NOT NULL',
    );
    expect(history!.n).toBeGreaterThan(0);
  });

  it('shows the Panel member persona their two vacancies only, the Head of Data their family, and the Staff persona nothing', async () => {
    const hrVacancies = await all<Vacancy>(as.HR!, 'vacancies');
    const panelUser = (
      await t.dataSource.query<{ id: string }[]>('SELECT id FROM users WHERE email = $1', [
        DEMO_PERSONAS.find((p) => p.label === 'Panel member')!.email,
      ])
    )[0]!.id;
    const theirs = hrVacancies.filter((v) => v.panel.some((m) => m.userId === panelUser));
    expect(theirs).toHaveLength(2);
    expect((await all<Vacancy>(as['Panel member']!, 'vacancies')).map((v) => v.id).sort()).toEqual(
      theirs.map((v) => v.id).sort(),
    );
    expect((await all<Campaign>(as['Panel member']!, 'campaigns')).map((c) => c.id).sort()).toEqual(
      [...new Set(theirs.map((v) => v.campaign.id))].sort(),
    );
    const other = hrVacancies.find((v) => !theirs.includes(v))!;
    expectProblem(
      await t.http().get(`${API}/vacancies/${other.id}`).set(as['Panel member']!),
      404,
      'vacancy-not-found',
    );

    const data = await all<Vacancy>(as['Head of Data']!, 'vacancies');
    expect(data.length).toBeGreaterThan(0);
    expect(data.every((v) => v.roleFamilySlug === 'data')).toBe(true);
    expect(data.map((v) => v.id).sort()).toEqual(
      hrVacancies
        .filter((v) => v.roleFamilySlug === 'data')
        .map((v) => v.id)
        .sort(),
    );
    const summary = await t.http().get(`${API}/establishment/summary`).set(as['Head of Data']!).expect(200);
    expect(
      (summary.body as { rows: { roleFamilySlug: string }[] }).rows.every((r) => r.roleFamilySlug === 'data'),
    ).toBe(true);

    expect(await all(as.Staff!, 'vacancies')).toEqual([]);
    expect(await all(as.Staff!, 'campaigns')).toEqual([]);
    expectProblem(await t.http().get(`${API}/vacancies/${other.id}`).set(as.Staff!), 404, 'vacancy-not-found');
    expectProblem(await t.http().get(`${API}/establishment`).set(as.Staff!), 403, 'forbidden');
  });
});
