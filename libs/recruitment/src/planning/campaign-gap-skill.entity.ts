import { Skill } from '@capability/framework';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Campaign } from './campaign.entity.js';

/**
 * A skill whose gap a campaign addresses, by slug (stable across framework versions, as the gaps name skills), with
 * the current version's skill at save time.
 */
@Entity({ name: 'campaign_gap_skills' })
@Index('uq_campaign_gap_skills_campaign_skill_slug', ['campaignId', 'skillSlug'], { unique: true })
@Index('ix_campaign_gap_skills_skill_id', ['skillId'])
export class CampaignGapSkill {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_campaign_gap_skills' })
  id: string;

  @Column({ type: 'uuid' })
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'fk_campaign_gap_skills_campaign_id' })
  campaign?: Relation<Campaign>;

  @Column({ type: 'varchar', length: 120 })
  skillSlug: string;

  @Column({ type: 'uuid' })
  skillId: string;

  @ManyToOne(() => Skill, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_campaign_gap_skills_skill_id' })
  skill?: Relation<Skill>;
}
