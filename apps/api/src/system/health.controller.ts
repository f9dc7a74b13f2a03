import { Public } from '@capability/auth';
import { AppConfig, connectionOptions, DATABASE_URL } from '@capability/platform';
import { Controller, Get, Inject, type OnModuleDestroy } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, type SchemaObject } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ApiProblems } from '../common/api-responses.js';

/** Readiness answers within this long, whatever the database does. */
const READY_TIMEOUT_MS = 1000;

const CHECKS: SchemaObject = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    additionalProperties: true,
  },
};
const READY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['ok'] }, info: CHECKS, error: CHECKS, details: CHECKS },
};

@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  /**
   * Readiness's own connection, outside the request pool (so DATABASE_POOL_MAX + 2 sessions per API
   * process at most, with the notification listener's): a pool full of slow requests is busy, not down, and the probe must not queue
   * behind it and fail. One connection, opened on first use and kept; a failed one is dropped.
   */
  private readonly probe: pg.Pool;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    config: AppConfig,
    @Inject(DATABASE_URL) databaseUrl: string,
    dataSource: DataSource,
  ) {
    const applicationName = (dataSource.options as { applicationName?: string }).applicationName;
    this.probe = new pg.Pool({
      ...connectionOptions(config, databaseUrl, { applicationName }),
      max: 1,
      connectionTimeoutMillis: READY_TIMEOUT_MS,
      idleTimeoutMillis: 60_000,
      statement_timeout: READY_TIMEOUT_MS,
    });
    // An idle probe connection that dies (database restarted) is dropped; the next probe opens another.
    this.probe.on('error', () => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.probe.end();
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers (does not touch the database)' })
  @ApiOkResponse({
    description: 'The process is alive',
    schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  // Terminus would document its own 503 body; this service answers 503 as a problem (with `checks`).
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: the database answers within a second; 503 when it does not' })
  @ApiOkResponse({ description: 'Every check is up', schema: READY_SCHEMA })
  @ApiProblems(503)
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.pingDatabase()]);
  }

  private async pingDatabase(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('database');
    const started = performance.now();
    let client: pg.PoolClient | undefined;
    try {
      client = await this.probe.connect();
      const left = Math.max(1, Math.round(READY_TIMEOUT_MS - (performance.now() - started)));
      // A client-side bound too (what is left of the second; pg reads query_timeout per query, @types/pg omits it).
      await client.query({ text: 'SELECT 1', query_timeout: left } as pg.QueryConfig);
      client.release();
      return indicator.up();
    } catch (err) {
      client?.release(err instanceof Error ? err : true);
      // Logged by Terminus; the public 503 shows only the status (ProblemDetailsFilter).
      return indicator.down({ message: err instanceof Error ? err.message : 'The database did not answer' });
    }
  }
}
