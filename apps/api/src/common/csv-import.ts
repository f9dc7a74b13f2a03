import { PROBLEM_CONTENT_TYPE } from '@capability/platform';
import { CsvBodyRequired } from '@capability/workforce';
import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { Problem } from './api-responses.js';

/** The raw `text/csv` body as the content-type parser streams it (size-capped); 415 for anything else. */
export const CsvBody = createParamDecorator((_: unknown, ctx: ExecutionContext): Readable => {
  const body = ctx.switchToHttp().getRequest<FastifyRequest>().body;
  if (!(body instanceof Readable)) throw new CsvBodyRequired();
  return body;
});

/** 'true' / 'false' only, for query flags; anything else stays a string and fails @IsBoolean. */
export const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ImportRowErrorResponse {
  @ApiProperty({
    example: 2,
    description: 'As a spreadsheet numbers it: the header is row 1, the first data row is row 2',
  })
  row: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'unit_code',
    description: 'Header name; null for the whole row',
  })
  column: string | null;

  @ApiProperty({ example: 'No organisation unit with code "T99999"' })
  message: string;
}

/** The 422 of a CSV import: the file has errors, each `{ row, column, message }`; nothing was written. */
export function ApiImportInvalid(): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ImportRowErrorResponse),
    ApiResponse({
      status: 422,
      description: 'The file has errors; nothing was written',
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: {
            allOf: [
              { $ref: getSchemaPath(Problem) },
              {
                type: 'object',
                properties: {
                  errors: { type: 'array', items: { $ref: getSchemaPath(ImportRowErrorResponse) } },
                  errorCount: { type: 'integer' },
                  errorsTruncated: { type: 'boolean' },
                },
              },
            ],
          },
        },
      },
    }),
  );
}
