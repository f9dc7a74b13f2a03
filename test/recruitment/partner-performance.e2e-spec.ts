import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { insertCandidate } from './pipeline-support.js';
import { API, gradeIds, insertCampaign, levels, rng, unit, type Auth } from './planning-support.js';

type Metric = 'days-to-shortlist' | 'offer-acceptance-rate' | 'candidates-per-post';

interface Month {
  month: string;
  value: number | null;
  met: boolean | null;
  basis: number;
}
interface Level {
  metric: Metric;
  direction: 'at-most' | 'at-least';
  target: number;
  months: Month[];
  consecutiveMonthsMissed: number;
  longestRunMissed: number;
}
interface Performance {
  partner: { id: string; name: string; kind: string };
  range: { from: string; to: string };
  serviceLevels: Level[];
  consecutiveMonthsMissed: number;
}

/** What the test generated, kept as plain rows for the independent calculation below. */
interface GenPartner {
  id: string;
  startsOn: string;
  endsOn: string | null;
  levels: { metric: Metric; target: number }[];
  campaigns: Set<string>;
}
interface GenVacancy {
  id: string;
  campaignId: string;
  closesOn: string;
  posts: number;
  state: 'draft' | 'open' | 'closed' | 'withdrawn';
}
interface GenApplication {
  id: string;
  candidateId: string;
  vacancyId: string;
  interviews: Date[];
}
interface GenOffer {
  applicationId: string;
  state: 'made' | 'accepted' | 'declined' | 'withdrawn' | 'expired';
  respondedAt: Date | null;
  expiresOn: string;
}
interface World {
  partners: GenPartner[];
  vacancies: GenVacancy[];
  candidatePartner: Map<string, string | null>;
  applications: GenApplication[];
  offers: GenOffer[];
}

const DAY = 86_400_000;
const todayUtc = (): string => new Date().toISOString().slice(0, 10);
const shift = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const diffDays = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
const nextMonth = (m: string): string => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};
const prevMonth = (m: string): string => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
};
const monthsBack = (m: string, n: number): string => (n === 0 ? m : monthsBack(prevMonth(m), n - 1));
/** A moment's calendar day in London. */
const londonDay = (at: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(at)
    .slice(0, 10);
const tenths = (numerator: number, denominator: number): number => Math.round((numerator * 10) / denominator) / 10;

/** The expected answer, worked out in plain TypeScript over the generated rows (no SQL). */
function expected(
  world: World,
  partner: GenPartner,
  from: string,
  to: string,
  today: string,
): Performance['serviceLevels'] {
  const lastContractMonth = partner.endsOn === null ? '9999-12' : shift(partner.endsOn, -1).slice(0, 7);
  const months: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) {
    if (m >= partner.startsOn.slice(0, 7) && m <= lastContractMonth) months.push(m);
  }
  const ownApplications = (vacancyId: string) =>
    world.applications.filter(
      (a) => a.vacancyId === vacancyId && world.candidatePartner.get(a.candidateId) === partner.id,
    );
  const closedIn = (month: string) =>
    world.vacancies.filter(
      (v) =>
        partner.campaigns.has(v.campaignId) &&
        (v.state === 'open' || v.state === 'closed') &&
        v.closesOn.startsWith(month) &&
        v.closesOn < today,
    );
  const byMetric = [...partner.levels].sort((a, b) => a.metric.localeCompare(b.metric));
  return byMetric.map(({ metric, target }) => {
    const atMost = metric === 'days-to-shortlist';
    const measured: Month[] = months.map((month) => {
      let num = 0;
      let den = 0;
      let basis = 0;
      if (metric === 'days-to-shortlist') {
        for (const v of closedIn(month)) {
          const apps = ownApplications(v.id);
          if (apps.length === 0) continue;
          const firsts = apps
            .flatMap((a) => a.interviews)
            .map(londonDay)
            .sort();
          let days: number | null;
          if (firsts.length > 0) days = Math.max(0, diffDays(v.closesOn, firsts[0]!));
          else days = diffDays(v.closesOn, today) > target ? diffDays(v.closesOn, today) : null;
          if (days === null) continue;
          num += days;
          den += 1;
        }
        basis = den;
      } else if (metric === 'candidates-per-post') {
        for (const v of closedIn(month)) {
          num += ownApplications(v.id).length;
          den += v.posts;
          basis += 1;
        }
      } else {
        for (const o of world.offers) {
          const app = world.applications.find((a) => a.id === o.applicationId)!;
          if (world.candidatePartner.get(app.candidateId) !== partner.id) continue;
          let outcomeOn: string | null = null;
          if (o.state === 'accepted' || o.state === 'declined') outcomeOn = londonDay(o.respondedAt!);
          else if (o.state === 'expired' || (o.state === 'made' && o.expiresOn < today)) {
            outcomeOn = shift(o.expiresOn, 1);
          }
          if (outcomeOn === null || !outcomeOn.startsWith(month)) continue;
          if (o.state === 'accepted') num += 100;
          den += 1;
        }
        basis = den;
      }
      if (den === 0) return { month, value: null, met: null, basis: 0 };
      const value = tenths(num, den);
      return { month, value, met: atMost ? value <= target : value >= target, basis };
    });
    // Runs: months without data are skipped.
    const withData = measured.filter((m) => m.met !== null);
    let current = 0;
    for (let i = withData.length - 1; i >= 0 && withData[i]!.met === false; i--) current++;
    let longest = 0;
    let run = 0;
    for (const m of withData) {
      run = m.met === false ? run + 1 : 0;
      if (run > longest) longest = run;
    }
    return {
      metric,
      direction: atMost ? 'at-most' : 'at-least',
      target,
      months: measured,
      consecutiveMonthsMissed: current,
      longestRunMissed: longest,
    };
  });
}

describe('recruitment partner performance', () => {
  let t: TestApp;
  let hr: Auth;
  let owner: string;
  let place: { unitId: string; roleLevelId: string; gradeId: string };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    const signed = await signedIn(t, { roles: ['hr'] });
    hr = signed.auth;
    owner = signed.user.id;
    place = {
      unitId: await unit(t, `PRF${randomUUID().slice(0, 4)}`),
      roleLevelId: (await levels(t, 'data', 1))[0]!.id,
      gradeId: (await gradeIds(t, ['SEO']))[0]!,
    };
  });

  const performance = (id: string, query: Record<string, string> = {}) =>
    t.http().get(`${API}/partners/${id}/performance`).query(query).set(hr);

  async function insertPartner(
    name: string,
    startsOn: string,
    endsOn: string | null,
    levelsOf: { metric: Metric; target: number }[],
  ): Promise<GenPartner> {
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO partners (name, kind, country, contract_starts_on, contract_ends_on)
       VALUES ($1, 'supplier', 'GB', $2, $3) RETURNING id`,
      [name, startsOn, endsOn],
    );
    for (const l of levelsOf) {
      await t.dataSource.query('INSERT INTO partner_service_levels (partner_id, metric, target) VALUES ($1, $2, $3)', [
        row!.id,
        l.metric,
        l.target,
      ]);
    }
    return { id: row!.id, startsOn, endsOn, levels: levelsOf, campaigns: new Set() };
  }

  async function insertCampaignWith(partners: GenPartner[]): Promise<string> {
    const id = await insertCampaign(t, owner, 'open', `Campaign ${randomUUID().slice(0, 6)}`);
    for (const p of partners) {
      await t.dataSource.query('INSERT INTO campaign_partners (campaign_id, partner_id) VALUES ($1, $2)', [id, p.id]);
      p.campaigns.add(id);
    }
    return id;
  }

  async function insertVacancyClosing(
    campaignId: string,
    closesOn: string,
    posts: number,
    state: GenVacancy['state'],
  ): Promise<GenVacancy> {
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO vacancies (campaign_id, title, role_level_id, grade_id, unit_id, posts, salary_min, salary_max,
                              closes_on, required_checks, state, opened_at, closed_at, withdrawn_at)
       VALUES ($1, 'Generated vacancy', $2, $3, $4, $5, 40000, 50000, $6::date, ARRAY['right-to-work'], $7::varchar,
               CASE WHEN $7 IN ('open', 'closed') THEN $6::date - 30 END, CASE WHEN $7 = 'closed' THEN $6::date + 1 END,
               CASE WHEN $7 = 'withdrawn' THEN now() END)
       RETURNING id`,
      [campaignId, place.roleLevelId, place.gradeId, place.unitId, posts, closesOn, state],
    );
    return { id: row!.id, campaignId, closesOn, posts, state };
  }

  async function insertApplicationAt(
    candidateId: string,
    vacancy: GenVacancy,
    interviews: Date[] = [],
  ): Promise<GenApplication> {
    const appliedAt = new Date(Date.parse(`${vacancy.closesOn}T09:00:00Z`) - 10 * DAY);
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO applications (candidate_id, vacancy_id, stage, stage_entered_at, applied_at)
       VALUES ($1, $2, 'applied', $3, $3) RETURNING id`,
      [candidateId, vacancy.id, appliedAt],
    );
    await t.dataSource.query(
      `INSERT INTO application_stage_moves (application_id, from_stage, to_stage, moved_at) VALUES ($1, NULL, 'applied', $2)`,
      [row!.id, appliedAt],
    );
    for (const at of interviews) {
      await t.dataSource.query(
        `INSERT INTO application_stage_moves (application_id, from_stage, to_stage, moved_at) VALUES ($1, 'sift', 'interview', $2)`,
        [row!.id, at],
      );
    }
    return { id: row!.id, candidateId, vacancyId: vacancy.id, interviews };
  }

  async function insertOffer(o: GenOffer): Promise<void> {
    await t.dataSource.query(
      `INSERT INTO offers (application_id, state, salary, starts_on, expires_on, made_at, responded_at, responded_by,
                           withdrawn_at, withdrawal_reason, expired_at)
       VALUES ($1, $2::varchar, 45000, $3::date + 30, $3::date, $3::date - 7, $4::timestamptz,
               CASE WHEN $4::timestamptz IS NOT NULL THEN 'hr' END,
               CASE WHEN $2 = 'withdrawn' THEN $3::date - 2 END, CASE WHEN $2 = 'withdrawn' THEN 'Post cut' END,
               CASE WHEN $2 = 'expired' THEN $3::date + 1 END)`,
      [o.applicationId, o.state, o.expiresOn, o.respondedAt],
    );
  }

  it('measures each service level month by month as an independent calculation over generated history does', async () => {
    const random = rng(20261203);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
    const today = todayUtc();
    const world: World = {
      partners: [],
      vacancies: [],
      candidatePartner: new Map(),
      applications: [],
      offers: [],
    };
    // The subject (contract started eight months ago, so earlier months are clipped), a partner whose contract ended
    // two months ago, and one still running with few service levels.
    const subject = await insertPartner('Subject Resourcing Ltd', shift(today, -240), null, [
      { metric: 'days-to-shortlist', target: 6 },
      { metric: 'offer-acceptance-rate', target: 60 },
      { metric: 'candidates-per-post', target: 1.5 },
    ]);
    const ended = await insertPartner('Ended Talent Ltd', shift(today, -400), shift(today, -60), [
      { metric: 'days-to-shortlist', target: 3 },
      { metric: 'candidates-per-post', target: 2.5 },
    ]);
    const third = await insertPartner('Third University', shift(today, -500), shift(today, 400), [
      { metric: 'offer-acceptance-rate', target: 75.5 },
    ]);
    world.partners.push(subject, ended, third);
    const campaigns = [
      await insertCampaignWith([subject, ended]),
      await insertCampaignWith([subject]),
      await insertCampaignWith([ended, third]),
      await insertCampaignWith([]),
    ];
    for (let i = 0; i < 45; i++) {
      const closesOn = shift(today, int(-300, 20));
      const state = random() < 0.1 ? pick(['draft', 'withdrawn'] as const) : closesOn < today ? 'closed' : 'open';
      world.vacancies.push(await insertVacancyClosing(pick(campaigns), closesOn, int(1, 3), state));
    }
    const candidates: string[] = [];
    for (const [partner, n] of [
      [subject, 16],
      [ended, 10],
      [third, 8],
      [null, 10],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const id = await insertCandidate(t, { partnerId: partner?.id ?? null });
        candidates.push(id);
        world.candidatePartner.set(id, partner?.id ?? null);
      }
    }
    const now = Date.now();
    for (const v of world.vacancies) {
      const chosen = candidates.filter(() => random() < 0.15);
      for (const candidateId of chosen) {
        // Interviews (the shortlist) from 5 days before the close to 15 after, at any hour (so near midnight the
        // London day differs from the UTC one); only those already past; now and then a second one.
        const interviews: Date[] = [];
        for (let k = random() < 0.2 ? 2 : 1; k > 0; k--) {
          if (random() < 0.55) {
            const at = new Date(Date.parse(`${v.closesOn}T00:00:00Z`) + int(-5, 15) * DAY + int(0, 1439) * 60_000);
            if (at.getTime() < now) interviews.push(at);
          }
        }
        world.applications.push(await insertApplicationAt(candidateId, v, interviews));
      }
    }
    for (const a of world.applications) {
      if (random() < 0.45) continue;
      const state = pick(['accepted', 'accepted', 'declined', 'expired', 'made', 'withdrawn'] as const);
      const expiresOn = state === 'made' && random() < 0.4 ? shift(today, int(0, 20)) : shift(today, int(-290, -1));
      const respondedAt =
        state === 'accepted' || state === 'declined'
          ? new Date(Date.parse(`${shift(today, int(-290, -1))}T00:00:00Z`) + int(0, 1439) * 60_000)
          : null;
      const offer: GenOffer = { applicationId: a.id, state, respondedAt, expiresOn };
      await insertOffer(offer);
      world.offers.push(offer);
    }

    const to = today.slice(0, 7);
    const from = monthsBack(to, 10);
    for (const partner of world.partners) {
      const res = await performance(partner.id, { from, to });
      expect(res.status, res.text).toBe(200);
      const body = res.body as Performance;
      expect(body.range).toEqual({ from, to });
      const want = expected(world, partner, from, to, today);
      expect(body.serviceLevels).toEqual(want);
      expect(body.consecutiveMonthsMissed).toBe(Math.max(0, ...want.map((l) => l.consecutiveMonthsMissed)));
    }
    // The data are varied enough to mean something: met, missed and no-data months, and a partner with a run.
    const subjectBody = (await performance(subject.id, { from, to })).body as Performance;
    const all = subjectBody.serviceLevels.flatMap((l) => l.months.map((m) => m.met));
    expect(all).toContain(true);
    expect(all).toContain(false);
    expect(subjectBody.serviceLevels[0]!.months[0]!.month).toBe(subject.startsOn.slice(0, 7));
    const endedBody = (await performance(ended.id, { from, to })).body as Performance;
    expect(endedBody.serviceLevels[0]!.months.at(-1)!.month).toBe(shift(ended.endsOn!, -1).slice(0, 7));

    // Without a range: the last 12 months, this one included.
    const byDefault = await performance(subject.id);
    expect(byDefault.status, byDefault.text).toBe(200);
    const defaultFrom = monthsBack(to, 11);
    expect((byDefault.body as Performance).range).toEqual({ from: defaultFrom, to });
    expect((byDefault.body as Performance).serviceLevels).toEqual(expected(world, subject, defaultFrom, to, today));
  });

  it('counts a run of missed months that a met month breaks and a month without data does not', async () => {
    const today = todayUtc();
    const last = prevMonth(today.slice(0, 7));
    const partner = await insertPartner('Run Supplies Ltd', shift(today, -400), null, [
      { metric: 'candidates-per-post', target: 2 },
      { metric: 'days-to-shortlist', target: 5 },
    ]);
    const campaign = await insertCampaignWith([partner]);
    const own = [];
    for (let i = 0; i < 4; i++) own.push(await insertCandidate(t, { partnerId: partner.id }));
    const other = await insertCandidate(t);
    // Oldest first: missed, missed, missed, met, missed, (no data), missed: candidates per post over 2 posts, the
    // 10th of each month. Another channel's candidates do not count.
    const plan: (number | null)[] = [1, 2, 3, 4, 1, null, 3];
    const months = plan.map((_, i) => monthsBack(last, plan.length - 1 - i));
    for (const [i, applicants] of plan.entries()) {
      if (applicants === null) continue;
      const v = await insertVacancyClosing(campaign, `${months[i]}-10`, 2, 'closed');
      for (const c of own.slice(0, applicants)) {
        // Shortlisted 3 days after the close: days-to-shortlist is met throughout.
        await insertApplicationAt(c, v, [new Date(Date.parse(`${months[i]}-13T12:00:00Z`))]);
      }
      await insertApplicationAt(other, v);
    }
    const res = await performance(partner.id, { from: months[0]!, to: last });
    expect(res.status, res.text).toBe(200);
    const [perPost, shortlist] = (res.body as Performance).serviceLevels;
    expect(perPost!.months.map((m) => [m.month, m.value, m.met, m.basis])).toEqual([
      [months[0], 0.5, false, 1],
      [months[1], 1, false, 1],
      [months[2], 1.5, false, 1],
      [months[3], 2, true, 1],
      [months[4], 0.5, false, 1],
      [months[5], null, null, 0],
      [months[6], 1.5, false, 1],
    ]);
    expect(perPost).toMatchObject({ metric: 'candidates-per-post', consecutiveMonthsMissed: 2, longestRunMissed: 3 });
    expect(shortlist!.months.filter((m) => m.met !== null).every((m) => m.met && m.value === 3)).toBe(true);
    expect(shortlist).toMatchObject({ consecutiveMonthsMissed: 0, longestRunMissed: 0 });
    expect((res.body as Performance).consecutiveMonthsMissed).toBe(2);
  });

  it('leaves a vacancy not yet shortlisted out until its wait exceeds the target, then counts it missed', async () => {
    const today = todayUtc();
    const partner = await insertPartner('Pending Partners Ltd', shift(today, -100), null, [
      { metric: 'days-to-shortlist', target: 5 },
    ]);
    const campaign = await insertCampaignWith([partner]);
    const c = await insertCandidate(t, { partnerId: partner.id });
    const waiting = await insertVacancyClosing(campaign, shift(today, -3), 1, 'closed');
    await insertApplicationAt(c, waiting);
    const month = waiting.closesOn.slice(0, 7);
    const read = async () =>
      ((await performance(partner.id, { from: month, to: month }).expect(200)).body as Performance).serviceLevels[0]!
        .months[0]!;
    expect(await read()).toEqual({ month, value: null, met: null, basis: 0 });
    await t.dataSource.query('UPDATE vacancies SET closes_on = $2 WHERE id = $1', [waiting.id, shift(today, -8)]);
    const lateMonth = shift(today, -8).slice(0, 7);
    const late = ((await performance(partner.id, { from: lateMonth, to: lateMonth }).expect(200)).body as Performance)
      .serviceLevels[0]!.months[0]!;
    expect(late).toEqual({ month: lateMonth, value: 8, met: false, basis: 1 });
  });

  it('reports only the months the contract runs in', async () => {
    const partner = await insertPartner('Clipped Ltd', '2025-03-15', '2025-09-01', [
      { metric: 'candidates-per-post', target: 1 },
    ]);
    const res = await performance(partner.id, { from: '2025-01', to: '2025-12' }).expect(200);
    const body = res.body as Performance;
    expect(body.range).toEqual({ from: '2025-01', to: '2025-12' });
    expect(body.serviceLevels[0]!.months.map((m) => m.month)).toEqual([
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
    ]);
    expect(body.serviceLevels[0]!.months.every((m) => m.met === null)).toBe(true);
    expect(body).toMatchObject({ partner: { id: partner.id, name: 'Clipped Ltd', kind: 'supplier' } });
    // Outside the contract altogether: no months at all.
    const before = (await performance(partner.id, { from: '2024-01', to: '2024-12' }).expect(200)).body as Performance;
    expect(before.serviceLevels[0]!.months).toEqual([]);
    expect(before.consecutiveMonthsMissed).toBe(0);
  });

  it('refuses bad months and long ranges, and answers 404 for an unknown partner', async () => {
    const partner = await insertPartner('Valid Ltd', '2024-01-01', null, []);
    const bad: Record<string, string>[] = [
      { from: '2026-13' },
      { to: '2026-1' },
      { from: '2026-01-01' },
      { to: 'last' },
    ];
    for (const query of bad) {
      const problem = expectProblem(await performance(partner.id, query), 400, 'validation-failed');
      expect(problem.errors).toEqual([expect.objectContaining({ field: Object.keys(query)[0] })]);
    }
    expectProblem(await performance(partner.id, { from: '2026-05', to: '2026-04' }), 400, 'validation-failed');
    expectProblem(await performance(partner.id, { from: '2023-01', to: '2026-01' }), 400, 'validation-failed');
    expect((await performance(partner.id, { from: '2023-02', to: '2026-01' })).status).toBe(200);
    expectProblem(await performance(partner.id, { to: '2026-01', extra: '1' }), 400, 'validation-failed');
    expectProblem(await performance(randomUUID()), 404, 'partner-not-found');
    expectProblem(
      await t.http({ malformed: true }).get(`${API}/partners/nope/performance`).set(hr),
      400,
      'bad-request',
    );
    const staff = (await signedIn(t, { roles: ['staff'] })).auth;
    expectProblem(await t.http().get(`${API}/partners/${partner.id}/performance`).set(staff), 403, 'forbidden');
    expectProblem(await t.http().get(`${API}/partners/${partner.id}/performance`), 401, 'unauthenticated');
  });
});
