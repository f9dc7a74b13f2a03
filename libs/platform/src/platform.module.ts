import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { AuditEvent } from './audit/audit-event.entity.js';
import { AuditEventsRepository } from './audit/audit-events.repository.js';
import { AuditService } from './audit/audit.service.js';
import { AppConfig, configModule } from './config/app-config.js';
import { REQUEST_CONTEXT } from './context/request-context.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { DATABASE_URL } from './database/database.tokens.js';
import { DatabaseNotifications } from './database/notifications.js';
import { RememberingReflector } from './http/remembering-reflector.js';
import { IdempotencyKey } from './idempotency/idempotency-key.entity.js';
import { IdempotencyKeysRepository } from './idempotency/idempotency-keys.repository.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { JobsService } from './jobs/jobs.service.js';
import { PurgeExpiredIdempotencyKeysJob } from './jobs/purge-expired-idempotency-keys.job.js';
import { loggerParams } from './logging/logging.js';
import { MetricsService } from './metrics/metrics.service.js';
import { NotificationOutbox } from './notifications/notification-outbox.js';
import { NotifyGateway } from './notifications/notify-gateway.js';
import { OutboxDeliveriesRepository } from './notifications/outbox-deliveries.repository.js';
import { OutboxMessage } from './notifications/outbox-message.entity.js';
import { PurgeNotificationOutboxJob } from './notifications/purge-notification-outbox.job.js';
import { SendNotificationsJob } from './notifications/send-notifications.job.js';
import { SeedersService } from './seeding/seeders.service.js';

export const PLATFORM_ENTITIES = [AuditEvent, IdempotencyKey, OutboxMessage];

export interface PlatformOptions {
  config: AppConfig;
  /** The resolved database URL (external, or the embedded server started before Nest). */
  databaseUrl: string;
  /** `application_name` on the pool's sessions. */
  applicationName?: string;
}

/** Config, logging, database, transactions, audit, idempotency, jobs, notifications, metrics: what every app needs. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot({ config, databaseUrl, applicationName }: PlatformOptions): DynamicModule {
    const dbLogger = new Logger('Database');
    const configuration = configModule(config);
    return {
      module: PlatformModule,
      imports: [
        configuration.module,
        LoggerModule.forRoot(loggerParams(config)),
        DiscoveryModule,
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config, databaseUrl, [], { applicationName, logger: dbLogger }),
          autoLoadEntities: true,
          migrationsRun: config.db.runMigrations,
          retryAttempts: 2,
          retryDelay: 1000,
        }),
        TypeOrmModule.forFeature(PLATFORM_ENTITIES),
        ClsModule.forRoot({
          global: true,
          middleware: REQUEST_CONTEXT,
          plugins: [
            new ClsPluginTransactional({
              imports: [TypeOrmModule],
              adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
            }),
          ],
        }),
      ],
      providers: [
        configuration.provider,
        { provide: DATABASE_URL, useValue: databaseUrl },
        AuditEventsRepository,
        AuditService,
        DatabaseNotifications,
        RememberingReflector,
        IdempotencyKeysRepository,
        IdempotencyInterceptor,
        JobsService,
        PurgeExpiredIdempotencyKeysJob,
        MetricsService,
        NotificationOutbox,
        NotifyGateway,
        OutboxDeliveriesRepository,
        SendNotificationsJob,
        PurgeNotificationOutboxJob,
        SeedersService,
      ],
      exports: [
        AppConfig,
        DATABASE_URL,
        AuditService,
        DatabaseNotifications,
        RememberingReflector,
        // Each module's @Idempotent() routes get an IdempotencyInterceptor of their own, built from these.
        IdempotencyKeysRepository,
        IdempotencyInterceptor,
        JobsService,
        MetricsService,
        NotificationOutbox,
        SeedersService,
        TypeOrmModule,
      ],
    };
  }
}
