import {
  paginate,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { InclusionAssessment } from './inclusion-assessment.entity.js';

export type NewAssessmentRow = Pick<
  InclusionAssessment,
  'staffId' | 'level' | 'method' | 'assessedOn' | 'recordedByUserId' | 'answers'
>;

@Injectable()
export class InclusionAssessmentsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(InclusionAssessment);
  }

  async insert(row: NewAssessmentRow): Promise<InclusionAssessment> {
    const result = await this.repo.createQueryBuilder().insert().values(row).returning('id').execute();
    return this.repo.findOneByOrFail({ id: (result.identifiers[0] as { id: string }).id });
  }

  /** The person's assessments, newest first: by date, then by when they were recorded. */
  listForStaff(staffId: string, page: PageQuery): Promise<Page<InclusionAssessment>> {
    const qb = this.repo.createQueryBuilder('a').where('a.staff_id = :staffId', { staffId });
    return paginate(
      qb,
      page,
      [
        { column: 'a.assessed_on', value: (a) => a.assessedOn },
        { column: 'a.created_at', value: (a) => a.createdAt },
        { column: 'a.id', value: (a) => a.id },
      ],
      'DESC',
    );
  }
}
