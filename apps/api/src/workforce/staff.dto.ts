import { PageQuery } from '@capability/platform';
import {
  EMPLOYMENT_TYPES,
  STAFF_STATUSES,
  staffStatus,
  type EmploymentType,
  type Staff,
  type StaffStatus,
} from '@capability/workforce';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CODE } from './locations.dto.js';
import { ISO_DATE, RoleFamilyRef, RoleLevelRef, RoleRef, roleRefs, SLUG } from './role-assignments.dto.js';

const UUID_OR_SLUG = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9]+(?:-[a-z0-9]+)*)$/i;

export class CreateStaffDto {
  @ApiProperty({
    example: '100234',
    maxLength: 30,
    pattern: CODE.source,
    description: "The HR system's staff number; unique",
  })
  @IsString()
  @MaxLength(30)
  @Matches(CODE, { message: 'staffNumber must be letters, digits, dots, dashes or underscores' })
  staffNumber: string;

  @ApiProperty({ example: 'Jo Bloggs', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fullName: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'jo.bloggs@department.example', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  workEmail?: string | null;

  @ApiProperty({ format: 'uuid', description: 'The organisation unit the person works in' })
  @IsUUID()
  unitId: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  locationId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'See GET /reference/grades' })
  @IsOptional()
  @IsUUID()
  gradeId?: string | null;

  @ApiProperty({ enum: EMPLOYMENT_TYPES })
  @IsIn(EMPLOYMENT_TYPES)
  employmentType: EmploymentType;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: "The line manager's staff id" })
  @IsOptional()
  @IsUUID()
  lineManagerId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2024-09-02' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'startDate must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startDate?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'From this date on the person is a leaver',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'leavingDate must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  leavingDate?: string | null;
}

/**
 * Any field of a new record. Staff changing their own record may send only fullName and workEmail
 * (others: 403 field-not-writable); HR and admins any.
 */
export class UpdateStaffDto extends PartialType(CreateStaffDto, { skipNullProperties: false }) {}

export class ListStaffQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff in this unit or anywhere under it' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ example: 'data', description: 'Role-family slug of the current primary role' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamily must be a slug such as "data"' })
  roleFamily?: string;

  @ApiPropertyOptional({ example: 'data-scientist', description: 'Current primary role, by id or slug' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(UUID_OR_SLUG, { message: 'role must be a role id or slug' })
  role?: string;

  @ApiPropertyOptional({ example: 'senior-data-scientist', description: 'Current primary role level, by id or slug' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(UUID_OR_SLUG, { message: 'roleLevel must be a role-level id or slug' })
  roleLevel?: string;

  @ApiPropertyOptional({ example: 'G7', description: 'Grade code' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  @Matches(/^[A-Z0-9]+$/, { message: 'grade must be a grade code such as G7' })
  grade?: string;

  @ApiPropertyOptional({ enum: EMPLOYMENT_TYPES })
  @IsOptional()
  @IsIn(EMPLOYMENT_TYPES)
  employmentType?: EmploymentType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  locationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Direct reports of this person' })
  @IsOptional()
  @IsUUID()
  lineManagerId?: string;

  @ApiPropertyOptional({ enum: STAFF_STATUSES, description: 'leaver: leaving date on or before today' })
  @IsOptional()
  @IsIn(STAFF_STATUSES)
  status?: StaffStatus;

  @ApiPropertyOptional({ description: 'Name or staff number contains (any case)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;
}

export class UnitRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class LocationRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class GradeRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'G7' }) code: string;
  @ApiProperty({ example: 'Grade 7' }) name: string;
}

export class LineManagerRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
}

export class CurrentRoleResponse {
  @ApiProperty({ type: RoleLevelRef }) roleLevel: RoleLevelRef;
  @ApiProperty({ type: RoleRef }) role: RoleRef;
  @ApiProperty({ type: RoleFamilyRef }) family: RoleFamilyRef;
  @ApiProperty({ format: 'date' }) startsOn: string;
}

export class StaffResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() staffNumber: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, nullable: true }) workEmail: string | null;
  @ApiProperty({ type: UnitRef }) unit: UnitRef;
  @ApiProperty({ type: LocationRef, nullable: true }) location: LocationRef | null;
  @ApiProperty({ type: GradeRef, nullable: true }) grade: GradeRef | null;
  @ApiProperty({ enum: EMPLOYMENT_TYPES }) employmentType: EmploymentType;
  @ApiProperty({
    type: LineManagerRef,
    nullable: true,
    description: 'Null when there is none, or when the line manager is outside what you may see',
  })
  lineManager: LineManagerRef | null;
  @ApiProperty({ enum: STAFF_STATUSES }) status: StaffStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true }) startDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) leavingDate: string | null;
  @ApiProperty({ type: CurrentRoleResponse, nullable: true, description: 'The current primary role level' })
  currentRole: CurrentRoleResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Send as If-Match (the ETag) to change this record' }) version: number;

  static from(staff: Staff): StaffResponse {
    const { unit, location, grade, lineManager, currentRole } = staff;
    if (!unit) throw new Error('Staff read without its unit');
    return Object.assign(new StaffResponse(), {
      id: staff.id,
      staffNumber: staff.staffNumber,
      fullName: staff.fullName,
      workEmail: staff.workEmail,
      unit: { id: unit.id, code: unit.code, name: unit.name },
      location: location ? { id: location.id, code: location.code, name: location.name } : null,
      grade: grade ? { id: grade.id, code: grade.code, name: grade.name } : null,
      employmentType: staff.employmentType,
      lineManager: lineManager ? { id: lineManager.id, fullName: lineManager.fullName } : null,
      status: staffStatus(staff),
      startDate: staff.startDate,
      leavingDate: staff.leavingDate,
      currentRole: currentRole ? { ...roleRefs(currentRole), startsOn: currentRole.startsOn } : null,
      createdAt: staff.createdAt.toISOString(),
      updatedAt: staff.updatedAt.toISOString(),
      version: staff.version,
    });
  }
}
