import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { FrameworkVersion } from './framework-version.entity.js';

@Entity({ name: 'role_families' })
@Index('uq_role_families_version_slug', ['versionId', 'slug'], { unique: true })
@Index('uq_role_families_version_name', ['versionId', 'name'], { unique: true })
@Check('ck_role_families_slug_format', "slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'")
@Check('ck_role_families_position_positive', 'position > 0')
export class RoleFamily {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_role_families' })
  id: string;

  @Column({ type: 'uuid' })
  versionId: string;

  @ManyToOne(() => FrameworkVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_role_families_version_id' })
  version?: Relation<FrameworkVersion>;

  /** Stable key within a version, e.g. `data`. */
  @Column({ type: 'varchar', length: 100 })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'smallint' })
  position: number;
}
