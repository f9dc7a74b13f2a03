import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { FrameworkVersion } from './framework-version.entity.js';

/** awareness (1) < working (2) < practitioner (3) < expert (4), as a version defines them. */
@Entity({ name: 'skill_levels' })
@Index('uq_skill_levels_version_level', ['versionId', 'level'], { unique: true })
@Index('uq_skill_levels_version_slug', ['versionId', 'slug'], { unique: true })
@Check('ck_skill_levels_level_range', 'level BETWEEN 1 AND 4')
export class SkillLevel {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_skill_levels' })
  id: string;

  @Column({ type: 'uuid' })
  versionId: string;

  @ManyToOne(() => FrameworkVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_skill_levels_version_id' })
  version?: Relation<FrameworkVersion>;

  @Column({ type: 'smallint' })
  level: number;

  /** awareness | working | practitioner | expert */
  @Column({ type: 'varchar', length: 30 })
  slug: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'text' })
  summary: string;
}
