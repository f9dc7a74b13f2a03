import type { MapLevel } from '@capability/learning';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SLUG } from '../../workforce/role-assignments.dto.js';

const UUID_OR_SLUG = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9]+(?:-[a-z0-9]+)*)$/i;

export class LearningMapQuery {
  @ApiPropertyOptional({ example: 'data', description: 'Role-family slug (give this, role, or both)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamily must be a slug such as "data"' })
  roleFamily?: string;

  @ApiPropertyOptional({ example: 'data-engineer', description: 'Role id or slug' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(UUID_OR_SLUG, { message: 'role must be a role id or slug' })
  role?: string;
}

export class MapItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty() format: string;
  @ApiProperty({ description: 'The level it takes a learner to in this skill (at least the required level)' })
  level: number;
}

export class MapHoleResponse {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ minimum: 1, maximum: 4 }) requiredLevel: number;
}

export class MapSkillResponse extends MapHoleResponse {
  @ApiProperty({ type: [MapItemResponse], description: 'Active items taking a learner to at least the required level' })
  items: MapItemResponse[];
}

export class MapRoleLevelResponse {
  @ApiProperty() familySlug: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ format: 'uuid' }) roleId: string;
  @ApiProperty() roleSlug: string;
  @ApiProperty() roleName: string;
  @ApiProperty({ format: 'uuid' }) roleLevelId: string;
  @ApiProperty() roleLevelSlug: string;
  @ApiProperty() roleLevelName: string;
  @ApiProperty() position: number;
  @ApiProperty({ type: [MapSkillResponse], description: 'Each required skill, once, at its required level' })
  skills: MapSkillResponse[];
  @ApiProperty({ type: [MapHoleResponse], description: 'Required skills no active item meets: the holes in the map' })
  holes: MapHoleResponse[];
}

export class LearningMapResponse {
  @ApiProperty({ type: [MapRoleLevelResponse], description: 'By family, role, then level (junior first)' })
  levels: MapRoleLevelResponse[];

  static from(levels: MapLevel[]): LearningMapResponse {
    return Object.assign(new LearningMapResponse(), {
      levels: levels.map((l) => ({
        familySlug: l.familySlug,
        familyName: l.familyName,
        roleId: l.roleId,
        roleSlug: l.roleSlug,
        roleName: l.roleName,
        roleLevelId: l.roleLevelId,
        roleLevelSlug: l.roleLevelSlug,
        roleLevelName: l.roleLevelName,
        position: l.position,
        skills: l.skills.map((s) => ({
          slug: s.slug,
          name: s.name,
          requiredLevel: s.requiredLevel,
          items: s.items.map((i) => ({ id: i.id, code: i.code, title: i.title, format: i.format, level: i.level })),
        })),
        holes: l.holes.map((h) => ({ slug: h.slug, name: h.name, requiredLevel: h.requiredLevel })),
      })),
    });
  }
}
