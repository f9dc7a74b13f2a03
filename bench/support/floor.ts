/** Throughput runs (autocannon) and the bare floor servers the API is compared with, as processes of their own. */
import { projectRoot } from '@capability/platform';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { API_NODE_FLAGS } from '../../test/support/api-process.js';
import { freePort } from './net.js';

export interface Outcome {
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  /** Answers that are neither 2xx nor an expected 412, plus transport errors and timeouts. */
  unexpected: number;
  errors: number;
}

export function outcome(connections: number, result: autocannon.Result): Outcome {
  const statuses: Record<string, number> = {};
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  for (const [code, { count }] of Object.entries(stats)) statuses[code] = count;
  const unexpected = Object.entries(statuses)
    .filter(([code]) => !code.startsWith('2') && code !== '412')
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    connections,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    unexpected: unexpected + result.errors + result.timeouts,
    errors: result.errors + result.timeouts,
  };
}

export function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (err: unknown, result) =>
      err ? reject(err instanceof Error ? err : new Error('autocannon failed')) : resolve(result),
    );
  });
}

/**
 * A floor server (`dist/bench/support/<script>`, which prints a line once listening) as a process of its own,
 * with the API's runtime flags, so the floor differs from the API only in the code that serves the request.
 */
export async function startFloor(
  script: string,
  env: Record<string, string>,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [...API_NODE_FLAGS, join(projectRoot(), 'dist', 'bench', 'support', script), String(port)],
    {
      // eslint-disable-next-line n/no-process-env -- the child needs the PATH it was started with
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`The floor server ${script} exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
