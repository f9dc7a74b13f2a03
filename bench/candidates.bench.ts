/**
 * Candidate import benchmark (issue 15): importing --size candidates (100,000 by default) from a partner's CSV
 * through the API, timed side by side with the most direct way of doing the same work (ABBA pairs, medians of
 * per-pair ratios), on a throwaway embedded PostgreSQL, against the built API running as a process of its own:
 *
 * - the issue's target: the API import vs COPY of the same file into a bare text table (≤ 2.5);
 * - the like-for-like floor: the API import vs COPY of the same rows, already resolved, into `candidates` itself
 *   (its indexes, checks and foreign keys) (≤ 2.5).
 *
 * Not a test: `npm run bench:candidates` (options: --size=100000 --pairs=3). Exits 1 when a target is missed.
 */
import { EmbeddedPostgres, projectRoot } from '@capability/platform';
import { CANDIDATE_CSV_COLUMNS, RIGHT_TO_WORK } from '@capability/recruitment';
import { generateKeyPairSync } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ApiProcess, benchApiEnv, peakRss } from '../test/support/api-process.js';
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

const SIZE = numericArg('size', 100_000);
const PAIRS = numericArg('pairs', 3);
const ADMIN = { email: 'bench.admin@department.example', password: 'bench-admin-password' };
const MB = 1024 * 1024;

/** The bare floor's table: the file's columns as text, nothing checked, no index. */
const BARE_DDL = `CREATE TABLE bench_candidate_file (${CANDIDATE_CSV_COLUMNS.map((c) => `${c} text`).join(', ')})`;
/** The columns the like-for-like floor COPYs into `candidates` (the partner resolved, as the import stores it). */
const CANDIDATE_COPY_COLUMNS =
  'full_name, email, phone, partner_id, university, course, graduation_year, right_to_work, retention_consent, retention_consent_at';

const UNIVERSITIES = [
  'University of Leeds',
  'University College London',
  'King’s College London',
  'Cardiff University',
];
const COURSES = ['Computer Science', 'Mathematics', 'Data Science', 'Physics', 'Economics', 'Design'];

/** A deterministic candidate file of `size` rows (every column used, some quoted), and its resolved COPY text. */
function candidateFiles(size: number, partnerId: string): { csv: Buffer; copy: Buffer } {
  const csv: string[] = [`${CANDIDATE_CSV_COLUMNS.join(',')}\n`];
  const copy: string[] = [];
  const at = new Date().toISOString();
  for (let i = 0; i < size; i++) {
    const name = `Candidate ${String(i).padStart(6, '0')}`;
    const email = `candidate.${i}@graduates.example.org`;
    const phone = i % 3 === 0 ? '' : `+44 7700 ${String(900000 + (i % 100000)).padStart(6, '0')}`;
    const university = UNIVERSITIES[i % UNIVERSITIES.length]!;
    const course = COURSES[i % COURSES.length]!;
    const year = 2020 + (i % 7);
    const rightToWork = RIGHT_TO_WORK[i % RIGHT_TO_WORK.length]!;
    const consent = i % 4 === 0 ? 'true' : 'false';
    csv.push(`${name},${email},${phone},"${university}",${course},${year},${rightToWork},${consent}\n`);
    copy.push(
      [
        name,
        email,
        phone || '\\N',
        partnerId,
        university,
        course,
        year,
        rightToWork,
        consent,
        consent === 'true' ? at : '\\N',
      ].join('\t') + '\n',
    );
  }
  return { csv: Buffer.from(csv.join('')), copy: Buffer.from(copy.join('')) };
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function main(): Promise<number> {
  const root = projectRoot();
  const dataDir = await mkdtemp(join(tmpdir(), 'ddat-bench-'));
  await chmod(dataDir, 0o711); // the postgres user must pass through it when we run as root
  const log = (m: string): boolean => process.stdout.write(`${m}\n`);
  log(`Candidate import benchmark: ${SIZE} candidates, ${PAIRS} ABBA pairs`);

  const server = await new EmbeddedPostgres({
    dataDir,
    dataDirExplicit: false,
    port: await freePort(),
    ephemeral: true,
    postgresFlags: ['-c', 'shared_buffers=256MB', '-c', 'work_mem=16MB', '-c', 'max_wal_size=4GB'],
    logger: { log: () => undefined, warn: (m: string) => log(m), debug: () => undefined },
  }).start();
  let api: ApiProcess | undefined;
  const clients: pg.Client[] = [];
  try {
    const admin = await connect(server.url);
    clients.push(admin);
    await admin.query('CREATE DATABASE bench');
    const url = withDatabase(server.url, 'bench');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    api = await ApiProcess.start(root, await freePort(), {
      ...benchApiEnv({
        databaseUrl: url,
        dataDir: join(dataDir, 'api'),
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        admin: ADMIN,
      }),
      RATE_LIMIT_PER_MINUTE: '1000000',
      DATABASE_STATEMENT_TIMEOUT_MS: '300000',
      IMPORT_MAX_ROWS: String(Math.max(SIZE, 200_000)),
      IMPORT_MAX_BYTES: String(512 * MB),
    });
    const token = await login(api.url, ADMIN.email, ADMIN.password);
    const db = await connect(url);
    clients.push(db);

    // The partner the file comes from, through the API as HR would record it.
    const partner = await sendJson<{ id: string }>(
      api.url,
      'POST',
      '/api/v1/partners',
      token,
      {
        name: 'Bench Graduate Partner',
        kind: 'university',
        country: 'GB',
        contractStartsOn: '2026-01-01',
        serviceLevels: [],
        contacts: [],
      },
      201,
    );
    const started = performance.now();
    const { csv, copy } = candidateFiles(SIZE, partner.id);
    log(
      `Generated ${SIZE} candidates (${(csv.length / MB).toFixed(1)} MiB of CSV) in ${ms(performance.now() - started)}`,
    );
    await db.query(BARE_DDL);

    const copyInto = async (sql: string, data: Buffer): Promise<void> => {
      await pipeline(Readable.from([data]), db.query(copyFrom(sql)));
    };
    const reset = async (): Promise<void> => {
      await db.query('TRUNCATE candidates, bench_candidate_file CASCADE');
      await db.query('CHECKPOINT');
    };
    const importApi = async (): Promise<void> => {
      const result = await postCsv(api!.url, `/api/v1/candidates/import?partnerId=${partner.id}`, token, csv);
      if (result.created !== SIZE) throw new Error(`The import created ${String(result.created)}`);
    };
    const copyTable = async (): Promise<void> => {
      await db.query('BEGIN');
      await copyInto(`COPY candidates (${CANDIDATE_COPY_COLUMNS}) FROM STDIN`, copy);
      await db.query('COMMIT');
    };
    const copyBare = (): Promise<void> => copyInto('COPY bench_candidate_file FROM STDIN (FORMAT csv, HEADER)', csv);

    log('import …');
    const imported = await abbaPairs({
      pairs: PAIRS,
      candidate: importApi,
      floors: { table: copyTable, bare: copyBare },
      before: reset,
    });
    const { table, bare } = imported.floors as Record<'table' | 'bare', { times: number[]; ratios: number[] }>;
    const rows: Row[] = [
      {
        measure: `import ${SIZE} candidates through the API`,
        value: ms(median(imported.candidate)),
        detail: range(imported.candidate, ms),
      },
      {
        measure: 'COPY same rows into candidates',
        value: ms(median(table.times)),
        detail: `${range(table.times, ms)}; partner resolved, same indexes, checks, FKs`,
      },
      {
        measure: 'COPY same file into a bare text table',
        value: ms(median(bare.times)),
        detail: `${range(bare.times, ms)}; no indexes, nothing checked`,
      },
    ];
    // Memory: one more import, the API's resident set sampled throughout (streamed, so it should not grow with size).
    await reset();
    const memory = await peakRss(api, importApi);
    rows.push({
      measure: 'API resident set during one import',
      value: `${(memory.peak / MB).toFixed(0)} MiB`,
      detail: `${(memory.before / MB).toFixed(0)} MiB before; +${((memory.peak - memory.before) / MB).toFixed(0)} MiB`,
    });
    printTable('Candidate import', rows);
    const checks: Check[] = [
      {
        name: 'import API / COPY into a bare table (issue target)',
        value: median(bare.ratios),
        target: '≤ 2.5',
        ok: median(bare.ratios) <= 2.5,
        detail: range(bare.ratios, ratio),
      },
      {
        name: 'import API / COPY into candidates',
        value: median(table.ratios),
        target: '≤ 2.5',
        ok: median(table.ratios) <= 2.5,
        detail: range(table.ratios, ratio),
      },
    ];
    return printTargets(checks);
  } finally {
    for (const c of clients) await c.end().catch(() => undefined);
    await api?.stop();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

runBenchmark(main);
