import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';

/**
 * The Node flags the API runs with in production, as `npm start` and the README's deployment give them
 * (a unit test keeps the three the same): a 64 MB young generation, as a request allocates ~100 kB of
 * short-lived objects.
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/** The METRICS_TOKEN of an API started with benchApiEnv (production refuses to start without one). */
export const API_METRICS_TOKEN = 'metrics-token-of-a-test-api-process';

/**
 * The environment a benchmark starts the built API with: production mode on its own database, migrating
 * at start, no worker, quiet logs, a fresh signing key, a known admin and a metrics token (API_METRICS_TOKEN).
 * Each bench adds its own settings.
 */
export function benchApiEnv(options: {
  databaseUrl: string;
  dataDir: string;
  privateKeyPem: string;
  admin: { email: string; password: string };
}): Record<string, string> {
  return {
    // eslint-disable-next-line n/no-process-env -- the child API needs the PATH it was started with
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    RUN_MIGRATIONS: 'true',
    RUN_WORKER: 'false',
    DATA_DIR: options.dataDir,
    AUTH_PRIVATE_KEY: options.privateKeyPem,
    ADMIN_EMAIL: options.admin.email,
    ADMIN_PASSWORD: options.admin.password,
    METRICS_TOKEN: API_METRICS_TOKEN,
    WEB_SESSION_SECRET: 'web-session-secret-of-a-test-api-process',
    LOG_LEVEL: 'warn',
  };
}

export interface ApiProcessOptions {
  /** Keep everything it writes (the log tests read it all); by default the last 8,000 characters of each stream. */
  keepAllOutput?: boolean;
  /** How long to wait for /health/ready (default 120 s). */
  readyTimeoutMs?: number;
  /**
   * Open the V8 inspector on a loopback port, so `rssAfterGc()` can force a full collection first
   * (benchmarks only: the inspector announces itself on stderr).
   */
  inspect?: boolean;
  /**
   * Start it as the leader of a process group of its own, as a shell starts `npm start`, so that
   * `signalGroup()` can signal the whole group as a terminal's Ctrl-C does.
   */
  detached?: boolean;
}

/** How the process ended, and when (`performance.now()`). */
export interface ApiExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

interface ProcessOutput {
  stdout: string;
  stderr: string;
  /** The inspector's WebSocket address, when started with `inspect`. */
  inspector?: string;
}

/**
 * The built API (`dist/apps/api/src/main.js`) as a process of its own, started and waited for until
 * ready: for reading its memory (benchmarks), signalling it and reading its output (tests).
 */
export class ApiProcess {
  /** Settles when the process has exited. */
  readonly exited: Promise<ApiExit>;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    private readonly output: ProcessOutput,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
    );
  }

  static async start(
    root: string,
    port: number,
    env: Record<string, string>,
    options: ApiProcessOptions = {},
  ): Promise<ApiProcess> {
    const output: ProcessOutput = { stdout: '', stderr: '' };
    const flags = [...API_NODE_FLAGS, ...(options.inspect ? ['--inspect=127.0.0.1:0'] : [])];
    const child = spawn(process.execPath, [...flags, join(root, 'dist', 'apps', 'api', 'src', 'main.js')], {
      cwd: root,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.detached ?? false,
    });
    const keep = options.keepAllOutput ? Infinity : 8000;
    child.stdout?.on('data', (chunk: Buffer) => (output.stdout = (output.stdout + chunk.toString()).slice(-keep)));
    child.stderr?.on('data', (chunk: Buffer) => {
      output.stderr = (output.stderr + chunk.toString()).slice(-keep);
      output.inspector ??= /Debugger listening on (ws:\/\/\S+)/.exec(output.stderr)?.[1];
    });
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`, output);
    const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`The API exited (${child.exitCode}):\n${api.lastOutput()}`);
      const ready = await fetch(`${api.url}/health/ready`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return api;
      await new Promise((r) => setTimeout(r, 100));
    }
    await api.stop();
    throw new Error(`The API did not become ready:\n${api.lastOutput()}`);
  }

  get stdout(): string {
    return this.output.stdout;
  }

  get stderr(): string {
    return this.output.stderr;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Resident set size now, in bytes (Linux /proc). */
  rss(): number {
    return statusField(this.pid, 'VmRSS');
  }

  /**
   * Resident set size right after a full garbage collection (through the inspector; needs
   * `inspect: true`): memory the process still holds, not garbage V8 has yet to collect.
   */
  async rssAfterGc(): Promise<number> {
    const url = this.output.inspector;
    if (!url) throw new Error('Start the API with { inspect: true } to read its memory after a collection');
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    try {
      for (let id = 1; id <= 2; id++) {
        const done = new Promise<void>((resolve, reject) => {
          const onMessage = (data: WebSocket.RawData): void => {
            if ((JSON.parse((data as Buffer).toString('utf8')) as { id?: number }).id !== id) return;
            socket.off('message', onMessage);
            resolve();
          };
          socket.on('message', onMessage);
          socket.once('error', reject);
        });
        socket.send(JSON.stringify({ id, method: 'HeapProfiler.collectGarbage' }));
        await done;
      }
    } finally {
      socket.close();
    }
    return this.rss();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }

  /** Sends `signal` to the process group it leads (started with `detached`), as a terminal's Ctrl-C does. */
  signalGroup(signal: NodeJS.Signals): void {
    process.kill(-this.pid, signal);
  }

  lastOutput(): string {
    return `${this.output.stdout}\n${this.output.stderr}`;
  }

  /** Kills it at once if it is still running (test clean-up after a failure). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

function statusField(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** Samples a process's RSS every few milliseconds while `run` runs; the peak seen, in bytes. */
export async function peakRss(api: ApiProcess, run: () => Promise<unknown>): Promise<{ before: number; peak: number }> {
  const before = api.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, api.rss());
  }, 5);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  return { before, peak: Math.max(peak, api.rss()) };
}
