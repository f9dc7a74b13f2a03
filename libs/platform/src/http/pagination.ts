import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationFailedError } from '../errors/domain-error.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Every list takes these; list query DTOs extend it. */
export class PageQuery {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
    description: 'Items per page',
  })
  @IsOptional()
  // Digits only: Number() would also take '1e1', '0x10' and ' 5'; anything else stays a string and fails @IsInt.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page', maxLength: 512 })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a cursor returned by this list' })
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export class PageMeta {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as ?cursor= for the next page; null on the last page',
  })
  nextCursor: string | null;
}

type CursorValue = string | number | boolean | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  const invalid = new ValidationFailedError([{ field: 'cursor', message: 'cursor is not one this list returned' }]);
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (
    !Array.isArray(values) ||
    values.length !== arity ||
    !values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
  ) {
    throw invalid;
  }
  return values as CursorValue[];
}

export interface KeysetKey<T> {
  /** SQL expression in the query, e.g. `user.created_at`. */
  column: string;
  /** Reads the same value from a loaded row, for the next cursor. */
  value: (row: T) => CursorValue | Date;
}

/**
 * Keyset (seek) pagination: page 1,000 costs what page 1 costs. Keys must be unique together
 * (end with the id) and share one direction; back them with an index in that order.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  page: PageQuery,
  keys: KeysetKey<T>[],
  direction: 'ASC' | 'DESC' = 'ASC',
): Promise<Page<T>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  if (page.cursor) {
    const values = decodeCursor(page.cursor, keys.length);
    const params = Object.fromEntries(values.map((v, i) => [`cursor${i}`, v]));
    const columns = keys.map((k) => k.column).join(', ');
    const placeholders = values.map((_, i) => `:cursor${i}`).join(', ');
    qb.andWhere(`(${columns}) ${direction === 'ASC' ? '>' : '<'} (${placeholders})`, params);
  }
  keys.forEach((k, i) => (i === 0 ? qb.orderBy(k.column, direction) : qb.addOrderBy(k.column, direction)));
  const rows = await qb.limit(limit + 1).getMany();
  return pageFrom(rows, limit, (last) =>
    keys.map((k) => {
      const v = k.value(last);
      return v instanceof Date ? v.toISOString() : v;
    }),
  );
}

/**
 * The page of `rows` read with `LIMIT limit + 1`: the first `limit` of them, and, when there was one
 * more, the cursor of the last one kept (`cursorOf`, the keyset values in order). For lists written
 * in SQL of their own; `paginate` does the same for a query builder.
 */
export function pageFrom<T>(rows: T[], limit: number, cursorOf: (last: T) => CursorValue[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

/** Maps the items of a page, keeping its cursor. */
export function mapPage<T, R>(page: Page<T>, map: (item: T) => R): Page<R> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}
