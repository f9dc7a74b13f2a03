import { Permission } from '@capability/auth';
import { FiguresPermission } from '@capability/recruitment';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { appsIn, expectedFigures, generateWorld, LINE, type Filter, type World } from './figures-support.js';
import { API, type Auth } from './planning-support.js';

const FIGURES = `${API}/recruitment/figures`;

interface Compliance {
  partnerId: string;
  partnerName: string;
  consecutiveMonthsMissed: number;
  serviceLevels: { monthsMet: number; monthsMissed: number }[];
}
type Body = ReturnType<typeof expectedFigures> & { filters: Record<string, unknown>; partnerCompliance: Compliance[] };

/** The response in the order the expectation is built in (funnels by id). */
/** The figures worked out here from the generated rows: all but the partners' compliance (its own test below). */
function normalised(body: Body): Omit<Body, 'filters' | 'partnerCompliance'> {
  const { filters: _filters, partnerCompliance: _compliance, ...rest } = body;
  return {
    ...rest,
    campaignFunnels: [...rest.campaignFunnels].sort((a, b) => (a.campaignId < b.campaignId ? -1 : 1)),
    vacancyFunnels: [...rest.vacancyFunnels].sort((a, b) => (a.vacancyId < b.vacancyId ? -1 : 1)),
  };
}

describe('recruitment figures', () => {
  let t: TestApp;
  let w: World;
  let as: Record<'hr' | 'admin' | 'hop' | 'staff', Auth>;

  beforeAll(async () => {
    t = await createTestApp();
    const hr = await signedIn(t, { roles: ['hr'] });
    as = {
      hr: hr.auth,
      admin: (await signedIn(t, { roles: ['admin'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: ['data'] })).auth,
      staff: (await signedIn(t, { roles: ['staff'] })).auth,
    };
    w = await generateWorld(t, hr.user.id);
  }, 60_000);
  afterAll(async () => t?.close());

  const read = async (auth: Auth, query: Record<string, string> = {}) => {
    const res = await t.http().get(FIGURES).query(query).set(auth);
    expect(res.status, res.text).toBe(200);
    return res.body as Body;
  };

  it('keeps its permission name equal to auth', () => {
    expect(FiguresPermission.RecruitmentFiguresRead).toBe(Permission.RecruitmentFiguresRead);
  });

  it('generated a history that exercises every figure', () => {
    const stages = new Set(w.apps.flatMap((a) => a.moves.map((m) => m.to)));
    for (const stage of [...LINE, 'reserve', 'rejected', 'withdrawn']) expect(stages.has(stage), stage).toBe(true);
    const states = new Set(w.apps.flatMap((a) => a.offers.map((o) => o.state)));
    expect([...states].sort()).toEqual(['accepted', 'declined', 'expired', 'made', 'withdrawn']);
    const appointed = w.apps.filter((a) => a.staff);
    expect(appointed.some((a) => a.staff!.leavingDate !== null)).toBe(true);
    expect(appointed.some((a) => a.staff!.startDate! > new Date(Date.now() - 365 * 86_400_000).toISOString())).toBe(
      true,
    );
    expect(w.engagements.filter((e) => e.employment === 'contractor').length).toBeGreaterThan(3);
  });

  it('answers HR and admins with every figure, as worked out independently from the rows', async () => {
    const expected = expectedFigures(w, { families: null }, false);
    const body = await read(as.hr);
    expect(body.filters).toEqual({ campaignId: null, vacancyId: null, roleFamily: null, from: null, to: null });
    expect(normalised(body)).toEqual(expected);
    expect(normalised(await read(as.admin))).toEqual(expected);
    // The figures are about something: conversions and campaigns below target are there to see.
    expect(expected.timeToHire.count).toBeGreaterThan(20);
    expect(expected.interimConversion.some((c) => c.convertedPosts > 0)).toBe(true);
    expect(expected.campaignsBelowTarget.length).toBeGreaterThan(0);
    expect(expected.outcomesByPartner.some((p) => (p.appointedAtLeast12MonthsAgo ?? 0) > 0)).toBe(true);
    // The funnel never grows from one stage to the next.
    for (const f of [body.funnel, ...body.campaignFunnels, ...body.vacancyFunnels]) {
      for (let i = 1; i < f.stages.length; i++) {
        expect(f.stages[i]!.reached).toBeLessThanOrEqual(f.stages[i - 1]!.reached);
      }
    }
  });

  it('narrows by campaign, vacancy, role family and period (applications made from … to, inclusive)', async () => {
    const vacancy = w.vacancies[1]!;
    const dates = w.apps.map((a) => new Date(a.appliedAt).toISOString().slice(0, 10)).sort();
    const from = dates[Math.floor(dates.length / 4)]!;
    const to = dates[Math.floor((dates.length * 3) / 4)]!;
    const cases: Omit<Filter, 'families'>[] = [
      { campaignId: w.campaigns[0]!.id },
      { vacancyId: vacancy.id },
      { roleFamily: w.families.other },
      { from, to },
      { campaignId: w.campaigns[1]!.id, roleFamily: 'data', from },
      { to },
    ];
    for (const c of cases) {
      const expected = expectedFigures(w, { ...c, families: null }, false);
      const body = await read(as.hr, c);
      expect(normalised(body), JSON.stringify(c)).toEqual(expected);
      expect(body.filters).toMatchObject(c);
    }
    expect(appsIn(w, { from, to, families: null }).length).toBeGreaterThan(100);
    // An unknown campaign or vacancy: empty figures, every stage 0.
    const none = await read(as.hr, { campaignId: randomUUID() });
    expect(none.funnel.stages.every((s) => s.reached === 0 && s.conversionFromAppliedPercent === null)).toBe(true);
    expect(none.campaignFunnels).toEqual([]);
    expect(none.campaignsBelowTarget).toEqual([]);
    expect(none.timeToHire).toEqual({ count: 0, medianDays: null, p25Days: null, p75Days: null });
  });

  it("shows a head of profession their families' vacancies only, with small per-source counts suppressed", async () => {
    const expected = expectedFigures(w, { families: ['data'] }, true);
    const body = await read(as.hop);
    expect(normalised(body)).toEqual(expected);
    expect(body.smallNumbersSuppressed).toBe(true);
    const ids = new Set(w.vacancies.filter((v) => v.level.family === 'data').map((v) => v.id));
    expect(body.vacancyFunnels.length).toBeGreaterThan(0);
    for (const v of body.vacancyFunnels) expect(ids.has(v.vacancyId)).toBe(true);
    expect(body.interimConversion.every((c) => c.roleFamily === 'data')).toBe(true);
    // The tiny partner's three applications: counts and the rates on them hidden; HR sees them.
    const tiny = body.outcomesByPartner.find((p) => p.partnerName === 'Tiny Partner')!;
    expect(tiny).toMatchObject({ applications: null, offerRatePercent: null, suppressed: true });
    const hrTiny = (await read(as.hr)).outcomesByPartner.find((p) => p.partnerName === 'Tiny Partner')!;
    expect(hrTiny).toMatchObject({ applications: 3, suppressed: false });
    // Nothing from 1 to 4 gets through in the per-source figures.
    for (const row of [...body.outcomesByPartner, ...body.outcomesByChannel]) {
      for (const key of [
        'applications',
        'withOffer',
        'appointed',
        'appointedAtLeast12MonthsAgo',
        'stillInPostAfter12Months',
      ] as const) {
        const n = row[key];
        expect(n === null || n === 0 || n >= 5, `${key} ${n}`).toBe(true);
      }
    }
    // Their own family by name is the same answer; another family is refused.
    expect(normalised(await read(as.hop, { roleFamily: 'data' }))).toEqual(
      expectedFigures(w, { roleFamily: 'data', families: ['data'] }, true),
    );
    expectProblem(
      await t.http().get(FIGURES).query({ roleFamily: w.families.other }).set(as.hop),
      403,
      'recruitment-figures-scope-not-allowed',
    );
    // A campaign of another family only: nothing of it.
    const other = await read(as.hop, { vacancyId: w.vacancies[2]!.id });
    expect(other.funnel.stages[0]!.reached).toBe(0);
  });

  it('refuses staff (403) and anonymous callers (401)', async () => {
    expectProblem(await t.http().get(FIGURES).set(as.staff), 403, 'forbidden');
    expectProblem(await t.http().get(FIGURES), 401, 'unauthenticated');
  });

  it('answers bad input with a 400 problem', async () => {
    for (const query of [
      { campaignId: 'not-a-uuid' },
      { vacancyId: '123' },
      { from: '2026-02-30' },
      { to: '03/12/2026' },
      { from: '2026-06-01', to: '2026-05-31' },
      { roleFamily: 'Not A Slug' },
      { roleFamily: 'no-such-family' },
      { unknown: 'x' },
    ]) {
      expectProblem(await t.http().get(FIGURES).query(query).set(as.hr), 400, 'validation-failed');
    }
  });

  it("sums up the partners' service levels month by month, as their performance route measures them", async () => {
    // Service levels for three partners, and the campaigns they are on (the generated history has neither). The
    // generated vacancies are still open, so only the offer acceptance rates have months to measure.
    const [north, overseas, search, tiny] = w.partners;
    await t.dataSource.query(
      `INSERT INTO partner_service_levels (partner_id, metric, target) VALUES
         ($1, 'offer-acceptance-rate', 90), ($1, 'days-to-shortlist', 10), ($2, 'offer-acceptance-rate', 40),
         ($3, 'offer-acceptance-rate', 100)`,
      [north!.id, overseas!.id, search!.id],
    );
    const dataCampaign = w.campaigns.find((c) =>
      w.vacancies.some((v) => v.campaignId === c.id && v.level.family === 'data'),
    )!;
    const otherCampaign = w.campaigns.find(
      (c) => !w.vacancies.some((v) => v.campaignId === c.id && v.level.family === 'data'),
    )!;
    await t.dataSource.query(
      `INSERT INTO campaign_partners (campaign_id, partner_id) VALUES ($1, $2), ($1, $3), ($4, $5)`,
      [dataCampaign.id, north!.id, overseas!.id, otherCampaign.id, search!.id],
    );

    /** The summary of one partner's months, counted here from the performance route's answer. */
    const summaryOf = async (partnerId: string, from: string, to: string) => {
      const res = await t.http().get(`${API}/partners/${partnerId}/performance`).query({ from, to }).set(as.hr);
      expect(res.status, res.text).toBe(200);
      const p = res.body as {
        partner: { id: string; name: string; kind: string };
        consecutiveMonthsMissed: number;
        serviceLevels: {
          metric: string;
          direction: string;
          target: number;
          consecutiveMonthsMissed: number;
          months: { met: boolean | null }[];
        }[];
      };
      return {
        partnerId: p.partner.id,
        partnerName: p.partner.name,
        kind: p.partner.kind,
        from,
        to,
        consecutiveMonthsMissed: p.consecutiveMonthsMissed,
        serviceLevels: p.serviceLevels.map((l) => {
          let met = 0;
          let missed = 0;
          for (const m of l.months) {
            if (m.met === true) met++;
            if (m.met === false) missed++;
          }
          return {
            metric: l.metric,
            direction: l.direction,
            target: l.target,
            monthsMet: met,
            monthsMissed: missed,
            monthsWithoutData: 12 - met - missed,
            compliancePercent: met + missed === 0 ? null : Math.round((met / (met + missed)) * 1000) / 10,
            consecutiveMonthsMissed: l.consecutiveMonthsMissed,
          };
        }),
      };
    };
    const twelveMonthsTo = (to: string): string => {
      const index = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1 - 11;
      return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    };
    const sorted = <T extends { consecutiveMonthsMissed: number; partnerName: string }>(rows: T[]): T[] =>
      [...rows].sort(
        (a, b) => b.consecutiveMonthsMissed - a.consecutiveMonthsMissed || a.partnerName.localeCompare(b.partnerName),
      );

    // HR asking for nothing in particular: every partner, over the twelve months up to this one.
    const body = await read(as.hr);
    const month = body.measuredOn.slice(0, 7);
    const everyone = sorted(await Promise.all(w.partners.map((p) => summaryOf(p.id, twelveMonthsTo(month), month))));
    expect(body.partnerCompliance).toEqual(everyone);
    // The summaries rest on measured months: some met, some missed (targets set to make both happen).
    const levels = body.partnerCompliance.flatMap((p) => p.serviceLevels);
    expect(levels).toHaveLength(4);
    expect(levels.some((l) => l.monthsMet > 0)).toBe(true);
    expect(levels.some((l) => l.monthsMissed > 0)).toBe(true);
    expect(body.partnerCompliance.find((p) => p.partnerId === tiny!.id)!.serviceLevels).toEqual([]);

    // A campaign: its partners only; a period ending earlier: the twelve months up to its last one.
    const early = w.apps.map((a) => new Date(a.appliedAt).toISOString().slice(0, 10)).sort()[0]!;
    const narrowed = await read(as.hr, { campaignId: dataCampaign.id, to: early });
    expect(narrowed.partnerCompliance).toEqual(
      sorted(
        await Promise.all(
          [north!, overseas!].map((p) => summaryOf(p.id, twelveMonthsTo(early.slice(0, 7)), early.slice(0, 7))),
        ),
      ),
    );
    // A head of profession: the partners of the campaigns in their families only.
    const theirs = await read(as.hop);
    expect(theirs.partnerCompliance.map((p) => p.partnerId).sort()).toEqual([north!.id, overseas!.id].sort());
  });

  it("never answers with a candidate's personal data", async () => {
    const text = JSON.stringify([await read(as.hr), await read(as.hop)]);
    expect(text).not.toMatch(/example\.org|Figures Candidate|Figures Staff|FIG-\d/);
    for (const a of w.apps.slice(0, 50)) {
      expect(text).not.toContain(a.candidateId);
      expect(text).not.toContain(a.id);
    }
  });
});
