import type { ObjectLiteral, Repository } from 'typeorm';

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
