import { AuthModule, JwtAuthGuard, PermissionsGuard, SessionAuthGuard } from '@capability/auth';
import { createValidationPipe, PlatformModule, type PlatformOptions } from '@capability/platform';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { WebModule } from '../../web/src/web.module.js';
import { AuditController } from './audit/audit.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { FixedWindowRateLimitStorage } from './common/rate-limit-storage.js';
import { DemoModule } from './demo/demo.module.js';
import { FrameworkApiModule } from './framework/framework-api.module.js';
import { InsightsApiModule } from './insights/insights-api.module.js';
import { LearningApiModule } from './learning/learning-api.module.js';
import { RecruitmentApiModule } from './recruitment/recruitment-api.module.js';
import { ReviewsApiModule } from './reviews/reviews-api.module.js';
import { HealthController } from './system/health.controller.js';
import { JwksController } from './system/jwks.controller.js';
import { MetricsController } from './system/metrics.controller.js';
import { MeController } from './users/me.controller.js';
import { UsersController } from './users/users.controller.js';
import { WorkforceApiModule } from './workforce/workforce-api.module.js';

@Module({})
export class ApiModule {
  static forRoot(options: Pick<PlatformOptions, 'config' | 'databaseUrl'>): DynamicModule {
    const { http } = options.config;
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot({ ...options, applicationName: 'ddat-capability-api' }),
        AuthModule,
        FrameworkApiModule,
        WorkforceApiModule,
        ReviewsApiModule,
        LearningApiModule,
        RecruitmentApiModule,
        InsightsApiModule,
        // The demo personas' sign-ins; their seeder runs only with SEED_DEMO on the embedded database.
        DemoModule,
        // The web pages, served at / by the same process (apps/web).
        WebModule,
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        // A per-replica brake on request rates (each process counts its own). Failed sign-ins, which
        // protect accounts, are counted in PostgreSQL by @capability/auth's LoginLimits instead.
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: http.rateLimitPerMinute }],
          storage: new FixedWindowRateLimitStorage(),
        }),
      ],
      controllers: [
        AuthController,
        MeController,
        UsersController,
        AuditController,
        HealthController,
        MetricsController,
        JwksController,
      ],
      providers: [
        // Order matters: rate limit first, then who you are, then what you may do. Deny by default.
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        { provide: APP_GUARD, useExisting: SessionAuthGuard },
        { provide: APP_GUARD, useExisting: PermissionsGuard },
        // Every @Body() and @Query() DTO is validated and transformed; 400 problem+json naming each field.
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
