/** Timing helpers for benchmarks that compare a candidate with a floor measured side by side. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

export interface PairResult {
  candidate: number[];
  /** Each floor's times, and candidate / floor per pair. */
  floors: Record<string, { times: number[]; ratios: number[] }>;
}

/**
 * ABBA pairs: candidate then the floors, the floors (reversed) then candidate, … after one warm-up
 * of each, so drift on a shared machine falls on both sides. `before` runs untimed before every
 * measurement (e.g. a reset).
 */
export async function abbaPairs(options: {
  pairs: number;
  candidate: () => Promise<unknown>;
  floors: Record<string, () => Promise<unknown>>;
  before?: () => Promise<unknown>;
}): Promise<PairResult> {
  const run = async (fn: () => Promise<unknown>): Promise<number> => {
    await options.before?.();
    return timed(fn);
  };
  const names = Object.keys(options.floors);
  await run(options.candidate);
  for (const name of names) await run(options.floors[name]!);
  const result: PairResult = {
    candidate: [],
    floors: Object.fromEntries(names.map((n) => [n, { times: [], ratios: [] }])),
  };
  for (let i = 0; i < options.pairs; i++) {
    const floorTimes: Record<string, number> = {};
    const runFloors = async (order: string[]): Promise<void> => {
      for (const name of order) floorTimes[name] = await run(options.floors[name]!);
    };
    let c: number;
    if (i % 2 === 0) {
      c = await run(options.candidate);
      await runFloors(names);
    } else {
      await runFloors([...names].reverse());
      c = await run(options.candidate);
    }
    result.candidate.push(c);
    for (const name of names) {
      result.floors[name]!.times.push(floorTimes[name]!);
      result.floors[name]!.ratios.push(c / floorTimes[name]!);
    }
  }
  return result;
}

/** Median of `n` runs (for requests too quick to time one by one). */
export async function medianOf(n: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await timed(run));
  return median(times);
}

export interface Row {
  measure: string;
  value: string;
  detail?: string;
}

export interface Check {
  name: string;
  value: number;
  target: string;
  ok: boolean;
  detail: string;
}

export function printTable(title: string, rows: Row[]): void {
  const width = Math.max(...rows.map((r) => r.measure.length), 10);
  const valueWidth = Math.max(...rows.map((r) => r.value.length), 8);
  const lines = [`\n${title}`, '-'.repeat(title.length)];
  for (const r of rows) lines.push(`${r.measure.padEnd(width)}  ${r.value.padStart(valueWidth)}  ${r.detail ?? ''}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Prints each target as PASS or MISS with its value, and answers the exit code: 0 when every target is met. */
export function printTargets(checks: Check[]): number {
  printTable(
    'Targets',
    checks.map((c) => ({
      measure: `${c.ok ? 'PASS' : 'MISS'}  ${c.name}`,
      value: Number.isInteger(c.value) ? String(c.value) : c.value.toFixed(3),
      detail: `target ${c.target}${c.detail ? `; ${c.detail}` : ''}`,
    })),
  );
  return checks.every((c) => c.ok) ? 0 : 1;
}

/** Runs a benchmark's main and exits with its code (1 for a crash, with the stack on stderr). */
export function runBenchmark(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}

export const ms = (v: number): string => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
export const ratio = (v: number): string => `${v.toFixed(2)}×`;
export const range = (values: number[], format: (v: number) => string): string =>
  `median of ${values.length}, min ${format(Math.min(...values))}, max ${format(Math.max(...values))}`;
