import { Skill } from '@capability/framework';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { LearningItem } from './learning-item.entity.js';

/**
 * A skill a learning item develops, and the level (1..4) it takes a learner to. Keyed by the skill's slug,
 * which is stable across framework versions; the skill id is the current version's at save time.
 */
@Entity({ name: 'learning_item_skills' })
@Index('ix_learning_item_skills_skill_slug_level', ['skillSlug', 'level'])
@Index('ix_learning_item_skills_skill_id', ['skillId'])
@Check('ck_learning_item_skills_level_range', 'level BETWEEN 1 AND 4')
export class LearningItemSkill {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_learning_item_skills' })
  itemId: string;

  @ManyToOne(() => LearningItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_learning_item_skills_item_id' })
  item?: Relation<LearningItem>;

  @PrimaryColumn({ type: 'varchar', length: 120, primaryKeyConstraintName: 'pk_learning_item_skills' })
  skillSlug: string;

  @Column({ type: 'uuid', nullable: true })
  skillId: string | null;

  @ManyToOne(() => Skill, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_learning_item_skills_skill_id' })
  skill?: Relation<Skill>;

  @Column({ type: 'smallint' })
  level: number;
}
