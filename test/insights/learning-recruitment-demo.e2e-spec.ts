import { LearningMapDemoSeeder, LearningRecordsDemoSeeder } from '@capability/learning';
import { ApplicationsDemoSeeder, OffersDemoSeeder, PlanningDemoSeeder } from '@capability/recruitment';
import { SkillsReviewDemoSeeder } from '@capability/reviews';
import { DemoDepartmentService } from '@capability/workforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERSONAS } from '../../apps/api/src/demo/demo-personas.js';
import { DemoPersonasSeeder } from '../../apps/api/src/demo/demo-personas.seeder.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { API, type Auth } from './people-support.js';

/** The demo department (as `npm start` loads it) gives the learning and recruitment insights something to show. */
describe('demo department: learning and recruitment insights', () => {
  let t: TestApp;
  const as = {} as Record<string, Auth>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoDepartmentService).loadOnce();
    await t.app.get(DemoPersonasSeeder).seed();
    await t.app.get(SkillsReviewDemoSeeder).seed();
    await t.app.get(LearningMapDemoSeeder).seed();
    await t.app.get(LearningRecordsDemoSeeder).seed();
    await t.app.get(PlanningDemoSeeder).seed();
    await t.app.get(ApplicationsDemoSeeder).seed();
    await t.app.get(OffersDemoSeeder).seed();
    for (const persona of DEMO_PERSONAS) {
      const res = await t.http().post(`${API}/auth/login`).send({ email: persona.email, password: persona.password });
      expect(res.status, persona.label).toBe(200);
      as[persona.label] = { Authorization: `Bearer ${(res.body as { accessToken: string }).accessToken}` };
    }
  }, 300_000);
  afterAll(async () => t?.close());

  interface Cell {
    suppressed: boolean;
    people: number | null;
  }
  interface Learning {
    scope: string;
    total: Cell;
    byItem: Cell[];
    uptake: { package: string; completed: number | null; suppressed: boolean }[];
    gapClosure: { skills: (Cell & { learned: Cell })[] } | null;
  }
  interface Level {
    roleFamily: string;
    inPost: number | null;
    peopleSuppressed: boolean;
    openPosts: number;
    livePipeline: number | null;
  }
  const get = async <T>(path: string, label: string, query: Record<string, string> = {}): Promise<T> => {
    const res = await t.http().get(`${API}/insights/${path}`).query(query).set(as[label]!);
    expect(res.status, res.text).toBe(200);
    return res.body as T;
  };

  it('shows learning figures to HR and the Head of Data; gap closure needs two cycles (the demo closes one)', async () => {
    const hr = await get<Learning>('learning', 'HR');
    expect(hr.total.suppressed).toBe(false);
    expect(hr.total.people).toBeGreaterThan(100);
    expect(hr.byItem.some((c) => !c.suppressed)).toBe(true);
    expect(hr.uptake.find((u) => u.package === 'either')).toMatchObject({ suppressed: false });
    // One closed cycle (last year's) and the open one: no default pair.
    expect(hr.gapClosure).toBeNull();
    const hod = await get<Learning>('learning', 'Head of Data');
    expect(hod.scope).toBe('families');
    expect(hod.total.suppressed).toBe(false);
    expect(hod.byItem.some((c) => !c.suppressed)).toBe(true);

    // Last year's closed cycle against this year's open one: skills shown.
    const cycles = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM review_cycles ORDER BY opens_on`);
    expect(cycles).toHaveLength(2);
    const closure = await get<Learning>('learning', 'HR', { fromCycleId: cycles[0]!.id, toCycleId: cycles[1]!.id });
    expect(closure.gapClosure!.skills.some((s) => !s.suppressed)).toBe(true);
  });

  it('shows recruitment gap closure to HR and the Head of Data', async () => {
    for (const label of ['HR', 'Head of Data']) {
      const levels = (await get<{ gapClosure: Level[] }>('recruitment', label)).gapClosure;
      expect(
        levels.some((l) => !l.peopleSuppressed && (l.inPost ?? 0) > 0),
        label,
      ).toBe(true);
      expect(
        levels.some((l) => l.openPosts > 0 && (l.livePipeline ?? 0) > 0),
        label,
      ).toBe(true);
      if (label === 'Head of Data') expect(levels.every((l) => l.roleFamily === 'data')).toBe(true);
    }
  });
});
