import { LearningMapDemoSeeder, LearningRecordsDemoSeeder } from '@capability/learning';
import { DemoDepartmentService, today } from '@capability/workforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoPersonasSeeder } from '../../apps/api/src/demo/demo-personas.seeder.js';
import { createTestApp, type TestApp } from '../support/app.js';

interface RecordRow {
  staff_id: string;
  learning_item_id: string | null;
  title: string | null;
  skill_slugs: string[];
  completed_on: string;
  hours: string;
  state: string;
  evidence_url: string | null;
  evidence_note: string | null;
  reject_reason: string | null;
  start_date: string | null;
  line_manager_id: string | null;
  item_starts_on: string | null;
  item_skills: string[] | null;
}

/**
 * The demo department's records of learning, checked from the raw rows: realistic states, dates within the rules,
 * the items' skills, the personas' records waiting for the line manager, loaded once, and skipped quietly while
 * the catalogue is empty.
 */
describe('demo department: records of learning', () => {
  let t: TestApp;
  let records: RecordRow[];
  let skippedWithoutCatalogue: number;
  let personas: { member: string | null; lineManager: string | null };

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoDepartmentService).loadOnce({ size: 600, seed: 11 });
    await t.app.get(DemoPersonasSeeder).seed();
    await t.app.get(LearningRecordsDemoSeeder).seed(); // no catalogue yet: nothing
    skippedWithoutCatalogue = (await t.dataSource.query<unknown[]>('SELECT 1 FROM learning_records')).length;
    await t.app.get(LearningMapDemoSeeder).seed();
    await t.app.get(LearningRecordsDemoSeeder).seed();
    await t.app.get(LearningRecordsDemoSeeder).seed(); // once only
    personas = await t.app.get(DemoDepartmentService).personaStaff();
    records = await t.dataSource.query(
      `SELECT r.staff_id, r.learning_item_id, r.title, r.skill_slugs, to_char(r.completed_on, 'YYYY-MM-DD') AS completed_on,
              r.hours::text AS hours, r.state, r.evidence_url, r.evidence_note, r.reject_reason,
              to_char(s.start_date, 'YYYY-MM-DD') AS start_date, s.line_manager_id,
              to_char((li.starts_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS item_starts_on,
              CASE WHEN li.id IS NOT NULL THEN ARRAY(SELECT lis.skill_slug FROM learning_item_skills lis
                                                      WHERE lis.item_id = li.id ORDER BY lis.skill_slug) END AS item_skills
         FROM learning_records r JOIN staff s ON s.id = r.staff_id LEFT JOIN learning_items li ON li.id = r.learning_item_id`,
    );
  }, 120_000);
  afterAll(async () => t?.close());

  it('skips quietly while the catalogue is empty, and loads once', async () => {
    expect(skippedWithoutCatalogue).toBe(0);
    expect(records.length).toBeGreaterThan(100);
    const [again] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM learning_records');
    expect(again!.n).toBe(records.length);
  });

  it('is mostly verified, with some waiting for the line manager and a couple rejected with a reason', () => {
    const count = (state: string) => records.filter((r) => r.state === state).length;
    expect(count('verified') / records.length).toBeGreaterThan(0.6);
    expect(count('submitted')).toBeGreaterThan(5);
    expect(count('rejected')).toBeGreaterThanOrEqual(2);
    for (const r of records.filter((x) => x.state === 'rejected')) expect(r.reject_reason).toBeTruthy();
    expect(records.filter((r) => r.learning_item_id === null).length).toBeGreaterThan(0);
  });

  it('keeps to the rules: dates, hours, evidence, the items’ skills, an event attended once it began', () => {
    const day = today();
    for (const r of records) {
      expect(r.completed_on <= day).toBe(true);
      if (r.start_date) expect(r.completed_on >= r.start_date).toBe(true);
      if (r.item_starts_on) expect(r.completed_on >= r.item_starts_on).toBe(true);
      expect(Number(r.hours)).toBeGreaterThan(0);
      expect(Number(r.hours)).toBeLessThanOrEqual(1000);
      expect(r.evidence_url ?? r.evidence_note).toBeTruthy();
      if (r.learning_item_id) expect(r.skill_slugs).toEqual(r.item_skills);
      else expect(r.title).toBeTruthy();
    }
  });

  it('leaves the Staff persona and the Line manager persona’s team with records waiting for verification', () => {
    expect(personas.member).not.toBeNull();
    expect(personas.lineManager).not.toBeNull();
    expect(records.some((r) => r.staff_id === personas.member && r.state === 'submitted')).toBe(true);
    const waiting = records.filter((r) => r.line_manager_id === personas.lineManager && r.state === 'submitted');
    expect(waiting.length).toBeGreaterThanOrEqual(2);
  });
});
