import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { ValidationFailedError } from '../errors/domain-error.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, mapPage, MAX_PAGE_SIZE, PageQuery } from './pagination.js';

function invalidFields(query: Record<string, unknown>): string[] {
  const dto = plainToInstance(PageQuery, query, { enableImplicitConversion: false });
  return validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).map((e) => e.property);
}

describe('encodeCursor / decodeCursor', () => {
  it.each([
    [['2026-01-02T03:04:05.678Z', '3f2c6e1a-7f4b-4b8e-9d2a-0c1e5f6a7b8c']],
    [[1, 'b']],
    [[null, true, false, 0, -1.5, 'ünïcødé "quoted" / ,']],
  ])('round-trips %j', (values) => {
    const cursor = encodeCursor(values);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // URL-safe, no padding: fits the PageQuery pattern
    expect(decodeCursor(cursor, values.length)).toEqual(values);
  });

  it('produces a cursor the PageQuery DTO accepts', () => {
    const cursor = encodeCursor(['2026-01-02T03:04:05.678Z', 'id']);
    expect(invalidFields({ cursor })).toEqual([]);
  });

  it.each([
    ['not base64url JSON', 'garbage!!'],
    ['base64url of non-JSON', Buffer.from('hello').toString('base64url')],
    ['an object, not an array', Buffer.from('{"a":1}').toString('base64url')],
    ['the wrong number of keys', encodeCursor(['only-one'])],
    ['too many keys', encodeCursor(['a', 'b', 'c'])],
    ['a nested object', Buffer.from('[{"$gt":""},"x"]').toString('base64url')],
    ['a nested array', Buffer.from('[["a"],"x"]').toString('base64url')],
    ['an empty string', ''],
  ])('rejects %s with a validation-failed error on the cursor field', (_name, cursor) => {
    try {
      decodeCursor(cursor, 2);
      expect.unreachable('decodeCursor accepted a bad cursor');
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationFailedError);
      const e = err as ValidationFailedError;
      expect(e.status).toBe(400);
      expect(e.code).toBe('validation-failed');
      expect(e.extensions.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    }
  });
});

describe('PageQuery', () => {
  it('defaults the limit', () => {
    const dto = plainToInstance(PageQuery, {});
    expect(dto.limit).toBe(DEFAULT_PAGE_SIZE);
    expect(invalidFields({})).toEqual([]);
  });

  it.each(['1', '20', String(MAX_PAGE_SIZE)])('accepts limit=%s from a query string', (limit) => {
    expect(invalidFields({ limit })).toEqual([]);
    expect(plainToInstance(PageQuery, { limit }).limit).toBe(Number(limit));
  });

  it.each(['0', String(MAX_PAGE_SIZE + 1), 'abc', '1.5', '-1', '3abc', '', '1e1', '0x10', ' 5', '5 ', '+5'])(
    'refuses limit=%j',
    (limit) => {
      expect(invalidFields({ limit })).toContain('limit');
    },
  );

  it('refuses a repeated limit (an array)', () => {
    expect(invalidFields({ limit: ['1', '2'] })).toContain('limit');
  });

  it.each(['has space', 'semi;colon', 'x'.repeat(513), 'a+b/c='])('refuses cursor=%j', (cursor) => {
    expect(invalidFields({ cursor })).toContain('cursor');
  });
});

describe('mapPage', () => {
  it('maps items and keeps the cursor', () => {
    expect(mapPage({ items: [1, 2], nextCursor: 'abc' }, (n) => n * 10)).toEqual({
      items: [10, 20],
      nextCursor: 'abc',
    });
    expect(mapPage({ items: [], nextCursor: null }, String)).toEqual({ items: [], nextCursor: null });
  });
});
