import { RECRUITMENT_INSIGHTS_CSV_COLUMNS } from '@capability/insights';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import {
  addDays,
  API,
  inPostOn,
  insertPerson,
  levelOn,
  levelsOf,
  parseCsv,
  pct,
  rng,
  twoFamilies,
  unit,
  type Auth,
  type Level,
  type Person,
} from './people-support.js';
import { aboutOf, cell, expectWorkbookShape, getXlsx, readXlsx, type Sheet, type Value } from './xlsx-support.js';

/**
 * GET /insights/recruitment over a world generated here by SQL: staff in post (and gone, and not yet started) at role
 * levels of two families, three review cycles (gaps in the one closed last count, in the older or the open one not),
 * two campaigns with vacancies in every state, applications in every stage and offers in every state. Gap closure is
 * worked out again below in plain TypeScript; the figures must be what GET /recruitment/figures answers.
 */

const RECRUITMENT = `${API}/insights/recruitment`;
const K = 5;
const LIVE = ['applied', 'sift', 'interview', 'assessment', 'reserve', 'offer', 'pre-employment-checks'];

interface Vacancy {
  id: string;
  campaignId: string;
  level: Level;
  state: 'draft' | 'open' | 'closed' | 'withdrawn';
  posts: number;
}
interface Application {
  vacancyId: string;
  stage: string;
  offers: string[];
}
interface Rating {
  cycleId: string;
  staffId: string;
  reviewState: string;
  required: number | null;
  validated: number | null;
}
interface World {
  people: Person[];
  vacancies: Vacancy[];
  applications: Application[];
  ratings: Rating[];
  latestClosed: { id: string; name: string };
}

const today = new Date().toISOString().slice(0, 10);

/** Gap closure per role level, from the generated rows. */
function expectedLevels(w: World, o: { families: string[] | null; campaign: string | null; hide: boolean }) {
  const small = (n: number) => n > 0 && n < K;
  const keyOf = (l: Level) => `${l.family}|${l.slug}`;
  const rows = new Map<
    string,
    { level: Level; inPost: number; withGaps: number; open: number; posts: number; accepted: number; live: number }
  >();
  const row = (l: Level) => {
    const r = rows.get(keyOf(l)) ?? { level: l, inPost: 0, withGaps: 0, open: 0, posts: 0, accepted: 0, live: 0 };
    rows.set(keyOf(l), r);
    return r;
  };
  const gapped = new Set(
    w.ratings
      .filter(
        (r) =>
          r.cycleId === w.latestClosed.id &&
          r.reviewState === 'validated' &&
          r.required !== null &&
          r.validated !== null &&
          r.validated < r.required,
      )
      .map((r) => r.staffId),
  );
  for (const p of w.people) {
    const level = inPostOn(p, today) ? levelOn(p, today) : null;
    if (!level) continue;
    const r = row(level);
    r.inPost++;
    if (gapped.has(p.id)) r.withGaps++;
  }
  const counted = w.vacancies.filter(
    (v) => (v.state === 'open' || v.state === 'closed') && (o.campaign === null || v.campaignId === o.campaign),
  );
  for (const v of counted) {
    const r = row(v.level);
    if (v.state === 'open') {
      r.open++;
      r.posts += v.posts;
    }
  }
  for (const a of w.applications) {
    const v = counted.find((x) => x.id === a.vacancyId);
    if (!v) continue;
    const r = row(v.level);
    if (!LIVE.includes(a.stage)) continue;
    if (a.offers.includes('accepted')) r.accepted++;
    else r.live++;
  }
  return [...rows.values()]
    .filter((r) => o.families === null || o.families.includes(r.level.family))
    .sort((a, b) => (keyOf(a.level) < keyOf(b.level) ? -1 : 1))
    .map((r) => {
      const hidden = small(r.inPost) || small(r.withGaps) || small(r.inPost - r.withGaps);
      return {
        roleFamily: r.level.family,
        roleLevel: r.level.slug,
        roleLevelName: r.level.name,
        inPost: hidden ? null : r.inPost,
        withGaps: hidden ? null : r.withGaps,
        percentWithGaps: hidden ? null : pct(r.withGaps, r.inPost),
        peopleSuppressed: hidden,
        openVacancies: r.open,
        openPosts: r.posts,
        acceptedOffers: o.hide && small(r.accepted) ? null : r.accepted,
        livePipeline: o.hide && small(r.live) ? null : r.live,
      };
    });
}

describe('insights: recruitment', () => {
  let t: TestApp;
  let w: World;
  let families: [string, string];
  let levels: Level[];
  let campaigns: [string, string];
  let as: Record<'hr' | 'admin' | 'hop' | 'manager' | 'staff', Auth>;

  beforeAll(async () => {
    t = await createTestApp();
    const random = rng(16_017);
    families = await twoFamilies(t, 3);
    levels = [...(await levelsOf(t, families[0], 3)), ...(await levelsOf(t, families[1], 2))];
    const [l0, l1, l2, m0, m1] = levels as [Level, Level, Level, Level, Level];
    const root = await unit(t, 'RI-ROOT');
    const hr = await signedIn(t, { roles: ['hr'] });
    w = { people: [], vacancies: [], applications: [], ratings: [], latestClosed: { id: '', name: '' } };

    // Cycles: an older closed one, the one closed last, an open one.
    const cycle = async (name: string, state: 'closed' | 'open', closedAt: string | null) => {
      const id = randomUUID();
      await t.dataSource.query(
        `INSERT INTO review_cycles (id, name, unit_id, opens_on, closes_on, state, opened_at, closed_at, framework_version_id)
         VALUES ($1, $2, $3, '2025-04-01', '2025-06-30', $4, '2025-04-01', $5, (SELECT id FROM framework_versions WHERE is_current))`,
        [id, name, root, state, closedAt],
      );
      return { id, name };
    };
    const older = await cycle('RI review 2024', 'closed', '2024-07-01T09:00:00Z');
    const latest = await cycle('RI review 2025', 'closed', '2025-07-01T09:00:00Z');
    const open = await cycle('RI review 2026', 'open', null);
    w.latestClosed = latest;
    const [skill] = await t.dataSource.query<{ id: string; slug: string; name: string }[]>(
      `SELECT s.id, s.slug, s.name FROM skills s JOIN framework_versions v ON v.id = s.version_id AND v.is_current
        ORDER BY s.slug LIMIT 1`,
    );
    const review = async (
      cycleId: string,
      p: Person,
      state: 'validated' | 'self_assessed',
      required: number | null,
      validated: number | null,
    ) => {
      const id = randomUUID();
      const level = p.roles[0]!.level;
      await t.dataSource.query(
        `INSERT INTO skill_reviews (id, cycle_id, staff_id, role_level_id, role_level_slug, role_level_name,
           role_family_slug, unit_id, state, submitted_at, validated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text, now(), CASE WHEN $9::text = 'validated' THEN now() END)`,
        [id, cycleId, p.id, level.id, level.slug, level.name, level.family, p.unitId, state],
      );
      await t.dataSource.query(
        `INSERT INTO skill_review_ratings (review_id, skill_id, skill_slug, skill_name, position, required_level,
           self_level, validated_level, flagged_for_calibration)
         VALUES ($1, $2, $3, $4, 0, $5, 2, $6::smallint, coalesce(abs(2 - $6::smallint) >= 2, false))`,
        [id, skill!.id, skill!.slug, skill!.name, required, validated],
      );
      w.ratings.push({ cycleId, staffId: p.id, reviewState: state, required, validated });
    };

    // People per level: [in post, of whom with a gap in the cycle closed last]. l0 shows; l1 would show 7 of 9
    // (the 2 without a gap given away: hidden); l2 is 3 people (hidden); m0 is 8 of 8; m1 has nobody in post.
    const plan: [Level, number, number][] = [
      [l0, 10, 5],
      [l1, 9, 7],
      [l2, 3, 1],
      [m0, 8, 8],
    ];
    let n = 0;
    for (const [level, inPost, withGaps] of plan) {
      for (let i = 0; i < inPost; i++) {
        const p = await insertPerson(
          t,
          {
            unitId: root,
            employment: 'permanent',
            startDate: '2020-01-01',
            leavingDate: null,
            lineManagerId: null,
            roles: [{ level, startsOn: '2020-01-01', endsOn: null }],
          },
          18_000 + n++,
        );
        w.people.push(p);
        const gap = i < withGaps;
        // A gap is a validated level below the required one; those without: met, or no validated level at all.
        if (gap) await review(latest.id, p, 'validated', 3, Math.floor(random() * 3));
        else if (i % 3 === 0) await review(latest.id, p, 'validated', 2, 2 + Math.floor(random() * 3));
        else if (i % 3 === 1) await review(latest.id, p, 'self_assessed', 3, 1);
        else await review(latest.id, p, 'validated', 3, null);
        // Gaps in the older and the open cycle do not count.
        await review(older.id, p, 'validated', 3, 0);
        if (!gap) await review(open.id, p, 'validated', 3, 0);
      }
    }
    // Not in post: left, not started yet, moved off the level (counted at the new one).
    for (const [start, leave] of [
      ['2020-01-01', '2024-01-01'],
      [addDays(today, 30), null],
    ] as [string, string | null][]) {
      const p = await insertPerson(
        t,
        {
          unitId: root,
          employment: 'permanent',
          startDate: start,
          leavingDate: leave,
          lineManagerId: null,
          roles: [{ level: l0, startsOn: '2020-01-01', endsOn: null }],
        },
        18_000 + n++,
      );
      w.people.push(p);
      await review(latest.id, p, 'validated', 3, 0);
    }

    // Campaigns and vacancies in every state.
    const campaign = async (title: string) => {
      const id = randomUUID();
      await t.dataSource.query(
        `INSERT INTO campaigns (id, title, kind, owner_user_id, starts_on, ends_on, target_hires, state, opened_at)
         VALUES ($1, $2, 'specialist', $3, '2025-01-01', '2027-12-31', 10, 'open', now())`,
        [id, title, hr.user.id],
      );
      return id;
    };
    campaigns = [await campaign('RI Specialists'), await campaign('RI Graduates')];
    const [grade] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM grades WHERE code = 'SEO'`);
    const vacancy = async (campaignId: string, level: Level, state: Vacancy['state'], posts: number) => {
      const id = randomUUID();
      await t.dataSource.query(
        `INSERT INTO vacancies (id, campaign_id, title, role_level_id, grade_id, unit_id, posts, salary_min, salary_max,
           closes_on, required_checks, state, opened_at, closed_at, withdrawn_at)
         VALUES ($1, $2, 'RI vacancy', $3, $4, $5, $6, 40000, 50000, '2027-01-31', ARRAY['right-to-work'], $7::text,
                 CASE WHEN $7::text <> 'draft' AND $7::text <> 'withdrawn' THEN now() END,
                 CASE WHEN $7::text = 'closed' THEN now() END, CASE WHEN $7::text = 'withdrawn' THEN now() END)`,
        [id, campaignId, level.id, grade!.id, root, posts, state],
      );
      const v = { id, campaignId, level, state, posts };
      w.vacancies.push(v);
      return v;
    };
    const vacancies = [
      await vacancy(campaigns[0], l0, 'open', 3),
      await vacancy(campaigns[1], l0, 'closed', 2),
      await vacancy(campaigns[0], l1, 'open', 1),
      await vacancy(campaigns[0], l2, 'draft', 4),
      await vacancy(campaigns[1], m0, 'open', 2),
      await vacancy(campaigns[0], m1, 'open', 5),
      await vacancy(campaigns[1], m1, 'withdrawn', 1),
    ];
    // Applications: stages and offers spread over the vacancies.
    const stages = [
      'applied',
      'sift',
      'interview',
      'assessment',
      'reserve',
      'offer',
      'pre-employment-checks',
      'rejected',
      'withdrawn',
    ];
    let c = 0;
    for (const v of vacancies) {
      const count = v.level === l0 ? 14 : 4 + Math.floor(random() * 8);
      for (let i = 0; i < count; i++) {
        const stage = stages[Math.floor(random() * stages.length)]!;
        const offers =
          stage === 'pre-employment-checks'
            ? ['accepted']
            : stage === 'offer'
              ? [random() < 0.5 ? 'made' : 'declined']
              : stage === 'withdrawn' && random() < 0.5
                ? ['accepted']
                : [];
        const candidateId = randomUUID();
        await t.dataSource.query(
          `INSERT INTO candidates (id, full_name, email, channel) VALUES ($1, $2, $3, 'direct')`,
          [candidateId, `RI Candidate ${c}`, `ri${c++}@example.test`],
        );
        const applicationId = randomUUID();
        await t.dataSource.query(
          `INSERT INTO applications (id, candidate_id, vacancy_id, stage, stage_entered_at, applied_at, rejection_reason)
           VALUES ($1, $2, $3, $4::text, now(), '2026-01-15T10:00:00Z', CASE WHEN $4::text = 'rejected' THEN 'Not this time' END)`,
          [applicationId, candidateId, v.id, stage],
        );
        for (const state of offers) {
          await t.dataSource.query(
            `INSERT INTO offers (application_id, state, salary, starts_on, expires_on, made_at, responded_at, responded_by)
             VALUES ($1, $2::text, 45000, '2026-09-01', '2026-02-15', '2026-02-01T10:00:00Z',
                     CASE WHEN $2::text IN ('accepted', 'declined') THEN timestamptz '2026-02-03T10:00:00Z' END,
                     CASE WHEN $2::text IN ('accepted', 'declined') THEN 'candidate' END)`,
            [applicationId, state],
          );
        }
        w.applications.push({ vacancyId: v.id, stage, offers });
      }
    }

    as = {
      hr: hr.auth,
      admin: (await signedIn(t, { roles: ['admin'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: [families[0]] })).auth,
      manager: (await signedIn(t, { roles: ['staff'], staffId: w.people[0]!.id })).auth,
      staff: (await signedIn(t, { roles: ['staff'], staffId: w.people[1]!.id })).auth,
    };
  }, 180_000);
  afterAll(async () => t?.close());

  const read = async (auth: Auth, query: Record<string, string> = {}) => {
    const res = await t.http().get(RECRUITMENT).query(query).set(auth);
    expect(res.status, res.text).toBe(200);
    return res.body as {
      k: number;
      smallNumbersSuppressed: boolean;
      cycle: { id: string; name: string } | null;
      figures: unknown;
      gapClosure: ReturnType<typeof expectedLevels>;
    };
  };
  const figures = async (auth: Auth, query: Record<string, string>) => {
    const res = await t.http().get(`${API}/recruitment/figures`).query(query).set(auth);
    expect(res.status, res.text).toBe(200);
    return res.body as unknown;
  };

  it('answers HR and admins with gap closure per level, as worked out from the rows, and the figures as recruitment does', async () => {
    const body = await read(as.hr);
    expect(body.k).toBe(K);
    expect(body.cycle).toEqual(w.latestClosed);
    expect(body.smallNumbersSuppressed).toBe(false);
    expect(body.gapClosure).toEqual(expectedLevels(w, { families: null, campaign: null, hide: false }));
    expect(body.figures).toEqual(await figures(as.hr, {}));
    expect((await read(as.admin)).gapClosure).toEqual(body.gapClosure);
    // The data exercise the report: people shown and hidden; a level with nobody in post but vacancies.
    const [l0, l1, l2, m0, m1] = levels as [Level, Level, Level, Level, Level];
    const by = (l: Level) => body.gapClosure.find((r) => r.roleLevel === l.slug)!;
    expect([by(l0).inPost, by(l0).withGaps, by(l0).percentWithGaps]).toEqual([10, 5, 50]);
    expect(by(l1)).toMatchObject({ inPost: null, withGaps: null, peopleSuppressed: true });
    expect(by(l2)).toMatchObject({ inPost: null, withGaps: null, peopleSuppressed: true, openVacancies: 0 });
    expect(by(m0)).toMatchObject({ inPost: 8, withGaps: 8, percentWithGaps: 100, peopleSuppressed: false });
    expect(by(m1)).toMatchObject({ inPost: 0, withGaps: 0, peopleSuppressed: false, openVacancies: 1, openPosts: 5 });
  });

  it('narrows to a campaign (its vacancies, offers and pipeline; the people stay) and passes from/to to the figures', async () => {
    const query = { campaign: campaigns[1], from: '2026-01-01', to: '2026-06-30' };
    const body = await read(as.hr, query);
    expect(body.gapClosure).toEqual(expectedLevels(w, { families: null, campaign: campaigns[1], hide: false }));
    expect(body.figures).toEqual(
      await figures(as.hr, { campaignId: campaigns[1], from: '2026-01-01', to: '2026-06-30' }),
    );
  });

  it('gives a head of profession their families, candidate counts of 1..k−1 hidden, and refuses everyone else', async () => {
    const body = await read(as.hop);
    expect(body.smallNumbersSuppressed).toBe(true);
    const expected = expectedLevels(w, { families: [families[0]], campaign: null, hide: true });
    expect(body.gapClosure).toEqual(expected);
    expect(body.gapClosure.every((r) => r.roleFamily === families[0])).toBe(true);
    expect(body.gapClosure.some((r) => r.acceptedOffers === null || r.livePipeline === null)).toBe(true);
    expect(body.figures).toEqual(await figures(as.hop, {}));
    expectProblem(await t.http().get(RECRUITMENT).set(as.manager), 403, 'forbidden');
    expectProblem(await t.http().get(RECRUITMENT).set(as.staff), 403, 'forbidden');
    expect((await t.http().get(RECRUITMENT)).status).toBe(401);
  });

  it('gives the same cells as CSV, suppressed ones empty', async () => {
    const json = await read(as.hop);
    const csv = await t.http().get(RECRUITMENT).set(as.hop).set('Accept', 'text/csv');
    expect(csv.status, csv.text).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const records = parseCsv(csv.text);
    expect(records[0]).toEqual([...RECRUITMENT_INSIGHTS_CSV_COLUMNS]);
    const col = (c: (typeof RECRUITMENT_INSIGHTS_CSV_COLUMNS)[number]) => RECRUITMENT_INSIGHTS_CSV_COLUMNS.indexOf(c);
    const text = (v: number | null) => (v === null ? '' : String(v));
    expect(
      records
        .filter((r) => r[0] === 'level')
        .map((r) => [
          r[col('roleLevel')],
          r[col('inPost')],
          r[col('withGaps')],
          r[col('peopleSuppressed')],
          r[col('openPosts')],
          r[col('acceptedOffers')],
          r[col('livePipeline')],
        ]),
    ).toEqual(
      json.gapClosure.map((l) => [
        l.roleLevel,
        text(l.inPost),
        text(l.withGaps),
        String(l.peopleSuppressed),
        String(l.openPosts),
        text(l.acceptedOffers),
        text(l.livePipeline),
      ]),
    );
    const l1 = records.find((r) => r[0] === 'level' && r[col('roleLevel')] === levels[1]!.slug)!;
    expect([l1[col('inPost')], l1[col('withGaps')], l1[col('peopleSuppressed')]]).toEqual(['', '', 'true']);
    expect(records.filter((r) => r[0] === 'funnel').map((r) => r[col('stage')])).toEqual([
      'applied',
      'sift',
      'interview',
      'assessment',
      'offer',
      'pre-employment-checks',
      'appointed',
    ]);
  });

  it('gives the same figures as XLSX for every reader it answers, suppressed ones empty, and refuses the rest', async () => {
    const RX = `${RECRUITMENT}.xlsx`;
    const hr = await read(as.hr);
    const hrSheets = await readXlsx(await getXlsx(t, RX, {}, as.hr));
    expectRecruitmentXlsx(hrSheets, hr as unknown as Json);
    expect(hr.gapClosure).toEqual(expectedLevels(w, { families: null, campaign: null, hide: false }));
    // The differencing case: l1 has 9 in post, 7 with gaps; the 2 without would be given away, so both are hidden.
    const row = (sheets: Record<string, Sheet>, l: Level) => sheets['Gap closure']!.rows.find((r) => r[1] === l.slug)!;
    expect(row(hrSheets, levels[1]!).slice(3, 7)).toEqual([null, null, null, true]);
    expect(row(hrSheets, levels[0]!).slice(3, 7)).toEqual([10, 5, 50, false]);
    expect(aboutOf(hrSheets)).toMatchObject({
      'Small candidate numbers suppressed': false,
      'Gap cycle': w.latestClosed.name,
    });

    const query = { campaign: campaigns[1], from: '2026-01-01', to: '2026-06-30' };
    expectRecruitmentXlsx(
      await readXlsx(await getXlsx(t, RX, query, as.hr)),
      (await read(as.hr, query)) as unknown as Json,
    );

    const hop = await read(as.hop);
    const hopSheets = await readXlsx(await getXlsx(t, RX, {}, as.hop));
    expectRecruitmentXlsx(hopSheets, hop as unknown as Json);
    expect(hop.gapClosure).toEqual(expectedLevels(w, { families: [families[0]], campaign: null, hide: true }));
    // Candidate counts of 1..k−1 hidden for a head of profession: empty, Suppressed = TRUE.
    const hidden = hopSheets['Gap closure']!.rows.filter((r) => r[9] === null || r[10] === null);
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((r) => r[11] === true)).toBe(true);
    expect(aboutOf(hopSheets)['Small candidate numbers suppressed']).toBe(true);

    expectProblem(await t.http().get(RX).set(as.manager), 403, 'forbidden');
    expectProblem(await t.http().get(RX).set(as.staff), 403, 'forbidden');
    expect((await t.http().get(RX)).status).toBe(401);
    expectProblem(await t.http().get(RX).query({ campaign: 'x' }).set(as.hr), 400, 'validation-failed');
  });

  it('answers bad input with 400 problem+json', async () => {
    for (const query of [
      { campaign: 'x' },
      { from: '2026-13-01' },
      { from: '2026-06-01', to: '2026-05-01' },
      { other: '1' },
    ]) {
      expectProblem(await t.http().get(RECRUITMENT).query(query).set(as.hr), 400, 'validation-failed');
    }
  });
});

type Json = {
  k: number;
  measuredOn: string;
  gapClosure: Record<string, unknown>[];
  figures: {
    filters: { campaignId: string | null };
    funnel: Funnel;
    campaignFunnels: (Funnel & { campaignId: string; title: string })[];
    vacancyFunnels: (Funnel & { campaignId: string; vacancyId: string; title: string })[];
    timeToHire: Record<string, unknown>;
    timeInStage: Record<string, unknown>[];
    offerAcceptance: Record<string, unknown>;
    outcomesByPartner: Record<string, unknown>[];
    outcomesByChannel: Record<string, unknown>[];
    campaignsBelowTarget: Record<string, unknown>[];
    interimConversion: Record<string, unknown>[];
    partnerCompliance: (Record<string, unknown> & { serviceLevels: Record<string, unknown>[] })[];
  };
};
type Funnel = { stages: Record<string, unknown>[]; reserveListed: number; rejected: number; withdrawn: number };

/** The workbook holds the JSON's tables, cell for cell (a null figure an empty cell, numbers as numbers). */
function expectRecruitmentXlsx(sheets: Record<string, Sheet>, r: Json): void {
  expectWorkbookShape(sheets, [
    'Gap closure',
    'Funnel stages',
    'Funnel totals',
    'Time to hire',
    'Time in stage',
    'Offer acceptance',
    'Outcomes by partner',
    'Outcomes by channel',
    'Campaigns below target',
    'Interim conversion',
    'Partner compliance',
  ]);
  expect(aboutOf(sheets)).toMatchObject({
    Report: 'Recruitment',
    'Measured on': r.measuredOn,
    'k (fewest people shown)': r.k,
  });
  const pick = (o: Record<string, unknown>, keys: string[]) => keys.map((k) => cell(o[k]));
  expect(sheets['Gap closure']!.rows).toEqual(
    r.gapClosure.map((l) => [
      ...pick(l, ['roleFamily', 'roleLevel', 'roleLevelName', 'inPost', 'withGaps', 'percentWithGaps']),
      l.peopleSuppressed,
      ...pick(l, ['openVacancies', 'openPosts', 'acceptedOffers', 'livePipeline']),
      l.peopleSuppressed === true || l.acceptedOffers === null || l.livePipeline === null,
    ]),
  );
  const f = r.figures;
  const funnels: [Value[], Funnel][] = [
    [['overall', f.filters.campaignId, null, null], f.funnel],
    ...f.campaignFunnels.map((c): [Value[], Funnel] => [['campaign', c.campaignId, null, c.title], c]),
    ...f.vacancyFunnels.map((v): [Value[], Funnel] => [['vacancy', v.campaignId, v.vacancyId, v.title], v]),
  ];
  expect(sheets['Funnel stages']!.rows).toEqual(
    funnels.flatMap(([ref, fu]) =>
      fu.stages.map((s) => [
        ...ref,
        ...pick(s, [
          'stage',
          'reached',
          'conversionFromPreviousPercent',
          'conversionFromAppliedPercent',
          'rejectedHere',
          'withdrawnHere',
        ]),
      ]),
    ),
  );
  expect(sheets['Funnel stages']!.rows.filter((x) => x[0] === 'overall').map((x) => x[4])).toEqual(
    f.funnel.stages.map((s) => s.stage),
  );
  expect(sheets['Funnel totals']!.rows).toEqual(
    funnels.map(([ref, fu]) => [...ref, fu.reserveListed, fu.rejected, fu.withdrawn]),
  );
  expect(sheets['Time to hire']!.rows).toEqual([pick(f.timeToHire, ['count', 'medianDays', 'p25Days', 'p75Days'])]);
  expect(sheets['Time in stage']!.rows).toEqual(f.timeInStage.map((s) => pick(s, ['stage', 'count', 'medianDays'])));
  expect(sheets['Offer acceptance']!.rows).toEqual([
    pick(f.offerAcceptance, ['made', 'accepted', 'declined', 'expired', 'withdrawn', 'ratePercent']),
  ]);
  const outcome = [
    'applications',
    'withOffer',
    'appointed',
    'appointedAtLeast12MonthsAgo',
    'stillInPostAfter12Months',
    'offerRatePercent',
    'appointmentRatePercent',
    'retentionRatePercent',
    'suppressed',
  ];
  expect(sheets['Outcomes by partner']!.rows).toEqual(
    f.outcomesByPartner.map((o) => pick(o, ['partnerId', 'partnerName', ...outcome])),
  );
  expect(sheets['Outcomes by channel']!.rows).toEqual(f.outcomesByChannel.map((o) => pick(o, ['channel', ...outcome])));
  expect(sheets['Campaigns below target']!.rows).toEqual(
    f.campaignsBelowTarget.map((c) =>
      pick(c, [
        'campaignId',
        'title',
        'kind',
        'state',
        'targetHires',
        'appointed',
        'acceptedAwaitingAppointment',
        'hires',
        'shortfall',
      ]),
    ),
  );
  expect(sheets['Interim conversion']!.rows).toEqual(
    f.interimConversion.map((c) =>
      pick(c, ['roleFamily', 'permanentAppointments', 'convertedPosts', 'interimInPost', 'contractorInPost']),
    ),
  );
  expect(sheets['Partner compliance']!.rows).toEqual(
    f.partnerCompliance.flatMap((p) =>
      p.serviceLevels.map((s) => [
        ...pick(p, ['partnerId', 'partnerName', 'kind', 'from', 'to']),
        ...pick(s, [
          'metric',
          'direction',
          'target',
          'monthsMet',
          'monthsMissed',
          'monthsWithoutData',
          'compliancePercent',
          'consecutiveMonthsMissed',
        ]),
        cell(p.consecutiveMonthsMissed),
      ]),
    ),
  );
}
