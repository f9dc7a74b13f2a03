import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { Grade } from './grade.entity.js';

export type GradeRow = Pick<Grade, 'code' | 'name' | 'rank' | 'group' | 'broadGrade'>;

@Injectable()
export class GradesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(Grade);
  }

  /** Junior to senior; grades of one rank (SCS1, SCS1A) by code. */
  findAll(): Promise<Grade[]> {
    return this.repo.find({ order: { rank: 'ASC', code: 'ASC' } });
  }

  /** Inserts new grades and brings existing ones (by code) up to date; never deletes (staff refer to them). */
  async upsert(rows: GradeRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.repo
      .createQueryBuilder()
      .insert()
      .values(rows)
      .orUpdate(['name', 'rank', 'group', 'broad_grade'], ['code'])
      .execute();
  }
}
