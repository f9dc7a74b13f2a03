import { DEMO_EVENTS, DEMO_NOTE, LearningMapDemoSeeder } from '@capability/learning';
import { today } from '@capability/workforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { familySkills } from './learning-fixtures.js';

interface ItemRow {
  code: string;
  title: string;
  format: string;
  description: string;
  demo: boolean;
  counts_towards_inclusion: boolean;
  inclusion_package: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  location: string | null;
  hours: string | null;
  skills: { slug: string; level: number }[];
}

/** The demo department's starter learning map, checked from the raw rows. */
describe('demo department: the starter learning map', () => {
  let t: TestApp;
  let items: ItemRow[];

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(LearningMapDemoSeeder).seed();
    await t.app.get(LearningMapDemoSeeder).seed(); // once only
    items = await t.dataSource.query(
      `SELECT i.code, i.title, i.format, i.description, i.demo, i.counts_towards_inclusion, i.inclusion_package,
              i.starts_at, i.ends_at, i.location, i.hours::text AS hours,
              coalesce((SELECT json_agg(json_build_object('slug', s.skill_slug, 'level', s.level))
                          FROM learning_item_skills s WHERE s.item_id = i.id), '[]') AS skills
         FROM learning_items i`,
    );
  }, 60_000);
  afterAll(async () => t?.close());

  it('is plainly demo content, loaded once', () => {
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
    for (const item of items) {
      expect(item.demo).toBe(true);
      expect(item.title.startsWith('[Demo]')).toBe(true);
      expect(item.description).toBe(DEMO_NOTE);
    }
  });

  it('covers every role family with items for its most required skills at levels 1 to 4', async () => {
    const families = await familySkills(t);
    // Each family's most required skill, counted independently from the framework's rows.
    const top: { family: string; slug: string }[] = await t.dataSource.query(
      `SELECT DISTINCT ON (f.slug) f.slug AS family, sk.slug
         FROM skill_requirements q JOIN role_levels rl ON rl.id = q.role_level_id JOIN roles r ON r.id = rl.role_id
         JOIN role_families f ON f.id = r.role_family_id JOIN skills sk ON sk.id = q.skill_id
         JOIN framework_versions v ON v.id = q.version_id AND v.is_current
        GROUP BY f.slug, sk.slug ORDER BY f.slug, count(*) DESC, sk.slug`,
    );
    expect(top.map((r) => r.family)).toEqual(families.map((f) => f.family));
    for (const f of families) {
      const mine = items.filter((i) => i.skills.some((s) => f.skills.includes(s.slug)));
      expect(mine.length, f.family).toBeGreaterThanOrEqual(3);
      const best = top.find((r) => r.family === f.family)!.slug;
      const levels = new Set(items.flatMap((i) => i.skills.filter((s) => s.slug === best).map((s) => s.level)));
      expect(levels.has(1) && levels.has(2) && levels.has(3), `${f.family}: ${best}`).toBe(true);
    }
    expect(items.some((i) => i.skills.some((s) => s.level === 4))).toBe(true);
  });

  it('has both inclusion packages as e-learning, and events: some already held, some in the coming weeks', () => {
    for (const pkg of ['digital-awareness', 'digital-skills']) {
      const item = items.find((i) => i.inclusion_package === pkg);
      expect(item).toMatchObject({ format: 'e_learning', counts_towards_inclusion: true });
    }
    const events = items.filter((i) => i.format === 'event');
    expect(events.map((e) => e.code).sort()).toEqual(DEMO_EVENTS.map((e) => e.code).sort());
    // Dated from the day the demo was loaded: each at 10:00 UTC on its day, as long as its hours.
    const day = Date.parse(`${today()}T00:00:00Z`);
    for (const e of events) {
      const planned = DEMO_EVENTS.find((d) => d.code === e.code)!;
      const start = new Date(e.starts_at!).getTime();
      expect(start, e.code).toBe(day + planned.startDay * 86_400_000 + 10 * 3_600_000);
      expect(new Date(e.ends_at!).getTime() - start, e.code).toBe(planned.hours * 3_600_000);
      expect(Number(e.hours)).toBe(planned.hours);
      expect(e.location).toBe(planned.location);
      expect(Math.abs(start - day)).toBeLessThan(90 * 86_400_000);
    }
    const past = events.filter((e) => new Date(e.ends_at!).getTime() < day);
    const upcoming = events.filter((e) => new Date(e.starts_at!).getTime() > day);
    expect(past.length).toBeGreaterThanOrEqual(3);
    expect(upcoming.length).toBeGreaterThanOrEqual(2);
    expect(past.length + upcoming.length).toBe(events.length);
    // Show and tells, roadshows and code clubs on both sides of today.
    for (const kind of ['Show and tell', 'roadshow', 'Code club']) {
      expect(
        past.some((e) => e.title.includes(kind)),
        kind,
      ).toBe(true);
      expect(
        upcoming.some((e) => e.title.includes(kind)),
        kind,
      ).toBe(true);
    }
  });
});
