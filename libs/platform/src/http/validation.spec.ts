import { BadRequestException, ParseUUIDPipe, type ArgumentMetadata } from '@nestjs/common';
import { IsOptional, IsUUID } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { ValidationFailedError } from '../errors/domain-error.js';
import { createValidationPipe } from './validation.js';

class WithId {
  @IsOptional()
  @IsUUID()
  id?: string;
}

const pipe = createValidationPipe();
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });

async function refusal(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
  return pipe.transform(value, metadata).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('createValidationPipe', () => {
  it('transforms a valid body to its DTO class', async () => {
    const id = '0b9d5b8e-2c3f-4a8e-9d2f-6b1c2d3e4f50';
    const result: unknown = await pipe.transform({ id }, body(WithId));
    expect(result).toBeInstanceOf(WithId);
    expect(result).toEqual({ id });
  });

  it('refuses unknown fields and wrong values with validation-failed naming each field', async () => {
    const error = await refusal({ id: 'nope', isAdmin: true }, body(WithId));
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).extensions.errors).toEqual(
      expect.arrayContaining([
        { field: 'id', message: 'id must be a UUID' },
        { field: 'isAdmin', message: 'isAdmin is not a known field' },
      ]),
    );
  });

  it('leaves custom decorators (the actor) alone: neither stripped nor validated', async () => {
    const actor = { userId: 'u', roles: ['admin'], extra: { anything: true } };
    const result: unknown = await pipe.transform(actor, { type: 'custom', metatype: WithId });
    expect(result).toBe(actor);
    expect(result).toEqual({ userId: 'u', roles: ['admin'], extra: { anything: true } });
  });

  it('leaves a body without a DTO class (a stream, a schema-validated document) as it came', async () => {
    const document = { anything: ['goes'] };
    expect(await pipe.transform(document, body(Object))).toBe(document);
  });
});

/**
 * One UUID rule: a path id goes through ParseUUIDPipe (its default, 'all') and a DTO field through
 * class-validator's @IsUUID() (default 'all'); both must take and refuse the same strings.
 */
describe('the one UUID rule', () => {
  const parseUuid = new ParseUUIDPipe();
  const param: ArgumentMetadata = { type: 'param', data: 'id', metatype: String };

  it.each([
    ['v1', 'c232ab00-9414-11ec-b3c8-9e6bdeced846', true],
    ['v4', '0b9d5b8e-2c3f-4a8e-9d2f-6b1c2d3e4f50', true],
    ['v4 upper case', '0B9D5B8E-2C3F-4A8E-9D2F-6B1C2D3E4F50', true],
    ['v7', '017f22e2-79b0-7cc3-98c4-dc0c0c07398f', true],
    ['v8', '0b9d5b8e-2c3f-8a8e-9d2f-6b1c2d3e4f50', true],
    ['nil', '00000000-0000-0000-0000-000000000000', true],
    ['max', 'ffffffff-ffff-ffff-ffff-ffffffffffff', true],
    ['version 0', '00000000-0000-0000-0000-000000000001', false],
    ['version 9', '0b9d5b8e-2c3f-9a8e-9d2f-6b1c2d3e4f50', false],
    ['wrong variant', '0b9d5b8e-2c3f-4a8e-cd2f-6b1c2d3e4f50', false],
    ['braces', '{0b9d5b8e-2c3f-4a8e-9d2f-6b1c2d3e4f50}', false],
    ['no hyphens', '0b9d5b8e2c3f4a8e9d2f6b1c2d3e4f50', false],
    ['SQL', "1' OR '1'='1", false],
    ['empty', '', false],
  ])('%s: %s → %s in a path and in a body', async (_name, value, accepted) => {
    const inPath = await parseUuid.transform(value, param).then(
      () => true,
      (error: unknown) => {
        expect(error).toBeInstanceOf(BadRequestException);
        expect((error as BadRequestException).message).toBe('Validation failed (uuid is expected)');
        return false;
      },
    );
    const inBody = (await refusal({ id: value }, body(WithId))) === undefined;
    expect(inPath).toBe(accepted);
    expect(inBody).toBe(accepted);
  });
});
