import { Location } from '@capability/workforce';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Vacancy } from './vacancy.entity.js';

/** A location (often one of the regional digital hubs) a vacancy is advertised at. */
@Entity({ name: 'vacancy_locations' })
@Index('uq_vacancy_locations_vacancy_location', ['vacancyId', 'locationId'], { unique: true })
@Index('ix_vacancy_locations_location_id', ['locationId'])
export class VacancyLocation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_vacancy_locations' })
  id: string;

  @Column({ type: 'uuid' })
  vacancyId: string;

  @ManyToOne(() => Vacancy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vacancy_id', foreignKeyConstraintName: 'fk_vacancy_locations_vacancy_id' })
  vacancy?: Relation<Vacancy>;

  @Column({ type: 'uuid' })
  locationId: string;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'fk_vacancy_locations_location_id' })
  location?: Relation<Location>;
}
