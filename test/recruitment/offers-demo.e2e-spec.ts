import {
  ApplicationsDemoSeeder,
  DEMO_APPOINTMENTS,
  OffersDemoSeeder,
  PlanningDemoSeeder,
  appointmentStaffNumber,
} from '@capability/recruitment';
import { DemoDepartmentService } from '@capability/workforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERSONAS } from '../../apps/api/src/demo/demo-personas.js';
import { DemoPersonasSeeder } from '../../apps/api/src/demo/demo-personas.seeder.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { API, type Auth } from './planning-support.js';

/** The demo department's offers, checks and appointments, loaded once after its applications. */
describe('demo department: offers, checks and appointments', () => {
  let t: TestApp;
  const as = {} as Record<string, Auth>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoDepartmentService).loadOnce({ size: 600, seed: 11 });
    await t.app.get(DemoPersonasSeeder).seed();
    await t.app.get(PlanningDemoSeeder).seed();
    await t.app.get(ApplicationsDemoSeeder).seed();
    await t.app.get(OffersDemoSeeder).seed();
    await t.app.get(OffersDemoSeeder).seed(); // once only
    for (const persona of DEMO_PERSONAS) {
      const res = await t.http().post(`${API}/auth/login`).send({ email: persona.email, password: persona.password });
      expect(res.status, persona.label).toBe(200);
      as[persona.label] = { Authorization: `Bearer ${(res.body as { accessToken: string }).accessToken}` };
    }
  }, 180_000);
  afterAll(async () => t?.close());

  it('makes offers after a passed interview, within the salary range, pending, declined and accepted', async () => {
    const offers = await t.dataSource.query<
      {
        state: string;
        salary: number;
        salary_min: number;
        salary_max: number;
        stage: string;
        title: string;
        full_name: string;
        interview: string | null;
      }[]
    >(
      `SELECT o.state, o.salary, v.salary_min, v.salary_max, a.stage, v.title, c.full_name,
              (SELECT avg(s.score) FROM application_scores s WHERE s.application_id = a.id AND s.stage = 'interview')
                AS interview
         FROM offers o JOIN applications a ON a.id = o.application_id JOIN vacancies v ON v.id = a.vacancy_id
         JOIN candidates c ON c.id = a.candidate_id`,
    );
    expect(offers.length).toBeGreaterThan(20);
    const states = new Set(offers.map((o) => o.state));
    expect([...states].sort()).toEqual(['accepted', 'declined', 'made']);
    for (const o of offers) {
      expect(o.title).toMatch(/^\[Demo\] /);
      expect(o.full_name).toMatch(/^Demo candidate \d{4}$/);
      expect(o.salary).toBeGreaterThanOrEqual(o.salary_min);
      expect(o.salary).toBeLessThanOrEqual(o.salary_max);
      expect(Number(o.interview)).toBeGreaterThanOrEqual(4);
      const expected = o.state === 'accepted' ? ['pre-employment-checks', 'appointed'] : ['offer'];
      expect(expected).toContain(o.stage);
    }
    // Every move into and out of the offer recorded.
    const [unrecorded] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM offers o WHERE NOT EXISTS (SELECT 1 FROM application_stage_moves m
          WHERE m.application_id = o.application_id AND m.to_stage = 'offer')`,
    );
    expect(unrecorded!.n).toBe(0);
  });

  it('has checks in progress, and a few appointments with their staff records through workforce', async () => {
    const checks = await t.dataSource.query<{ state: string; n: number }[]>(
      `SELECT pc.state, count(*)::int AS n FROM pre_employment_checks pc
         JOIN applications a ON a.id = pc.application_id WHERE a.stage = 'pre-employment-checks' GROUP BY pc.state`,
    );
    expect(Object.fromEntries(checks.map((c) => [c.state, c.n > 0]))).toEqual({ passed: true, pending: true });
    const appointed = await t.dataSource.query<
      { id: string; staff_number: string; full_name: string; role_level_id: string; vacancy_level: string }[]
    >(
      `SELECT a.id, s.staff_number, s.full_name, ra.role_level_id, v.role_level_id AS vacancy_level
         FROM applications a JOIN staff s ON s.id = a.staff_id JOIN vacancies v ON v.id = a.vacancy_id
         JOIN role_assignments ra ON ra.staff_id = s.id AND ra.is_primary AND ra.ends_on IS NULL
        WHERE a.stage = 'appointed'`,
    );
    expect(appointed).toHaveLength(DEMO_APPOINTMENTS);
    for (const a of appointed) {
      expect(a.staff_number).toBe(appointmentStaffNumber(a.id));
      expect(a.full_name).toMatch(/^Demo candidate \d{4}$/);
      expect(a.role_level_id).toBe(a.vacancy_level);
    }
    const res = await t.http().get(`${API}/applications/${appointed[0]!.id}`).set(as.HR!);
    expect(res.body).toMatchObject({ stage: 'appointed', allowedMoves: [] });
    const audit = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'staff.created'`,
    );
    expect(audit[0]!.n).toBe(DEMO_APPOINTMENTS);
  });

  it('counts the accepted offers awaiting start in the establishment summary, and shows offers to HR only', async () => {
    const [expected] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM offers o JOIN applications a ON a.id = o.application_id
        WHERE o.state = 'accepted' AND a.stage = 'pre-employment-checks'`,
    );
    expect(expected!.n).toBeGreaterThan(0);
    const res = await t.http().get(`${API}/establishment/summary`).set(as.HR!);
    expect(res.status, res.text).toBe(200);
    expect((res.body as { totals: { offersAwaitingStart: number } }).totals.offersAwaitingStart).toBe(expected!.n);
    const [offer] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM offers LIMIT 1');
    expect((await t.http().get(`${API}/offers/${offer!.id}`).set(as.HR!)).status).toBe(200);
    for (const label of ['Panel member', 'Head of Data', 'Staff']) {
      expect((await t.http().get(`${API}/offers/${offer!.id}`).set(as[label]!)).status, label).toBe(403);
    }
  });

  it('shows the interim supplier missing its shortlist service level for the three most recent months with data', async () => {
    type Level = {
      metric: string;
      target: number;
      months: { month: string; value: number | null; met: boolean | null; basis: number }[];
      consecutiveMonthsMissed: number;
      longestRunMissed: number;
    };
    const partners = (await t.http().get(`${API}/partners?limit=100`).set(as.HR!).expect(200)).body as {
      items: { id: string; name: string }[];
    };
    const interim = partners.items.find((p) => /interim/i.test(p.name))!;
    const read = async (id: string) => {
      const res = await t.http().get(`${API}/partners/${id}/performance`).set(as.HR!);
      expect(res.status, res.text).toBe(200);
      return res.body as { serviceLevels: Level[]; consecutiveMonthsMissed: number };
    };
    const performance = await read(interim.id);
    const shortlist = performance.serviceLevels.find((l) => l.metric === 'days-to-shortlist')!;
    // Two earlier rounds of its posts and the vacancy closed last week: three months in a row, each shortlisted late
    // (8 days) or not yet though the five days are past; nothing before them in the last twelve months.
    const measured = shortlist.months.filter((m) => m.met !== null);
    expect(measured.map((m) => [m.met, m.basis])).toEqual([
      [false, 1],
      [false, 1],
      [false, 1],
    ]);
    expect(measured.every((m) => m.value! > shortlist.target)).toBe(true);
    const months = shortlist.months.map((m) => m.month);
    const at = months.indexOf(measured[0]!.month);
    expect(months.slice(at, at + 3)).toEqual(measured.map((m) => m.month));
    expect(shortlist).toMatchObject({ target: 5, consecutiveMonthsMissed: 3, longestRunMissed: 3 });
    expect(performance.consecutiveMonthsMissed).toBeGreaterThanOrEqual(3);
    // The graduate partners shortlisted the earlier round of their campaign in time, with candidates enough (offers
    // go either way), and none has missed anything for months on end.
    for (const other of partners.items.filter((p) => p.id !== interim.id)) {
      const theirs = await read(other.id);
      for (const level of theirs.serviceLevels.filter((l) => l.metric !== 'offer-acceptance-rate')) {
        const measuredMonths = level.months.filter((m) => m.met !== null);
        expect(measuredMonths.length, `${other.name} ${level.metric}`).toBeGreaterThan(0);
        expect(measuredMonths.every((m) => m.met)).toBe(true);
      }
      expect(theirs.consecutiveMonthsMissed, other.name).toBeLessThan(3);
    }
    // Nobody but HR and admins reads it.
    for (const label of ['Panel member', 'Head of Data', 'Staff']) {
      expect((await t.http().get(`${API}/partners/${interim.id}/performance`).set(as[label]!)).status, label).toBe(403);
    }
  });
});
