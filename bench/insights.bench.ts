/**
 * Insights benchmarks, each timed side by side with the same SQL through a bare pg client (ABBA pairs, medians of
 * per-pair ratios), on a throwaway embedded PostgreSQL holding a department of --staff people (a tree of 10
 * directorates and 100 teams, locations, grades, employment types, role levels across families) with two review
 * cycles of about 7.5 ratings a person each (1.5 million at 100,000 staff): the older closed and snapshotted (by the
 * snapshot repository, timed), the newer open. The built API runs as a process of its own; requests go over HTTP.
 *
 * 1. the gap report (by role family) on the closed cycle: the API vs the same SQL through pg (the cycle, then the
 *    snapshot query) (target ≤ 1.5);
 * 2. the heatmap (role levels × skills of the largest family) on the closed cycle, the same way (≤ 1.5);
 * 3. and 4. the same two on the open cycle, computed live: the API vs the cycle and the live query through pg (≤ 2.0);
 * 5. the snapshot read vs the live aggregate over the same closed cycle, both through pg (≥ 20×);
 * 6. a scale curve: the same reports at each of --scales staff (one department each), time per 1,000 staff printed;
 *    growth from one scale to the next no faster than linear (time ratio ≤ staff ratio).
 *
 * Not a test: `npm run bench:insights` (options: --staff=100000 --pairs=7 --scales=10000,100000,500000
 * --scale-runs=5). Exits 1 when a target is missed.
 */
import { EmbeddedPostgres, projectRoot } from '@capability/platform';
import { generateKeyPairSync } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { CapabilityGapsRepository, type GapQuery } from '../libs/insights/src/capability/capability-gaps.repository.js';
import { GapSnapshotsRepository } from '../libs/insights/src/capability/snapshots/gap-snapshots.repository.js';
import { ApiProcess, benchApiEnv } from '../test/support/api-process.js';
import { bareHost } from './support/bare-gaps.js';
import { login } from './support/http.js';
import {
  abbaPairs,
  median,
  medianOf,
  ms,
  printTable,
  printTargets,
  range,
  runBenchmark,
  type Check,
  type Row,
} from './support/measure.js';
import { freePort, numericArg, withDatabase } from './support/net.js';

const STAFF = numericArg('staff', 100_000);
const PAIRS = numericArg('pairs', 7);
const SCALE_RUNS = numericArg('scale-runs', 5);
const SCALES = (process.argv.find((a) => a.startsWith('--scales='))?.slice('--scales='.length) ?? '10000,100000,500000')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
/** Role levels people hold: those of the current version whose required skills are nearest SKILLS. */
const LEVELS = 40;
const SKILLS = 7;
const ADMIN = { email: 'bench.admin@department.example', password: 'bench-admin-password' };

interface Department {
  closed: string;
  open: string;
  family: string;
  ratings: number;
  snapshotMs: number;
  cells: number;
}

/**
 * The department, set-based in the database (deterministic: setseed): units, locations, staff with grades, locations,
 * employment types and role levels; a closed cycle and an open one with reviews in every state and self and
 * validated levels; the closed cycle's snapshot written through the repository (timed).
 */
async function buildDepartment(db: pg.Client, staff: number): Promise<Department> {
  await db.query('SELECT setseed(0.16)');
  await db.query(`
    INSERT INTO organisation_units (id, code, name, type, parent_id, path)
    VALUES ('00000000-0000-4000-8000-000000000000', 'BENCH', 'Bench department', 'department', NULL,
            ARRAY['00000000-0000-4000-8000-000000000000']::uuid[])`);
  await db.query(`
    INSERT INTO organisation_units (id, code, name, type, parent_id, path)
    SELECT ('00000000-0000-4000-8000-0000000001' || lpad(d::text, 2, '0'))::uuid, 'BENCH-D' || d, 'Directorate ' || d,
           'directorate', '00000000-0000-4000-8000-000000000000',
           ARRAY['00000000-0000-4000-8000-000000000000',
                 ('00000000-0000-4000-8000-0000000001' || lpad(d::text, 2, '0'))]::uuid[]
      FROM generate_series(0, 9) d`);
  await db.query(`
    INSERT INTO organisation_units (id, code, name, type, parent_id, path)
    SELECT ('00000000-0000-4000-8000-0000000002' || lpad(t::text, 2, '0'))::uuid, 'BENCH-T' || t, 'Team ' || t, 'team',
           ('00000000-0000-4000-8000-0000000001' || lpad((t / 10)::text, 2, '0'))::uuid,
           ARRAY['00000000-0000-4000-8000-000000000000',
                 ('00000000-0000-4000-8000-0000000001' || lpad((t / 10)::text, 2, '0')),
                 ('00000000-0000-4000-8000-0000000002' || lpad(t::text, 2, '0'))]::uuid[]
      FROM generate_series(0, 99) t`);
  await db.query(`
    INSERT INTO locations (code, name, region)
    SELECT 'BENCH-L' || l, 'Bench location ' || l, 'Somewhere' FROM generate_series(0, 4) l`);
  const levels = (
    await db.query<{ id: string }>(
      `SELECT rl.id FROM role_levels rl JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
         JOIN skill_requirements sr ON sr.role_level_id = rl.id
        GROUP BY rl.id ORDER BY abs(count(DISTINCT sr.skill_id) - $1), rl.id LIMIT $2`,
      [SKILLS, LEVELS],
    )
  ).rows.map((r) => r.id);
  await db.query(
    `WITH picked AS (SELECT array_agg(id ORDER BY id) AS ids FROM locations WHERE code LIKE 'BENCH-L%'),
          grade_ids AS (SELECT array_agg(id ORDER BY rank) AS ids FROM grades)
     INSERT INTO staff (id, staff_number, full_name, unit_id, employment_type, location_id, grade_id)
     SELECT gen_random_uuid(), 'B' || lpad(n::text, 7, '0'), 'Person ' || n,
            ('00000000-0000-4000-8000-0000000002' || lpad((n % 100)::text, 2, '0'))::uuid,
            (ARRAY['permanent', 'permanent', 'permanent', 'permanent', 'permanent', 'permanent', 'fixed_term',
                   'interim', 'contractor', 'secondee'])[1 + floor(random() * 10)::int],
            CASE WHEN random() < 0.05 THEN NULL ELSE picked.ids[1 + floor(random() * 5)::int] END,
            CASE WHEN random() < 0.05 THEN NULL
                 ELSE grade_ids.ids[1 + floor(random() * cardinality(grade_ids.ids))::int] END
       FROM generate_series(1, $1) n, picked, grade_ids`,
    [staff],
  );
  await db.query(
    `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on)
     SELECT s.id, ($1::uuid[])[1 + floor(random() * cardinality($1::uuid[]))::int], TRUE, DATE '2024-04-01'
       FROM staff s`,
    [levels],
  );
  const [version] = (await db.query<{ id: string }>('SELECT id FROM framework_versions WHERE is_current')).rows;
  const cycles = (
    await db.query<{ id: string }>(
      `INSERT INTO review_cycles (name, unit_id, opens_on, closes_on, state, framework_version_id, opened_at, closed_at)
       VALUES ('Bench review 2025', '00000000-0000-4000-8000-000000000000', '2025-04-01', '2025-06-30', 'closed', $1,
               '2025-04-01T08:00:00Z', '2025-07-01T17:00:00Z'),
              ('Bench review 2026', '00000000-0000-4000-8000-000000000000', '2026-04-01', '2026-06-30', 'open', $1,
               '2026-04-01T08:00:00Z', NULL)
       RETURNING id`,
      [version!.id],
    )
  ).rows.map((r) => r.id);
  for (const cycleId of cycles) {
    await db.query(
      `INSERT INTO skill_reviews (cycle_id, staff_id, role_level_id, role_level_slug, role_level_name, role_family_slug,
                                  unit_id, state, submitted_at, validated_at)
       SELECT $1, s.id, rl.id, rl.slug, rl.name, rf.slug, s.unit_id, s.state,
              CASE WHEN s.state IN ('self_assessed', 'validated') THEN now() END,
              CASE WHEN s.state = 'validated' THEN now() END
         FROM (SELECT id, unit_id,
                      CASE WHEN r < 0.7 THEN 'validated' WHEN r < 0.85 THEN 'self_assessed'
                           WHEN r < 0.95 THEN 'in_progress' ELSE 'not_started' END AS state
                 FROM (SELECT id, unit_id, random() AS r FROM staff) q) s
         JOIN role_assignments ra ON ra.staff_id = s.id AND ra.is_primary
         JOIN role_levels rl ON rl.id = ra.role_level_id
         JOIN roles ro ON ro.id = rl.role_id
         JOIN role_families rf ON rf.id = ro.role_family_id`,
      [cycleId],
    );
    await db.query(
      `INSERT INTO skill_review_ratings (review_id, skill_id, skill_slug, skill_name, position, required_level,
                                         self_level, validated_level, flagged_for_calibration)
       SELECT id, skill_id, slug, name, position, required_level, self_level, validated_level,
              self_level IS NOT NULL AND validated_level IS NOT NULL AND abs(self_level - validated_level) >= 2
         FROM (
           SELECT DISTINCT ON (r.id, sr.skill_id) r.id, sk.id AS skill_id, sk.slug, sk.name, sr.position,
                  sr.required_level,
                  CASE WHEN r.state IN ('not_started') THEN NULL ELSE floor(random() * 5)::int END AS self_level,
                  CASE WHEN r.state = 'validated' THEN floor(random() * 5)::int END AS validated_level
             FROM skill_reviews r
             JOIN skill_requirements sr ON sr.role_level_id = r.role_level_id
             JOIN skills sk ON sk.id = sr.skill_id
            WHERE r.cycle_id = $1
            ORDER BY r.id, sr.skill_id, sr.required_level DESC, sr.position
         ) x`,
      [cycleId],
    );
  }
  await db.query('VACUUM ANALYZE');
  const [{ n: ratings } = { n: 0 }] = (
    await db.query<{ n: number }>('SELECT count(*)::int AS n FROM skill_review_ratings')
  ).rows;
  const [{ slug: family } = { slug: '' }] = (
    await db.query<{ slug: string }>(
      `SELECT role_family_slug AS slug FROM skill_reviews WHERE cycle_id = $1
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      [cycles[0]],
    )
  ).rows;
  const started = performance.now();
  await db.query('BEGIN');
  const cells = (await new GapSnapshotsRepository(bareHost(db)).take(cycles[0]!)) ?? 0;
  await db.query('COMMIT');
  const snapshotMs = performance.now() - started;
  await db.query('VACUUM ANALYZE insights_gap_cells');
  return { closed: cycles[0]!, open: cycles[1]!, family, ratings, snapshotMs, cells };
}

/** One report's answer over HTTP, read to the end. */
async function get(url: string, token: string, path: string, query: Record<string, string>): Promise<unknown> {
  const res = await fetch(`${url}${path}?${new URLSearchParams(query).toString()}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${body.slice(0, 300)}`);
  return JSON.parse(body);
}

interface Setup {
  db: pg.Client;
  api: ApiProcess;
  token: string;
  department: Department;
  drop: () => Promise<void>;
}

async function main(): Promise<number> {
  const log = (m: string): boolean => process.stdout.write(`${m}\n`);
  const scales = [...new Set([...SCALES, STAFF])].sort((a, b) => a - b);
  log(`Insights benchmarks: ${STAFF} staff, ${PAIRS} ABBA pairs each; scale curve at ${scales.join(', ')} staff`);
  const dataDir = await mkdtemp(join(tmpdir(), 'ddat-bench-insights-'));
  await chmod(dataDir, 0o711); // the postgres user must pass through it when we run as root
  const server = await new EmbeddedPostgres({
    dataDir,
    dataDirExplicit: false,
    port: await freePort(),
    ephemeral: true,
    postgresFlags: [
      '-c',
      'shared_buffers=512MB',
      '-c',
      'work_mem=32MB',
      '-c',
      'maintenance_work_mem=256MB',
      '-c',
      'max_wal_size=8GB',
    ],
    logger: { log: () => undefined, warn: (m: string) => log(m), debug: () => undefined },
  }).start();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  const setUp = async (staff: number): Promise<Setup> => {
    const name = `insights_${staff}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const databaseUrl = withDatabase(server.url, name);
    const api = await ApiProcess.start(projectRoot(), await freePort(), {
      ...benchApiEnv({
        databaseUrl,
        dataDir: join(dataDir, name),
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        admin: ADMIN,
      }),
      DATABASE_POOL_MAX: '10',
      RATE_LIMIT_PER_MINUTE: '100000000',
      DATABASE_STATEMENT_TIMEOUT_MS: '600000',
    });
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const started = performance.now();
    const department = await buildDepartment(db, staff);
    // Signed in after the build, which at 500,000 staff outlasts an access token.
    const token = await login(api.url, ADMIN.email, ADMIN.password);
    log(
      `${staff} staff: ${department.ratings} ratings over two cycles built in ${ms(performance.now() - started)}; ` +
        `the closed cycle's snapshot (${department.cells} cells) written in ${ms(department.snapshotMs)}`,
    );
    return {
      db,
      api,
      token,
      department,
      drop: async () => {
        await db.end();
        await api.stop();
        await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      },
    };
  };

  const GAPS = '/api/v1/insights/capability-gaps';
  const gapQuery = (cycleId: string) => ({ cycleId, groupBy: 'roleFamily' });
  const HEATMAP = '/api/v1/insights/capability-heatmap';
  const heatmapQuery = (cycleId: string, family: string) => ({ cycleId, roleFamily: family, by: 'role-level' });
  const floorQuery = (cycleId: string, family: string | null): GapQuery => ({
    cycleId,
    source: 'validated',
    // The heatmap asks the gap report for the family, its role levels and their skills.
    groupBy: family ? ['roleFamily', 'roleLevel', 'skill'] : ['roleFamily'],
    filters: family ? { roleFamily: family } : {},
    scope: { kind: 'all' },
    unitDepth: 1,
  });

  const rows: Row[] = [];
  const checks: Check[] = [];
  const curve: { staff: number; gapsClosed: number; heatmapClosed: number; gapsOpen: number; heatmapOpen: number }[] =
    [];
  try {
    for (const staff of scales) {
      const s = await setUp(staff);
      try {
        const { closed, open, family } = s.department;
        const live = new CapabilityGapsRepository(bareHost(s.db));
        const snapshot = new GapSnapshotsRepository(bareHost(s.db));
        const api = (query: Record<string, string>) => () =>
          get(s.api.url, s.token, 'by' in query ? HEATMAP : GAPS, query);
        if (staff === STAFF) {
          const compare = async (
            name: string,
            candidate: () => Promise<unknown>,
            floorName: string,
            floor: () => Promise<unknown>,
            target: number,
          ) => {
            log(`${name}: a warm-up and ${PAIRS} ABBA pairs…`);
            const result = await abbaPairs({ pairs: PAIRS, candidate, floors: { [floorName]: floor } });
            const { times, ratios } = result.floors[floorName]!;
            rows.push({ measure: name, value: ms(median(result.candidate)), detail: range(result.candidate, ms) });
            rows.push({ measure: `  ${floorName}`, value: ms(median(times)), detail: range(times, ms) });
            checks.push({
              name: `${name} / ${floorName} (median)`,
              value: median(ratios),
              target: `≤ ${target.toFixed(1)}`,
              ok: median(ratios) <= target,
              detail: ratios.map((r) => r.toFixed(2)).join(', '),
            });
          };
          await compare(
            'gap report, closed cycle, through the API',
            api(gapQuery(closed)),
            'the same SQL through pg',
            async () => {
              await live.cycle(closed);
              await snapshot.counts(floorQuery(closed, null));
            },
            1.5,
          );
          await compare(
            'heatmap, closed cycle, through the API',
            api(heatmapQuery(closed, family)),
            'the same SQL through pg',
            async () => {
              await live.cycle(closed);
              await snapshot.counts(floorQuery(closed, family));
            },
            1.5,
          );
          await compare(
            'gap report, open cycle, through the API',
            api(gapQuery(open)),
            'the same SQL through pg',
            async () => {
              await live.cycle(open);
              await live.counts(floorQuery(open, null));
            },
            2.0,
          );
          await compare(
            'heatmap, open cycle, through the API',
            api(heatmapQuery(open, family)),
            'the same SQL through pg',
            async () => {
              await live.cycle(open);
              await live.counts(floorQuery(open, family));
            },
            2.0,
          );
          // What any request costs here, whatever it asks: the signed-in user, through the same API.
          await get(s.api.url, s.token, '/api/v1/me', {});
          const me = await medianOf(PAIRS * 2, () => get(s.api.url, s.token, '/api/v1/me', {}));
          rows.push({ measure: 'for scale: GET /api/v1/me through the API', value: ms(me), detail: 'median' });
          for (const [name, family_] of [
            ['gap report', null],
            ['heatmap', family],
          ] as const) {
            log(`snapshot vs live aggregate (${name}), closed cycle: ${PAIRS} ABBA pairs…`);
            const result = await abbaPairs({
              pairs: PAIRS,
              candidate: () => live.counts(floorQuery(closed, family_)),
              floors: { snapshot: () => snapshot.counts(floorQuery(closed, family_)) },
            });
            const { times, ratios } = result.floors.snapshot!;
            rows.push({
              measure: `${name}, closed cycle: the live aggregate through pg`,
              value: ms(median(result.candidate)),
              detail: range(result.candidate, ms),
            });
            rows.push({
              measure: '  the snapshot read through pg',
              value: ms(median(times)),
              detail: range(times, ms),
            });
            checks.push({
              name: `${name}: live aggregate / snapshot read, closed cycle (median)`,
              value: median(ratios),
              target: '≥ 20',
              ok: median(ratios) >= 20,
              detail: ratios.map((r) => r.toFixed(1)).join(', '),
            });
          }
        }
        log(`scale curve at ${staff} staff: ${SCALE_RUNS} runs of each report…`);
        await api(gapQuery(closed))();
        await api(gapQuery(open))();
        curve.push({
          staff,
          gapsClosed: await medianOf(SCALE_RUNS, api(gapQuery(closed))),
          heatmapClosed: await medianOf(SCALE_RUNS, api(heatmapQuery(closed, family))),
          gapsOpen: await medianOf(SCALE_RUNS, api(gapQuery(open))),
          heatmapOpen: await medianOf(SCALE_RUNS, api(heatmapQuery(open, family))),
        });
        const c = curve.at(-1)!;
        log(
          `  at ${staff} staff: gap report ${ms(c.gapsClosed)} closed, ${ms(c.gapsOpen)} open; ` +
            `heatmap ${ms(c.heatmapClosed)} closed, ${ms(c.heatmapOpen)} open`,
        );
        for (const r of rows.slice(-14)) if (staff === STAFF) log(`  ${r.measure}: ${r.value} (${r.detail})`);
      } finally {
        await s.drop();
      }
    }
    const per1k = (t: number, n: number) => `${((t / n) * 1000).toFixed(3)} ms per 1,000 staff`;
    for (const c of curve) {
      rows.push({
        measure: `scale ${c.staff} staff: gap report, closed`,
        value: ms(c.gapsClosed),
        detail: per1k(c.gapsClosed, c.staff),
      });
      rows.push({ measure: `  heatmap, closed`, value: ms(c.heatmapClosed), detail: per1k(c.heatmapClosed, c.staff) });
      rows.push({ measure: `  gap report, open`, value: ms(c.gapsOpen), detail: per1k(c.gapsOpen, c.staff) });
      rows.push({ measure: `  heatmap, open`, value: ms(c.heatmapOpen), detail: per1k(c.heatmapOpen, c.staff) });
    }
    for (let i = 1; i < curve.length; i++) {
      const a = curve[i - 1]!;
      const b = curve[i]!;
      const staffRatio = b.staff / a.staff;
      for (const key of ['gapsClosed', 'heatmapClosed', 'gapsOpen', 'heatmapOpen'] as const) {
        const timeRatio = b[key] / a[key];
        checks.push({
          name: `scale ${a.staff} → ${b.staff} staff, ${key}: time ratio vs staff ratio ${staffRatio.toFixed(1)}`,
          value: timeRatio,
          target: `≤ ${staffRatio.toFixed(1)}`,
          ok: timeRatio <= staffRatio,
          detail: `${ms(a[key])} → ${ms(b[key])}`,
        });
      }
    }
    printTable('Insights', rows);
    return printTargets(checks);
  } finally {
    await admin.end().catch(() => undefined);
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

runBenchmark(main);
