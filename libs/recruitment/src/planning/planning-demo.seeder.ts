import {
  Seeder,
  TransactionHost,
  Transactional,
  type SeederHandler,
  type TransactionalAdapterTypeOrm,
} from '@capability/platform';
import { DEMO_DEPARTMENT_CODE, today } from '@capability/workforce';
import { Injectable, Logger } from '@nestjs/common';
import type { CampaignKind } from './campaign.entity.js';
import type { ServiceLevelMetric } from './partner-service-level.entity.js';
import type { PartnerKind } from './partner.entity.js';
import type { PreEmploymentCheck } from './vacancy.entity.js';

/** The demo panel member persona's email (the API's demo personas sign in with it). */
export const DEMO_PANEL_MEMBER_EMAIL = 'panel.member@department.example';

/** Every demo partner's name, campaign's title and vacancy's title starts with this: plainly demo content. */
export const DEMO_PREFIX = '[Demo]';

const DAY = 86_400_000;
const shift = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The first of the month `months` before (or after) the month `day` falls in. */
const monthStart = (day: string, months: number): string => {
  const index = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
};

/** The first day of the financial year (1 April) that `day` falls in. */
const financialYearStart = (day: string): string => {
  const year = Number(day.slice(0, 4));
  return day.slice(5) >= '04-01' ? `${year}-04-01` : `${year - 1}-04-01`;
};

interface DemoPartner {
  name: string;
  kind: PartnerKind;
  country: string;
  /** Contract period, in days from today. */
  from: number;
  to: number | null;
  levels: { metric: ServiceLevelMetric; target: number }[];
  contacts: { name: string; jobTitle: string; email: string }[];
}

/** Two London universities, an overseas graduate programme supplier and an interim supplier (all fictional). */
const PARTNERS: DemoPartner[] = [
  {
    name: `${DEMO_PREFIX} Thames University, School of Computing`,
    kind: 'university',
    country: 'GB',
    from: -400,
    to: 1060,
    levels: [
      { metric: 'days-to-shortlist', target: 15 },
      { metric: 'candidates-per-post', target: 3 },
    ],
    contacts: [
      {
        name: 'Demo careers adviser',
        jobTitle: 'Graduate partnerships lead',
        email: 'careers@thames-university.example',
      },
    ],
  },
  {
    name: `${DEMO_PREFIX} City of London Institute of Technology`,
    kind: 'university',
    country: 'GB',
    from: -200,
    to: null,
    levels: [
      { metric: 'days-to-shortlist', target: 20 },
      { metric: 'candidates-per-post', target: 2 },
    ],
    contacts: [{ name: 'Demo placements officer', jobTitle: 'Industry placements', email: 'placements@colit.example' }],
  },
  {
    name: `${DEMO_PREFIX} Global Graduate Pathways Pvt Ltd`,
    kind: 'supplier',
    country: 'IN',
    from: -300,
    to: 430,
    levels: [
      { metric: 'days-to-shortlist', target: 10 },
      { metric: 'offer-acceptance-rate', target: 70 },
      { metric: 'candidates-per-post', target: 5 },
    ],
    contacts: [{ name: 'Demo account manager', jobTitle: 'Account manager', email: 'uk.accounts@ggpathways.example' }],
  },
  {
    name: `${DEMO_PREFIX} Interim Digital Resourcing Ltd`,
    kind: 'supplier',
    country: 'GB',
    from: -700,
    to: 30,
    levels: [
      { metric: 'days-to-shortlist', target: 5 },
      { metric: 'offer-acceptance-rate', target: 80 },
    ],
    contacts: [
      { name: 'Demo resourcing lead', jobTitle: 'Public sector resourcing', email: 'public.sector@idr.example' },
    ],
  },
];

interface DemoCampaign {
  title: string;
  kind: CampaignKind;
  state: 'draft' | 'open';
  /** Days from today. */
  from: number;
  to: number;
  targetHires: number;
  /** Indexes into PARTNERS. */
  partners: number[];
  /** Where its vacancies are: families, and the role level names it prefers (the establishment's biggest gaps). */
  families: string[];
  prefer: string;
  vacancies: number;
  checks: PreEmploymentCheck[];
  /** The first vacancy's panel includes the panel member persona. */
  panelMember: boolean;
  /**
   * Earlier rounds of the same posts, closed: one on the 15th of each of this many months before the month its first
   * vacancy closed in, or the current month while that is still to come (advertised for three weeks before).
   */
  earlierRounds?: number;
}

const CAMPAIGNS: DemoCampaign[] = [
  {
    title: `${DEMO_PREFIX} DDaT graduate programme`,
    kind: 'graduate',
    state: 'open',
    from: -60,
    to: 160,
    targetHires: 12,
    partners: [0, 1, 2],
    families: ['data', 'software-development'],
    prefer: '^(trainee|associate|junior)',
    vacancies: 3,
    checks: ['right-to-work', 'bpss', 'qualifications'],
    panelMember: true,
    earlierRounds: 1,
  },
  {
    title: `${DEMO_PREFIX} Specialist hires: data and architecture`,
    kind: 'specialist',
    state: 'open',
    from: -10,
    to: 120,
    targetHires: 4,
    partners: [],
    families: ['data', 'architecture'],
    prefer: '^(senior|lead|principal)',
    vacancies: 2,
    checks: ['right-to-work', 'bpss', 'references', 'counter-terrorist-check'],
    panelMember: true,
  },
  {
    title: `${DEMO_PREFIX} Digital apprenticeships`,
    kind: 'apprenticeship',
    state: 'draft',
    from: 30,
    to: 240,
    targetHires: 6,
    partners: [1],
    families: ['software-development', 'it-operations'],
    prefer: '^(apprentice|trainee|associate|junior)',
    vacancies: 2,
    checks: ['right-to-work', 'bpss'],
    panelMember: false,
  },
  {
    title: `${DEMO_PREFIX} Interim cover: delivery`,
    kind: 'interim',
    state: 'open',
    from: -100,
    to: 45,
    targetHires: 2,
    partners: [3],
    families: ['product-and-delivery'],
    prefer: '^(senior )?delivery manager',
    vacancies: 2,
    checks: ['right-to-work', 'bpss', 'security-clearance'],
    panelMember: false,
    earlierRounds: 2,
  },
];

/** People in post as the establishment counts them: started, not left, by their current primary role level. */
const inPost = (joins = ''): string => `FROM staff s
  JOIN role_assignments ra ON ra.staff_id = s.id AND ra.is_primary AND ra.starts_on <= $1::date
   AND (ra.ends_on IS NULL OR ra.ends_on > $1::date)
  ${joins}
 WHERE (s.start_date IS NULL OR s.start_date <= $1::date) AND (s.leaving_date IS NULL OR s.leaving_date > $1::date)
   AND s.grade_id IS NOT NULL
   AND s.unit_id IN (SELECT ou.id FROM organisation_units ou WHERE ou.path @> ARRAY[$2::uuid])`;

/**
 * Funded posts since the start of the financial year: every unit, role level and grade someone is in post at,
 * funded for everyone there (interim and contractor staff cover funded posts) and, by a draw from `hashtext()` over
 * codes and slugs, one or two posts more, so some slots have a gap no one covers.
 */
const ESTABLISHMENT_SQL = `
  INSERT INTO establishment_posts (unit_id, role_level_id, grade_id, funded_posts, starts_on)
  SELECT s.unit_id, ra.role_level_id, s.grade_id,
         count(*)::int + CASE WHEN abs(hashtext(u.code || rl.slug || g.code)) % 4 = 0
                              THEN 1 + abs(hashtext(rl.slug || u.code)) % 2 ELSE 0 END,
         $3::date
  ${inPost(`JOIN organisation_units u ON u.id = s.unit_id JOIN grades g ON g.id = s.grade_id
            JOIN role_levels rl ON rl.id = ra.role_level_id`)}
  GROUP BY s.unit_id, u.code, ra.role_level_id, rl.slug, s.grade_id, g.code
  RETURNING id`;

/**
 * The slots (unit, role level, grade) of this year's establishment in `families` with a gap (funded − employed in
 * post) and no demo vacancy yet, those whose role level's name matches `prefer` first, then the biggest gaps; a
 * draw breaks ties.
 */
const GAPS_SQL = `
  WITH employed AS (
    SELECT s.unit_id, ra.role_level_id, s.grade_id, count(*)::int AS n ${inPost()}
       AND s.employment_type NOT IN ('interim', 'contractor')
     GROUP BY s.unit_id, ra.role_level_id, s.grade_id)
  SELECT e.unit_id AS "unitId", e.role_level_id AS "roleLevelId", e.grade_id AS "gradeId", rl.name, rf.slug AS family,
         g.rank, e.funded_posts - coalesce(em.n, 0) AS gap
    FROM establishment_posts e
    JOIN organisation_units u ON u.id = e.unit_id
    JOIN role_levels rl ON rl.id = e.role_level_id JOIN roles r ON r.id = rl.role_id
    JOIN role_families rf ON rf.id = r.role_family_id JOIN grades g ON g.id = e.grade_id
    LEFT JOIN employed em ON em.unit_id = e.unit_id AND em.role_level_id = e.role_level_id AND em.grade_id = e.grade_id
   WHERE e.ends_on IS NULL AND rf.slug = ANY($3::text[]) AND e.funded_posts - coalesce(em.n, 0) > 0
     AND NOT EXISTS (SELECT 1 FROM vacancies v WHERE v.unit_id = e.unit_id AND v.role_level_id = e.role_level_id)
   ORDER BY rl.name ~* $4 DESC, e.funded_posts - coalesce(em.n, 0) DESC, abs(hashtext(u.code || rl.slug)), e.id
   LIMIT $5`;

interface Slot {
  unitId: string;
  roleLevelId: string;
  gradeId: string;
  name: string;
  family: string;
  rank: number;
  gap: number;
}

/**
 * After the demo department, its personas, its skills review and learning (order 170): the demo department's
 * recruitment planning, plainly marked as demo content ("[Demo]" names and titles, `.example` contacts): this
 * year's establishment (and some of last year's), two London universities, an overseas graduate programme supplier
 * and an interim supplier with their service levels, and four campaigns owned by the HR persona, each raised from
 * the establishment's gaps: a graduate programme (open, with an earlier round of one of its posts closed last month)
 * and a specialist campaign (open), apprenticeships (a draft), an interim engagement (open, one vacancy already
 * closed, and two earlier rounds of its posts that closed in the two months before: its supplier's shortlists have
 * been late for three months, while the graduate partners meet theirs). Data vacancies are chaired by the Head of
 * Data persona, others by a line manager; the Panel member persona sits on two panels and nothing else. Set-based
 * SQL throughout; skipped when any establishment row, partner or campaign exists, and quietly without the demo
 * department.
 */
@Injectable()
@Seeder({ name: 'demo-recruitment-planning', order: 170, demo: true })
export class PlanningDemoSeeder implements SeederHandler {
  private readonly logger = new Logger(PlanningDemoSeeder.name);

  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  @Transactional()
  async seed(): Promise<void> {
    const sql = this.txHost.tx;
    const [existing] = await sql.query<{ any: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM establishment_posts) OR EXISTS (SELECT 1 FROM partners)
              OR EXISTS (SELECT 1 FROM campaigns) AS any`,
    );
    if (existing?.any) return;
    const [root] = await sql.query<{ id: string }[]>('SELECT id FROM organisation_units WHERE code = $1', [
      DEMO_DEPARTMENT_CODE,
    ]);
    if (!root) return;
    const day = today();
    const fy = financialYearStart(day);

    const posts = await sql.query<unknown[]>(ESTABLISHMENT_SQL, [day, root.id, fy]);
    // Some slots also have last year's (smaller) row, ended when this year's began.
    await sql.query(
      `WITH last_year AS (
         SELECT e.unit_id, e.role_level_id, e.grade_id, greatest(1, e.funded_posts - 1) AS funded
           FROM establishment_posts e JOIN organisation_units u ON u.id = e.unit_id
           JOIN role_levels rl ON rl.id = e.role_level_id
          WHERE abs(hashtext(rl.slug || u.code || 'last year')) % 5 = 0)
       INSERT INTO establishment_posts (unit_id, role_level_id, grade_id, funded_posts, starts_on, ends_on)
       SELECT unit_id, role_level_id, grade_id, funded, ($1::date - interval '1 year')::date, $1::date FROM last_year`,
      [fy],
    );

    const partnerIds = (
      await sql.query<{ id: string }[]>(
        `INSERT INTO partners (name, kind, country, contract_starts_on, contract_ends_on)
         SELECT p.name, p.kind, p.country, $2::date + p."from", $2::date + p."to"
           FROM jsonb_to_recordset($1::jsonb) AS p(name text, kind text, country text, "from" int, "to" int, n int)
          ORDER BY n
         RETURNING id`,
        [JSON.stringify(PARTNERS.map((p, n) => ({ ...p, levels: undefined, contacts: undefined, n }))), day],
      )
    ).map((r) => r.id);
    await sql.query(
      `INSERT INTO partner_service_levels (partner_id, metric, target)
       SELECT (SELECT id FROM partners WHERE name = x.partner), x.metric, x.target
         FROM jsonb_to_recordset($1::jsonb) AS x(partner text, metric text, target numeric)`,
      [JSON.stringify(PARTNERS.flatMap((p) => p.levels.map((l) => ({ partner: p.name, ...l }))))],
    );
    await sql.query(
      `INSERT INTO partner_contacts (partner_id, position, name, job_title, email)
       SELECT (SELECT id FROM partners WHERE name = x.partner), x.position, x.name, x."jobTitle", x.email
         FROM jsonb_to_recordset($1::jsonb) AS x(partner text, position int, name text, "jobTitle" text, email text)`,
      [JSON.stringify(PARTNERS.flatMap((p) => p.contacts.map((c, i) => ({ partner: p.name, position: i + 1, ...c }))))],
    );

    const users = await this.users();
    if (!users.owner) {
      this.logger.log(`Loaded the demo establishment (${posts.length} rows) and partners; no users to run campaigns`);
      return;
    }
    let vacancies = 0;
    for (const spec of CAMPAIGNS) vacancies += await this.campaign(spec, partnerIds, users, day, root.id);
    this.logger.log(
      `Loaded demo recruitment planning: ${posts.length} establishment rows, ${PARTNERS.length} partners, ` +
        `${CAMPAIGNS.length} campaigns, ${vacancies} vacancies`,
    );
  }

  /** The users the demo campaigns need: an owner (HR), chairs, and the panel member persona. */
  private async users(): Promise<{ owner?: string; dataChair?: string; chair?: string; panelMember?: string }> {
    const sql = this.txHost.tx;
    const first = async (query: string, params: unknown[] = []): Promise<string | undefined> =>
      (await sql.query<{ id: string }[]>(query, params))[0]?.id;
    const owner = await first(`SELECT id FROM users ORDER BY ('hr' = ANY(roles)) DESC, created_at, email LIMIT 1`);
    const panelMember = await first('SELECT id FROM users WHERE email = $1', [DEMO_PANEL_MEMBER_EMAIL]);
    const dataChair = await first(
      `SELECT id FROM users WHERE 'head_of_profession' = ANY(roles) AND 'data' = ANY(role_families) AND disabled_at IS NULL
        ORDER BY email LIMIT 1`,
    );
    const chair = await first(
      `SELECT u.id FROM users u JOIN staff s ON s.id = u.staff_id
        WHERE u.disabled_at IS NULL AND u.email <> $1 AND NOT 'head_of_profession' = ANY(u.roles)
          AND EXISTS (SELECT 1 FROM staff r WHERE r.line_manager_id = s.id)
        ORDER BY u.email LIMIT 1`,
      [DEMO_PANEL_MEMBER_EMAIL],
    );
    return { owner, dataChair, chair: chair ?? dataChair, panelMember };
  }

  /** One campaign, its partners, its vacancies (at the establishment's gaps), their locations, panels and gap. */
  private async campaign(
    spec: DemoCampaign,
    partnerIds: string[],
    users: { owner?: string; dataChair?: string; chair?: string; panelMember?: string },
    day: string,
    rootId: string,
  ): Promise<number> {
    const sql = this.txHost.tx;
    const [campaign] = await sql.query<{ id: string }[]>(
      `INSERT INTO campaigns (title, kind, owner_user_id, starts_on, ends_on, target_hires, state, opened_at)
       VALUES ($1, $2, $3, $4::date, $5::date, $6, $7::varchar, CASE WHEN $7 = 'open' THEN now() END) RETURNING id`,
      [spec.title, spec.kind, users.owner, shift(day, spec.from), shift(day, spec.to), spec.targetHires, spec.state],
    );
    const id = campaign!.id;
    await sql.query('INSERT INTO campaign_partners (campaign_id, partner_id) SELECT $1, unnest($2::uuid[])', [
      id,
      spec.partners.map((i) => partnerIds[i]),
    ]);
    const slots = await sql.query<Slot[]>(GAPS_SQL, [day, rootId, spec.families, spec.prefer, spec.vacancies]);
    if (slots.length === 0) return 0;
    // Open campaigns advertise; the interim engagement's first vacancy has closed already. Closing dates sit
    // inside the campaign, 2 to 5 weeks out (or, for a closed one, last week).
    const closesOn = (i: number) =>
      spec.kind === 'interim' && i === 0
        ? shift(day, -7)
        : shift(day, Math.min(spec.to, Math.max(0, spec.from) + 14 + 7 * (i + 1)));
    const state = (i: number) =>
      spec.state === 'draft' ? 'draft' : spec.kind === 'interim' && i === 0 ? 'closed' : 'open';
    const rows: (Slot & {
      n: number;
      title: string;
      posts: number;
      salaryMin: number;
      salaryMax: number;
      closesOn: string;
      state: string;
      openedOn?: string;
    })[] = slots.map((s, i) => ({
      ...s,
      n: i,
      title: `${DEMO_PREFIX} ${s.name}`,
      posts: Math.min(s.gap, 3),
      salaryMin: 22_000 + s.rank * 5_000,
      salaryMax: 28_000 + s.rank * 5_000,
      closesOn: closesOn(i),
      state: state(i),
    }));
    // Earlier rounds of its posts (in turn), closed on the 15th of the months before its first vacancy's close (or
    // this month, while that is to come).
    const anchor = closesOn(0) < day ? closesOn(0) : day;
    for (let k = 1; k <= (spec.earlierRounds ?? 0); k++) {
      const first = rows[(k - 1) % slots.length]!;
      const on = `${monthStart(anchor, -k).slice(0, 7)}-15`;
      rows.push({
        ...first,
        n: rows.length,
        title: `${first.title} (earlier round, ${on.slice(0, 7)})`,
        closesOn: on,
        state: 'closed',
        openedOn: shift(on, -21),
      });
    }
    const vacancyIds = (
      await sql.query<{ id: string }[]>(
        `INSERT INTO vacancies (campaign_id, title, role_level_id, grade_id, unit_id, posts, salary_min, salary_max,
                                closes_on, required_checks, state, opened_at, closed_at)
         SELECT $1, x.title, x."roleLevelId", x."gradeId", x."unitId", x.posts, x."salaryMin", x."salaryMax",
                x."closesOn", $3::varchar[], x.state,
                CASE WHEN x.state <> 'draft' THEN coalesce(x."openedOn"::timestamptz, now() - interval '14 days') END,
                CASE WHEN x.state = 'closed' THEN
                  CASE WHEN x."openedOn" IS NULL THEN now() - interval '6 days' ELSE (x."closesOn" + 1)::timestamptz END
                END
           FROM jsonb_to_recordset($2::jsonb) AS x(title text, "roleLevelId" uuid, "gradeId" uuid,
                "unitId" uuid, posts int, "salaryMin" int, "salaryMax" int, "closesOn" date, state text, n int,
                "openedOn" date)
          ORDER BY x.n
         RETURNING id`,
        [id, JSON.stringify(rows), spec.checks],
      )
    ).map((r) => r.id);
    // Advertised at two of the regional hubs, drawn by title.
    await sql.query(
      `INSERT INTO vacancy_locations (vacancy_id, location_id)
       SELECT v.id, l.id FROM vacancies v
        CROSS JOIN LATERAL (SELECT id FROM locations WHERE is_regional_hub
                             ORDER BY abs(hashtext(v.title || code)), code LIMIT 2) l
        WHERE v.campaign_id = $1`,
      [id],
    );
    // Panels: the Head of Data chairs data vacancies, a line manager the others; the panel member persona joins
    // the first vacancy of the campaigns that ask for them.
    const panel: { vacancyId: string; userId: string; chair: boolean }[] = [];
    rows.forEach((row, i) => {
      const chair = row.family === 'data' ? (users.dataChair ?? users.chair) : users.chair;
      const vacancyId = vacancyIds[i]!;
      if (chair) panel.push({ vacancyId, userId: chair, chair: true });
      if (spec.panelMember && i === 0 && users.panelMember && users.panelMember !== chair) {
        panel.push({ vacancyId, userId: users.panelMember, chair: false });
      }
    });
    await sql.query(
      `INSERT INTO vacancy_panel_members (vacancy_id, user_id, is_chair)
       SELECT x."vacancyId", x."userId", x.chair FROM jsonb_to_recordset($1::jsonb) AS x("vacancyId" uuid, "userId" uuid, chair boolean)`,
      [JSON.stringify(panel)],
    );
    // Without a chair nothing may be open: such vacancies stay drafts.
    await sql.query(
      `UPDATE vacancies v SET state = 'draft', opened_at = NULL, closed_at = NULL
        WHERE v.campaign_id = $1 AND NOT EXISTS (SELECT 1 FROM vacancy_panel_members pm WHERE pm.vacancy_id = v.id AND pm.is_chair)`,
      [id],
    );
    // The gap it addresses: its vacancies' role levels, and the four skills they require at the highest levels.
    await sql.query(
      `INSERT INTO campaign_gap_role_levels (campaign_id, role_level_id)
       SELECT DISTINCT $1::uuid, role_level_id FROM vacancies WHERE campaign_id = $1`,
      [id],
    );
    await sql.query(
      `INSERT INTO campaign_gap_skills (campaign_id, skill_slug, skill_id)
       SELECT $1, sk.slug, sk.id FROM skills sk
         JOIN (SELECT sr.skill_id, max(sr.required_level) AS level FROM skill_requirements sr
                 JOIN vacancies v ON v.role_level_id = sr.role_level_id AND v.campaign_id = $1
                GROUP BY sr.skill_id) x ON x.skill_id = sk.id
        ORDER BY x.level DESC, sk.slug LIMIT 4`,
      [id],
    );
    return vacancyIds.length;
  }
}
