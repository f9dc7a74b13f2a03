import { PageQuery } from '@capability/platform';
import type { RoleAssignment } from '@capability/workforce';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateRoleAssignmentDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The role level; give this or roleLevelSlug' })
  @IsOptional()
  @IsUUID()
  roleLevelId?: string;

  @ApiPropertyOptional({
    example: 'senior-data-scientist',
    description: 'The role level by slug, in the current framework version; give this or roleLevelId',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleLevelSlug must be a slug such as "senior-data-scientist"' })
  roleLevelSlug?: string;

  @ApiPropertyOptional({ default: true, description: 'A primary assignment closes the open primary one' })
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;

  @ApiPropertyOptional({ format: 'date', example: '2026-04-01', description: 'Default today' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'startsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startsOn?: string;
}

export class ListRoleAssignmentsQuery extends PageQuery {}

export class RoleLevelRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'senior-data-scientist' }) slug: string;
  @ApiProperty({ example: 'Senior data scientist' }) name: string;
}

export class RoleRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'data-scientist' }) slug: string;
  @ApiProperty({ example: 'Data scientist' }) name: string;
}

export class RoleFamilyRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'data' }) slug: string;
  @ApiProperty({ example: 'Data' }) name: string;
}

/** Role level, role and family of an assignment whose relations were loaded. */
export function roleRefs(assignment: RoleAssignment): {
  roleLevel: RoleLevelRef;
  role: RoleRef;
  family: RoleFamilyRef;
} {
  const level = assignment.roleLevel;
  const role = level?.role;
  const family = role?.roleFamily;
  if (!level || !role || !family) throw new Error('Role assignment read without its role level, role and family');
  return {
    roleLevel: { id: level.id, slug: level.slug, name: level.name },
    role: { id: role.id, slug: role.slug, name: role.name },
    family: { id: family.id, slug: family.slug, name: family.name },
  };
}

export class RoleAssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty({ type: RoleLevelRef }) roleLevel: RoleLevelRef;
  @ApiProperty({ type: RoleRef }) role: RoleRef;
  @ApiProperty({ type: RoleFamilyRef }) family: RoleFamilyRef;
  @ApiProperty() isPrimary: boolean;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Exclusive; null while open' })
  endsOn: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(assignment: RoleAssignment): RoleAssignmentResponse {
    return Object.assign(new RoleAssignmentResponse(), {
      id: assignment.id,
      staffId: assignment.staffId,
      ...roleRefs(assignment),
      isPrimary: assignment.isPrimary,
      startsOn: assignment.startsOn,
      endsOn: assignment.endsOn,
      createdAt: assignment.createdAt.toISOString(),
    });
  }
}
