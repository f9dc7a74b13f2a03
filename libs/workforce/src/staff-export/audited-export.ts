import type { Logger } from '@nestjs/common';
import { AsyncResource } from 'node:async_hooks';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import type { ExportStream } from './staff-export.repository.js';

/**
 * The export's bytes, ending only once `record` (the audit entry, counts only) has run for the finished export.
 * It runs in the request's context (for its request id). A shutdown lets responses in flight finish before it
 * closes the pool, so the record is not lost to it. A reader that goes away destroys the returned stream, and
 * the pipeline the COPY stream (whose connection is then destroyed).
 */
export function auditedExport(
  { stream, done }: ExportStream,
  record: (result: { rows: number; complete: boolean }) => Promise<unknown>,
  logger: Logger,
  what: string,
): Readable {
  const audited = done
    .then(AsyncResource.bind((result: { rows: number; complete: boolean }) => record(result)))
    .catch((err: Error) => logger.error(`Could not audit ${what}: ${err.message}`));
  const file = new PassThrough({ flush: (finish) => void audited.then(() => finish()) });
  pipeline(stream, file, () => undefined);
  return file;
}
