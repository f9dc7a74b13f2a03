import {
  decodeCursor,
  pageFrom,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  updateIfVersion,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { LearningRecord, type RecordState } from './learning-record.entity.js';

/** A record as its readers see it: the record, the person's name, line manager and start date, the item's title. */
export interface RecordRow {
  record: LearningRecord;
  staffName: string;
  lineManagerId: string | null;
  itemTitle: string | null;
  itemFormat: string | null;
}

export interface RecordFilter {
  staffId?: string;
  state?: RecordState;
  learningItemId?: string;
}

/** The catalogue item a record points at, as recording needs it. */
export interface ItemFacts {
  id: string;
  title: string;
  format: string;
  countsTowardsInclusion: boolean;
  /** An event's first day (UTC); null for other formats. */
  startsOn: string | null;
  /** An event's last day (UTC); null for other formats. */
  endsOn: string | null;
  skillSlugs: string[];
}

export type NewRecordRow = Pick<
  LearningRecord,
  | 'staffId'
  | 'learningItemId'
  | 'title'
  | 'provider'
  | 'skillSlugs'
  | 'completedOn'
  | 'hours'
  | 'evidenceUrl'
  | 'evidenceNote'
  | 'recordedByUserId'
>;

export type RecordPatch = Partial<
  Pick<
    LearningRecord,
    | 'title'
    | 'provider'
    | 'skillSlugs'
    | 'completedOn'
    | 'hours'
    | 'evidenceUrl'
    | 'evidenceNote'
    | 'state'
    | 'verifiedAt'
    | 'verifiedByUserId'
    | 'rejectedAt'
    | 'rejectedByUserId'
    | 'rejectReason'
  >
>;

interface RawRecord {
  id: string;
  staff_id: string;
  learning_item_id: string | null;
  title: string | null;
  provider: string | null;
  skill_slugs: string[];
  completed_on: string;
  hours: string;
  evidence_url: string | null;
  evidence_note: string | null;
  state: RecordState;
  recorded_by_user_id: string | null;
  verified_at: Date | null;
  verified_by_user_id: string | null;
  rejected_at: Date | null;
  rejected_by_user_id: string | null;
  reject_reason: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  staff_name: string;
  line_manager_id: string | null;
  item_title: string | null;
  item_format: string | null;
}

const RECORD_COLUMNS = `lr.id, lr.staff_id, lr.learning_item_id, lr.title, lr.provider, lr.skill_slugs,
  to_char(lr.completed_on, 'YYYY-MM-DD') AS completed_on, lr.hours::text AS hours, lr.evidence_url, lr.evidence_note,
  lr.state, lr.recorded_by_user_id, lr.verified_at, lr.verified_by_user_id, lr.rejected_at, lr.rejected_by_user_id,
  lr.reject_reason, lr.created_at, lr.updated_at, lr.version,
  s.full_name AS staff_name, s.line_manager_id, li.title AS item_title, li.format AS item_format`;

const RECORD_FROM = `learning_records lr
  JOIN staff s ON s.id = lr.staff_id
  LEFT JOIN learning_items li ON li.id = lr.learning_item_id`;

function rowFromRaw(raw: RawRecord): RecordRow {
  const record = Object.assign(new LearningRecord(), {
    id: raw.id,
    staffId: raw.staff_id,
    learningItemId: raw.learning_item_id,
    title: raw.title,
    provider: raw.provider,
    skillSlugs: raw.skill_slugs,
    completedOn: raw.completed_on,
    hours: raw.hours,
    evidenceUrl: raw.evidence_url,
    evidenceNote: raw.evidence_note,
    state: raw.state,
    recordedByUserId: raw.recorded_by_user_id,
    verifiedAt: raw.verified_at,
    verifiedByUserId: raw.verified_by_user_id,
    rejectedAt: raw.rejected_at,
    rejectedByUserId: raw.rejected_by_user_id,
    rejectReason: raw.reject_reason,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    version: raw.version,
  });
  return {
    record,
    staffName: raw.staff_name,
    lineManagerId: raw.line_manager_id,
    itemTitle: raw.item_title,
    itemFormat: raw.item_format,
  };
}

@Injectable()
export class LearningRecordsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(LearningRecord);
  }

  /** The record when `visible` (SQL over `lr` and `s`; its values after `$1`, the id) admits it; `lock` locks it. */
  async find(id: string, visible: string, values: unknown[], lock = false): Promise<RecordRow | null> {
    const rows: RawRecord[] = await this.txHost.tx.query(
      `SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE lr.id = $1 AND ${visible} ${lock ? 'FOR UPDATE OF lr' : ''}`,
      [id, ...values],
    );
    return rows[0] ? rowFromRaw(rows[0]) : null;
  }

  /** Whether `visible` (SQL over `s`, values after `$1`, the person's id) admits the person. */
  async personInScope(staffId: string, visible: string, values: unknown[]): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(`SELECT 1 FROM staff s WHERE s.id = $1 AND ${visible}`, [
      staffId,
      ...values,
    ]);
    return rows.length > 0;
  }

  /** The person's start date (`YYYY-MM-DD`), null when not known. */
  async startDate(staffId: string): Promise<string | null> {
    const [row]: { start_date: string | null }[] = await this.txHost.tx.query(
      `SELECT to_char(start_date, 'YYYY-MM-DD') AS start_date FROM staff WHERE id = $1`,
      [staffId],
    );
    return row?.start_date ?? null;
  }

  /** The catalogue item with its skills' slugs, or null. */
  async item(id: string): Promise<ItemFacts | null> {
    const [row]: {
      id: string;
      title: string;
      format: string;
      counts_towards_inclusion: boolean;
      starts_on: string | null;
      ends_on: string | null;
      skill_slugs: string[];
    }[] = await this.txHost.tx.query(
      `SELECT li.id, li.title, li.format, li.counts_towards_inclusion,
              to_char(li.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS starts_on,
              to_char(li.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS ends_on,
              ARRAY(SELECT lis.skill_slug FROM learning_item_skills lis WHERE lis.item_id = li.id ORDER BY lis.skill_slug)
                AS skill_slugs
         FROM learning_items li WHERE li.id = $1`,
      [id],
    );
    if (!row) return null;
    return {
      id: row.id,
      title: row.title,
      format: row.format,
      countsTowardsInclusion: row.counts_towards_inclusion,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      skillSlugs: row.skill_slugs,
    };
  }

  /** Of `slugs`, those that are skills of the current framework version. */
  async currentSkillSlugs(slugs: string[]): Promise<Set<string>> {
    if (slugs.length === 0) return new Set();
    const rows: { slug: string }[] = await this.txHost.tx.query(
      `SELECT sk.slug FROM skills sk JOIN framework_versions v ON v.id = sk.version_id AND v.is_current
        WHERE sk.slug = ANY($1::text[])`,
      [slugs],
    );
    return new Set(rows.map((r) => r.slug));
  }

  async insert(row: NewRecordRow): Promise<string> {
    const result = await this.repo.createQueryBuilder().insert().values(row).returning('id').execute();
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Changes the record at `version`; null when someone else changed it first. */
  updateIfVersion(id: string, version: number, patch: RecordPatch): Promise<LearningRecord | null> {
    return updateIfVersion(this.repo, id, version, patch);
  }

  /** Deletes the record at `version`; false when someone else changed it first. */
  async deleteIfVersion(id: string, version: number): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      'DELETE FROM learning_records WHERE id = $1 AND version = $2 RETURNING id',
      [id, version],
    );
    return rows.length > 0;
  }

  /**
   * The records `visible` admits (SQL over `lr` and `s`, its values after the filter's). `order`: `completed`
   * newest completion first (a person's history), `queue` oldest recorded first (what waits longest on top).
   */
  async list(
    filter: RecordFilter,
    visible: (values: unknown[]) => string,
    page: PageQuery,
    order: 'completed' | 'queue',
  ): Promise<Page<RecordRow>> {
    const values: unknown[] = [];
    const where: string[] = [];
    if (filter.staffId) {
      values.push(filter.staffId);
      where.push(`lr.staff_id = $${values.length}::uuid`);
    }
    if (filter.state) {
      values.push(filter.state);
      where.push(`lr.state = $${values.length}`);
    }
    if (filter.learningItemId) {
      values.push(filter.learningItemId);
      where.push(`lr.learning_item_id = $${values.length}::uuid`);
    }
    if (page.cursor) {
      if (order === 'completed') {
        const [completedOn, createdAt, id] = decodeCursor(page.cursor, 3);
        values.push(completedOn, createdAt, id);
        const n = values.length;
        where.push(`(lr.completed_on, lr.created_at, lr.id) < ($${n - 2}::date, $${n - 1}::timestamptz, $${n}::uuid)`);
      } else {
        const [createdAt, id] = decodeCursor(page.cursor, 2);
        values.push(createdAt, id);
        where.push(`(lr.created_at, lr.id) > ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
      }
    }
    where.push(visible(values));
    values.push(page.limit + 1);
    const orderBy =
      order === 'completed' ? 'lr.completed_on DESC, lr.created_at DESC, lr.id DESC' : 'lr.created_at, lr.id';
    const rows: RawRecord[] = await this.txHost.tx.query(
      `SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT $${values.length}`,
      values,
    );
    return pageFrom(rows.map(rowFromRaw), page.limit, (last) =>
      order === 'completed'
        ? [last.record.completedOn, last.record.createdAt.toISOString(), last.record.id]
        : [last.record.createdAt.toISOString(), last.record.id],
    );
  }
}
