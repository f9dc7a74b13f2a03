/**
 * Skills review benchmarks, each candidate timed side by side with the most direct way of doing the same work
 * (ABBA pairs, medians of per-pair ratios), on a throwaway embedded PostgreSQL holding --staff people with role
 * levels (loaded with COPY), against the built API running as a process of its own:
 *
 * 1. opening a cycle through the API vs the same INSERT … SELECT statements (the repository's own) through a
 *    plain pg client (target ≤ 2.0);
 * 2. importing every rating of the cycle (1.5 million at 100,000 staff) through the API vs COPY of the same rows,
 *    resolved, into a table built like skill_review_ratings (its indexes, checks and foreign keys) (≤ 2.5);
 * 3. GET /me/gaps throughput vs the same statements (the repositories' own) through a bare node:http + pg server
 *    (≥ 0.5).
 *
 * Not a test: `npm run bench:reviews` (options: --staff=100000 --open-pairs=2 --import-pairs=2 --gap-pairs=5
 * --point-duration=5). Exits 1 when a target is missed.
 */
import { EmbeddedPostgres, projectRoot } from '@capability/platform';
import type { ReviewCycle } from '@capability/reviews';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { ReviewCyclesRepository } from '../libs/reviews/src/skills/review-cycles.repository.js';
import { ApiProcess, benchApiEnv } from '../test/support/api-process.js';
import { bareHost } from './support/bare-gaps.js';
import { outcome, run, startFloor, type Outcome } from './support/floor.js';
import { login, postCsv, sendJson } from './support/http.js';
import {
  abbaPairs,
  median,
  ms,
  printTable,
  printTargets,
  range,
  ratio,
  runBenchmark,
  type Check,
  type Row,
} from './support/measure.js';
import { freePort, numericArg, withDatabase } from './support/net.js';

const STAFF = numericArg('staff', 100_000);
const OPEN_PAIRS = numericArg('open-pairs', 2);
const IMPORT_PAIRS = numericArg('import-pairs', 2);
const GAP_PAIRS = numericArg('gap-pairs', 5);
const POINT_DURATION = numericArg('point-duration', 5);
const POINT_CONNECTIONS = 50;
const POOL_MAX = 10;
/** Role levels the department's people hold, chosen so that a person has 15 required skills on average. */
const LEVELS = 20;
const SKILLS_PER_PERSON = 15;
const GAP_USERS = 50;
const ADMIN = { email: 'bench.admin@department.example', password: 'bench-admin-password' };
const USER_PASSWORD = 'bench-user-password';
const UNIT = randomUUID();
const number = (n: number): string => `B${String(n).padStart(7, '0')}`;
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

async function copyIn(client: pg.ClientBase, sql: string, data: Buffer): Promise<void> {
  await pipeline(Readable.from([data]), client.query(copyFrom(sql)));
}

async function copyOut(client: pg.ClientBase, sql: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(
    client.query(copyTo(sql)),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  return Buffer.concat(chunks);
}

/**
 * One department of `STAFF` people, each holding one of LEVELS role levels of the current version (those whose
 * distinct required skills are nearest SKILLS_PER_PERSON), loaded with COPY. Returns the levels' skill counts.
 */
async function buildDepartment(db: pg.Client): Promise<number[]> {
  await db.query(
    `INSERT INTO organisation_units (id, code, name, type, parent_id, path)
     VALUES ($1, 'BENCH', 'Bench department', 'department', NULL, ARRAY[$1]::uuid[])`,
    [UNIT],
  );
  const levels = (
    await db.query<{ id: string; skills: number }>(
      `SELECT rl.id, count(DISTINCT sr.skill_id)::int AS skills
         FROM role_levels rl JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
         JOIN skill_requirements sr ON sr.role_level_id = rl.id
        GROUP BY rl.id ORDER BY abs(count(DISTINCT sr.skill_id) - $1), rl.id LIMIT $2`,
      [SKILLS_PER_PERSON, LEVELS],
    )
  ).rows;
  const staff: string[] = [];
  const roles: string[] = [];
  for (let n = 1; n <= STAFF; n++) {
    const id = randomUUID();
    staff.push(`${id}\t${number(n)}\tPerson ${n}\t${UNIT}\tpermanent\n`);
    roles.push(`${id}\t${levels[n % levels.length]!.id}\tt\t2024-04-01\n`);
  }
  await copyIn(
    db,
    'COPY staff (id, staff_number, full_name, unit_id, employment_type) FROM STDIN',
    Buffer.from(staff.join('')),
  );
  await copyIn(
    db,
    'COPY role_assignments (staff_id, role_level_id, is_primary, starts_on) FROM STDIN',
    Buffer.from(roles.join('')),
  );
  await db.query('ANALYZE');
  return levels.map((l) => l.skills);
}

/** Every cycle, review and rating gone (untimed, between measurements). */
async function clearCycles(db: pg.Client): Promise<void> {
  await db.query('TRUNCATE review_cycles, review_cycle_exclusions, skill_reviews, skill_review_ratings CASCADE');
}

async function main(): Promise<number> {
  const log = (m: string): boolean => process.stdout.write(`${m}\n`);
  log(
    `Skills review benchmarks: ${STAFF} staff; opening ${OPEN_PAIRS} and import ${IMPORT_PAIRS} ABBA pairs; ` +
      `GET /me/gaps ${GAP_PAIRS} pairs of ${POINT_DURATION} s at ${POINT_CONNECTIONS} connections`,
  );
  const dataDir = await mkdtemp(join(tmpdir(), 'ddat-bench-reviews-'));
  await chmod(dataDir, 0o711); // the postgres user must pass through it when we run as root
  const server = await new EmbeddedPostgres({
    dataDir,
    dataDirExplicit: false,
    port: await freePort(),
    ephemeral: true,
    postgresFlags: [
      '-c',
      'shared_buffers=256MB',
      '-c',
      'work_mem=16MB',
      '-c',
      'maintenance_work_mem=128MB',
      '-c',
      'max_wal_size=4GB',
    ],
    logger: { log: () => undefined, warn: (m: string) => log(m), debug: () => undefined },
  }).start();
  let api: ApiProcess | undefined;
  let bare: Awaited<ReturnType<typeof startFloor>> | undefined;
  const clients: pg.Client[] = [];
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    clients.push(admin);
    await admin.query('CREATE DATABASE reviews');
    const databaseUrl = withDatabase(server.url, 'reviews');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    api = await ApiProcess.start(projectRoot(), await freePort(), {
      ...benchApiEnv({
        databaseUrl,
        dataDir: join(dataDir, 'api'),
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        admin: ADMIN,
      }),
      DATABASE_POOL_MAX: String(POOL_MAX),
      RATE_LIMIT_PER_MINUTE: '100000000',
      // A whole department's ratings in one file, and an opening of 100,000 reviews in one statement.
      IMPORT_MAX_ROWS: String(Math.max(200_000, STAFF * 30)),
      DATABASE_STATEMENT_TIMEOUT_MS: '600000',
    });
    const url = api.url;
    const token = await login(url, ADMIN.email, ADMIN.password);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    clients.push(db);

    let started = performance.now();
    const skillCounts = await buildDepartment(db);
    log(
      `Loaded ${STAFF} staff with role levels (COPY) in ${ms(performance.now() - started)}; ` +
        `${skillCounts.length} role levels of ${Math.min(...skillCounts)}-${Math.max(...skillCounts)} skills`,
    );
    const [version] = (await db.query<{ id: string }>('SELECT id FROM framework_versions WHERE is_current')).rows;
    const rows: Row[] = [];
    const checks: Check[] = [];

    // ---- 1. Opening a cycle: the API (draft made beforehand) vs the repository's three INSERT … SELECT.
    let draftId = '';
    const makeDraft = async (): Promise<void> => {
      await clearCycles(db);
      const draft = await sendJson<{ id: string }>(
        url,
        'POST',
        '/api/v1/review-cycles',
        token,
        { name: 'Bench cycle', unitId: UNIT, opensOn: '2026-04-01', closesOn: '2026-06-30' },
        201,
      );
      draftId = draft.id;
      await db.query('CHECKPOINT');
    };
    const floorClient = new pg.Client({ connectionString: databaseUrl });
    await floorClient.connect();
    clients.push(floorClient);
    const floorCycles = new ReviewCyclesRepository(bareHost(floorClient));
    let opened: { figures: { reviews: number; leftOut: number | null } } | undefined;
    log(`Opening a cycle: a warm-up and ${OPEN_PAIRS} ABBA pairs…`);
    const opening = await abbaPairs({
      pairs: OPEN_PAIRS,
      before: makeDraft,
      candidate: async () => {
        opened = await sendJson(url, 'POST', `/api/v1/review-cycles/${draftId}/open`, token, undefined, 200);
      },
      floors: {
        'INSERT … SELECT through pg': async () => {
          await floorClient.query('BEGIN');
          await floorCycles.createReviews({ id: draftId, unitId: UNIT } as ReviewCycle, version!.id);
          await floorClient.query('COMMIT');
        },
      },
    });
    const openRatios = opening.floors['INSERT … SELECT through pg']!.ratios;
    rows.push({
      measure: 'open a cycle through the API',
      value: ms(median(opening.candidate)),
      detail: `${opened?.figures.reviews ?? 0} reviews; ${range(opening.candidate, ms)}`,
    });
    rows.push({
      measure: '  the same INSERT … SELECT through pg',
      value: ms(median(opening.floors['INSERT … SELECT through pg']!.times)),
      detail: range(opening.floors['INSERT … SELECT through pg']!.times, ms),
    });
    checks.push({
      name: 'opening a cycle / the same INSERT … SELECT through pg (median)',
      value: median(openRatios),
      target: '≤ 2.0',
      ok: median(openRatios) <= 2.0,
      detail: openRatios.map((r) => r.toFixed(2)).join(', '),
    });

    // ---- 2. The results import: every rating of an open cycle, rated, vs COPY of the same rows resolved.
    await makeDraft();
    await sendJson(url, 'POST', `/api/v1/review-cycles/${draftId}/open`, token, undefined, 200);
    const cycleId = draftId;
    await db.query('ANALYZE');
    // The file the API gets and the rows the floor COPYs: every rating of the cycle, plus extra skills (the first
    // skills of the version a person's role level does not require) up to SKILLS_PER_PERSON a person. Rating i (in
    // the export's order) gets self i % 5 and validated (i + 2) % 5, so every rating is flagged for calibration
    // and every review becomes validated.
    // CREATE TABLE AS takes no bind parameters: the values are inlined (ids this run made, and a constant).
    await db.query(
      `CREATE TABLE bench_file AS
       SELECT u.*, row_number() OVER (ORDER BY staff_number, required_level IS NULL, position, skill_slug) - 1 AS i
         FROM (
           SELECT x.review_id, x.skill_id, x.skill_slug, x.skill_name, x.position, x.required_level, s.staff_number
             FROM skill_review_ratings x JOIN skill_reviews r ON r.id = x.review_id JOIN staff s ON s.id = r.staff_id
            WHERE r.cycle_id = '${cycleId}'
           UNION ALL
           SELECT r.id, e.id, e.slug, e.name, (100 + e.k)::smallint, NULL, s.staff_number
             FROM skill_reviews r JOIN staff s ON s.id = r.staff_id
             CROSS JOIN LATERAL (
               SELECT sk.id, sk.slug, sk.name, row_number() OVER (ORDER BY sk.slug) AS k FROM skills sk
                WHERE sk.version_id = '${version!.id}'
                  AND NOT EXISTS (SELECT 1 FROM skill_review_ratings x WHERE x.review_id = r.id AND x.skill_id = sk.id)
                ORDER BY sk.slug
                LIMIT greatest(0, ${SKILLS_PER_PERSON} - (SELECT count(*) FROM skill_review_ratings x WHERE x.review_id = r.id))
             ) e
            WHERE r.cycle_id = '${cycleId}'
         ) u`,
    );
    const file = Buffer.concat([
      Buffer.from('staff_number,skill_slug,self_level,validated_level\n'),
      await copyOut(
        db,
        'COPY (SELECT staff_number, skill_slug, i % 5, (i + 2) % 5 FROM bench_file ORDER BY i) TO STDOUT (FORMAT csv)',
      ),
    ]);
    const resolved = await copyOut(
      db,
      `COPY (SELECT review_id, skill_id, skill_slug, skill_name, position, required_level, i % 5, (i + 2) % 5, true
               FROM bench_file ORDER BY i) TO STDOUT`,
    );
    const [{ n: ratings } = { n: 0 }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_file'))
      .rows;
    const [{ n: extras } = { n: 0 }] = (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_file WHERE required_level IS NULL')
    ).rows;
    await db.query(`CREATE TABLE bench_ratings (LIKE skill_review_ratings INCLUDING ALL)`);
    await db.query(`ALTER TABLE bench_ratings
      ADD FOREIGN KEY (review_id) REFERENCES skill_reviews (id) ON DELETE CASCADE,
      ADD FOREIGN KEY (skill_id) REFERENCES skills (id)`);
    const resetRatings = async (): Promise<void> => {
      await db.query('DELETE FROM skill_review_ratings WHERE required_level IS NULL');
      await db.query(`UPDATE skill_review_ratings SET self_level = NULL, validated_level = NULL,
        flagged_for_calibration = false WHERE self_level IS NOT NULL OR validated_level IS NOT NULL`);
      await db.query(`UPDATE skill_reviews SET state = 'not_started', submitted_at = NULL, validated_at = NULL,
        validated_by_user_id = NULL WHERE state <> 'not_started'`);
      await db.query('TRUNCATE bench_ratings');
      await db.query('VACUUM ANALYZE skill_review_ratings');
      await db.query('VACUUM ANALYZE skill_reviews');
      await db.query('CHECKPOINT');
    };
    let imported: Record<string, unknown> = {};
    log(
      `Results import: ${ratings} ratings (${extras} of them extra skills; ` +
        `${(file.length / 1024 / 1024).toFixed(0)} MiB of CSV), a warm-up and ` +
        `${IMPORT_PAIRS} ABBA pairs…`,
    );
    const importing = await abbaPairs({
      pairs: IMPORT_PAIRS,
      before: resetRatings,
      candidate: async () => {
        imported = await postCsv(url, `/api/v1/review-cycles/${cycleId}/results/import`, token, file);
      },
      floors: {
        'COPY into the ratings table': () =>
          copyIn(
            db,
            `COPY bench_ratings (review_id, skill_id, skill_slug, skill_name, position, required_level, self_level,
               validated_level, flagged_for_calibration) FROM STDIN`,
            resolved,
          ),
      },
    });
    const importRatios = importing.floors['COPY into the ratings table']!.ratios;
    rows.push({
      measure: `import ${ratings} ratings through the API`,
      value: ms(median(importing.candidate)),
      detail: `${JSON.stringify(imported)}; ${range(importing.candidate, ms)}`,
    });
    rows.push({
      measure: '  COPY of the same rows into the ratings table',
      value: ms(median(importing.floors['COPY into the ratings table']!.times)),
      detail: range(importing.floors['COPY into the ratings table']!.times, ms),
    });
    checks.push({
      name: `results import (${ratings} ratings) / COPY of the same rows (median)`,
      value: median(importRatios),
      target: '≤ 2.5',
      ok: median(importRatios) <= 2.5,
      detail: importRatios.map((r) => r.toFixed(2)).join(', '),
    });
    checks.push({
      name: 'the import wrote what the file says (every rating created or updated, the last run)',
      value: Number(imported.updated ?? 0) + Number(imported.created ?? 0),
      target: `= ${ratings}`,
      ok: Number(imported.updated ?? 0) + Number(imported.created ?? 0) === ratings && imported.created === extras,
      detail: '',
    });
    // Leave the cycle rated for the gaps reads.
    await resetRatings();
    await postCsv(url, `/api/v1/review-cycles/${cycleId}/results/import`, token, file);
    await db.query('ANALYZE');

    // ---- 3. GET /me/gaps: users who are staff, their tokens; the bare floor reads the same people.
    started = performance.now();
    const people = (
      await db.query<{ id: string }>(`SELECT id FROM staff ORDER BY staff_number LIMIT $1 OFFSET $2`, [
        GAP_USERS,
        Math.floor(STAFF / 3),
      ])
    ).rows.map((r) => r.id);
    const tokens: string[] = [];
    for (const [i, staffId] of people.entries()) {
      const email = `gaps${i}@department.example`;
      await sendJson(
        url,
        'POST',
        '/api/v1/users',
        token,
        { email, displayName: `Gaps ${i}`, roles: ['staff'], staffId, password: USER_PASSWORD },
        201,
      );
      tokens.push(`Bearer ${await login(url, email, USER_PASSWORD)}`);
    }
    log(`Signed in ${tokens.length} members of staff in ${ms(performance.now() - started)}`);
    bare = await startFloor('bare-gaps.js', { DATABASE_URL: databaseUrl, POOL_MAX: String(POOL_MAX) });
    const apiGaps = async (duration = POINT_DURATION): Promise<Outcome> =>
      outcome(
        POINT_CONNECTIONS,
        await run({
          url,
          connections: POINT_CONNECTIONS,
          duration,
          requests: [
            {
              method: 'GET',
              setupRequest: (r) => ({
                ...r,
                path: '/api/v1/me/gaps',
                headers: { ...r.headers, authorization: pick(tokens) },
              }),
            },
          ],
        }),
      );
    const bareGaps = async (duration = POINT_DURATION): Promise<Outcome> =>
      outcome(
        POINT_CONNECTIONS,
        await run({
          url: bare!.url,
          connections: POINT_CONNECTIONS,
          duration,
          requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/gaps/${pick(people)}` }) }],
        }),
      );
    log(`GET /me/gaps: warm-up, then ${GAP_PAIRS} ABBA pairs of ${POINT_DURATION} s…`);
    await apiGaps(3);
    await bareGaps(3);
    const throughput: number[] = [];
    let unexpected = 0;
    for (let i = 0; i < GAP_PAIRS; i++) {
      let a: Outcome;
      let b: Outcome;
      if (i % 2 === 0) {
        a = await apiGaps();
        b = await bareGaps();
      } else {
        b = await bareGaps();
        a = await apiGaps();
      }
      unexpected += a.unexpected + b.unexpected;
      throughput.push(a.rps / b.rps);
      rows.push({
        measure: `GET /me/gaps pair ${i + 1}: API / bare req/s`,
        value: ratio(a.rps / b.rps),
        detail: `API ${a.rps.toFixed(0)} req/s (p50 ${a.p50} ms, p99 ${a.p99} ms); bare ${b.rps.toFixed(0)} req/s (p50 ${b.p50} ms, p99 ${b.p99} ms)`,
      });
    }
    checks.push({
      name: 'GET /me/gaps throughput / bare node:http + pg, same statements (median)',
      value: median(throughput),
      target: '≥ 0.5',
      ok: median(throughput) >= 0.5,
      detail: throughput.map((r) => r.toFixed(2)).join(', '),
    });
    checks.push({
      name: 'GET /me/gaps runs: unexpected answers',
      value: unexpected,
      target: '= 0',
      ok: unexpected === 0,
      detail: '',
    });

    printTable('Skills review benchmark', rows);
    return printTargets(checks);
  } finally {
    await bare?.stop();
    await api?.stop();
    for (const c of clients) await c.end().catch(() => undefined);
    await server.stop();
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

runBenchmark(main);
