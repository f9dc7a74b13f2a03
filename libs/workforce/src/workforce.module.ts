import { FrameworkModule } from '@capability/framework';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Grade } from './grade.entity.js';
import { Location } from './location.entity.js';
import { OrganisationUnit } from './organisation-unit.entity.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { Staff } from './staff.entity.js';

export const WORKFORCE_ENTITIES = [OrganisationUnit, Location, Grade, Staff, RoleAssignment];

/** Organisation units, locations, grades, staff and their effective-dated role assignments. */
@Module({
  imports: [TypeOrmModule.forFeature(WORKFORCE_ENTITIES), FrameworkModule],
  providers: [],
  exports: [],
})
export class WorkforceModule {}
