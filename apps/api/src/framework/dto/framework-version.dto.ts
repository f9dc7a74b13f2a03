import {
  SKILL_LEVEL_SLUGS,
  type FrameworkCounts,
  type FrameworkVersion,
  type FrameworkVersionDiff,
  type FrameworkVersionSummary,
  type SkillLevelSlug,
} from '@capability/framework';
import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class DiffQuery {
  @ApiProperty({ format: 'uuid', description: 'The version to compare with: the diff says what changes from it' })
  @IsUUID()
  against: string;
}

export class FrameworkCountsResponse {
  @ApiProperty({ example: 8 }) roleFamilies: number;
  @ApiProperty({ example: 52 }) roles: number;
  @ApiProperty({ example: 201 }) roleLevels: number;
  @ApiProperty({ example: 188 }) skills: number;
  @ApiProperty({ example: 1797, description: 'One per published entry, repeats within a level included' })
  skillRequirements: number;
}

export class FrameworkVersionRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 1 }) number: number;
  @ApiProperty() name: string;
  @ApiProperty() isCurrent: boolean;

  static from(version: FrameworkVersion): FrameworkVersionRefResponse {
    return Object.assign(new FrameworkVersionRefResponse(), {
      id: version.id,
      number: version.number,
      name: version.name,
      isCurrent: version.isCurrent,
    });
  }
}

export class FrameworkVersionResponse extends FrameworkVersionRefResponse {
  @ApiProperty({ description: 'Where the content came from' }) source: string;
  @ApiProperty({ description: 'SHA-256 of the canonical content: the same framework is never stored twice' })
  contentHash: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for the shipped framework' })
  createdByUserId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: FrameworkCountsResponse }) counts: FrameworkCountsResponse;

  static fromSummary({ version, counts }: FrameworkVersionSummary): FrameworkVersionResponse {
    return Object.assign(new FrameworkVersionResponse(), FrameworkVersionRefResponse.from(version), {
      source: version.source,
      contentHash: version.contentHash,
      createdByUserId: version.createdByUserId,
      createdAt: version.createdAt.toISOString(),
      counts: Object.assign(new FrameworkCountsResponse(), counts satisfies FrameworkCounts),
    });
  }
}

class DiffItem {
  @ApiProperty({ example: 'data-scientist' }) slug: string;
  @ApiProperty({ example: 'Data scientist' }) name: string;
}

class DiffRoleItem extends DiffItem {
  @ApiProperty({ example: 'data', description: 'Role family slug' }) family: string;
}

class DiffRoleLevelItem extends DiffItem {
  @ApiProperty({ example: 'data-scientist', description: 'Role slug' }) role: string;
}

class DiffChangedItem extends DiffItem {
  @ApiProperty({ type: [String], example: ['description'], description: 'Which fields differ' })
  fields: string[];
}

class DiffSection {
  @ApiProperty({ type: [DiffItem] }) added: DiffItem[];
  @ApiProperty({ type: [DiffItem] }) removed: DiffItem[];
  @ApiProperty({ type: [DiffChangedItem] }) changed: DiffChangedItem[];
}

class DiffRoleSection {
  @ApiProperty({ type: [DiffRoleItem] }) added: DiffRoleItem[];
  @ApiProperty({ type: [DiffRoleItem] }) removed: DiffRoleItem[];
  @ApiProperty({
    type: [DiffChangedItem],
    description: 'fields: name, description, family, seniorCivilService',
  })
  changed: DiffChangedItem[];
}

class DiffRoleLevelSection {
  @ApiProperty({ type: [DiffRoleLevelItem] }) added: DiffRoleLevelItem[];
  @ApiProperty({ type: [DiffRoleLevelItem] }) removed: DiffRoleLevelItem[];
  @ApiProperty({ type: [DiffChangedItem], description: 'fields: name, description, role, order' })
  changed: DiffChangedItem[];
}

class DiffSkillLevelSection {
  @ApiProperty({ type: [DiffChangedItem], description: 'fields: name, summary' }) changed: DiffChangedItem[];
}

class DiffRequirement {
  @ApiProperty({ example: 'senior-data-scientist', description: 'Role level slug' }) roleLevel: string;
  @ApiProperty({ example: 'data-modelling', description: 'Skill slug' }) skill: string;
  @ApiProperty({ enum: SKILL_LEVEL_SLUGS }) level: SkillLevelSlug;
}

class DiffRequirementChange {
  @ApiProperty({ example: 'senior-data-scientist', description: 'Role level slug' }) roleLevel: string;
  @ApiProperty({ example: 'data-modelling', description: 'Skill slug' }) skill: string;
  @ApiProperty({ enum: SKILL_LEVEL_SLUGS }) from: SkillLevelSlug;
  @ApiProperty({ enum: SKILL_LEVEL_SLUGS }) to: SkillLevelSlug;
}

class DiffRequirementSection {
  @ApiProperty({ type: [DiffRequirement] }) added: DiffRequirement[];
  @ApiProperty({ type: [DiffRequirement] }) removed: DiffRequirement[];
  @ApiProperty({ type: [DiffRequirementChange], description: 'The required level changed' })
  changed: DiffRequirementChange[];
}

class DiffRoleSkill {
  @ApiProperty({ example: 'chief-data-officer' }) role: string;
  @ApiProperty({ example: 'data-governance' }) skill: string;
}

class DiffRoleSkillSection {
  @ApiProperty({ type: [DiffRoleSkill] }) added: DiffRoleSkill[];
  @ApiProperty({ type: [DiffRoleSkill] }) removed: DiffRoleSkill[];
}

/**
 * What changes going from version `from` to version `to`, matched by slug (a changed slug reads as
 * removed plus added). Lists are sorted by slug; requirements by role level, then skill.
 */
export class FrameworkDiffResponse {
  @ApiProperty({ type: FrameworkVersionRefResponse, description: 'The version compared with (?against=)' })
  from: FrameworkVersionRefResponse;
  @ApiProperty({ type: FrameworkVersionRefResponse, description: 'The version asked about (:id)' })
  to: FrameworkVersionRefResponse;
  @ApiProperty({ type: DiffSection, description: 'changed fields: name' }) roleFamilies: DiffSection;
  @ApiProperty({ type: DiffRoleSection }) roles: DiffRoleSection;
  @ApiProperty({ type: DiffRoleLevelSection }) roleLevels: DiffRoleLevelSection;
  @ApiProperty({
    type: DiffSection,
    description: 'changed fields: name, description, awarenessText, workingText, practitionerText, expertText',
  })
  skills: DiffSection;
  @ApiProperty({ type: DiffSkillLevelSection }) skillLevels: DiffSkillLevelSection;
  @ApiProperty({
    type: DiffRequirementSection,
    description: '(role level, skill) pairs: added, removed, or required at another level',
  })
  requirements: DiffRequirementSection;
  @ApiProperty({ type: DiffRoleSkillSection, description: 'Skills of Senior Civil Service roles (no levels)' })
  roleSkills: DiffRoleSkillSection;

  static from({ version, against, diff }: FrameworkVersionDiff): FrameworkDiffResponse {
    return Object.assign(new FrameworkDiffResponse(), {
      from: FrameworkVersionRefResponse.from(against),
      to: FrameworkVersionRefResponse.from(version),
      ...diff,
    });
  }
}
