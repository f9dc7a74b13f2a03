import { ActionPlansDemoSeeder } from '@capability/learning';
import { InclusionDemoSeeder, SkillsReviewDemoSeeder } from '@capability/reviews';
import { DemoDepartmentService } from '@capability/workforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoPersonasSeeder } from '../../apps/api/src/demo/demo-personas.seeder.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';

/** The demo department's two active action plans: one on track, one behind, loaded once. */
describe('demo department: capability action plans', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoDepartmentService).loadOnce({ size: 600, seed: 11 });
    await t.app.get(DemoPersonasSeeder).seed();
    await t.app.get(SkillsReviewDemoSeeder).seed();
    await t.app.get(InclusionDemoSeeder).seed();
    await t.app.get(ActionPlansDemoSeeder).seed();
    await t.app.get(ActionPlansDemoSeeder).seed(); // once only
  });
  afterAll(async () => t?.close());

  it('has two active plans with progress, one on track and one behind', async () => {
    const { auth } = await signedIn(t, { roles: ['hr'] });
    const list = await t.http().get('/api/v1/action-plans').set(auth).expect(200);
    const plans = (list.body as { items: { id: string; status: string }[] }).items;
    expect(plans).toHaveLength(2);
    expect(plans.every((p) => p.status === 'active')).toBe(true);
    const onTrack: (boolean | null)[] = [];
    for (const plan of plans) {
      const res = await t.http().get(`/api/v1/action-plans/${plan.id}/progress`).set(auth).expect(200);
      const [priority] = (res.body as { priorities: { onTrack: boolean | null; suppressed: boolean }[] }).priorities;
      expect(priority!.suppressed).toBe(false);
      onTrack.push(priority!.onTrack);
    }
    expect(onTrack.sort()).toEqual([false, true]);
  });
});
