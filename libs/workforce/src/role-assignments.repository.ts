import {
  paginate,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { RoleAssignment } from './role-assignment.entity.js';

@Injectable()
export class RoleAssignmentsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(RoleAssignment);
  }

  private detailed() {
    return this.repo
      .createQueryBuilder('ra')
      .innerJoinAndSelect('ra.roleLevel', 'lvl')
      .innerJoinAndSelect('lvl.role', 'rol')
      .innerJoinAndSelect('rol.roleFamily', 'fam');
  }

  /** The open primary assignment (no end date), if any: at most one, by the partial unique index. */
  findOpenPrimary(staffId: string): Promise<RoleAssignment | null> {
    return this.repo
      .createQueryBuilder('ra')
      .where('ra.staff_id = :staffId AND ra.is_primary AND ra.ends_on IS NULL', { staffId })
      .getOne();
  }

  async end(id: string, endsOn: string): Promise<void> {
    await this.repo.update({ id }, { endsOn });
  }

  async insert(
    assignment: Pick<RoleAssignment, 'staffId' | 'roleLevelId' | 'isPrimary' | 'startsOn' | 'createdByUserId'>,
  ): Promise<string> {
    const result = await this.repo.createQueryBuilder().insert().values(assignment).returning('id').execute();
    return (result.identifiers[0] as { id: string }).id;
  }

  findDetailed(id: string): Promise<RoleAssignment | null> {
    return this.detailed().where('ra.id = :id', { id }).getOne();
  }

  /** The person's history, newest first, with role level, role and family. */
  listForStaff(staffId: string, page: PageQuery): Promise<Page<RoleAssignment>> {
    const qb = this.detailed().where('ra.staff_id = :staffId', { staffId });
    return paginate(
      qb,
      page,
      [
        { column: 'ra.starts_on', value: (ra) => ra.startsOn },
        { column: 'ra.id', value: (ra) => ra.id },
      ],
      'DESC',
    );
  }
}
