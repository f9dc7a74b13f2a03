/**
 * Recruitment figures benchmarks, each timed side by side with the same SQL through a bare pg client (ABBA pairs,
 * medians of per-pair ratios), on a throwaway embedded PostgreSQL holding --applications applications (with their
 * candidates, moves, offers and appointees' staff records, loaded with COPY):
 *
 * 1. the funnels (overall, per campaign, per vacancy) through `RecruitmentFiguresService` in the real application
 *    (Nest, TypeORM's pool, the transaction host) vs the repository's own statements handed a plain pg client
 *    (target ≤ 1.5);
 * 2. time to hire, the same way (≤ 1.5).
 *
 * Not a test: `npm run bench:recruitment` (options: --applications=200000 --pairs=7). Exits 1 when a target is missed.
 */
import { FirstAdmin, permissionsFor } from '@capability/auth';
import { EmbeddedPostgres, loadAppConfig, SeedersService, type Actor } from '@capability/platform';
import { RecruitmentFiguresService } from '@capability/recruitment';
import { today } from '@capability/workforce';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createApp } from '../apps/api/src/create-app.js';
import {
  RecruitmentFiguresRepository,
  type FiguresFilter,
} from '../libs/recruitment/src/figures/recruitment-figures.repository.js';
import { benchApiEnv } from '../test/support/api-process.js';
import { bareHost } from './support/bare-gaps.js';
import {
  abbaPairs,
  median,
  ms,
  printTable,
  printTargets,
  range,
  runBenchmark,
  type Check,
  type Row,
} from './support/measure.js';
import { freePort, numericArg, withDatabase } from './support/net.js';

const APPLICATIONS = numericArg('applications', 200_000);
const PAIRS = numericArg('pairs', 7);
const CAMPAIGNS = 20;
const VACANCIES_PER_CAMPAIGN = 20;
const PARTNERS = 10;
const ADMIN = { email: 'bench.admin@department.example', password: 'bench-admin-password' };
const CHANNELS = ['civil-service-jobs', 'job-board', 'social-media', 'referral', 'event', 'direct'];
const DAY = 86_400_000;
const UNIT = randomUUID();

async function copyIn(client: pg.ClientBase, sql: string, lines: string[]): Promise<void> {
  await pipeline(Readable.from([Buffer.from(lines.join(''))]), client.query(copyFrom(sql)));
}

const tsv = (...values: (string | number | boolean | null)[]): string =>
  `${values.map((v) => (v === null ? '\\N' : String(v))).join('\t')}\n`;

/** A deterministic generator, so every run measures the same department. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Campaigns, vacancies, partners, and APPLICATIONS applications (one candidate each) walked along the pipeline with
 * their moves, offers in every state, and a staff record for each appointment; COPY throughout. Returns the counts.
 */
async function buildRecruitment(db: pg.Client, ownerUserId: string): Promise<Record<string, number>> {
  const next = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  await db.query(
    `INSERT INTO organisation_units (id, code, name, type, parent_id, path)
     VALUES ($1, 'BENCH', 'Bench department', 'department', NULL, ARRAY[$1]::uuid[])`,
    [UNIT],
  );
  const levels = (
    await db.query<{ id: string }>(
      `SELECT rl.id FROM role_levels rl JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
        ORDER BY rl.slug LIMIT 40`,
    )
  ).rows.map((r) => r.id);
  const [grade] = (await db.query<{ id: string }>('SELECT id FROM grades ORDER BY code LIMIT 1')).rows;
  const partners = Array.from({ length: PARTNERS }, (_, i) => ({ id: randomUUID(), name: `Bench partner ${i}` }));
  await copyIn(
    db,
    'COPY partners (id, name, kind, country, contract_starts_on) FROM STDIN',
    partners.map((p) => tsv(p.id, p.name, 'supplier', 'GB', '2020-01-01')),
  );
  const campaigns = Array.from({ length: CAMPAIGNS }, (_, i) => ({
    id: randomUUID(),
    state: i % 3 === 0 ? 'closed' : 'open',
  }));
  const now = new Date().toISOString();
  await copyIn(
    db,
    `COPY campaigns (id, title, kind, owner_user_id, starts_on, ends_on, target_hires, state, opened_at, closed_at)
     FROM STDIN`,
    campaigns.map((c, i) =>
      tsv(
        c.id,
        `Bench campaign ${i}`,
        pick(['graduate', 'specialist', 'apprenticeship', 'interim']),
        ownerUserId,
        '2023-01-01',
        '2030-01-01',
        500 + i * 50,
        c.state,
        now,
        c.state === 'closed' ? now : null,
      ),
    ),
  );
  const vacancies = campaigns.flatMap((c) =>
    Array.from({ length: VACANCIES_PER_CAMPAIGN }, () => ({ id: randomUUID(), campaignId: c.id, level: pick(levels) })),
  );
  await copyIn(
    db,
    `COPY vacancies (id, campaign_id, title, role_level_id, grade_id, unit_id, posts, salary_min, salary_max, closes_on,
       required_checks, state, opened_at) FROM STDIN`,
    vacancies.map((v, i) =>
      tsv(
        v.id,
        v.campaignId,
        `Bench vacancy ${i}`,
        v.level,
        grade!.id,
        UNIT,
        5,
        40000,
        50000,
        '2029-12-01',
        '{right-to-work,bpss}',
        'open',
        now,
      ),
    ),
  );

  const candidates: string[] = [];
  const applications: string[] = [];
  const moves: string[] = [];
  const offers: string[] = [];
  const staff: string[] = [];
  const todayMs = Date.parse(`${today()}T00:00:00Z`);
  const iso = (t: number) => new Date(t).toISOString();
  for (let n = 0; n < APPLICATIONS; n++) {
    const candidateId = randomUUID();
    const applicationId = randomUUID();
    const partner = next() < 0.4 ? pick(partners).id : null;
    candidates.push(
      tsv(candidateId, `Bench candidate ${n}`, `bench-${n}@example.org`, partner, partner ? null : pick(CHANNELS)),
    );
    const appliedAt = todayMs - Math.floor(next() * 720) * DAY - Math.floor(next() * DAY);
    let at = appliedAt;
    let stage = 'applied';
    moves.push(tsv(applicationId, null, 'applied', iso(at)));
    const move = (to: string) => {
      at += Math.floor((0.5 + next() * 20) * DAY);
      moves.push(tsv(applicationId, stage, to, iso(at)));
      stage = to;
    };
    let staffId: string | null = null;
    for (const to of ['sift', 'interview', 'offer']) {
      const r = next();
      if (r < 0.1) break;
      if (r < 0.4) {
        move(pick(['rejected', 'rejected', 'withdrawn']));
        break;
      }
      move(to);
    }
    if (stage === 'offer') {
      const madeAt = at + DAY;
      const r = next();
      if (r < 0.15) {
        offers.push(tsv(applicationId, 'made', 45000, '2030-01-01', '2030-01-01', iso(madeAt), null, null, null));
      } else if (r < 0.3) {
        offers.push(
          tsv(applicationId, 'declined', 45000, '2030-01-01', '2030-01-01', iso(madeAt), iso(madeAt + DAY), 'hr', null),
        );
        move('withdrawn');
      } else if (r < 0.35) {
        offers.push(tsv(applicationId, 'expired', 45000, '2030-01-01', '2030-01-01', iso(madeAt), null, null, null));
        move('withdrawn');
      } else {
        at = madeAt + 2 * DAY;
        offers.push(
          tsv(applicationId, 'accepted', 45000, '2030-01-01', '2030-01-01', iso(madeAt), iso(at), 'hr', null),
        );
        move('pre-employment-checks');
        if (next() < 0.7) {
          move('appointed');
          staffId = randomUUID();
          const start = new Date(at + 14 * DAY).toISOString().slice(0, 10);
          const leaving =
            next() < 0.2 ? new Date(at + (60 + Math.floor(next() * 500)) * DAY).toISOString().slice(0, 10) : null;
          staff.push(tsv(staffId, `BR${n}`, `Bench appointee ${n}`, UNIT, 'permanent', start, leaving));
        }
      }
    }
    applications.push(
      tsv(
        applicationId,
        candidateId,
        pick(vacancies).id,
        stage,
        iso(at),
        iso(appliedAt),
        stage === 'rejected' ? 'Bench rejection' : null,
        staffId,
      ),
    );
  }
  await copyIn(db, 'COPY candidates (id, full_name, email, partner_id, channel) FROM STDIN', candidates);
  await copyIn(
    db,
    'COPY staff (id, staff_number, full_name, unit_id, employment_type, start_date, leaving_date) FROM STDIN',
    staff,
  );
  await copyIn(
    db,
    `COPY applications (id, candidate_id, vacancy_id, stage, stage_entered_at, applied_at, rejection_reason, staff_id)
     FROM STDIN`,
    applications,
  );
  await copyIn(db, 'COPY application_stage_moves (application_id, from_stage, to_stage, moved_at) FROM STDIN', moves);
  await copyIn(
    db,
    `COPY offers (application_id, state, salary, starts_on, expires_on, made_at, responded_at, responded_by, withdrawn_at)
     FROM STDIN`,
    offers,
  );
  await db.query('VACUUM ANALYZE');
  return {
    applications: applications.length,
    moves: moves.length,
    offers: offers.length,
    appointments: staff.length,
  };
}

async function main(): Promise<number> {
  const log = (m: string): boolean => process.stdout.write(`${m}\n`);
  log(`Recruitment figures benchmarks: ${APPLICATIONS} applications; ${PAIRS} ABBA pairs each`);
  const dataDir = await mkdtemp(join(tmpdir(), 'ddat-bench-recruitment-'));
  await chmod(dataDir, 0o711); // the postgres user must pass through it when we run as root
  const server = await new EmbeddedPostgres({
    dataDir,
    dataDirExplicit: false,
    port: await freePort(),
    ephemeral: true,
    postgresFlags: ['-c', 'shared_buffers=256MB', '-c', 'work_mem=16MB', '-c', 'max_wal_size=4GB'],
    logger: { log: () => undefined, warn: (m: string) => log(m), debug: () => undefined },
  }).start();
  const clients: pg.Client[] = [];
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    clients.push(admin);
    await admin.query('CREATE DATABASE recruitment');
    const databaseUrl = withDatabase(server.url, 'recruitment');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    // The real application in this process (migrating its database): the service as the API runs it.
    const config = loadAppConfig({
      ...benchApiEnv({
        databaseUrl,
        dataDir: join(dataDir, 'api'),
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        admin: ADMIN,
      }),
      DATABASE_POOL_MAX: '10',
      DATABASE_STATEMENT_TIMEOUT_MS: '600000',
    });
    app = await createApp({ config, databaseUrl });
    await app.init();
    await app.get(SeedersService).run({ demo: false });
    await app.get(FirstAdmin).ensure();
    const service = app.get(RecruitmentFiguresService);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    clients.push(db);
    const [owner] = (await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [ADMIN.email])).rows;

    const started = performance.now();
    const counts = await buildRecruitment(db, owner!.id);
    log(`Loaded ${JSON.stringify(counts)} (COPY) in ${ms(performance.now() - started)}`);

    const actor: Actor = {
      userId: owner!.id,
      roles: ['admin'],
      staffId: null,
      roleFamilies: [],
      permissions: permissionsFor(['admin']),
    };
    const filter: FiguresFilter = {
      campaignId: null,
      vacancyId: null,
      roleFamily: null,
      from: null,
      to: null,
      families: null,
      today: today(),
    };
    const floorClient = new pg.Client({ connectionString: databaseUrl });
    await floorClient.connect();
    clients.push(floorClient);
    const floor = new RecruitmentFiguresRepository(bareHost(floorClient));
    const rows: Row[] = [];
    const checks: Check[] = [];

    const compare = async (name: string, candidate: () => Promise<unknown>, bare: () => Promise<unknown>) => {
      log(`${name}: a warm-up and ${PAIRS} ABBA pairs…`);
      const result = await abbaPairs({ pairs: PAIRS, candidate, floors: { 'the same SQL through pg': bare } });
      const { times, ratios } = result.floors['the same SQL through pg']!;
      rows.push({
        measure: `${name} through the service`,
        value: ms(median(result.candidate)),
        detail: range(result.candidate, ms),
      });
      rows.push({ measure: '  the same SQL through pg', value: ms(median(times)), detail: range(times, ms) });
      checks.push({
        name: `${name}: service / the same SQL through pg (median)`,
        value: median(ratios),
        target: '≤ 1.5',
        ok: median(ratios) <= 1.5,
        detail: ratios.map((r) => r.toFixed(2)).join(', '),
      });
    };

    let funnelStages: unknown;
    await compare(
      'funnels (overall, per campaign, per vacancy)',
      async () => {
        funnelStages = (await service.funnels(actor, {})).funnel.stages.map((s) => s.reached);
      },
      async () => {
        const funnels = await floor.funnels(filter);
        await floor.titles(
          funnels.filter((f) => f.campaignId !== null && f.vacancyId === null).map((f) => f.campaignId!),
          funnels.filter((f) => f.vacancyId !== null).map((f) => f.vacancyId!),
        );
      },
    );
    let hire: unknown;
    await compare(
      'time to hire',
      async () => {
        hire = await service.timeToHire(actor, {});
      },
      () => floor.timeToHire(filter),
    );
    log(`Funnel (reached per stage): ${JSON.stringify(funnelStages)}; time to hire: ${JSON.stringify(hire)}`);
    printTable('Recruitment figures', rows);
    return printTargets(checks);
  } finally {
    for (const c of clients) await c.end().catch(() => undefined);
    await app?.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

runBenchmark(main);
