import { projectRoot, Seeder, type SeederHandler } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GradesRepository, type GradeRow } from './grades.repository.js';

interface ShippedGrade {
  order: number;
  code: string;
  name: string;
  group: string;
  broad_grade?: string;
}

/** The shipped grade file says "Senior Civil Service"; the table keeps a snake_case key. */
function toRow(grade: ShippedGrade): GradeRow {
  const senior = grade.group.toLowerCase().replace(/\s+/g, '_') === 'senior_civil_service';
  return {
    code: grade.code,
    name: grade.name,
    rank: grade.order,
    group: senior ? 'senior_civil_service' : 'delegated',
    broadGrade: grade.broad_grade ?? (senior ? 'SCS' : grade.code),
  };
}

/** Civil Service grades AA … Permanent Secretary, from `libs/workforce/data/civil-service-grades.json`. */
@Injectable()
@Seeder({ name: 'civil-service-grades', order: 20, referenceTables: ['grades'] })
export class CivilServiceGradesSeeder implements SeederHandler {
  constructor(private readonly grades: GradesRepository) {}

  async seed(): Promise<void> {
    const file = join(projectRoot(), 'libs', 'workforce', 'data', 'civil-service-grades.json');
    const { grades } = JSON.parse(await readFile(file, 'utf8')) as { grades: ShippedGrade[] };
    await this.grades.upsert(grades.map(toRow));
  }
}
