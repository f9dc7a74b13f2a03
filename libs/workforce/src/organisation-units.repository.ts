import {
  paginate,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  updateIfVersion,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';

import { OrganisationUnit, type UnitType } from './organisation-unit.entity.js';

export interface UnitFilter {
  parentId?: string;
  type?: UnitType;
}

export type UnitPatch = Partial<Pick<OrganisationUnit, 'code' | 'name' | 'parentId'>>;

export interface SubtreeStaffCounts {
  /** Staff in post in the unit itself. */
  direct: number;
  /** Staff in post under each child, the child's whole subtree included. */
  byChild: Map<string, number>;
}

/** One key for every change to the shape of the tree (insert, move): they take turns. */
const TREE_LOCK = "hashtext('workforce:organisation-tree')";

@Injectable()
export class OrganisationUnitsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(OrganisationUnit);
  }

  /**
   * Until the transaction ends, no other insert or move runs: the paths this one reads stay the paths
   * it writes against (a move's UPDATE cannot see a child inserted after its snapshot).
   */
  async lockTree(): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(${TREE_LOCK})`);
  }

  findById(id: string): Promise<OrganisationUnit | null> {
    return this.repo.findOneBy({ id });
  }

  findChildren(id: string): Promise<OrganisationUnit[]> {
    return this.repo.find({ where: { parentId: id }, order: { name: 'ASC', id: 'ASC' } });
  }

  async countDescendants(id: string): Promise<number> {
    const [row]: { n: number }[] = await this.txHost.tx.query(
      'SELECT count(*)::int - 1 AS n FROM organisation_units WHERE path @> ARRAY[$1]::uuid[]',
      [id],
    );
    return row?.n ?? 0;
  }

  /** Staff in post (no leaving date on or before `today`) in the unit's subtree, split by child. */
  async countStaff(unit: Pick<OrganisationUnit, 'id' | 'path'>, today: string): Promise<SubtreeStaffCounts> {
    const rows: { child_id: string | null; n: number }[] = await this.txHost.tx.query(
      `SELECT u.path[$2::int + 1] AS child_id, count(*)::int AS n
         FROM staff s JOIN organisation_units u ON u.id = s.unit_id
        WHERE u.path @> ARRAY[$1]::uuid[] AND (s.leaving_date IS NULL OR s.leaving_date > $3)
        GROUP BY 1`,
      [unit.id, unit.path.length, today],
    );
    const byChild = new Map<string, number>();
    let direct = 0;
    for (const row of rows) {
      if (row.child_id === null) direct = row.n;
      else byChild.set(row.child_id, row.n);
    }
    return { direct, byChild };
  }

  async insert(
    unit: Pick<OrganisationUnit, 'id' | 'code' | 'name' | 'type' | 'parentId' | 'path'>,
  ): Promise<OrganisationUnit> {
    const rows = await this.repo.createQueryBuilder().insert().values(unit).returning('*').execute();
    return this.repo.create(rows.generatedMaps[0] as OrganisationUnit);
  }

  /** Optimistic update of the unit's own row; null when the version did not match. */
  async updateIfVersion(id: string, version: number, patch: UnitPatch): Promise<OrganisationUnit | null> {
    return updateIfVersion(this.repo, id, version, patch);
  }

  /**
   * Re-roots the unit's whole subtree in one statement: every path holding `id` keeps its part from
   * `id` down and takes `parentPath` (the new parent's path; empty for a root) in front of it.
   */
  async movePaths(id: string, parentPath: string[]): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE organisation_units
          SET path = $2::uuid[] || path[array_position(path, $1::uuid):]
        WHERE path @> ARRAY[$1]::uuid[]`,
      [id, parentPath],
    );
  }

  /** By name. */
  list(filter: UnitFilter, page: PageQuery): Promise<Page<OrganisationUnit>> {
    const qb = this.repo.createQueryBuilder('ou');
    if (filter.parentId) qb.andWhere('ou.parent_id = :parentId', { parentId: filter.parentId });
    if (filter.type) qb.andWhere('ou.type = :type', { type: filter.type });
    return paginate(qb, page, [
      { column: 'ou.name', value: (u) => u.name },
      { column: 'ou.id', value: (u) => u.id },
    ]);
  }
}
