import {
  SKILL_LEVEL_SLUGS,
  type RequiredSkill,
  type Role,
  type RoleDetails,
  type RoleFamilies,
  type RoleFamilyWithRoles,
  type RoleSummary,
  type Skill,
  type SkillDetails,
  type SkillLevelSlug,
  type SkillUse,
} from '@capability/framework';
import { PageQuery } from '@capability/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { FrameworkVersionRefResponse } from './framework-version.dto.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class VersionQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'A framework version; the current one when absent' })
  @IsOptional()
  @IsUUID()
  versionId?: string;
}

export class ListSkillsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'A framework version; the current one when absent' })
  @IsOptional()
  @IsUUID()
  versionId?: string;

  @ApiPropertyOptional({ description: 'Name contains (case-insensitive)', maxLength: 200, example: 'data' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    description:
      'Role family slug: skills that some role level of the family requires (or a Senior Civil Service role of it lists)',
    example: 'data',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'family must be a role family slug such as "data"' })
  family?: string;
}

export class RoleSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'data-scientist' }) slug: string;
  @ApiProperty({ example: 'Data scientist' }) name: string;
  @ApiProperty({ description: 'A chief role: skills but no levels' }) seniorCivilService: boolean;
  @ApiProperty({ example: 5 }) levelCount: number;

  static from(role: RoleSummary): RoleSummaryResponse {
    return Object.assign(new RoleSummaryResponse(), {
      id: role.id,
      slug: role.slug,
      name: role.name,
      seniorCivilService: role.seniorCivilService,
      levelCount: role.levelCount,
    });
  }
}

export class RoleFamilyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'data' }) slug: string;
  @ApiProperty({ example: 'Data' }) name: string;
  @ApiProperty({ type: [RoleSummaryResponse] }) roles: RoleSummaryResponse[];

  static from(family: RoleFamilyWithRoles): RoleFamilyResponse {
    return Object.assign(new RoleFamilyResponse(), {
      id: family.id,
      slug: family.slug,
      name: family.name,
      roles: family.roles.map((r) => RoleSummaryResponse.from(r)),
    });
  }
}

export class RoleFamiliesResponse {
  @ApiProperty({ type: FrameworkVersionRefResponse, description: 'The version these come from' })
  frameworkVersion: FrameworkVersionRefResponse;
  @ApiProperty({ type: [RoleFamilyResponse], description: 'In published order' }) items: RoleFamilyResponse[];

  static from({ version, families }: RoleFamilies): RoleFamiliesResponse {
    return Object.assign(new RoleFamiliesResponse(), {
      frameworkVersion: FrameworkVersionRefResponse.from(version),
      items: families.map((f) => RoleFamilyResponse.from(f)),
    });
  }
}

export class SkillLevelRefResponse {
  @ApiProperty({ minimum: 1, maximum: 4, example: 3 }) level: number;
  @ApiProperty({ enum: SKILL_LEVEL_SLUGS, example: 'practitioner' }) slug: SkillLevelSlug;
  @ApiProperty({ example: 'Practitioner' }) name: string;
}

export class RequiredSkillResponse {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ example: 'data-modelling' }) slug: string;
  @ApiProperty({ example: 'Data modelling' }) name: string;
  @ApiProperty({ type: SkillLevelRefResponse }) requiredLevel: SkillLevelRefResponse;
  @ApiProperty({ type: String, nullable: true, description: 'What someone at the required level can do' })
  levelText: string | null;

  static from(q: RequiredSkill): RequiredSkillResponse {
    return Object.assign(new RequiredSkillResponse(), {
      skillId: q.skillId,
      slug: q.slug,
      name: q.name,
      requiredLevel: Object.assign(new SkillLevelRefResponse(), {
        level: q.requiredLevel,
        slug: q.requiredLevelSlug,
        name: q.requiredLevelName,
      }),
      levelText: q.levelText,
    });
  }
}

export class RoleLevelResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'senior-data-scientist' }) slug: string;
  @ApiProperty({ example: 'Senior data scientist' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: 2, description: '1 = most junior within the role' }) order: number;
  @ApiProperty({ type: [RequiredSkillResponse], description: 'Each skill once, in published order' })
  skills: RequiredSkillResponse[];
}

export class SkillSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'data-modelling' }) slug: string;
  @ApiProperty({ example: 'Data modelling' }) name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;

  static from(skill: Skill): SkillSummaryResponse {
    return Object.assign(new SkillSummaryResponse(), {
      id: skill.id,
      slug: skill.slug,
      name: skill.name,
      description: skill.description,
    });
  }
}

export class RoleFamilyRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'data' }) slug: string;
  @ApiProperty({ example: 'Data' }) name: string;
}

export class RoleResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty({ example: 'data-scientist' }) slug: string;
  @ApiProperty({ example: 'Data scientist' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'A chief role: skills but no levels' }) seniorCivilService: boolean;
  @ApiProperty({ type: RoleFamilyRefResponse }) family: RoleFamilyRefResponse;
  @ApiProperty({ type: [RoleLevelResponse], description: 'Junior first; empty for Senior Civil Service roles' })
  levels: RoleLevelResponse[];
  @ApiProperty({
    type: [SkillSummaryResponse],
    description: 'Senior Civil Service roles: their skills (no required level); empty for other roles',
  })
  skills: SkillSummaryResponse[];

  static from({ role, family, levels, skills }: RoleDetails): RoleResponse {
    return Object.assign(new RoleResponse(), {
      id: role.id,
      versionId: role.versionId,
      slug: role.slug,
      name: role.name,
      description: role.description,
      seniorCivilService: role.seniorCivilService,
      family: Object.assign(new RoleFamilyRefResponse(), { id: family.id, slug: family.slug, name: family.name }),
      levels: levels.map(({ level, skills: required }) =>
        Object.assign(new RoleLevelResponse(), {
          id: level.id,
          slug: level.slug,
          name: level.name,
          description: level.description,
          order: level.position,
          skills: required.map((q) => RequiredSkillResponse.from(q)),
        }),
      ),
      skills: skills.map((s) => SkillSummaryResponse.from(s)),
    });
  }
}

export class SkillLevelTextResponse extends SkillLevelRefResponse {
  @ApiProperty({ description: 'What the level means in general' }) summary: string;
  @ApiProperty({ type: String, nullable: true, description: 'What someone at this level of the skill can do' })
  text: string | null;
}

export class SkillUseResponse {
  @ApiProperty({ format: 'uuid' }) roleLevelId: string;
  @ApiProperty({ example: 'senior-data-scientist' }) roleLevelSlug: string;
  @ApiProperty({ example: 'Senior data scientist' }) roleLevelName: string;
  @ApiProperty({ example: 2 }) roleLevelOrder: number;
  @ApiProperty({ format: 'uuid' }) roleId: string;
  @ApiProperty({ example: 'data-scientist' }) roleSlug: string;
  @ApiProperty({ example: 'Data scientist' }) roleName: string;
  @ApiProperty({ example: 'data' }) roleFamilySlug: string;
  @ApiProperty({ example: 'Data' }) roleFamilyName: string;
  @ApiProperty({ type: SkillLevelRefResponse }) requiredLevel: SkillLevelRefResponse;

  static from(use: SkillUse): SkillUseResponse {
    return Object.assign(new SkillUseResponse(), {
      roleLevelId: use.id,
      roleLevelSlug: use.slug,
      roleLevelName: use.name,
      roleLevelOrder: use.order,
      roleId: use.roleId,
      roleSlug: use.roleSlug,
      roleName: use.roleName,
      roleFamilySlug: use.roleFamilySlug,
      roleFamilyName: use.roleFamilyName,
      requiredLevel: Object.assign(new SkillLevelRefResponse(), {
        level: use.requiredLevel,
        slug: use.requiredLevelSlug,
        name: use.requiredLevelName,
      }),
    });
  }
}

export class RoleRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'chief-data-officer' }) slug: string;
  @ApiProperty({ example: 'Chief data officer' }) name: string;

  static from(role: Role): RoleRefResponse {
    return Object.assign(new RoleRefResponse(), { id: role.id, slug: role.slug, name: role.name });
  }
}

export class SkillResponse extends SkillSummaryResponse {
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty({ type: [SkillLevelTextResponse], description: 'The four levels, awareness first' })
  levels: SkillLevelTextResponse[];
  @ApiProperty({ type: [SkillUseResponse], description: 'Role levels that require the skill, and at which level' })
  requiredBy: SkillUseResponse[];
  @ApiProperty({ type: [RoleRefResponse], description: 'Senior Civil Service roles that list the skill' })
  seniorCivilServiceRoles: RoleRefResponse[];

  static fromDetails({ skill, levels, requiredBy, seniorCivilServiceRoles }: SkillDetails): SkillResponse {
    const texts: Record<SkillLevelSlug, string | null> = {
      awareness: skill.awarenessText,
      working: skill.workingText,
      practitioner: skill.practitionerText,
      expert: skill.expertText,
    };
    return Object.assign(new SkillResponse(), SkillSummaryResponse.from(skill), {
      versionId: skill.versionId,
      levels: levels.map((l) =>
        Object.assign(new SkillLevelTextResponse(), {
          level: l.level,
          slug: l.slug,
          name: l.name,
          summary: l.summary,
          text: texts[l.slug as SkillLevelSlug] ?? null,
        }),
      ),
      requiredBy: requiredBy.map((u) => SkillUseResponse.from(u)),
      seniorCivilServiceRoles: seniorCivilServiceRoles.map((r) => RoleRefResponse.from(r)),
    });
  }
}
