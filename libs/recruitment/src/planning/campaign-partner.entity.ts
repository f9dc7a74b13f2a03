import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Campaign } from './campaign.entity.js';
import { Partner } from './partner.entity.js';

/** A partner a campaign runs through. */
@Entity({ name: 'campaign_partners' })
@Index('uq_campaign_partners_campaign_partner', ['campaignId', 'partnerId'], { unique: true })
@Index('ix_campaign_partners_partner_id', ['partnerId'])
export class CampaignPartner {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_campaign_partners' })
  id: string;

  @Column({ type: 'uuid' })
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'fk_campaign_partners_campaign_id' })
  campaign?: Relation<Campaign>;

  @Column({ type: 'uuid' })
  partnerId: string;

  @ManyToOne(() => Partner, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_campaign_partners_partner_id' })
  partner?: Relation<Partner>;
}
