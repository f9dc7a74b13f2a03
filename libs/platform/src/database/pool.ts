import type pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The pg pool behind a TypeORM DataSource, for what TypeORM does not offer (COPY streams, named
 * prepared statements, pool gauges); undefined before it connects and after it closes.
 */
export function databasePool(dataSource: DataSource): pg.Pool | undefined {
  return (dataSource.driver as unknown as { master?: pg.Pool }).master;
}
