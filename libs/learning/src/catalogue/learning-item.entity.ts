import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const PROVIDER_KINDS = ['civil_service_learning', 'supplier', 'university', 'in_house'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const LEARNING_FORMATS = [
  'course',
  'e_learning',
  'event',
  'certification',
  'shadowing_mentoring',
  'self_directed',
] as const;
export type LearningFormat = (typeof LEARNING_FORMATS)[number];

/** The two digital inclusion packages: "Digital Awareness" and "Digital Skills". */
export const INCLUSION_PACKAGES = ['digital-awareness', 'digital-skills'] as const;
export type InclusionPackage = (typeof INCLUSION_PACKAGES)[number];

/**
 * An item of the learning map: a course, e-learning package, event, certification, shadowing or mentoring,
 * or self-directed learning, with the skills it develops (learning_item_skills). Never deleted once created:
 * retired (active = false) instead, so records of learning keep pointing at it. An event has dates and a
 * location; nothing else does.
 */
@Entity({ name: 'learning_items' })
@Index('uq_learning_items_code', ['code'], { unique: true })
@Index('ix_learning_items_title_id', ['title', 'id'])
@Index('ix_learning_items_created_at_id', ['createdAt', 'id'])
// A GIN trigram index on lower(title || ' ' || description) for the `q` search (LIKE '%…%'); the migration
// owns it, as TypeORM cannot declare an expression index with an operator class.
@Index('ix_learning_items_search_trgm', { synchronize: false })
@Check('ck_learning_items_code_format', "code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'")
@Check(
  'ck_learning_items_provider_kind',
  `provider_kind IN ('civil_service_learning', 'supplier', 'university', 'in_house')`,
)
@Check(
  'ck_learning_items_format',
  `format IN ('course', 'e_learning', 'event', 'certification', 'shadowing_mentoring', 'self_directed')`,
)
@Check('ck_learning_items_hours_range', 'hours IS NULL OR (hours > 0 AND hours <= 10000)')
@Check(
  'ck_learning_items_inclusion_package',
  `inclusion_package IS NULL OR inclusion_package IN ('digital-awareness', 'digital-skills')`,
)
@Check('ck_learning_items_package_counts', 'inclusion_package IS NULL OR counts_towards_inclusion')
@Check(
  'ck_learning_items_event_fields',
  `(format = 'event') = (starts_at IS NOT NULL AND ends_at IS NOT NULL AND location IS NOT NULL)` +
    ` AND (format = 'event' OR (starts_at IS NULL AND ends_at IS NULL AND location IS NULL))`,
)
@Check('ck_learning_items_event_order', 'ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at')
export class LearningItem {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_learning_items' })
  id: string;

  /** The stable key imports match on, e.g. CSL-DATA-101. */
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 30 })
  providerKind: ProviderKind;

  /** The supplier's, university's or team's name ("Civil Service Learning" for that kind). */
  @Column({ type: 'varchar', length: 200 })
  providerName: string;

  @Column({ type: 'varchar', length: 30 })
  format: LearningFormat;

  @Column({ type: 'numeric', precision: 7, scale: 2, nullable: true })
  hours: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'boolean', default: false })
  countsTowardsInclusion: boolean;

  @Column({ type: 'varchar', length: 30, nullable: true })
  inclusionPackage: InclusionPackage | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  startsAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  endsAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  location: string | null;

  /** Demo content, loaded with the demo department. */
  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
