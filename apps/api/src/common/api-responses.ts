import { PageMeta, PROBLEM_CONTENT_TYPE } from '@capability/platform';
import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldError {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
}

/** RFC 9457 problem details, as every error is answered. */
export class Problem {
  @ApiProperty({ example: 'urn:ddat-capability:problem:validation-failed' }) type: string;
  @ApiProperty({ example: 'Validation failed' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'The request is not valid' }) detail: string;
  @ApiPropertyOptional({ example: '/api/v1/users' }) instance?: string;
  @ApiPropertyOptional({ example: '0f8fad5b-d9cb-469f-a165-70867728950e' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldError] }) errors?: FieldError[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed or invalid input',
  401: 'No valid access token',
  403: 'Signed in, but not allowed to do this',
  404: 'No such resource, or one you may not know exists',
  409: 'Conflicts with the current state, or a duplicate',
  412: 'The resource changed since you read it (stale If-Match)',
  413: 'The body is too large',
  415: 'Unsupported content type',
  422: 'Well-formed but breaks a rule',
  428: 'If-Match is required for this change',
  429: 'Too many requests; see Retry-After',
  503: 'The service or its database is not available; see Retry-After',
};

/** Documents the problem responses a route can give; 400, 429 and 503 apply to every route. */
export function ApiProblems(...statuses: number[]): MethodDecorator {
  const all = [...new Set([400, 429, 503, ...statuses])].sort();
  return applyDecorators(
    ApiExtraModels(Problem, FieldError),
    ...all.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } },
      }),
    ),
  );
}

/** A keyset page of `item`: `{ items: [...], nextCursor }`. */
export function ApiPage(item: Type<unknown>, description = 'A page of results'): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(PageMeta, item),
    ApiResponse({
      status: 200,
      description,
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageMeta) },
          {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } },
          },
        ],
      },
    }),
  );
}
