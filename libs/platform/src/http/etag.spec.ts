import { describe, expect, it } from 'vitest';
import { PreconditionFailedError } from '../errors/domain-error.js';
import { etagFor, parseIfMatch } from './etag.js';

describe('etagFor', () => {
  it('is a strong, quoted version', () => {
    expect(etagFor(3)).toBe('"3"');
  });
});

describe('parseIfMatch', () => {
  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ['  "42"  ', 42],
    ['"1"', 1],
    [etagFor(123456789012), 123456789012],
  ])('reads %j as version %i', (header, version) => {
    expect(parseIfMatch(header, 'user')).toBe(version);
  });

  it.each([undefined, '', '   '])('returns undefined when the header is absent (%j)', (header) => {
    expect(parseIfMatch(header, 'user')).toBeUndefined();
  });

  it.each(['3', '"abc"', '"3', '3"', '*', '"3", "4"', 'W/3', '"-1"', '"1.5"', '"1234567890123"', "'3'", '"3"x'])(
    'refuses %j with 412 precondition-failed',
    (header) => {
      try {
        parseIfMatch(header, 'user');
        expect.unreachable(`accepted ${header}`);
      } catch (err) {
        expect(err).toBeInstanceOf(PreconditionFailedError);
        expect((err as PreconditionFailedError).status).toBe(412);
        expect((err as PreconditionFailedError).code).toBe('precondition-failed');
        expect((err as PreconditionFailedError).detail).toContain('user');
      }
    },
  );
});
