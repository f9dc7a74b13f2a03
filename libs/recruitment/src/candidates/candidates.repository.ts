import {
  decodeCursor,
  entityFromRaw,
  pageFrom,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  updateIfVersion,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { Candidate, type CandidateChannel } from './candidate.entity.js';

export type NewCandidateRow = Pick<
  Candidate,
  | 'fullName'
  | 'email'
  | 'phone'
  | 'partnerId'
  | 'channel'
  | 'university'
  | 'course'
  | 'graduationYear'
  | 'rightToWork'
  | 'retentionConsent'
  | 'retentionConsentAt'
  | 'createdByUserId'
>;
export type CandidatePatch = Partial<Omit<NewCandidateRow, 'createdByUserId'>>;

export interface CandidateFilter {
  partnerId?: string;
  channel?: CandidateChannel;
  /** Candidates with an application to this vacancy. */
  vacancyId?: string;
  /** Candidates with an application to a vacancy of this campaign. */
  campaignId?: string;
}

/** The partner a candidate came from, as the API names it. */
export interface PartnerRef {
  id: string;
  name: string;
}

@Injectable()
export class CandidatesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get candidates() {
    return this.txHost.tx.getRepository(Candidate);
  }

  find(id: string, lock = false): Promise<Candidate | null> {
    const qb = this.candidates.createQueryBuilder('c').where('c.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** The candidate with this email, whatever its case (`uq_candidates_email`); `except` leaves one out. */
  async idByEmail(email: string, except?: string): Promise<string | null> {
    const rows: { id: string }[] = await this.txHost.tx.query(
      `SELECT id FROM candidates WHERE lower(email) = lower($1) AND id IS DISTINCT FROM $2::uuid`,
      [email, except ?? null],
    );
    return rows[0]?.id ?? null;
  }

  /** Newest first, a keyset page. */
  async list(filter: CandidateFilter, page: PageQuery): Promise<Page<Candidate>> {
    const values: unknown[] = [];
    const where: string[] = ['TRUE'];
    const add = (sql: (p: string) => string, value: unknown): void => {
      values.push(value);
      where.push(sql(`$${values.length}`));
    };
    if (filter.partnerId) add((p) => `c.partner_id = ${p}::uuid`, filter.partnerId);
    if (filter.channel) add((p) => `c.channel = ${p}`, filter.channel);
    if (filter.vacancyId) {
      add(
        (p) => `EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = c.id AND a.vacancy_id = ${p}::uuid)`,
        filter.vacancyId,
      );
    }
    if (filter.campaignId) {
      add(
        (p) => `EXISTS (SELECT 1 FROM applications a JOIN vacancies v ON v.id = a.vacancy_id
          WHERE a.candidate_id = c.id AND v.campaign_id = ${p}::uuid)`,
        filter.campaignId,
      );
    }
    if (page.cursor) {
      const [createdAt, id] = decodeCursor(page.cursor, 2);
      values.push(createdAt, id);
      where.push(`(c.created_at, c.id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
    }
    values.push(page.limit + 1);
    const rows: Record<string, unknown>[] = await this.txHost.tx.query(
      `SELECT c.* FROM candidates c WHERE ${where.join(' AND ')}
        ORDER BY c.created_at DESC, c.id DESC LIMIT $${values.length}`,
      values,
    );
    return pageFrom(
      rows.map((r) => entityFromRaw(this.candidates, r)),
      page.limit,
      (last) => [last.createdAt.toISOString(), last.id],
    );
  }

  async insert(row: NewCandidateRow): Promise<string> {
    const result = await this.candidates.createQueryBuilder().insert().values(row).returning('id').execute();
    return (result.identifiers[0] as { id: string }).id;
  }

  async updateIfVersion(id: string, version: number, patch: CandidatePatch): Promise<boolean> {
    return (await updateIfVersion(this.candidates, id, version, patch)) !== null;
  }

  async partners(ids: string[]): Promise<Map<string, PartnerRef>> {
    if (ids.length === 0) return new Map();
    const rows: PartnerRef[] = await this.txHost.tx.query('SELECT id, name FROM partners WHERE id = ANY($1::uuid[])', [
      ids,
    ]);
    return new Map(rows.map((r) => [r.id, r]));
  }
}
