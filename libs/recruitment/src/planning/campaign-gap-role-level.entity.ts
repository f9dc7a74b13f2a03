import { RoleLevel } from '@capability/framework';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Campaign } from './campaign.entity.js';

/**
 * A role level whose gap a campaign addresses (a role level of the framework version current when it was saved;
 * its family makes the campaign visible to that family's heads of profession).
 */
@Entity({ name: 'campaign_gap_role_levels' })
@Index('uq_campaign_gap_role_levels_campaign_role_level', ['campaignId', 'roleLevelId'], { unique: true })
@Index('ix_campaign_gap_role_levels_role_level_id', ['roleLevelId'])
export class CampaignGapRoleLevel {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_campaign_gap_role_levels' })
  id: string;

  @Column({ type: 'uuid' })
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'fk_campaign_gap_role_levels_campaign_id' })
  campaign?: Relation<Campaign>;

  @Column({ type: 'uuid' })
  roleLevelId: string;

  @ManyToOne(() => RoleLevel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'role_level_id', foreignKeyConstraintName: 'fk_campaign_gap_role_levels_role_level_id' })
  roleLevel?: Relation<RoleLevel>;
}
