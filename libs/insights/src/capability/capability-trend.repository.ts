import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';

/** A review cycle in a trend, with the framework version it pinned when it opened. */
export interface TrendCycle {
  id: string;
  name: string;
  state: 'open' | 'closed';
  openedAt: Date;
  closedAt: Date | null;
  frameworkVersionId: string;
  frameworkVersionNumber: number;
  frameworkVersionName: string;
}

export type TrendDimension = 'roleFamily' | 'role' | 'skill';

export interface TrendCycleFilter {
  cycleIds?: string[];
  /** Inclusive dates (YYYY-MM-DD) on the cycle's date: when it closed, or when it opened for the open one. */
  from?: string;
  to?: string;
}

/** A slug and its name in one framework version. */
export interface VersionedName {
  versionId: string;
  slug: string;
  name: string;
}

/**
 * What the capability trend reads besides the gap report: the cycles (open or closed) with their pinned framework
 * version, and which role families, roles and skills each version holds. Versions are separate rows in the framework
 * tables; the same family, role or skill in two versions shares its slug (as the framework diff matches them, and as
 * the reviews snapshot `skill_slug`).
 */
@Injectable()
export class CapabilityTrendRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Closed cycles oldest first by the date they closed, then the open ones by the date they opened. */
  async cycles(filter: TrendCycleFilter): Promise<TrendCycle[]> {
    const values: unknown[] = [];
    const where = [`c.state IN ('open', 'closed')`];
    if (filter.cycleIds && filter.cycleIds.length > 0) {
      values.push(filter.cycleIds);
      where.push(`c.id = ANY($${values.length}::uuid[])`);
    }
    if (filter.from) {
      values.push(filter.from);
      where.push(`coalesce(c.closed_at, c.opened_at) >= $${values.length}::date`);
    }
    if (filter.to) {
      values.push(filter.to);
      where.push(`coalesce(c.closed_at, c.opened_at) < $${values.length}::date + 1`);
    }
    const rows: {
      id: string;
      name: string;
      state: 'open' | 'closed';
      opened_at: Date;
      closed_at: Date | null;
      version_id: string;
      version_number: number;
      version_name: string;
    }[] = await this.txHost.tx.query(
      `SELECT c.id, c.name, c.state, c.opened_at, c.closed_at,
              v.id AS version_id, v.number AS version_number, v.name AS version_name
         FROM review_cycles c
         JOIN framework_versions v ON v.id = c.framework_version_id
        WHERE ${where.join(' AND ')}
        ORDER BY c.closed_at ASC NULLS LAST, c.opened_at, c.id`,
      values,
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      state: r.state,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
      frameworkVersionId: r.version_id,
      frameworkVersionNumber: r.version_number,
      frameworkVersionName: r.version_name,
    }));
  }

  /** Which of the cycle ids exist but are not open or closed, or do not exist (for a 404). */
  async missing(cycleIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.txHost.tx.query(
      `SELECT x.id::text AS id FROM unnest($1::uuid[]) AS x(id)
        WHERE NOT EXISTS (SELECT 1 FROM review_cycles c WHERE c.id = x.id AND c.state IN ('open', 'closed'))`,
      [cycleIds],
    );
    return rows.map((r) => r.id);
  }

  /** The family, role or skill `slug` in each of the versions that hold it. */
  async names(dimension: TrendDimension, slug: string, versionIds: string[]): Promise<VersionedName[]> {
    const table = { roleFamily: 'role_families', role: 'roles', skill: 'skills' }[dimension];
    const rows: { version_id: string; slug: string; name: string }[] = await this.txHost.tx.query(
      `SELECT version_id, slug, name FROM ${table} WHERE slug = $1 AND version_id = ANY($2::uuid[])`,
      [slug, versionIds],
    );
    return rows.map((r) => ({ versionId: r.version_id, slug: r.slug, name: r.name }));
  }

  /** The skills some role level of the family or role requires, in each version. */
  async skillsOf(dimension: 'roleFamily' | 'role', slug: string, versionIds: string[]): Promise<VersionedName[]> {
    const rows: { version_id: string; slug: string; name: string }[] = await this.txHost.tx.query(
      `SELECT DISTINCT rl.version_id, sk.slug, sk.name
         FROM skill_requirements sr
         JOIN role_levels rl ON rl.id = sr.role_level_id
         JOIN roles ro ON ro.id = rl.role_id
         JOIN role_families rf ON rf.id = ro.role_family_id
         JOIN skills sk ON sk.id = sr.skill_id
        WHERE rl.version_id = ANY($2::uuid[]) AND ${dimension === 'roleFamily' ? 'rf.slug' : 'ro.slug'} = $1`,
      [slug, versionIds],
    );
    return rows.map((r) => ({ versionId: r.version_id, slug: r.slug, name: r.name }));
  }
}
