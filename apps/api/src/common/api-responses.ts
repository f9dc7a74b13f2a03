import { PageMeta, PROBLEM_CONTENT_TYPE } from '@capability/platform';
import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
  type SchemaObject,
} from '@nestjs/swagger';

export class FieldError {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
}

/** One problem in a submitted framework, located by its path in the document. */
export class PathError {
  @ApiProperty({ example: 'role_families[2].roles[4].levels[1].skills[3].skill_id' }) path: string;
  @ApiProperty({ example: 'no skill "telepathy" in skills[]' }) message: string;
}

/** An open review cycle that already holds people of the scope a cycle would open for. */
export class CycleOverlapProblem {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ example: 'Annual Skills Review 2025' }) cycleName: string;
  @ApiProperty({ example: 12, description: 'People in both' }) staffCount: number;
}

export class CheckStatus {
  @ApiProperty({ example: 'down' }) status: string;
}

/** RFC 9457 problem details, as every error is answered, with the extension members this service uses. */
export class Problem {
  @ApiProperty({ example: 'urn:ddat-capability:problem:validation-failed' }) type: string;
  @ApiProperty({ example: 'Validation failed' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'The request is not valid' }) detail: string;
  @ApiPropertyOptional({ example: '/api/v1/users' }) instance?: string;
  @ApiPropertyOptional({ example: '0f8fad5b-d9cb-469f-a165-70867728950e' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldError], description: 'validation-failed: each field that is wrong, and why' })
  errors?: FieldError[];
  @ApiPropertyOptional({ example: 'uq_users_email', description: 'conflict: the rule the change would break' })
  constraint?: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'field-not-writable, vacancy-fields-locked: the fields you may not change',
  })
  fields?: string[];
  @ApiPropertyOptional({ format: 'uuid', description: 'framework-version-exists: the version with this content' })
  existingVersionId?: string;
  @ApiPropertyOptional({ example: 1, description: 'framework-version-exists: its number' })
  existingVersionNumber?: number;
  @ApiPropertyOptional({
    example: 'draft',
    description:
      'illegal-cycle-move, illegal-review-move, illegal-campaign-move, illegal-vacancy-move, campaign-not-open: ' +
      'the current state',
  })
  state?: string;
  @ApiPropertyOptional({
    type: [String],
    example: ['edit', 'open'],
    description:
      'illegal-cycle-move, illegal-review-move, illegal-campaign-move, illegal-vacancy-move: the moves allowed ' +
      'from the current state; illegal-application-move: the stages the application may move to',
  })
  allowed?: string[];
  @ApiPropertyOptional({ format: 'uuid', description: 'duplicate-candidate: the candidate with this email' })
  existingCandidateId?: string;
  @ApiPropertyOptional({ example: '/api/v1/candidates/0f8fad5b-d9cb-469f-a165-70867728950e' })
  existingCandidate?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "duplicate-application: the candidate's application" })
  existingApplicationId?: string;
  @ApiPropertyOptional({ example: '/api/v1/applications/0f8fad5b-d9cb-469f-a165-70867728950e' })
  existingApplication?: string;
  @ApiPropertyOptional({
    example: 'sift',
    description:
      'illegal-application-move, application-not-at-stage, disability-confident-too-late: the stage the ' +
      'application is at',
  })
  stage?: string;
  @ApiPropertyOptional({ example: 'offer', description: 'illegal-application-move: the stage asked for' })
  to?: string;
  @ApiPropertyOptional({ example: 4, description: "disability-confident-interview-guaranteed: the vacancy's minimum" })
  minSiftScore?: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 4.5,
    description: "disability-confident-interview-guaranteed: the applicant's sift score (null: none yet)",
  })
  siftScore?: number | null;
  @ApiPropertyOptional({ example: 'closed', description: 'vacancy-not-taking-applications: the vacancy state' })
  vacancyState?: string;
  @ApiPropertyOptional({ example: 3, description: 'assessment-stage-in-use: applications at the assessment stage' })
  waiting?: number;
  @ApiPropertyOptional({
    type: [CycleOverlapProblem],
    description: 'overlapping-review-cycles: the open cycles that already hold people of this scope',
  })
  overlaps?: CycleOverlapProblem[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(CheckStatus) },
    description: 'service-unavailable from readiness: the status of each check (never its message)',
  })
  checks?: Record<string, CheckStatus>;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed or invalid input',
  401: 'No valid access token',
  403: 'Signed in, but not allowed to do this',
  404: 'No such resource, or one you may not know exists',
  409: 'Conflicts with the current state, or a duplicate',
  412: 'The resource changed since you read it (stale If-Match)',
  413: 'The body is too large',
  414: 'A path parameter is longer than any valid value',
  415: 'Unsupported content type',
  422: 'Well-formed but breaks a rule',
  428: 'If-Match is required for this change',
  431: 'The request line and headers are too large',
  429: 'Too many requests; see Retry-After',
  503: 'The service or its database is not available; see Retry-After',
};

/** Documents the problem responses a route can give; 400, 429, 431 and 503 apply to every route. */
export function ApiProblems(...statuses: number[]): MethodDecorator {
  const all = [...new Set([400, 429, 431, 503, ...statuses])].sort();
  return applyDecorators(
    ApiExtraModels(Problem, FieldError, CheckStatus, CycleOverlapProblem),
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

/** The problem responses of a route that reads a JSON body: too large (413) or not JSON (415), besides `statuses`. */
export function ApiBodyProblems(...statuses: number[]): MethodDecorator {
  return ApiProblems(413, 415, ...statuses);
}

/**
 * A problem response whose body adds `extra` properties to the Problem schema (or replaces one of
 * its properties, such as `errors`).
 */
export function ApiProblemWith(
  status: number,
  description: string,
  extra: Record<string, SchemaObject>,
): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(Problem, FieldError),
    ApiResponse({
      status,
      description,
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: { allOf: [{ $ref: getSchemaPath(Problem) }, { type: 'object', properties: extra }] },
        },
      },
    }),
  );
}

/** A GET whose ETag `If-None-Match` can name: 304 with no body. */
export function ApiNotModified(): MethodDecorator {
  return ApiResponse({ status: 304, description: 'Not modified: If-None-Match names the current ETag; no body' });
}
