import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationFailedError } from '../errors/domain-error.js';

function flatten(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      // "property x should not exist" reads better without class-validator's wording
      message: message.replace(/^property (\S+) should not exist$/, '$1 is not a known field'),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Nest's own ValidationPipe, registered once as the API's `APP_PIPE`: whitelist, reject unknown fields,
 * transform to DTO classes; no implicit conversion (query numbers and booleans say so with
 * @Type/@Transform). Failures become 400 problem+json with `errors: [{ field, message }]`.
 * Custom parameter decorators (`@CurrentActor()`, `@IfMatch()`, a streamed CSV body) are left alone
 * (`validateCustomDecorators` stays false), and so is a parameter typed as a plain object or primitive.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    // the actor and other createParamDecorator() values are the server's own, never a DTO
    validateCustomDecorators: false,
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
}
