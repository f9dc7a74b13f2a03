import { FrameworkModule } from '@capability/framework';
import { Module } from '@nestjs/common';

/** HTTP for the capability framework and the reference data. */
@Module({
  imports: [FrameworkModule],
  controllers: [],
})
export class FrameworkApiModule {}
