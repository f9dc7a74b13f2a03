import { AUTH_ENTITIES } from '@capability/auth';
import { FRAMEWORK_ENTITIES } from '@capability/framework';
import { INSIGHTS_ENTITIES } from '@capability/insights';
import { LEARNING_ENTITIES } from '@capability/learning';
import { dataSourceOptions, PLATFORM_ENTITIES, type AppConfig } from '@capability/platform';
import { RECRUITMENT_ENTITIES } from '@capability/recruitment';
import { REVIEWS_ENTITIES } from '@capability/reviews';
import { WORKFORCE_ENTITIES } from '@capability/workforce';
import 'reflect-metadata';
import { DataSource } from 'typeorm';

/** Every entity of every lib: the schema the migrations must produce. */
export const ALL_ENTITIES = [
  ...PLATFORM_ENTITIES,
  ...AUTH_ENTITIES,
  ...FRAMEWORK_ENTITIES,
  ...WORKFORCE_ENTITIES,
  ...REVIEWS_ENTITIES,
  ...LEARNING_ENTITIES,
  ...RECRUITMENT_ENTITIES,
  ...INSIGHTS_ENTITIES,
];

export function createDataSource(
  config: AppConfig,
  url: string,
  applicationName = 'ddat-capability-tools',
): DataSource {
  return new DataSource({ ...dataSourceOptions(config, url, ALL_ENTITIES, { applicationName }), logging: ['error'] });
}
