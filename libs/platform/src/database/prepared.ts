import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { EntityManager } from 'typeorm';
import { driverConnection, leavesConnectionBroken } from './pool.js';

/** Statement texts come from code (a handful per hot path), so this stays small; the cap is a backstop. */
const MAX_NAMES = 500;
const names = new Map<string, string>();

/** A stable name per statement text: the same text always gets the same name on every connection. */
export function statementName(text: string): string {
  const known = names.get(text);
  if (known) return known;
  const name = `ddat_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  if (names.size < MAX_NAMES) names.set(text, name);
  return name;
}

/**
 * Runs `text` as a named prepared statement (node-postgres's `{ name, text, values }`): each pooled
 * connection parses and plans it once, then only binds and executes. For the hot, fixed-shape reads
 * that every request makes (the token's user, a point read); everything else goes through TypeORM.
 * Uses the open transaction's connection when `manager` has one (`@Transactional`), a pooled
 * connection otherwise (a QueryRunner's). Database errors are the driver's own, which the problem
 * filter maps like TypeORM's (503 for a lost database, and so on).
 */
export async function queryPrepared<R extends pg.QueryResultRow>(
  manager: EntityManager,
  text: string,
  values: unknown[],
): Promise<R[]> {
  const query: pg.QueryConfig = { name: statementName(text), text, values };
  const runner = manager.queryRunner;
  if (runner && !runner.isReleased) {
    const client = (await runner.connect()) as pg.PoolClient;
    return (await client.query<R>(query)).rows;
  }
  const connection = await driverConnection(manager.connection);
  try {
    const rows = (await connection.client.query<R>(query)).rows;
    await connection.release();
    return rows;
  } catch (err) {
    await connection.release(leavesConnectionBroken(err));
    throw err;
  }
}
