import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { FrameworkVersion } from './framework-version.entity.js';
import { RoleLevel } from './role-level.entity.js';
import { Skill } from './skill.entity.js';

/**
 * A role level needs a skill at a level (1..4). One row per entry of the framework as published,
 * in its order (`position`); the CDDO data repeats a few entries at the same level, which are kept
 * (so the counts match the source) and shown once.
 */
@Entity({ name: 'skill_requirements' })
@Index('uq_skill_requirements_role_level_position', ['roleLevelId', 'position'], { unique: true })
@Index('ix_skill_requirements_skill_id', ['skillId'])
@Index('ix_skill_requirements_version_id', ['versionId'])
@Check('ck_skill_requirements_required_level_range', 'required_level BETWEEN 1 AND 4')
@Check('ck_skill_requirements_position_positive', 'position > 0')
export class SkillRequirement {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_skill_requirements' })
  id: string;

  @Column({ type: 'uuid' })
  versionId: string;

  @ManyToOne(() => FrameworkVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_skill_requirements_version_id' })
  version?: Relation<FrameworkVersion>;

  @Column({ type: 'uuid' })
  roleLevelId: string;

  @ManyToOne(() => RoleLevel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_level_id', foreignKeyConstraintName: 'fk_skill_requirements_role_level_id' })
  roleLevel?: Relation<RoleLevel>;

  @Column({ type: 'uuid' })
  skillId: string;

  @ManyToOne(() => Skill, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_skill_requirements_skill_id' })
  skill?: Relation<Skill>;

  /** 1 awareness … 4 expert. */
  @Column({ type: 'smallint' })
  requiredLevel: number;

  @Column({ type: 'smallint' })
  position: number;
}
