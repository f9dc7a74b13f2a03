import { WorkforceModule } from '@capability/workforce';
import { Module } from '@nestjs/common';

/** HTTP for organisation units, locations, staff, role assignments, and the HR-system import/export. */
@Module({
  imports: [WorkforceModule],
  controllers: [],
})
export class WorkforceApiModule {}
