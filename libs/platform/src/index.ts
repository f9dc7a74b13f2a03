export { AuditEvent } from './audit/audit-event.entity.js';
export { type AuditFilter } from './audit/audit-events.repository.js';
export { AuditService, changedFields, type AuditEntry } from './audit/audit.service.js';
export { AppConfig, loadAppConfig } from './config/app-config.js';
export {
  EnvironmentVariables,
  InvalidEnvironmentError,
  VARIABLES,
  validateEnvironment,
  type VariableInfo,
} from './config/environment.js';
export { projectRoot } from './config/project-root.js';
export { SCOPES, hasScope, scopesFor, type Actor, type Scope } from './context/actor.js';
export {
  APPLICATION_NAME,
  connectionOptions,
  dataSourceOptions,
  migrationsGlob,
} from './database/data-source-options.js';
export { DATABASE_URL } from './database/database.tokens.js';
export { EmbeddedPostgres, type RunningDatabase } from './database/embedded-postgres.js';
export {
  DatabaseNotifications,
  NOTIFICATIONS_HEARTBEAT,
  type NotificationHandler,
  type NotificationsHeartbeat,
} from './database/notifications.js';
export { openDatabase } from './database/open-database.js';
export { driverConnection, type DriverConnection } from './database/pool.js';
export { queryPrepared, statementName } from './database/prepared.js';
export { entityFromRaw, firstReturned, updateIfVersion } from './database/returning.js';
export { SnakeNamingStrategy, snakeCase } from './database/snake-naming.strategy.js';
export { TransactionHost, Transactional, TransactionalAdapterTypeOrm } from './database/transaction.js';
export { registerConstraintMessages, translateDatabaseError } from './errors/database-errors.js';
export {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnprocessableError,
  ValidationFailedError,
  type DomainErrorStatus,
} from './errors/domain-error.js';
export { ProblemDetailsFilter, type ProblemPages } from './errors/problem.filter.js';
export {
  GENERIC_PROBLEMS,
  PROBLEM_CONTENT_TYPE,
  genericProblem,
  problemType,
  type ProblemDetails,
} from './errors/problem.js';
export { etagHook, withoutNotModifiedBody } from './http/etag.hook.js';
export {
  ContentETag,
  IfMatch,
  JoinedRepresentation,
  contentETagFor,
  etagFor,
  ifNoneMatchMatches,
  parseIfMatch,
} from './http/etag.js';
export {
  MAX_PAGE_SIZE,
  PageMeta,
  PageQuery,
  decodeCursor,
  encodeCursor,
  mapPage,
  pageFrom,
  paginate,
  type KeysetKey,
  type Page,
} from './http/pagination.js';
export { RememberingReflector } from './http/remembering-reflector.js';
export { createValidationPipe } from './http/validation.js';
export { IdempotencyKey } from './idempotency/idempotency-key.entity.js';
export { IdempotencyInterceptor, Idempotent } from './idempotency/idempotency.interceptor.js';
export { Job, type JobHandler, type JobOptions } from './jobs/job.decorator.js';
export { JobsService } from './jobs/jobs.service.js';
export { REDACT_PATHS, logRequest } from './logging/logging.js';
export { MetricsService } from './metrics/metrics.service.js';
export {
  NotificationOutbox,
  OUTBOX_QUERY_COLUMNS,
  type NotificationMessage,
} from './notifications/notification-outbox.js';
export { OUTBOX_STATES, OutboxMessage, type OutboxState } from './notifications/outbox-message.entity.js';
export { PLATFORM_ENTITIES, PlatformModule, type PlatformOptions } from './platform.module.js';
export { Seeder, type SeederHandler, type SeederOptions } from './seeding/seeder.decorator.js';
export { SeedersService } from './seeding/seeders.service.js';
