import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The built API (`dist/apps/api/src/main.js`) as a process of its own, so its memory can be read. */
export class ApiProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly output: () => string,
  ) {}

  static async start(root: string, port: number, env: Record<string, string>): Promise<ApiProcess> {
    let output = '';
    const child = spawn(process.execPath, [join(root, 'dist', 'apps', 'api', 'src', 'main.js')], {
      cwd: root,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`, () => output);
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`The API exited (${child.exitCode}):\n${output}`);
      const ready = await fetch(`${api.url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return api;
      await new Promise((r) => setTimeout(r, 200));
    }
    await api.stop();
    throw new Error(`The API did not become ready:\n${output}`);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Resident set size now, in bytes (Linux /proc). */
  rss(): number {
    return statusField(this.pid, 'VmRSS');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }

  lastOutput(): string {
    return this.output();
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
