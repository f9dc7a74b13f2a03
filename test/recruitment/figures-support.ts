import { today } from '@capability/workforce';
import type { TestApp } from '../support/app.js';
import { gradeIds, levels, rng, unit, type Level } from './planning-support.js';

/**
 * A deterministic recruitment history for the figures tests (a PRNG, rows written straight into the tables), and the
 * figures worked out from it in plain TypeScript: never the route's SQL.
 */

const DAY = 86_400_000;
const QUARTER_DAY = DAY / 4;

/** The main line of the pipeline, in order (what the funnel counts). */
export const LINE = ['applied', 'sift', 'interview', 'assessment', 'offer', 'pre-employment-checks', 'appointed'];
const OPEN = ['applied', 'sift', 'interview', 'assessment', 'reserve', 'offer', 'pre-employment-checks'];
const CHANNELS = ['civil-service-jobs', 'job-board', 'social-media', 'referral', 'event', 'direct'];

export interface WMove {
  from: string | null;
  to: string;
  at: number;
}
export interface WOffer {
  state: 'made' | 'accepted' | 'declined' | 'withdrawn' | 'expired';
  madeAt: number;
  respondedAt: number | null;
}
export interface WStaff {
  id: string;
  unitId: string;
  employment: string;
  startDate: string | null;
  leavingDate: string | null;
  roles: { levelSlug: string; family: string; startsOn: string; endsOn: string | null }[];
}
export interface WApp {
  id: string;
  candidateId: string;
  email: string;
  fullName: string;
  vacancyId: string;
  stage: string;
  appliedAt: number;
  partnerId: string | null;
  channel: string | null;
  moves: WMove[];
  offers: WOffer[];
  staff: WStaff | null;
}
export interface WVacancy {
  id: string;
  campaignId: string;
  title: string;
  unitId: string;
  level: Level;
  assessment: boolean;
}
export interface WCampaign {
  id: string;
  title: string;
  kind: string;
  state: string;
  target: number;
}
export interface World {
  campaigns: WCampaign[];
  vacancies: WVacancy[];
  partners: { id: string; name: string }[];
  apps: WApp[];
  /** Interim and contractor staff (not appointed through recruitment). */
  engagements: WStaff[];
  families: { data: string; other: string };
}

/** A v4-shaped uuid from the generator, so the data set is the same on every run. */
function uuidFrom(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `day` moved by whole calendar months, a day past the month's end going to its last day (as PostgreSQL does). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

async function insertRows(t: TestApp, table: string, columns: Record<string, string>, rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  await t.dataSource.query(
    `INSERT INTO ${table} (${names.map((c) => `"${c}"`).join(', ')})
     SELECT ${names.map((c) => `"${c}"`).join(', ')} FROM jsonb_to_recordset($1::jsonb)
       AS x(${names.map((c) => `"${c}" ${columns[c]}`).join(', ')})`,
    [JSON.stringify(rows)],
  );
}

/** Generates and writes the history; `ownerUserId` owns the campaigns. */
export async function generateWorld(t: TestApp, ownerUserId: string, seed = 20261203): Promise<World> {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  const [gradeId] = await gradeIds(t, ['SEO']);
  const dept = await unit(t, 'FGD');
  const units = [await unit(t, 'FGA', dept), await unit(t, 'FGB', dept)];
  const data = await levels(t, 'data', 3);
  const others = await levels(t, 'data', 2, true);
  const otherFamily = others[0]!.family;
  const othersSame = others.filter((l) => l.family === otherFamily);

  const partners = ['Northern University', 'Overseas Graduates Ltd', 'Specialist Search', 'Tiny Partner'].map(
    (name) => ({ id: uuidFrom(next), name }),
  );
  await insertRows(
    t,
    'partners',
    { id: 'uuid', name: 'text', kind: 'text', country: 'text', contract_starts_on: 'date' },
    partners.map((p) => ({ ...p, kind: 'supplier', country: 'GB', contract_starts_on: '2020-01-01' })),
  );

  const campaigns: WCampaign[] = [
    { id: uuidFrom(next), title: 'Graduates', kind: 'graduate', state: 'open', target: 40 },
    { id: uuidFrom(next), title: 'Specialists', kind: 'specialist', state: 'closed', target: 6 },
    { id: uuidFrom(next), title: 'Apprentices', kind: 'apprenticeship', state: 'open', target: 3 },
    { id: uuidFrom(next), title: 'Interims', kind: 'interim', state: 'closed', target: 500 },
    { id: uuidFrom(next), title: 'Drafted', kind: 'specialist', state: 'draft', target: 50 },
  ];
  await insertRows(
    t,
    'campaigns',
    {
      id: 'uuid',
      title: 'text',
      kind: 'text',
      owner_user_id: 'uuid',
      starts_on: 'date',
      ends_on: 'date',
      target_hires: 'int',
      state: 'text',
      opened_at: 'timestamptz',
      closed_at: 'timestamptz',
    },
    campaigns.map((c) => ({
      id: c.id,
      title: c.title,
      kind: c.kind,
      owner_user_id: ownerUserId,
      starts_on: isoDay(Date.now() - 900 * DAY),
      ends_on: isoDay(Date.now() + 200 * DAY),
      target_hires: c.target,
      state: c.state,
      opened_at: c.state === 'draft' ? null : new Date().toISOString(),
      closed_at: c.state === 'closed' ? new Date().toISOString() : null,
    })),
  );

  const vacancies: WVacancy[] = [
    [0, data[0]!, units[0]!, false],
    [0, data[1]!, units[1]!, true],
    [0, othersSame[0]!, units[0]!, false],
    [1, data[2]!, units[0]!, true],
    [1, othersSame[1] ?? othersSame[0]!, units[1]!, false],
    [2, data[0]!, units[1]!, false],
    [3, othersSame[0]!, units[0]!, false],
  ].map(([c, level, unitId, assessment], i) => ({
    id: uuidFrom(next),
    campaignId: campaigns[c as number]!.id,
    title: `Vacancy ${i + 1}`,
    unitId: unitId as string,
    level: level as Level,
    assessment: assessment as boolean,
  }));
  // The draft campaign's vacancy has no applications: it is in no figure but the campaign's (excluded as a draft).
  vacancies.push({
    id: uuidFrom(next),
    campaignId: campaigns[4]!.id,
    title: 'Vacancy 8',
    unitId: units[0]!,
    level: data[0]!,
    assessment: false,
  });
  await insertRows(
    t,
    'vacancies',
    {
      id: 'uuid',
      campaign_id: 'uuid',
      title: 'text',
      role_level_id: 'uuid',
      grade_id: 'uuid',
      unit_id: 'uuid',
      posts: 'int',
      salary_min: 'int',
      salary_max: 'int',
      closes_on: 'date',
      required_checks: 'text[]',
      state: 'text',
      opened_at: 'timestamptz',
    },
    vacancies.map((v) => ({
      id: v.id,
      campaign_id: v.campaignId,
      title: v.title,
      role_level_id: v.level.id,
      grade_id: gradeId,
      unit_id: v.unitId,
      posts: 3,
      salary_min: 40000,
      salary_max: 50000,
      closes_on: isoDay(Date.now() + 30 * DAY),
      required_checks: ['right-to-work', 'bpss'],
      state: 'open',
      opened_at: new Date().toISOString(),
    })),
  );

  const employmentFor: Record<string, string> = {
    graduate: 'permanent',
    specialist: 'permanent',
    apprenticeship: 'apprentice',
    interim: 'interim',
  };
  const todayMs = Date.parse(`${today()}T00:00:00Z`);
  const apps: WApp[] = [];
  const vacancyWeights = [0, 0, 0, 1, 1, 1, 2, 3, 4, 5, 6, 3, 0, 1];
  const total = 420;
  for (let n = 0; n < total; n++) {
    // The last three applications come through the tiny partner to a data vacancy: a source of 3 people.
    const tiny = n >= total - 3;
    const vacancy = tiny ? vacancies[0]! : vacancies[pick(vacancyWeights)]!;
    const campaign = campaigns.find((c) => c.id === vacancy.campaignId)!;
    // Applied between 900 and 40 days ago, on a quarter-day boundary.
    const appliedAt = todayMs - (40 + Math.floor(next() * 860)) * DAY + Math.floor(next() * 4) * QUARTER_DAY;
    const fromPartner = tiny || chance(0.45);
    const partnerId = tiny ? partners[3]!.id : fromPartner ? pick(partners.slice(0, 3)).id : null;
    const app: WApp = {
      id: uuidFrom(next),
      candidateId: uuidFrom(next),
      email: `figures-candidate-${n}@example.org`,
      fullName: `Figures Candidate ${n}`,
      vacancyId: vacancy.id,
      stage: 'applied',
      appliedAt,
      partnerId,
      channel: partnerId ? null : pick(CHANNELS),
      moves: [{ from: null, to: 'applied', at: appliedAt }],
      offers: [],
      staff: null,
    };
    let at = appliedAt;
    const step = () => (at += (1 + Math.floor(next() * 60)) * QUARTER_DAY);
    const move = (to: string) => {
      app.moves.push({ from: app.stage, to, at: step() });
      app.stage = to;
    };
    // Walk the pipeline: at each open stage stop there, end (rejected or withdrawn), or go on.
    const route = ['sift', 'interview', ...(vacancy.assessment ? ['assessment'] : [])];
    let ended = false;
    for (const to of route) {
      const r = next();
      if (r < 0.12) ended = true;
      else if (r < 0.3) move('rejected');
      else if (r < 0.36) move('withdrawn');
      else move(to);
      if (ended || app.stage === 'rejected' || app.stage === 'withdrawn') break;
    }
    const past = () => ended || app.stage === 'rejected' || app.stage === 'withdrawn';
    if (!past() && chance(0.25)) {
      move('reserve');
      if (chance(0.4)) ended = true;
      else if (chance(0.2)) move('withdrawn');
    }
    if (!past() && chance(0.85)) {
      move('offer');
      const madeAt = at + QUARTER_DAY;
      // An earlier offer the candidate turned down, sometimes, before the one that counts.
      if (chance(0.15)) app.offers.push({ state: 'declined', madeAt, respondedAt: madeAt + 2 * QUARTER_DAY });
      at = madeAt + DAY;
      const r = next();
      if (r < 0.12) {
        app.offers.push({ state: 'made', madeAt: madeAt + DAY, respondedAt: null });
        ended = true;
      } else if (r < 0.22) {
        app.offers.push({ state: 'declined', madeAt: madeAt + DAY, respondedAt: madeAt + 3 * DAY });
        move('withdrawn');
      } else if (r < 0.3) {
        app.offers.push({ state: 'expired', madeAt: madeAt + DAY, respondedAt: null });
        move('withdrawn');
      } else if (r < 0.35) {
        app.offers.push({ state: 'withdrawn', madeAt: madeAt + DAY, respondedAt: null });
        move('rejected');
      } else {
        move('pre-employment-checks');
        app.offers.push({ state: 'accepted', madeAt: madeAt + DAY, respondedAt: at });
        const s = next();
        if (s < 0.2) ended = true;
        else if (s < 0.27) move('withdrawn');
        else move('appointed');
      }
    }
    if (app.stage === 'appointed') {
      const startDate = isoDay(at + Math.floor(next() * 40) * DAY);
      // Some leave: within a year of starting, or after it.
      const leaves = chance(0.3);
      const leavingDate = leaves ? isoDay(Date.parse(startDate) + (30 + Math.floor(next() * 600)) * DAY) : null;
      app.staff = {
        id: uuidFrom(next),
        unitId: vacancy.unitId,
        employment: employmentFor[campaign.kind]!,
        startDate,
        leavingDate: leavingDate !== null && leavingDate < startDate ? startDate : leavingDate,
        roles: [],
      };
    }
    apps.push(app);
  }

  // Interim and contractor engagements: some ended close to a permanent hire's start into the same unit and role
  // level (a post converted), some far from it, some elsewhere, some still in post (some starting later).
  const hires = apps.filter((a) => a.staff?.employment === 'permanent');
  const engagements: WStaff[] = [];
  for (let n = 0; n < 30; n++) {
    const hire = pick(hires);
    const vacancy = vacancies.find((v) => v.id === hire.vacancyId)!;
    const kind = n % 3 === 0 ? 'contractor' : 'interim';
    const elsewhere = chance(0.25);
    const level = elsewhere ? pick([...data, ...othersSame]) : vacancy.level;
    const unitId = elsewhere ? pick(units) : vacancy.unitId;
    const hireStart = Date.parse(hire.staff!.startDate!);
    const r = next();
    let startDate: string | null = isoDay(hireStart - (200 + Math.floor(next() * 300)) * DAY);
    let leavingDate: string | null;
    if (r < 0.5) leavingDate = isoDay(hireStart + (Math.floor(next() * 200) - 100) * DAY);
    else if (r < 0.65) leavingDate = isoDay(hireStart - (100 + Math.floor(next() * 200)) * DAY);
    else if (r < 0.9) leavingDate = null;
    else {
      startDate = isoDay(todayMs + (5 + Math.floor(next() * 40)) * DAY);
      leavingDate = null;
    }
    if (leavingDate !== null && startDate !== null && leavingDate < startDate) startDate = leavingDate;
    if (chance(0.1)) startDate = null;
    const roles: WStaff['roles'] = [];
    const roleStart = startDate ?? isoDay(hireStart - 600 * DAY);
    if (chance(0.2)) {
      // An earlier assignment at another level, ended when the latest began.
      const earlier = isoDay(Date.parse(roleStart) - 100 * DAY);
      const previous = pick([...data, ...othersSame]);
      roles.push({ levelSlug: previous.slug, family: previous.family, startsOn: earlier, endsOn: roleStart });
    }
    roles.push({ levelSlug: level.slug, family: level.family, startsOn: roleStart, endsOn: null });
    engagements.push({ id: uuidFrom(next), unitId, employment: kind, startDate, leavingDate, roles });
  }

  // Write it all.
  await insertRows(
    t,
    'candidates',
    { id: 'uuid', full_name: 'text', email: 'text', partner_id: 'uuid', channel: 'text' },
    apps.map((a) => ({
      id: a.candidateId,
      full_name: a.fullName,
      email: a.email,
      partner_id: a.partnerId,
      channel: a.channel,
    })),
  );
  const staff = [...apps.flatMap((a) => (a.staff ? [a.staff] : [])), ...engagements];
  await insertRows(
    t,
    'staff',
    {
      id: 'uuid',
      staff_number: 'text',
      full_name: 'text',
      unit_id: 'uuid',
      employment_type: 'text',
      start_date: 'date',
      leaving_date: 'date',
    },
    staff.map((s, i) => ({
      id: s.id,
      staff_number: `FIG-${i}`,
      full_name: `Figures Staff ${i}`,
      unit_id: s.unitId,
      employment_type: s.employment,
      start_date: s.startDate,
      leaving_date: s.leavingDate,
    })),
  );
  const levelId = new Map([...data, ...others].map((l) => [l.slug, l.id]));
  await insertRows(
    t,
    'role_assignments',
    { staff_id: 'uuid', role_level_id: 'uuid', is_primary: 'boolean', starts_on: 'date', ends_on: 'date' },
    engagements.flatMap((s) =>
      s.roles.map((r) => ({
        staff_id: s.id,
        role_level_id: levelId.get(r.levelSlug),
        is_primary: true,
        starts_on: r.startsOn,
        ends_on: r.endsOn,
      })),
    ),
  );
  const ts = (ms: number) => new Date(ms).toISOString();
  await insertRows(
    t,
    'applications',
    {
      id: 'uuid',
      candidate_id: 'uuid',
      vacancy_id: 'uuid',
      stage: 'text',
      stage_entered_at: 'timestamptz',
      applied_at: 'timestamptz',
      rejection_reason: 'text',
      staff_id: 'uuid',
    },
    apps.map((a) => ({
      id: a.id,
      candidate_id: a.candidateId,
      vacancy_id: a.vacancyId,
      stage: a.stage,
      stage_entered_at: ts(a.moves.at(-1)!.at),
      applied_at: ts(a.appliedAt),
      rejection_reason: a.stage === 'rejected' ? 'Generated rejection' : null,
      staff_id: a.staff?.id ?? null,
    })),
  );
  await insertRows(
    t,
    'application_stage_moves',
    { application_id: 'uuid', from_stage: 'text', to_stage: 'text', moved_at: 'timestamptz' },
    apps.flatMap((a) =>
      a.moves.map((m) => ({ application_id: a.id, from_stage: m.from, to_stage: m.to, moved_at: ts(m.at) })),
    ),
  );
  await insertRows(
    t,
    'offers',
    {
      application_id: 'uuid',
      state: 'text',
      salary: 'int',
      starts_on: 'date',
      expires_on: 'date',
      made_at: 'timestamptz',
      responded_at: 'timestamptz',
      responded_by: 'text',
      withdrawn_at: 'timestamptz',
      expired_at: 'timestamptz',
    },
    apps.flatMap((a) =>
      a.offers.map((o) => ({
        application_id: a.id,
        state: o.state,
        salary: 45000,
        starts_on: isoDay(o.madeAt + 30 * DAY),
        expires_on: isoDay(o.madeAt + 14 * DAY),
        made_at: ts(o.madeAt),
        responded_at: o.respondedAt === null ? null : ts(o.respondedAt),
        responded_by: o.respondedAt === null ? null : 'hr',
        withdrawn_at: o.state === 'withdrawn' ? ts(o.madeAt + DAY) : null,
        expired_at: o.state === 'expired' ? ts(o.madeAt + 15 * DAY) : null,
      })),
    ),
  );
  return { campaigns, vacancies, partners, apps, engagements, families: { data: 'data', other: otherFamily } };
}

// ---------------------------------------------------------------------------------------------------------------
// The independent calculation.

export interface Filter {
  campaignId?: string;
  vacancyId?: string;
  roleFamily?: string;
  from?: string;
  to?: string;
  /** The families the reader may see; null for all. */
  families: string[] | null;
}

const pct = (part: number | null, whole: number | null) =>
  part === null || whole === null || whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** PostgreSQL's percentile_cont over `values`. */
function percentile(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = fraction * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return round1(sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo));
}

function vacancyIn(w: World, v: WVacancy, f: Filter): boolean {
  return (
    (f.campaignId === undefined || v.campaignId === f.campaignId) &&
    (f.vacancyId === undefined || v.id === f.vacancyId) &&
    (f.roleFamily === undefined || v.level.family === f.roleFamily) &&
    (f.families === null || f.families.includes(v.level.family))
  );
}

export function appsIn(w: World, f: Filter): WApp[] {
  return w.apps.filter((a) => {
    const v = w.vacancies.find((x) => x.id === a.vacancyId)!;
    const day = isoDay(a.appliedAt);
    return vacancyIn(w, v, f) && (f.from === undefined || day >= f.from) && (f.to === undefined || day <= f.to);
  });
}

function funnelOf(apps: WApp[]) {
  const furthest = (a: WApp) => Math.max(...[...a.moves.map((m) => m.to), a.stage].map((s) => LINE.indexOf(s)), 0);
  const from = (a: WApp, to: string) => a.moves.find((m) => m.to === to)?.from ?? null;
  const reached = LINE.map((_, i) => apps.filter((a) => furthest(a) >= i).length);
  return {
    stages: LINE.map((stage, i) => ({
      stage,
      reached: reached[i]!,
      conversionFromPreviousPercent: i === 0 ? null : pct(reached[i]!, reached[i - 1]!),
      conversionFromAppliedPercent: pct(reached[i]!, reached[0]!),
      rejectedHere: apps.filter((a) => from(a, 'rejected') === stage).length,
      withdrawnHere: apps.filter((a) => from(a, 'withdrawn') === stage).length,
    })),
    reserveListed: apps.filter((a) => a.moves.some((m) => m.to === 'reserve')).length,
    rejected: apps.filter((a) => a.stage === 'rejected').length,
    withdrawn: apps.filter((a) => a.stage === 'withdrawn').length,
  };
}

function sourceOf(apps: WApp[], hide: boolean, todayDay: string) {
  const show = (n: number) => (hide && n >= 1 && n <= 4 ? null : n);
  const appointed = apps.filter((a) => a.stage === 'appointed');
  const yearAgo = appointed.filter((a) => a.staff!.startDate! <= addMonths(todayDay, -12));
  const still = yearAgo.filter(
    (a) => a.staff!.leavingDate === null || a.staff!.leavingDate > addMonths(a.staff!.startDate!, 12),
  );
  const counts = {
    applications: show(apps.length),
    withOffer: show(apps.filter((a) => a.offers.length > 0).length),
    appointed: show(appointed.length),
    appointedAtLeast12MonthsAgo: show(yearAgo.length),
    stillInPostAfter12Months: show(still.length),
  };
  return {
    ...counts,
    offerRatePercent: pct(counts.withOffer, counts.applications),
    appointmentRatePercent: pct(counts.appointed, counts.applications),
    retentionRatePercent: pct(counts.stillInPostAfter12Months, counts.appointedAtLeast12MonthsAgo),
    suppressed: Object.values(counts).includes(null),
  };
}

const byKey = <T>(xs: T[], key: (x: T) => string) => {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
};

/** Every figure the route answers, worked out from the world. */
export function expectedFigures(w: World, f: Filter, hide: boolean) {
  const todayDay = today();
  const apps = appsIn(w, f);
  const vacancyOf = (a: WApp) => w.vacancies.find((v) => v.id === a.vacancyId)!;

  const campaignFunnels = [...byKey(apps, (a) => vacancyOf(a).campaignId)].map(([id, xs]) => {
    const c = w.campaigns.find((x) => x.id === id)!;
    return { campaignId: id, title: c.title, kind: c.kind, ...funnelOf(xs) };
  });
  const vacancyFunnels = [...byKey(apps, (a) => a.vacancyId)].map(([id, xs]) => {
    const v = w.vacancies.find((x) => x.id === id)!;
    return { vacancyId: id, campaignId: v.campaignId, title: v.title, ...funnelOf(xs) };
  });

  const accepted = apps.flatMap((a) => a.offers.filter((o) => o.state === 'accepted').map((o) => ({ a, o })));
  const hireDays = accepted.map(({ a, o }) => (o.respondedAt! - a.appliedAt) / DAY);

  const stays = new Map<string, number[]>();
  for (const a of apps) {
    const moves = [...a.moves].sort((x, y) => x.at - y.at);
    for (let i = 0; i + 1 < moves.length; i++) {
      stays.set(moves[i]!.to, [...(stays.get(moves[i]!.to) ?? []), (moves[i + 1]!.at - moves[i]!.at) / DAY]);
    }
  }

  const offers = apps.flatMap((a) => a.offers);
  const n = (state: string) => offers.filter((o) => o.state === state).length;

  const partnerRows = [
    ...byKey(
      apps.filter((a) => a.partnerId !== null),
      (a) => a.partnerId!,
    ),
  ].map(([id, xs]) => ({
    partnerId: id,
    partnerName: w.partners.find((p) => p.id === id)!.name,
    ...sourceOf(xs, hide, todayDay),
  }));
  const channelRows = [
    ...byKey(
      apps.filter((a) => a.channel !== null),
      (a) => a.channel!,
    ),
  ].map(([channel, xs]) => ({
    channel,
    ...sourceOf(xs, hide, todayDay),
  }));

  // Campaigns below target: every hire of the campaign, whatever the period.
  const below = w.campaigns
    .filter((c) => c.state === 'open' || c.state === 'closed')
    .filter((c) => f.campaignId === undefined || c.id === f.campaignId)
    .filter((c) => f.vacancyId === undefined || w.vacancies.some((v) => v.id === f.vacancyId && v.campaignId === c.id))
    .filter(
      (c) =>
        f.roleFamily === undefined || w.vacancies.some((v) => v.campaignId === c.id && v.level.family === f.roleFamily),
    )
    .filter(
      (c) =>
        f.families === null || w.vacancies.some((v) => v.campaignId === c.id && f.families!.includes(v.level.family)),
    )
    .map((c) => {
      const xs = w.apps.filter((a) => vacancyOf(a).campaignId === c.id);
      const appointed = xs.filter((a) => a.stage === 'appointed').length;
      const awaiting = xs.filter(
        (a) =>
          !['appointed', 'rejected', 'withdrawn'].includes(a.stage) && a.offers.some((o) => o.state === 'accepted'),
      ).length;
      return {
        campaignId: c.id,
        title: c.title,
        kind: c.kind,
        state: c.state,
        targetHires: c.target,
        appointed,
        acceptedAwaitingAppointment: awaiting,
        hires: appointed + awaiting,
        shortfall: c.target - appointed - awaiting,
      };
    })
    .filter((c) => c.shortfall > 0)
    .sort((a, b) => b.shortfall - a.shortfall || a.title.localeCompare(b.title));

  // Conversions.
  const latest = (s: WStaff) => [...s.roles].sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0];
  const ended = w.engagements.filter((s) => s.leavingDate !== null && latest(s));
  const conversion = new Map<string, { p: number; c: number; i: number; k: number }>();
  const row = (family: string) => {
    if (!conversion.has(family)) conversion.set(family, { p: 0, c: 0, i: 0, k: 0 });
    return conversion.get(family)!;
  };
  for (const a of apps) {
    if (a.stage !== 'appointed' || a.staff!.employment !== 'permanent') continue;
    const v = vacancyOf(a);
    const r = row(v.level.family);
    r.p++;
    const start = a.staff!.startDate!;
    const low = addMonths(start, -3);
    const high = addMonths(start, 3);
    if (
      ended.some(
        (s) =>
          s.unitId === v.unitId &&
          latest(s)!.levelSlug === v.level.slug &&
          s.leavingDate! >= low &&
          s.leavingDate! <= high,
      )
    ) {
      r.c++;
    }
  }
  const inPostStaff = [...w.engagements, ...w.apps.flatMap((a) => (a.staff ? [a.staff] : []))];
  for (const s of inPostStaff) {
    if (!['interim', 'contractor'].includes(s.employment)) continue;
    if (s.startDate !== null && s.startDate > todayDay) continue;
    if (s.leavingDate !== null && s.leavingDate <= todayDay) continue;
    const current = s.roles
      .filter((r) => r.startsOn <= todayDay && (r.endsOn === null || r.endsOn > todayDay))
      .sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0];
    if (!current) continue;
    if (f.roleFamily !== undefined && current.family !== f.roleFamily) continue;
    if (f.families !== null && !f.families.includes(current.family)) continue;
    if (s.employment === 'interim') row(current.family).i++;
    else row(current.family).k++;
  }

  return {
    measuredOn: todayDay,
    smallNumbersSuppressed: hide,
    funnel: funnelOf(apps),
    campaignFunnels: campaignFunnels.sort((a, b) => (a.campaignId < b.campaignId ? -1 : 1)),
    vacancyFunnels: vacancyFunnels.sort((a, b) => (a.vacancyId < b.vacancyId ? -1 : 1)),
    timeToHire: {
      count: hireDays.length,
      medianDays: percentile(hireDays, 0.5),
      p25Days: percentile(hireDays, 0.25),
      p75Days: percentile(hireDays, 0.75),
    },
    timeInStage: OPEN.map((stage) => ({
      stage,
      count: stays.get(stage)?.length ?? 0,
      medianDays: percentile(stays.get(stage) ?? [], 0.5),
    })),
    offerAcceptance: {
      made: n('made'),
      accepted: n('accepted'),
      declined: n('declined'),
      expired: n('expired'),
      withdrawn: n('withdrawn'),
      ratePercent: pct(n('accepted'), n('accepted') + n('declined') + n('expired')),
    },
    outcomesByPartner: partnerRows.sort((a, b) => a.partnerName.localeCompare(b.partnerName)),
    outcomesByChannel: channelRows.sort((a, b) => a.channel.localeCompare(b.channel)),
    campaignsBelowTarget: below,
    interimConversion: [...conversion]
      .map(([roleFamily, r]) => ({
        roleFamily,
        permanentAppointments: r.p,
        convertedPosts: r.c,
        interimInPost: r.i,
        contractorInPost: r.k,
      }))
      .sort((a, b) => a.roleFamily.localeCompare(b.roleFamily)),
  };
}
