import pg from 'pg';
import type { DataSource } from 'typeorm';

/** A pooled connection of the DataSource's own, as the driver's client, for what TypeORM does not offer. */
export interface DriverConnection {
  client: pg.PoolClient;
  /**
   * Gives the connection back to the pool; with `broken`, closes it instead (a query left running on
   * it, a timeout, a lost server): the pool then drops it and the next caller gets a fresh one.
   */
  release(broken?: boolean): Promise<void>;
}

/**
 * A connection from the DataSource's pool through TypeORM's public API (a QueryRunner, which hands
 * out the pg client it holds), for COPY streams and named prepared statements. Waits for a free
 * connection like every other query (up to DATABASE_CONNECT_TIMEOUT_MS); release it exactly once.
 */
export async function driverConnection(dataSource: DataSource): Promise<DriverConnection> {
  const runner = dataSource.createQueryRunner();
  let client: pg.PoolClient;
  try {
    client = (await runner.connect()) as pg.PoolClient;
  } catch (err) {
    await runner.release();
    throw err;
  }
  let released = false;
  return {
    client,
    async release(broken = false) {
      if (released) return;
      released = true;
      // An ended client is one the pool removes on release instead of keeping (pg-pool checks it).
      if (broken) void client.end().catch(() => undefined);
      await runner.release();
    },
  };
}

/**
 * Whether a failed query may have left its connection unusable: anything but the server's own error
 * answer (a constraint, a syntax error), which leaves the session as it was.
 */
export function leavesConnectionBroken(err: unknown): boolean {
  return !(err instanceof pg.DatabaseError);
}
