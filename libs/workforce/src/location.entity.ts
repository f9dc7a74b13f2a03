import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** A place staff work from; some are the department's regional digital hubs. */
@Entity({ name: 'locations' })
@Index('uq_locations_code', ['code'], { unique: true })
@Index('uq_locations_name', ['name'], { unique: true })
export class Location {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_locations' })
  id: string;

  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** e.g. North West, Scotland. */
  @Column({ type: 'varchar', length: 100 })
  region: string;

  /** One of the department's regional digital hubs. */
  @Column({ type: 'boolean', default: false })
  isRegionalHub: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
