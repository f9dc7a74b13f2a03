import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Vacancy } from './vacancy.entity.js';

/**
 * A user on a vacancy's panel (sift and interview). Being on a panel is per vacancy, not a role: it is what lets a
 * member of staff read that vacancy (and, later, its applications). At most one chair per panel (the vacancy
 * holder, who leads the panel). Users live in auth, so the user is checked to exist when added, not by a key.
 */
@Entity({ name: 'vacancy_panel_members' })
@Index('uq_vacancy_panel_members_vacancy_user', ['vacancyId', 'userId'], { unique: true })
@Index('uq_vacancy_panel_members_one_chair', ['vacancyId'], { unique: true, where: 'is_chair' })
@Index('ix_vacancy_panel_members_user_id', ['userId'])
export class VacancyPanelMember {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_vacancy_panel_members' })
  id: string;

  @Column({ type: 'uuid' })
  vacancyId: string;

  @ManyToOne(() => Vacancy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vacancy_id', foreignKeyConstraintName: 'fk_vacancy_panel_members_vacancy_id' })
  vacancy?: Relation<Vacancy>;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'boolean', default: false })
  isChair: boolean;
}
