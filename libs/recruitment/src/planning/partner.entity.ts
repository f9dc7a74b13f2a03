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

export const PARTNER_KINDS = ['university', 'supplier', 'agency'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/**
 * A recruitment partner: a university (graduate partnerships), a supplier (an overseas graduate programme, interim
 * and contractor supply) or an agency, with its country (ISO 3166-1 alpha-2, so overseas partners show), its contract
 * dates, its agreed service levels (`partner_service_levels`) and its contacts (`partner_contacts`). Never deleted:
 * campaigns keep naming the partners they used; a partner whose contract has ended is simply no longer current.
 */
@Entity({ name: 'partners' })
@Index('uq_partners_name', ['name'], { unique: true })
@Index('ix_partners_created_at_id', ['createdAt', 'id'])
@Check('ck_partners_kind', `kind IN ('university', 'supplier', 'agency')`)
@Check('ck_partners_country', `country ~ '^[A-Z]{2}$'`)
@Check('ck_partners_name_length', 'char_length(name) BETWEEN 1 AND 200')
@Check('ck_partners_contract_period', 'contract_ends_on IS NULL OR contract_ends_on > contract_starts_on')
export class Partner {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_partners' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: PartnerKind;

  /** ISO 3166-1 alpha-2, upper case (GB, IN, PL …). */
  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'date' })
  contractStartsOn: string;

  /** Exclusive: the first day the contract no longer runs; null for an open-ended partnership. */
  @Column({ type: 'date', nullable: true })
  contractEndsOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  /** The ETag: every write is `UPDATE … WHERE id = $1 AND version = $2`. */
  @VersionColumn({ default: 1 })
  version: number;
}
