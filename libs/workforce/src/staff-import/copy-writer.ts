import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';

const CHUNK_CHARS = 64 * 1024;

/** A COPY … FROM STDIN text-format value: `\N` for null; backslash, tab, newline and CR escaped. */
export function copyValue(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c)
    : value;
}

/**
 * Feeds lines to a `COPY … FROM STDIN` stream in 64 KiB chunks, honouring backpressure, and makes
 * sure the COPY is over (finished or failed) before the connection is used again: a connection
 * left mid-COPY cannot even roll back.
 */
export class CopyWriter {
  private buffer = '';
  private failure: unknown;
  private readonly done: Promise<void>;

  constructor(private readonly stream: Writable) {
    this.done = finished(stream);
    this.done.catch((err: unknown) => {
      this.failure ??= err;
    });
  }

  /** Adds a line; true when the caller should `await flush()` before adding more. */
  push(line: string): boolean {
    this.buffer += line;
    return this.buffer.length >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure as Error;
    if (!this.buffer) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), this.done]);
  }

  /** Sends the rest and waits until PostgreSQL has taken every row. */
  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await this.done;
  }

  /** Cancels the COPY (CopyFail) and waits for the server to answer, so the transaction can roll back. */
  async abort(reason: unknown): Promise<void> {
    if (!this.stream.destroyed && !this.stream.writableFinished) {
      this.stream.destroy(reason instanceof Error ? reason : new Error('Import aborted'));
    }
    await this.done.catch(() => undefined);
  }
}

/**
 * A writable `copySql` (`COPY … FROM STDIN`) on the open transaction's own connection (COPY needs the driver's
 * client, not the ORM), for up to `timeoutMs`: the pool's client-side query_timeout would otherwise cut a long
 * upload short.
 */
export async function openCopyFrom(
  runner: QueryRunner | undefined,
  copySql: string,
  timeoutMs: number,
): Promise<Writable> {
  if (!runner?.isTransactionActive) throw new Error('An import must run inside a transaction');
  const client = (await runner.connect()) as pg.PoolClient;
  const stream = copyFrom(copySql);
  Object.assign(stream, { query_timeout: timeoutMs });
  return client.query(stream);
}

/** Longer statement and lock timeouts for the rest of this transaction only (an import's). */
export const IMPORT_TIMEOUTS_SQL = `SELECT set_config('statement_timeout', $1, true), set_config('lock_timeout', $2, true)`;

export function importTimeoutValues(timeoutMs: number): string[] {
  return [`${timeoutMs}ms`, `${Math.min(timeoutMs, 60_000)}ms`];
}
