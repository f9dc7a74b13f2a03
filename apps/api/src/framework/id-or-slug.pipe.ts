import { ValidationFailedError } from '@capability/platform';
import { Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A path parameter that is a uuid (the one rule: ParseUUIDPipe's and @IsUUID()'s) or a slug
 * (`data-scientist`); anything else is a 400.
 */
@Injectable()
export class ParseIdOrSlugPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (isUUID(value) || (value.length <= 120 && SLUG.test(value))) return value;
    throw new ValidationFailedError([{ field: 'id', message: 'id must be a uuid or a slug such as "data-scientist"' }]);
  }
}
