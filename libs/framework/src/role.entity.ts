import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { FrameworkVersion } from './framework-version.entity.js';
import { RoleFamily } from './role-family.entity.js';

@Entity({ name: 'roles' })
@Index('uq_roles_version_slug', ['versionId', 'slug'], { unique: true })
@Index('uq_roles_family_name', ['roleFamilyId', 'name'], { unique: true })
@Index('ix_roles_role_family_id', ['roleFamilyId'])
@Check('ck_roles_slug_format', "slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'")
@Check('ck_roles_position_positive', 'position > 0')
export class Role {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_roles' })
  id: string;

  @Column({ type: 'uuid' })
  versionId: string;

  @ManyToOne(() => FrameworkVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_roles_version_id' })
  version?: Relation<FrameworkVersion>;

  @Column({ type: 'uuid' })
  roleFamilyId: string;

  @ManyToOne(() => RoleFamily, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_family_id', foreignKeyConstraintName: 'fk_roles_role_family_id' })
  roleFamily?: Relation<RoleFamily>;

  @Column({ type: 'varchar', length: 100 })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text' })
  description: string;

  /** The four chief roles: skills, but no levels and no required levels. */
  @Column({ type: 'boolean', default: false })
  seniorCivilService: boolean;

  @Column({ type: 'smallint' })
  position: number;
}
