import { PageQuery } from '@capability/platform';
import { UNIT_TYPES, type OrganisationUnit, type OrganisationUnitDetail, type UnitType } from '@capability/workforce';
import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CODE } from './locations.dto.js';

export class CreateOrganisationUnitDto {
  @ApiProperty({
    example: 'DDT-PLATFORMS',
    maxLength: 50,
    pattern: CODE.source,
    description: "The HR system's code; unique",
  })
  @IsString()
  @MaxLength(50)
  @Matches(CODE, { message: 'code must be letters, digits, dots, dashes or underscores' })
  code: string;

  @ApiProperty({ example: 'Platforms', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    enum: UNIT_TYPES,
    description: 'department (a root) → agency (under a department) or directorate → team (not under a team)',
  })
  @IsIn(UNIT_TYPES)
  type: UnitType;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Omit or null for a department' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

/** Rename, recode, or move under another parent (with the whole subtree). The type does not change. */
export class UpdateOrganisationUnitDto extends PartialType(
  PickType(CreateOrganisationUnitDto, ['code', 'name'] as const),
  { skipNullProperties: false },
) {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The new parent; not the unit itself or anything under it',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

export class ListOrganisationUnitsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the direct children of this unit' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ enum: UNIT_TYPES })
  @IsOptional()
  @IsIn(UNIT_TYPES)
  type?: UnitType;
}

export class OrganisationUnitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: UNIT_TYPES }) type: UnitType;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Ids from the root down to this unit, this unit last',
  })
  path: string[];
  @ApiProperty({ description: '1 for a root' }) depth: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Send as If-Match (the ETag) to change this unit' }) version: number;

  static from(unit: OrganisationUnit): OrganisationUnitResponse {
    return Object.assign(new OrganisationUnitResponse(), OrganisationUnitResponse.fields(unit));
  }

  protected static fields(unit: OrganisationUnit): OrganisationUnitResponse {
    return {
      id: unit.id,
      code: unit.code,
      name: unit.name,
      type: unit.type,
      parentId: unit.parentId,
      path: unit.path,
      depth: unit.path.length,
      createdAt: unit.createdAt.toISOString(),
      updatedAt: unit.updatedAt.toISOString(),
      version: unit.version,
    };
  }
}

export class ChildUnitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: UNIT_TYPES }) type: UnitType;
  @ApiProperty({ description: 'Staff in post in this child and everything under it' }) staffCount: number;
}

export class OrganisationUnitDetailResponse extends OrganisationUnitResponse {
  @ApiProperty({ type: [ChildUnitResponse], description: 'Direct children, by name' })
  children: ChildUnitResponse[];
  @ApiProperty({ description: 'Staff in post (leavers excluded) in this unit and its whole subtree' })
  staffCount: number;
  @ApiProperty({ description: 'Staff in post in this unit itself' }) directStaffCount: number;
  @ApiProperty({ description: 'Units under this one, at any depth' }) descendantUnitCount: number;

  static fromDetail(detail: OrganisationUnitDetail): OrganisationUnitDetailResponse {
    return Object.assign(new OrganisationUnitDetailResponse(), OrganisationUnitResponse.fields(detail.unit), {
      children: detail.children.map(({ unit, staffCount }) =>
        Object.assign(new ChildUnitResponse(), {
          id: unit.id,
          code: unit.code,
          name: unit.name,
          type: unit.type,
          staffCount,
        }),
      ),
      staffCount: detail.staffCount,
      directStaffCount: detail.directStaffCount,
      descendantUnitCount: detail.descendantUnitCount,
    });
  }
}
