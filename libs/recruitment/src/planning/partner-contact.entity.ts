import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Partner } from './partner.entity.js';

/** Someone to talk to at a partner (account manager, careers service), in the order the partner's record lists them. */
@Entity({ name: 'partner_contacts' })
@Index('uq_partner_contacts_partner_position', ['partnerId', 'position'], { unique: true })
@Check('ck_partner_contacts_name_length', 'char_length(name) BETWEEN 1 AND 200')
@Check('ck_partner_contacts_email_lowercase', 'email IS NULL OR email = lower(email)')
export class PartnerContact {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_partner_contacts' })
  id: string;

  @Column({ type: 'uuid' })
  partnerId: string;

  @ManyToOne(() => Partner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_partner_contacts_partner_id' })
  partner?: Relation<Partner>;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Their job, e.g. "Account manager". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  jobTitle: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;
}
