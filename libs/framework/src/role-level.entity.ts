import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { FrameworkVersion } from './framework-version.entity.js';
import { Role } from './role.entity.js';

/** A level within a role, ordered junior (1) to senior. A person holds a role level. */
@Entity({ name: 'role_levels' })
@Index('uq_role_levels_version_slug', ['versionId', 'slug'], { unique: true })
@Index('uq_role_levels_role_position', ['roleId', 'position'], { unique: true })
@Index('uq_role_levels_role_name', ['roleId', 'name'], { unique: true })
@Check('ck_role_levels_slug_format', "slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'")
@Check('ck_role_levels_position_positive', 'position > 0')
export class RoleLevel {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_role_levels' })
  id: string;

  @Column({ type: 'uuid' })
  versionId: string;

  @ManyToOne(() => FrameworkVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_role_levels_version_id' })
  version?: Relation<FrameworkVersion>;

  @Column({ type: 'uuid' })
  roleId: string;

  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_id', foreignKeyConstraintName: 'fk_role_levels_role_id' })
  role?: Relation<Role>;

  @Column({ type: 'varchar', length: 100 })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text' })
  description: string;

  /** 1 = most junior within the role; contiguous. */
  @Column({ type: 'smallint' })
  position: number;
}
