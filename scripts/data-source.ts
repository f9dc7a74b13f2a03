import { AUTH_ENTITIES } from '@capability/auth';
import { dataSourceOptions, PLATFORM_ENTITIES, type AppConfig } from '@capability/platform';
import 'reflect-metadata';
import { DataSource } from 'typeorm';

/** Every entity of every lib: the schema the migrations must produce. */
export const ALL_ENTITIES = [...PLATFORM_ENTITIES, ...AUTH_ENTITIES];

export function createDataSource(
  config: AppConfig,
  url: string,
  applicationName = 'ddat-capability-tools',
): DataSource {
  return new DataSource({ ...dataSourceOptions(config, url, ALL_ENTITIES, { applicationName }), logging: ['error'] });
}
