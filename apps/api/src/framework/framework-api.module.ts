import { FrameworkModule } from '@capability/framework';
import { Module } from '@nestjs/common';
import { FrameworkVersionsController } from './framework-versions.controller.js';
import { FrameworkController } from './framework.controller.js';
import { ReferenceController } from './reference.controller.js';

/** HTTP for the capability framework and the reference data. */
@Module({
  imports: [FrameworkModule],
  controllers: [FrameworkVersionsController, FrameworkController, ReferenceController],
})
export class FrameworkApiModule {}
