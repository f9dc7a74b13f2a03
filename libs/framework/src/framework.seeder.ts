import { Seeder, type SeederHandler } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { FrameworkVersionsService } from './framework-versions.service.js';

/** Every table that holds framework content: test resets keep them, as every start seeds them. */
export const FRAMEWORK_TABLES = [
  'framework_versions',
  'role_families',
  'roles',
  'role_levels',
  'skills',
  'skill_levels',
  'skill_requirements',
  'role_skills',
];

/**
 * The shipped CDDO framework (`libs/framework/data/ddat-framework.json`): stored once as a version
 * (version 1 on a new database, made current when no version is current), and a no-op when the same
 * content is already stored, so it is safe at every start.
 */
@Injectable()
@Seeder({ name: 'ddat-framework', order: 10, referenceTables: FRAMEWORK_TABLES })
export class FrameworkSeeder implements SeederHandler {
  constructor(private readonly versions: FrameworkVersionsService) {}

  async seed(): Promise<void> {
    await this.versions.importShipped();
  }
}
