import {
  AuditService,
  changedFields,
  PreconditionFailedError,
  Transactional,
  type Actor,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import {
  EstablishmentInvalid,
  EstablishmentOverlap,
  EstablishmentPostNotFound,
  EstablishmentScopeNotAllowed,
} from './establishment.errors.js';
import {
  EstablishmentRepository,
  type EstablishmentFilter,
  type EstablishmentPatch,
  type EstablishmentPostView,
  type EstablishmentSummaryRow,
} from './establishment.repository.js';
import { PlanningLookupsRepository } from './planning-lookups.repository.js';
import { PlanningPermission } from './planning-permissions.js';
import { establishmentScopeSql, familiesInScope } from './planning-scope.js';

type Problem = { field: string; message: string };

export interface NewEstablishmentPost {
  unitId: string;
  /** A role level of the current framework version. */
  roleLevelId: string;
  gradeId: string;
  fundedPosts: number;
  startsOn: string;
  endsOn?: string | null;
}

/** What may change on a row: a correction of its posts, or its period (end-dating it ends the funding). */
export interface EstablishmentChanges {
  fundedPosts?: number;
  startsOn?: string;
  endsOn?: string | null;
}

/** A summary row with its gap: funded − in post − offers accepted by people not yet in post. */
export interface EstablishmentSummaryLine extends EstablishmentSummaryRow {
  gap: number;
}

export interface EstablishmentSummary {
  measuredOn: string;
  unitId: string | null;
  roleFamily: string | null;
  rows: EstablishmentSummaryLine[];
  totals: Omit<EstablishmentSummaryLine, 'roleFamilySlug' | 'roleLevelSlug' | 'roleLevelName'>;
}

/**
 * The establishment: funded posts per unit, role level and grade, effective-dated. HR and admins read and manage
 * every row; heads of profession read the rows (and the summary) of the families they lead; a row out of reach is a
 * 404. Rows are never deleted: end-dating one (`endsOn`) ends its funding. Every write is audited.
 */
@Injectable()
export class EstablishmentService {
  constructor(
    private readonly establishment: EstablishmentRepository,
    private readonly lookups: PlanningLookupsRepository,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async create(actor: Actor, input: NewEstablishmentPost): Promise<EstablishmentPostView> {
    const endsOn = input.endsOn ?? null;
    const problems: Problem[] = [];
    if (!(await this.lookups.unitExists(input.unitId))) {
      problems.push({ field: 'unitId', message: 'no such organisation unit' });
    }
    if (!(await this.lookups.currentRoleLevels([input.roleLevelId])).has(input.roleLevelId)) {
      problems.push({ field: 'roleLevelId', message: 'not a role level of the current framework' });
    }
    if (!(await this.lookups.gradeExists(input.gradeId))) problems.push({ field: 'gradeId', message: 'no such grade' });
    if (endsOn !== null && endsOn <= input.startsOn) {
      problems.push({ field: 'endsOn', message: 'must be after startsOn' });
    }
    if (problems.length > 0) throw new EstablishmentInvalid(problems);

    const row = { ...input, endsOn };
    await this.establishment.lockSlot(row.unitId, row.roleLevelId, row.gradeId);
    const clash = await this.establishment.overlapping(row, null);
    if (clash) throw new EstablishmentOverlap(clash.id, clash.startsOn, clash.endsOn);
    const id = await this.establishment.insert({ ...row, createdByUserId: actor.userId });
    await this.audit.record(actor, {
      action: 'establishment.created',
      entityType: 'establishment-post',
      entityId: id,
      changedFields: ['unitId', 'roleLevelId', 'gradeId', 'fundedPosts', 'startsOn', 'endsOn'],
    });
    return this.get(actor, id);
  }

  list(actor: Actor, filter: EstablishmentFilter, page: PageQuery): Promise<Page<EstablishmentPostView>> {
    return this.establishment.list(
      filter,
      (values) => establishmentScopeSql(actor, PlanningPermission.EstablishmentRead, 'e', values),
      page,
    );
  }

  async get(actor: Actor, id: string): Promise<EstablishmentPostView> {
    return this.visible(actor, id, PlanningPermission.EstablishmentRead, false);
  }

  /** Corrects a row's posts or changes its period, at the version the caller read (If-Match). */
  @Transactional()
  async update(
    actor: Actor,
    id: string,
    version: number,
    changes: EstablishmentChanges,
  ): Promise<EstablishmentPostView> {
    const row = await this.visible(actor, id, PlanningPermission.EstablishmentManage, true);
    if (row.version !== version) throw new PreconditionFailedError('establishment row');
    const startsOn = changes.startsOn ?? row.startsOn;
    const endsOn = changes.endsOn === undefined ? row.endsOn : changes.endsOn;
    if (endsOn !== null && endsOn <= startsOn) {
      throw new EstablishmentInvalid([{ field: 'endsOn', message: 'must be after startsOn' }]);
    }
    const patch: EstablishmentPatch = {
      ...(changes.fundedPosts !== undefined ? { fundedPosts: changes.fundedPosts } : {}),
      ...(changes.startsOn !== undefined ? { startsOn: changes.startsOn } : {}),
      ...(changes.endsOn !== undefined ? { endsOn: changes.endsOn } : {}),
    };
    const fields = changedFields({ fundedPosts: row.fundedPosts, startsOn: row.startsOn, endsOn: row.endsOn }, patch);
    if (fields.length === 0) return row;
    if (fields.includes('startsOn') || fields.includes('endsOn')) {
      const slot = { unitId: row.unit.id, roleLevelId: row.roleLevel.id, gradeId: row.grade.id, startsOn, endsOn };
      await this.establishment.lockSlot(slot.unitId, slot.roleLevelId, slot.gradeId);
      const clash = await this.establishment.overlapping(slot, id);
      if (clash) throw new EstablishmentOverlap(clash.id, clash.startsOn, clash.endsOn);
    }
    if (!(await this.establishment.updateIfVersion(id, version, patch))) {
      throw new PreconditionFailedError('establishment row');
    }
    await this.audit.record(actor, {
      action: 'establishment.updated',
      entityType: 'establishment-post',
      entityId: id,
      changedFields: fields,
    });
    return this.get(actor, id);
  }

  /**
   * Per role level in the unit's subtree (the whole department without one) and the family (all without one):
   * posts funded today, people in post (employed staff; interim and contractor staff counted apart, as they fill
   * no funded post), posts of open vacancies, offers accepted by people not yet in post, and the gap (funded − in
   * post − offers awaiting a start). A head of profession's figures cover the families they lead; asking for
   * another family is refused (403).
   */
  async summary(actor: Actor, query: { unitId?: string; roleFamily?: string }): Promise<EstablishmentSummary> {
    const families = familiesInScope(actor, PlanningPermission.EstablishmentRead);
    const roleFamily = query.roleFamily ?? null;
    const unitId = query.unitId ?? null;
    if (roleFamily !== null && families !== null && !families.includes(roleFamily)) {
      throw new EstablishmentScopeNotAllowed(roleFamily);
    }
    const problems: Problem[] = [];
    if (unitId !== null && !(await this.lookups.unitExists(unitId))) {
      problems.push({ field: 'unitId', message: 'no such organisation unit' });
    }
    if (roleFamily !== null && !(await this.lookups.currentFamily(roleFamily))) {
      problems.push({ field: 'roleFamily', message: `no role family "${roleFamily}" in the current framework` });
    }
    if (problems.length > 0) throw new EstablishmentInvalid(problems);

    const measuredOn = today();
    const rows = (await this.establishment.summary({ day: measuredOn, unitId, roleFamily, families })).map((r) => ({
      ...r,
      gap: r.funded - r.inPost - r.offersAwaitingStart,
    }));
    const sum = (key: keyof Omit<EstablishmentSummaryLine, 'roleFamilySlug' | 'roleLevelSlug' | 'roleLevelName'>) =>
      rows.reduce((n, r) => n + r[key], 0);
    return {
      measuredOn,
      unitId,
      roleFamily,
      rows,
      totals: {
        funded: sum('funded'),
        inPost: sum('inPost'),
        interimInPost: sum('interimInPost'),
        openVacancyPosts: sum('openVacancyPosts'),
        offersAwaitingStart: sum('offersAwaitingStart'),
        gap: sum('gap'),
      },
    };
  }

  private async visible(actor: Actor, id: string, permission: string, lock: boolean): Promise<EstablishmentPostView> {
    const values: unknown[] = [id];
    const condition = establishmentScopeSql(actor, permission, 'e', values);
    const row = await this.establishment.find(id, condition, values.slice(1), lock);
    if (!row) throw new EstablishmentPostNotFound(id);
    return row;
  }
}
