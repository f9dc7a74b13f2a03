import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import PgBoss from 'pg-boss';
import { AppConfig } from '../config/app-config.js';
import { DATABASE_URL } from '../database/database.tokens.js';
import { JOB_METADATA, type JobHandler, type JobOptions } from './job.decorator.js';

interface RegisteredJob {
  options: JobOptions;
  handler: JobHandler;
}

/**
 * pg-boss on the application's own PostgreSQL (schema `pgboss`). Every process can queue jobs; only
 * a worker (the worker app, or the API on the embedded default) runs them and their schedules.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private boss?: PgBoss;
  private jobs: RegisteredJob[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  get runsJobs(): boolean {
    return this.config.worker.enabled;
  }

  registered(): JobOptions[] {
    return this.jobs.map((j) => j.options);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.jobs = this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && Reflect.getMetadata(JOB_METADATA, w.metatype))
      .map((w) => ({
        options: Reflect.getMetadata(JOB_METADATA, w.metatype as object) as JobOptions,
        handler: w.instance as JobHandler,
      }));
    if (!this.runsJobs) return;
    const boss = new PgBoss({
      connectionString: this.databaseUrl,
      application_name: 'ddat-capability-worker',
      max: 3,
      schema: 'pgboss',
      ssl: this.config.db.ssl ? { rejectUnauthorized: this.config.db.sslRejectUnauthorized } : undefined,
    });
    boss.on('error', (err: Error) => this.logger.warn(`pg-boss: ${err.message}`));
    await boss.start();
    this.boss = boss;
    for (const { options, handler } of this.jobs) {
      await boss.createQueue(options.name);
      if (options.cron) await boss.schedule(options.name, options.cron, {}, { tz: 'UTC' });
      await boss.work<Record<string, unknown>>(options.name, async (batch) => {
        for (const job of batch) await this.execute(options.name, handler, job.data ?? {});
      });
    }
    this.logger.log(`Worker running ${this.jobs.length} job(s): ${this.jobs.map((j) => j.options.name).join(', ')}`);
  }

  /** Runs a job now, in this process (the CLI and tests use this; the worker uses the queue). */
  async runNow(name: string, data: Record<string, unknown> = {}): Promise<void> {
    const job = this.jobs.find((j) => j.options.name === name);
    if (!job) throw new Error(`No job named ${name}`);
    await this.execute(name, job.handler, data);
  }

  private async execute(name: string, handler: JobHandler, data: Record<string, unknown>): Promise<void> {
    const started = Date.now();
    this.logger.log({ job: name }, 'Job started');
    try {
      await handler.run(data);
      this.logger.log({ job: name, ms: Date.now() - started }, 'Job finished');
    } catch (err) {
      this.logger.error(
        { job: name, ms: Date.now() - started, err: { message: (err as Error).message } },
        'Job failed',
      );
      throw err;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.boss = undefined;
  }
}
