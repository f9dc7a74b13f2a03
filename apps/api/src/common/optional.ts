import { ValidateIf } from 'class-validator';

/**
 * For an optional field that may not be null (a PATCH of a required value): absent is fine, anything given is
 * validated, null included, so `null` gets a 400 rather than reaching the database. `@IsOptional()` lets null
 * through and is for fields that are nullable.
 */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
