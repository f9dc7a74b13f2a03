import { Public } from '@capability/auth';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
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
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly dataSource: DataSource,
  ) {}

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
    // On the app's own pool: a replica whose pool is exhausted (or whose database is gone) cannot serve
    // and says so, rather than answering "ready" from a connection no request can use.
    return this.health.check([
      () => this.database.pingCheck('database', { connection: this.dataSource, timeout: READY_TIMEOUT_MS }),
    ]);
  }
}
