import { Injectable } from '@nestjs/common';
import type { Grade } from './grade.entity.js';
import { GradesRepository } from './grades.repository.js';

@Injectable()
export class GradesService {
  constructor(private readonly grades: GradesRepository) {}

  list(): Promise<Grade[]> {
    return this.grades.findAll();
  }
}
