import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One stored version of the capability framework. Everything else in this lib belongs to exactly one
 * version; review cycles pin the version current when they open, so old results stay comparable.
 */
@Entity({ name: 'framework_versions' })
@Index('uq_framework_versions_number', ['number'], { unique: true })
@Index('uq_framework_versions_current', ['isCurrent'], { unique: true, where: 'is_current' })
@Index('uq_framework_versions_content_hash', ['contentHash'], { unique: true })
@Check('ck_framework_versions_number_positive', 'number > 0')
export class FrameworkVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_framework_versions' })
  id: string;

  /** 1, 2, 3 … in the order versions were stored. */
  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Where the content came from (the shipped CDDO data, or an admin's upload). */
  @Column({ type: 'varchar', length: 500 })
  source: string;

  @Column({ type: 'boolean', default: false })
  isCurrent: boolean;

  /** SHA-256 of the canonical JSON: storing the same framework twice is a no-op. */
  @Column({ type: 'char', length: 64 })
  contentHash: string;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
