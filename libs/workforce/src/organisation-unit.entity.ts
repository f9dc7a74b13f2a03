import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';

export const UNIT_TYPES = ['department', 'agency', 'directorate', 'team'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/**
 * A node of the organisation tree: department → agency or directorate → team. `path` holds the ids
 * from the root down to this unit, so "this unit and its whole subtree" is `path @> ARRAY[id]` (GIN).
 */
@Entity({ name: 'organisation_units' })
@Index('uq_organisation_units_code', ['code'], { unique: true })
@Index('ix_organisation_units_parent_id', ['parentId'])
@Index('ix_organisation_units_name_id', ['name', 'id'])
// GIN (for path @> ARRAY[id]); TypeORM cannot declare the method, so the migration owns it.
@Index('ix_organisation_units_path', { synchronize: false })
@Check('ck_organisation_units_type', `type IN ('department', 'agency', 'directorate', 'team')`)
@Check('ck_organisation_units_not_own_parent', 'parent_id IS NULL OR parent_id <> id')
@Check('ck_organisation_units_path_ends_with_self', 'path[cardinality(path)] = id')
export class OrganisationUnit {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_organisation_units' })
  id: string;

  /** The HR system's code for the unit, used by imports. */
  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  type: UnitType;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrganisationUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_organisation_units_parent_id' })
  parent?: Relation<OrganisationUnit>;

  /** Ancestor ids, root first, ending with this unit's own id. */
  @Column({ type: 'uuid', array: true })
  path: string[];

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
