import { JobsService } from '@capability/platform';
import { REVIEW_REMINDER_TEMPLATES } from '@capability/reviews';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

type State = 'not_started' | 'in_progress' | 'self_assessed' | 'returned' | 'validated';

interface Queued {
  template: string;
  dedupe_key: string;
  recipient_staff_id: string;
  email_address: string;
  personalisation: Record<string, unknown>;
}

/**
 * The review-reminders job on a controlled clock: reviewees who have not submitted are reminded 7 days and
 * 1 day before their cycle closes, line managers with reviews waiting for validation on the same days; each
 * message once per person, cycle and kind, however often and in however many workers the job runs.
 */
describe('skills review reminders (the review-reminders job)', () => {
  let t: TestApp;
  let second: TestApp | undefined;
  let seq = 0;
  let root: string;
  let roleLevel: { id: string; slug: string; name: string };
  let frameworkVersionId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const levels = await t.dataSource.query<{ id: string; slug: string; name: string }[]>(
      `SELECT rl.id, rl.slug, rl.name FROM role_levels rl
         JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        ORDER BY rl.slug LIMIT 1`,
    );
    roleLevel = levels[0]!;
    const versions = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM framework_versions WHERE is_current`);
    frameworkVersionId = versions[0]!.id;
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });
  beforeEach(async () => {
    await t.reset();
    root = randomUUID();
    await t.dataSource.query(
      `INSERT INTO organisation_units (id, code, name, type, parent_id, path)
       VALUES ($1, 'ROOT', 'Department', 'department', NULL, ARRAY[$1::uuid])`,
      [root],
    );
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Sets this process's clock (the job's today) to noon UTC on `day`. */
  const setToday = (day: string): void => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${day}T12:00:00Z`));
  };
  const run = (app: TestApp = t): Promise<void> => app.app.get(JobsService).runNow('review-reminders');
  const queued = async (): Promise<Queued[]> =>
    t.dataSource.query(
      `SELECT template, dedupe_key, recipient_staff_id, email_address, personalisation
         FROM notification_outbox ORDER BY dedupe_key`,
    );

  async function person(options: { manager?: string; email?: boolean; leaving?: string } = {}): Promise<string> {
    seq += 1;
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO staff (staff_number, full_name, work_email, unit_id, employment_type, line_manager_id, leaving_date)
       VALUES ($1, $2, $3, $4, 'permanent', $5, $6) RETURNING id`,
      [
        `RR${seq}`,
        `Reminded person ${seq}`,
        options.email === false ? null : `reminded.${seq}@department.example`,
        root,
        options.manager ?? null,
        options.leaving ?? null,
      ],
    );
    return row!.id;
  }

  async function cycle(
    opensOn: string,
    closesOn: string,
    state: 'draft' | 'open' | 'closed' = 'open',
  ): Promise<string> {
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO review_cycles (name, unit_id, opens_on, closes_on, state, framework_version_id, opened_at, closed_at)
       VALUES ($1, $2, $3, $4, $5::text, CASE WHEN $5::text <> 'draft' THEN $6::uuid END,
               CASE WHEN $5::text <> 'draft' THEN now() END, CASE WHEN $5::text = 'closed' THEN now() END)
       RETURNING id`,
      [`Cycle ${opensOn}`, root, opensOn, closesOn, state, frameworkVersionId],
    );
    return row!.id;
  }

  async function review(cycleId: string, staffId: string, state: State): Promise<void> {
    await t.dataSource.query(
      `INSERT INTO skill_reviews (cycle_id, staff_id, role_level_id, role_level_slug, role_level_name,
                                  role_family_slug, unit_id, state, submitted_at, validated_at, returned_at,
                                  return_reason)
       VALUES ($1, $2, $3, $4, $5, 'test', $6, $7::text,
               CASE WHEN $7::text IN ('self_assessed', 'validated', 'returned') THEN now() END,
               CASE WHEN $7::text = 'validated' THEN now() END,
               CASE WHEN $7::text = 'returned' THEN now() END,
               CASE WHEN $7::text = 'returned' THEN 'Please add evidence' END)`,
      [cycleId, staffId, roleLevel.id, roleLevel.slug, roleLevel.name, root, state],
    );
  }

  /** The test's own reading of who is due what on a day: reviewees, then managers. */
  function expectedKeys(
    cycleId: string,
    closesOn: string,
    day: string,
    reviews: {
      staffId: string;
      state: State;
      managerId: string | null;
      reachable: boolean;
      managerReachable: boolean;
    }[],
  ): string[] {
    const daysLeft = Math.round((Date.parse(closesOn) - Date.parse(day)) / DAY_MS);
    const kind = daysLeft >= 2 && daysLeft <= 7 ? '7-days' : daysLeft >= 0 && daysLeft <= 1 ? '1-day' : null;
    if (!kind) return [];
    const keys = new Set<string>();
    for (const r of reviews) {
      if (['not_started', 'in_progress', 'returned'].includes(r.state) && r.reachable) {
        keys.add(`review-reminder:${cycleId}:${r.staffId}:${kind}`);
      }
      if (r.state === 'self_assessed' && r.managerId && r.managerReachable) {
        keys.add(`review-validation-reminder:${cycleId}:${r.managerId}:${kind}`);
      }
    }
    return [...keys];
  }

  it('reminds the right people on the right days, each message exactly once, across a whole cycle', async () => {
    const opensOn = '2027-05-01';
    const closesOn = '2027-05-20';
    const cycleId = await cycle(opensOn, closesOn);
    const manager = await person();
    const silentManager = await person({ email: false });
    const states: State[] = ['not_started', 'in_progress', 'self_assessed', 'returned', 'validated'];
    const reviews: Parameters<typeof expectedKeys>[3] = [];
    for (const [i, state] of [...states, ...states, 'self_assessed' as const].entries()) {
      const managerId = i % 5 === 4 ? silentManager : manager;
      const staffId = await person({ manager: managerId });
      await review(cycleId, staffId, state);
      reviews.push({ staffId, state, managerId, reachable: true, managerReachable: managerId === manager });
    }
    // Reviewees no message can reach: no work email, or gone by the time the job runs.
    for (const options of [{ email: false }, { leaving: addDays(opensOn, 3) }]) {
      const staffId = await person({ manager, ...options });
      await review(cycleId, staffId, 'not_started');
      reviews.push({ staffId, state: 'not_started', managerId: manager, reachable: false, managerReachable: true });
    }
    // A reviewee with no manager, waiting for validation: nobody to remind.
    const orphan = await person();
    await review(cycleId, orphan, 'self_assessed');
    reviews.push({
      staffId: orphan,
      state: 'self_assessed',
      managerId: null,
      reachable: true,
      managerReachable: false,
    });

    const expected = new Set<string>();
    for (let day = opensOn; day <= addDays(closesOn, 3); day = addDays(day, 1)) {
      setToday(day);
      await run();
      for (const key of expectedKeys(cycleId, closesOn, day, reviews)) expected.add(key);
      const rows = await queued();
      expect(
        rows.map((r) => r.dedupe_key),
        day,
      ).toEqual([...expected].sort());
    }
    const rows = await queued();
    // Both kinds went, to reviewees and the one reachable manager; none twice.
    expect(rows.filter((r) => r.template === REVIEW_REMINDER_TEMPLATES.selfAssessment7Days)).toHaveLength(6);
    expect(rows.filter((r) => r.template === REVIEW_REMINDER_TEMPLATES.selfAssessment1Day)).toHaveLength(6);
    expect(rows.filter((r) => r.template === REVIEW_REMINDER_TEMPLATES.validation7Days)).toHaveLength(1);
    expect(rows.filter((r) => r.template === REVIEW_REMINDER_TEMPLATES.validation1Day)).toHaveLength(1);
    const toManager = rows.find((r) => r.template === REVIEW_REMINDER_TEMPLATES.validation7Days)!;
    expect(toManager.recipient_staff_id).toBe(manager);
    // The self-assessed reviews reporting to the reachable manager, counted in one message.
    const waiting = reviews.filter((r) => r.state === 'self_assessed' && r.managerId === manager).length;
    expect(toManager.personalisation).toMatchObject({ cycle: `Cycle ${opensOn}`, closesOn, waiting });
    for (const r of rows) expect(r.email_address).toMatch(/@department\.example$/);
  });

  it('sends the reminder due when a run was missed, and nothing for draft or closed cycles', async () => {
    const closesOn = '2027-06-10';
    const open = await cycle('2027-06-01', closesOn);
    const draft = await cycle('2027-06-01', closesOn, 'draft');
    const closed = await cycle('2027-05-01', closesOn, 'closed');
    const who = await person();
    await review(open, who, 'not_started');
    const other = await person();
    await review(closed, other, 'not_started');
    void draft;
    // The job did not run on the 7th day before: the 5th day before still sends the 7-day reminder.
    setToday(addDays(closesOn, -5));
    await run();
    expect((await queued()).map((r) => r.dedupe_key)).toEqual([`review-reminder:${open}:${who}:7-days`]);
    // After the closing date, nothing more.
    setToday(addDays(closesOn, 1));
    await run();
    expect(await queued()).toHaveLength(1);
  });

  it('a submitted review gets no more reminders; a review returned to its reviewee does', async () => {
    const closesOn = '2027-07-10';
    const cycleId = await cycle('2027-07-01', closesOn);
    const manager = await person();
    const a = await person({ manager });
    await review(cycleId, a, 'in_progress');
    setToday(addDays(closesOn, -7));
    await run();
    await t.dataSource.query(
      `UPDATE skill_reviews SET state = 'self_assessed', submitted_at = now() WHERE staff_id = $1`,
      [a],
    );
    setToday(addDays(closesOn, -1));
    await run();
    expect((await queued()).map((r) => r.dedupe_key).sort()).toEqual(
      [`review-reminder:${cycleId}:${a}:7-days`, `review-validation-reminder:${cycleId}:${manager}:1-day`].sort(),
    );
  });

  it('queues each reminder exactly once when two workers run the job at the same moment', async () => {
    second ??= await createTestApp({}, { sameDatabaseAs: t });
    const closesOn = '2027-08-10';
    const cycles = [await cycle('2027-08-01', closesOn), await cycle('2027-08-01', addDays(closesOn, 1))];
    const managers = [await person(), await person(), await person()];
    const expected: string[] = [];
    for (let i = 0; i < 150; i++) {
      const manager = managers[i % 3]!;
      const staffId = await person({ manager });
      const cycleId = cycles[i % 2]!;
      const state: State = i % 4 === 0 ? 'self_assessed' : 'not_started';
      await review(cycleId, staffId, state);
      if (state === 'not_started') expected.push(`review-reminder:${cycleId}:${staffId}:7-days`);
      else expected.push(`review-validation-reminder:${cycleId}:${manager}:7-days`);
    }
    setToday(addDays(closesOn, -4));
    await Promise.all([run(t), run(second), run(t), run(second)]);
    const keys = (await queued()).map((r) => r.dedupe_key);
    expect(keys).toEqual([...new Set(expected)].sort());
  });
});
