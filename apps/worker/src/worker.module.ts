import { AuthModule } from '@capability/auth';
import { InsightsModule } from '@capability/insights';
import { LearningModule } from '@capability/learning';
import { PlatformModule, type PlatformOptions } from '@capability/platform';
import { RecruitmentModule } from '@capability/recruitment';
import { ReviewsModule } from '@capability/reviews';
import { Module, type DynamicModule } from '@nestjs/common';

/**
 * The background worker: the same libs as the API, no HTTP. Jobs are providers marked `@Job` in
 * their own lib; pg-boss (on the application's PostgreSQL) runs them and their schedules.
 */
@Module({})
export class WorkerModule {
  static forRoot(options: Pick<PlatformOptions, 'config' | 'databaseUrl'>): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot({ ...options, applicationName: 'ddat-capability-worker' }),
        AuthModule,
        ReviewsModule,
        LearningModule,
        RecruitmentModule,
        InsightsModule,
      ],
    };
  }
}
