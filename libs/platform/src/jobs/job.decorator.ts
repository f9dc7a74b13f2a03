import { SetMetadata } from '@nestjs/common';

export interface JobOptions {
  /** Queue name, kebab-case: `purge-expired-tokens`. */
  name: string;
  /** Cron schedule (UTC) for recurring jobs. */
  cron?: string;
}

export const JOB_METADATA = Symbol('job');

/** A class whose `run()` the worker executes. Register it as a provider in its lib's module. */
export const Job = (options: JobOptions): ClassDecorator => SetMetadata(JOB_METADATA, options);

export interface JobHandler {
  run(data: Record<string, unknown>): Promise<void>;
}
