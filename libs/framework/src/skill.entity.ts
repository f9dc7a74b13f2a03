import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { FrameworkVersion } from './framework-version.entity.js';

/** A skill, with what a person can do at each skill level (null where the framework has no text). */
@Entity({ name: 'skills' })
@Index('uq_skills_version_slug', ['versionId', 'slug'], { unique: true })
@Index('uq_skills_version_name', ['versionId', 'name'], { unique: true })
@Check('ck_skills_slug_format', "slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'")
export class Skill {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_skills' })
  id: string;

  @Column({ type: 'uuid' })
  versionId: string;

  @ManyToOne(() => FrameworkVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_skills_version_id' })
  version?: Relation<FrameworkVersion>;

  @Column({ type: 'varchar', length: 120 })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  awarenessText: string | null;

  @Column({ type: 'text', nullable: true })
  workingText: string | null;

  @Column({ type: 'text', nullable: true })
  practitionerText: string | null;

  @Column({ type: 'text', nullable: true })
  expertText: string | null;
}
