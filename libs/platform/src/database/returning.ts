import type { ObjectLiteral, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';

/** An entity from a `RETURNING *` row (column names → property names). */
export function entityFromRaw<T extends ObjectLiteral>(repo: Repository<T>, raw: Record<string, unknown>): T {
  const entity = repo.create();
  for (const column of repo.metadata.columns) {
    const value = raw[column.databaseName];
    if (value !== undefined) (entity as Record<string, unknown>)[column.propertyName] = value;
  }
  return entity;
}

/** The first row of an UPDATE … RETURNING *, as an entity; null when nothing matched. */
export function firstReturned<T extends ObjectLiteral>(repo: Repository<T>, raw: unknown): T | null {
  const row = (raw as Record<string, unknown>[])[0];
  return row ? entityFromRaw(repo, row) : null;
}

/**
 * The optimistic update behind `If-Match`: `UPDATE … SET …, version = version + 1 WHERE id = $1
 * AND version = $2 RETURNING *`. TypeORM's @VersionColumn does not guard save(); this does.
 * Returns the new row, or null when the id or the version did not match.
 */
export async function updateIfVersion<T extends ObjectLiteral & { id: string; version: number }>(
  repo: Repository<T>,
  id: string,
  version: number,
  patch: QueryDeepPartialEntity<T>,
): Promise<T | null> {
  const result = await repo
    .createQueryBuilder()
    .update()
    .set({ ...patch, version: () => 'version + 1' })
    .where('id = :id AND version = :version', { id, version })
    .returning('*')
    .execute();
  return firstReturned(repo, result.raw);
}
