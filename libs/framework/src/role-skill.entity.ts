import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Role } from './role.entity.js';
import { Skill } from './skill.entity.js';

/** Skills of a Senior Civil Service role, which has no levels and so no required levels. */
@Entity({ name: 'role_skills' })
@Index('uq_role_skills_role_skill', ['roleId', 'skillId'], { unique: true })
@Index('ix_role_skills_skill_id', ['skillId'])
@Check('ck_role_skills_position_positive', 'position > 0')
export class RoleSkill {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_role_skills' })
  id: string;

  @Column({ type: 'uuid' })
  roleId: string;

  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_id', foreignKeyConstraintName: 'fk_role_skills_role_id' })
  role?: Relation<Role>;

  @Column({ type: 'uuid' })
  skillId: string;

  @ManyToOne(() => Skill, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_role_skills_skill_id' })
  skill?: Relation<Skill>;

  @Column({ type: 'smallint' })
  position: number;
}
