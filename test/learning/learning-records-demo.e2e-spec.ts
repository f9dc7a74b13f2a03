import { DEMO_EVENTS, LearningMapDemoSeeder, LearningRecordsDemoSeeder } from '@capability/learning';
import { SkillsReviewDemoSeeder } from '@capability/reviews';
import { DemoDepartmentService, today } from '@capability/workforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoPersonasSeeder } from '../../apps/api/src/demo/demo-personas.seeder.js';
import { createTestApp, type TestApp } from '../support/app.js';

interface EventRow {
  id: string;
  code: string;
  starts_on: string;
  ends_on: string;
  hours: string;
}

/** A person as the raw rows have them: their unit's chain of unit codes and their location's code. */
interface StaffRow {
  id: string;
  unit_codes: string[];
  location_code: string | null;
  start_date: string | null;
  leaving_date: string | null;
}

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
  item_ends_on: string | null;
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
  let events: EventRow[];
  let staff: StaffRow[];

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoDepartmentService).loadOnce({ size: 600, seed: 11 });
    await t.app.get(DemoPersonasSeeder).seed();
    await t.app.get(SkillsReviewDemoSeeder).seed();
    await t.app.get(LearningRecordsDemoSeeder).seed(); // no catalogue yet: nothing
    skippedWithoutCatalogue = (await t.dataSource.query<unknown[]>('SELECT 1 FROM learning_records')).length;
    await t.app.get(LearningMapDemoSeeder).seed();
    await t.app.get(LearningRecordsDemoSeeder).seed();
    await t.app.get(LearningRecordsDemoSeeder).seed(); // once only
    personas = await t.app.get(DemoDepartmentService).personaStaff();
    events = await t.dataSource.query(
      `SELECT id, code, to_char((starts_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS starts_on,
              to_char((ends_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS ends_on, hours::text AS hours
         FROM learning_items WHERE format = 'event' ORDER BY code`,
    );
    staff = await t.dataSource.query(
      `SELECT s.id, array(SELECT a.code FROM organisation_units a WHERE a.id = ANY(u.path)) AS unit_codes,
              l.code AS location_code, to_char(s.start_date, 'YYYY-MM-DD') AS start_date,
              to_char(s.leaving_date, 'YYYY-MM-DD') AS leaving_date
         FROM staff s JOIN organisation_units u ON u.id = s.unit_id LEFT JOIN locations l ON l.id = s.location_id`,
    );
    records = await t.dataSource.query(
      `SELECT r.staff_id, r.learning_item_id, r.title, r.skill_slugs, to_char(r.completed_on, 'YYYY-MM-DD') AS completed_on,
              r.hours::text AS hours, r.state, r.evidence_url, r.evidence_note, r.reject_reason,
              to_char(s.start_date, 'YYYY-MM-DD') AS start_date, s.line_manager_id,
              to_char((li.starts_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS item_starts_on,
              to_char((li.ends_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS item_ends_on,
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

  it('keeps to the rules: dates, hours, evidence, the items’ skills, an event attended on a day it ran', () => {
    const day = today();
    for (const r of records) {
      expect(r.completed_on <= day).toBe(true);
      if (r.start_date) expect(r.completed_on >= r.start_date).toBe(true);
      if (r.item_starts_on) expect(r.completed_on >= r.item_starts_on).toBe(true);
      if (r.item_ends_on) expect(r.completed_on <= r.item_ends_on).toBe(true);
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

  it('gives about half of those with a gap in a skill in last year’s review verified learning mapped to it since', async () => {
    const [lastYear] = await t.dataSource.query<{ id: string; closes_on: string }[]>(
      `SELECT id, to_char(closes_on, 'YYYY-MM-DD') AS closes_on FROM review_cycles WHERE state = 'closed'`,
    );
    expect(lastYear).toBeDefined();
    const gaps = await t.dataSource.query<{ staff_id: string; skill: string; required: number; validated: number }[]>(
      `SELECT r.staff_id, rr.skill_slug AS skill, rr.required_level AS required, rr.validated_level AS validated
         FROM skill_reviews r JOIN skill_review_ratings rr ON rr.review_id = r.id
        WHERE r.cycle_id = $1 AND r.state = 'validated' AND rr.required_level IS NOT NULL`,
      [lastYear!.id],
    );
    const mapped = await t.dataSource.query<{ item_id: string; skill_slug: string }[]>(
      `SELECT lis.item_id, lis.skill_slug FROM learning_item_skills lis JOIN learning_items li ON li.id = lis.item_id
        WHERE li.active AND li.format <> 'event'`,
    );
    const skillsWithItems = new Set(mapped.map((m) => m.skill_slug));
    const day = today();
    const inPost = new Set(
      staff
        .filter((s) => (!s.start_date || s.start_date <= day) && (!s.leaving_date || s.leaving_date > day))
        .map((s) => s.id),
    );
    // Worked out here from the rows: the people in post with a gap in a skill the map covers, and whether they have a
    // verified completion of an item mapped to it after last year's review closed.
    const pairs = new Map<string, { staffId: string; skill: string }>();
    for (const g of gaps) {
      if (g.validated === null || g.validated >= g.required) continue;
      if (!inPost.has(g.staff_id) || !skillsWithItems.has(g.skill)) continue;
      pairs.set(`${g.staff_id}|${g.skill}`, { staffId: g.staff_id, skill: g.skill });
    }
    const learned = (p: { staffId: string; skill: string }) =>
      records.some(
        (r) =>
          r.staff_id === p.staffId &&
          r.state === 'verified' &&
          r.completed_on > lastYear!.closes_on &&
          r.completed_on < day &&
          r.learning_item_id !== null &&
          (r.item_skills ?? []).includes(p.skill),
      );
    expect(pairs.size).toBeGreaterThan(100);
    const share = [...pairs.values()].filter(learned).length / pairs.size;
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.75);
    // Skill by skill, where enough people had a gap, a good share learned and a good share did not.
    for (const skill of new Set([...pairs.values()].map((p) => p.skill))) {
      const mine = [...pairs.values()].filter((p) => p.skill === skill);
      if (mine.length < 20) continue;
      const s = mine.filter(learned).length / mine.length;
      expect(s, skill).toBeGreaterThan(0.35);
      expect(s, skill).toBeLessThan(0.85);
    }
  });

  it('records attendance of the events that have happened, by a share of their audience, and none of those to come', () => {
    const day = today();
    const past = events.filter((e) => e.ends_on < day);
    const upcoming = events.filter((e) => e.starts_on > day);
    expect(past.length).toBeGreaterThanOrEqual(3);
    expect(upcoming.length).toBeGreaterThanOrEqual(2);
    let attended = 0;
    let eligible = 0;
    let expectedShare = 0;
    const settled = { verified: 0, all: 0 };
    const recent = { submitted: 0, all: 0 };
    for (const e of past) {
      const planned = DEMO_EVENTS.find((d) => d.code === e.code)!;
      // Who could have been there, worked out here: in post today, joined by the event's day, in the audience.
      const audience = new Set(
        staff
          .filter((s) => !s.leaving_date || s.leaving_date > day)
          .filter((s) => !s.start_date || s.start_date <= e.starts_on)
          .filter((s) =>
            planned.audience.kind === 'unit'
              ? s.unit_codes.includes(planned.audience.code)
              : s.location_code === planned.audience.code,
          )
          .map((s) => s.id),
      );
      const mine = records.filter((r) => r.learning_item_id === e.id);
      expect(mine.length, e.code).toBeGreaterThan(0);
      expect(new Set(mine.map((r) => r.staff_id)).size, e.code).toBe(mine.length);
      for (const r of mine) {
        expect(audience.has(r.staff_id), `${e.code}: ${r.staff_id}`).toBe(true);
        expect(r.completed_on).toBe(e.starts_on);
        expect(Number(r.hours)).toBe(Number(e.hours));
        expect(['verified', 'submitted']).toContain(r.state);
        expect(r.evidence_note).toBeTruthy();
        if (r.start_date) expect(r.completed_on >= r.start_date).toBe(true);
      }
      attended += mine.length;
      eligible += audience.size;
      expectedShare += (audience.size * planned.attendancePercent) / 100;
      const ageDays = (Date.parse(day) - Date.parse(e.starts_on)) / 86_400_000;
      if (ageDays > 14) {
        settled.verified += mine.filter((r) => r.state === 'verified').length;
        settled.all += mine.length;
      } else {
        recent.submitted += mine.filter((r) => r.state === 'submitted').length;
        recent.all += mine.length;
      }
    }
    // A realistic share of each audience (the draws are per person; over every event the total is near the plan).
    expect(attended).toBeLessThan(eligible);
    expect(attended).toBeGreaterThan(expectedShare * 0.6);
    expect(attended).toBeLessThan(expectedShare * 1.4);
    // Older events' attendance mostly verified, the latest one's mostly waiting for the line manager.
    expect(settled.all).toBeGreaterThan(0);
    expect(settled.verified / settled.all).toBeGreaterThan(0.75);
    expect(recent.all).toBeGreaterThan(0);
    expect(recent.submitted / recent.all).toBeGreaterThan(0.5);
    for (const e of upcoming) {
      expect(
        records.filter((r) => r.learning_item_id === e.id),
        e.code,
      ).toEqual([]);
    }
  });
});
