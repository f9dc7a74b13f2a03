import {
  decodeCursor,
  entityFromRaw,
  pageFrom,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { CandidateChannel, RightToWork } from '../candidates/candidate.entity.js';
import type { VacancyState } from '../planning/vacancy.entity.js';
import { ApplicationScore } from './application-score.entity.js';
import { ApplicationStageMove } from './application-stage-move.entity.js';
import { Application } from './application.entity.js';
import type { PipelineStage, ScoredStage } from './pipeline.js';
import { DEFAULT_MIN_SIFT_SCORE, type ScoreKind, type ScoreRow } from './scoring.js';

export type NewApplicationRow = Pick<
  Application,
  'candidateId' | 'vacancyId' | 'disabilityConfident' | 'disabilityConfidentAt' | 'createdByUserId'
>;
export type ApplicationPatch = Partial<
  Pick<Application, 'stage' | 'stageEnteredAt' | 'rejectionReason' | 'disabilityConfident' | 'disabilityConfidentAt'>
>;

export interface ApplicationFilter {
  vacancyId?: string;
  campaignId?: string;
  candidateId?: string;
  stage?: PipelineStage;
}

/** The candidate as an application shows it (whole; the service blinds it for the sift panel). */
export interface ApplicationCandidate {
  id: string;
  fullName: string;
  email: string;
  phone: string | null;
  university: string | null;
  course: string | null;
  graduationYear: number | null;
  rightToWork: RightToWork;
  partner: { id: string; name: string } | null;
  channel: CandidateChannel | null;
}

export interface ApplicationVacancy {
  id: string;
  title: string;
  state: VacancyState;
  roleLevelId: string;
  campaign: { id: string; title: string };
}

/** An application with its candidate and vacancy, and whether it ever reached the interview. */
export interface ApplicationRecord {
  application: Application;
  candidate: ApplicationCandidate;
  vacancy: ApplicationVacancy;
  reachedInterview: boolean;
}

export interface StageMoveView {
  applicationId: string;
  fromStage: PipelineStage | null;
  toStage: PipelineStage;
  movedBy: { userId: string; displayName: string } | null;
  movedAt: Date;
  reason: string | null;
}

export interface PipelineSettingsRow {
  vacancyId: string;
  minSiftScore: number;
  hasAssessment: boolean;
  /** 0 while the vacancy has the defaults (no row yet). */
  version: number;
}

export interface StoredScore extends ScoreRow {
  applicationId: string;
  stage: ScoredStage;
  assessorName: string;
  scoredAt: Date;
}

/** What an application needs of its vacancy to be created. */
export interface VacancyFacts {
  id: string;
  state: VacancyState;
  roleLevelId: string;
}

const RECORD_COLUMNS = `a.*,
  c.full_name AS c_full_name, c.email AS c_email, c.phone AS c_phone, c.university AS c_university,
  c.course AS c_course, c.graduation_year AS c_graduation_year, c.right_to_work AS c_right_to_work,
  c.channel AS c_channel, c.partner_id AS c_partner_id, p.name AS c_partner_name,
  v.title AS v_title, v.state AS v_state, v.role_level_id AS v_role_level_id,
  cp.id AS v_campaign_id, cp.title AS v_campaign_title,
  EXISTS (SELECT 1 FROM application_stage_moves m WHERE m.application_id = a.id AND m.to_stage = 'interview')
    AS reached_interview`;
const RECORD_JOINS = `JOIN candidates c ON c.id = a.candidate_id LEFT JOIN partners p ON p.id = c.partner_id
  JOIN vacancies v ON v.id = a.vacancy_id JOIN campaigns cp ON cp.id = v.campaign_id`;

@Injectable()
export class ApplicationsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get applications() {
    return this.txHost.tx.getRepository(Application);
  }

  private record(r: Record<string, unknown>): ApplicationRecord {
    const application = entityFromRaw(this.applications, r);
    return {
      application,
      candidate: {
        id: application.candidateId,
        fullName: r.c_full_name as string,
        email: r.c_email as string,
        phone: r.c_phone as string | null,
        university: r.c_university as string | null,
        course: r.c_course as string | null,
        graduationYear: r.c_graduation_year as number | null,
        rightToWork: r.c_right_to_work as RightToWork,
        partner: r.c_partner_id ? { id: r.c_partner_id as string, name: r.c_partner_name as string } : null,
        channel: r.c_channel as CandidateChannel | null,
      },
      vacancy: {
        id: application.vacancyId,
        title: r.v_title as string,
        state: r.v_state as VacancyState,
        roleLevelId: r.v_role_level_id as string,
        campaign: { id: r.v_campaign_id as string, title: r.v_campaign_title as string },
      },
      reachedInterview: r.reached_interview as boolean,
    };
  }

  /** The application when `visible` (SQL over `a`; its values after `$1`, the id) admits it; `lock` locks it. */
  async find(id: string, visible: string, values: unknown[], lock = false): Promise<Application | null> {
    const rows: Record<string, unknown>[] = await this.txHost.tx.query(
      `SELECT a.* FROM applications a WHERE a.id = $1 AND ${visible} ${lock ? 'FOR UPDATE OF a' : ''}`,
      [id, ...values],
    );
    return rows[0] ? entityFromRaw(this.applications, rows[0]) : null;
  }

  async records(ids: string[]): Promise<ApplicationRecord[]> {
    if (ids.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.txHost.tx.query(
      `SELECT ${RECORD_COLUMNS} FROM applications a ${RECORD_JOINS} WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id as string, this.record(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Applications `visible` admits (SQL over `a`, its values after the filter's), newest first. */
  async list(
    filter: ApplicationFilter,
    visible: (values: unknown[]) => string,
    page: PageQuery,
  ): Promise<Page<ApplicationRecord>> {
    const values: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown): void => {
      values.push(value);
      where.push(sql(`$${values.length}`));
    };
    if (filter.vacancyId) add((p) => `a.vacancy_id = ${p}::uuid`, filter.vacancyId);
    if (filter.campaignId) add((p) => `v.campaign_id = ${p}::uuid`, filter.campaignId);
    if (filter.candidateId) add((p) => `a.candidate_id = ${p}::uuid`, filter.candidateId);
    if (filter.stage) add((p) => `a.stage = ${p}`, filter.stage);
    if (page.cursor) {
      const [createdAt, id] = decodeCursor(page.cursor, 2);
      values.push(createdAt, id);
      where.push(`(a.created_at, a.id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
    }
    where.push(visible(values));
    values.push(page.limit + 1);
    const rows: Record<string, unknown>[] = await this.txHost.tx.query(
      `SELECT ${RECORD_COLUMNS} FROM applications a ${RECORD_JOINS} WHERE ${where.join(' AND ')}
        ORDER BY a.created_at DESC, a.id DESC LIMIT $${values.length}`,
      values,
    );
    return pageFrom(
      rows.map((r) => this.record(r)),
      page.limit,
      (last) => [last.application.createdAt.toISOString(), last.application.id],
    );
  }

  async existing(candidateId: string, vacancyId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.txHost.tx.query(
      'SELECT id FROM applications WHERE candidate_id = $1 AND vacancy_id = $2',
      [candidateId, vacancyId],
    );
    return rows[0]?.id ?? null;
  }

  async candidateExists(id: string): Promise<boolean> {
    return (await this.txHost.tx.query<unknown[]>('SELECT 1 FROM candidates WHERE id = $1', [id])).length > 0;
  }

  /** The vacancy, share-locked (so it cannot close while an application is added). */
  async vacancy(id: string): Promise<VacancyFacts | null> {
    const rows: VacancyFacts[] = await this.txHost.tx.query(
      `SELECT id, state, role_level_id AS "roleLevelId" FROM vacancies WHERE id = $1 FOR SHARE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Inserts the application at `applied` and its first move (from nothing); returns its id. */
  async insert(row: NewApplicationRow, at: Date): Promise<string> {
    const result = await this.applications
      .createQueryBuilder()
      .insert()
      .values({ ...row, stage: 'applied', stageEnteredAt: at, appliedAt: at })
      .returning('id')
      .execute();
    const id = (result.identifiers[0] as { id: string }).id;
    await this.insertMove({
      applicationId: id,
      fromStage: null,
      toStage: 'applied',
      movedByUserId: row.createdByUserId,
      movedAt: at,
      reason: null,
    });
    return id;
  }

  async insertMove(move: Omit<ApplicationStageMove, 'id' | 'application'>): Promise<void> {
    await this.txHost.tx.getRepository(ApplicationStageMove).insert(move);
  }

  /** The patch at `version` (bumped); false when the version no longer matches. */
  async updateIfVersion(id: string, version: number, patch: ApplicationPatch): Promise<boolean> {
    const result = await this.applications
      .createQueryBuilder()
      .update()
      .set({ ...patch, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Every move of these applications, oldest first. */
  moves(applicationIds: string[]): Promise<StageMoveView[]> {
    return this.txHost.tx
      .query<
        {
          applicationId: string;
          fromStage: PipelineStage | null;
          toStage: PipelineStage;
          userId: string | null;
          displayName: string | null;
          movedAt: Date;
          reason: string | null;
        }[]
      >(
        `SELECT m.application_id AS "applicationId", m.from_stage AS "fromStage", m.to_stage AS "toStage",
                m.moved_by_user_id AS "userId", u.display_name AS "displayName", m.moved_at AS "movedAt", m.reason
           FROM application_stage_moves m LEFT JOIN users u ON u.id = m.moved_by_user_id
          WHERE m.application_id = ANY($1::uuid[]) ORDER BY m.moved_at, m.id`,
        [applicationIds],
      )
      .then((rows) =>
        rows.map(({ userId, displayName, ...m }) => ({
          ...m,
          movedBy: userId ? { userId, displayName: displayName ?? '' } : null,
        })),
      );
  }

  /** A vacancy's pipeline settings (the defaults, version 0, without a row); null when no such vacancy. */
  async settings(vacancyId: string, visible = 'TRUE', values: unknown[] = []): Promise<PipelineSettingsRow | null> {
    const rows: {
      vacancyId: string;
      minSiftScore: string | null;
      hasAssessment: boolean | null;
      version: number | null;
    }[] = await this.txHost.tx.query(
      `SELECT v.id AS "vacancyId", s.min_sift_score AS "minSiftScore", s.has_assessment AS "hasAssessment", s.version
           FROM vacancies v LEFT JOIN vacancy_pipeline_settings s ON s.vacancy_id = v.id
          WHERE v.id = $1 AND ${visible}`,
      [vacancyId, ...values],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      vacancyId: row.vacancyId,
      minSiftScore: row.minSiftScore === null ? DEFAULT_MIN_SIFT_SCORE : Number(row.minSiftScore),
      hasAssessment: row.hasAssessment ?? false,
      version: row.version ?? 0,
    };
  }

  async countAtStage(vacancyId: string, stage: PipelineStage): Promise<number> {
    const [row] = await this.txHost.tx.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM applications WHERE vacancy_id = $1 AND stage = $2',
      [vacancyId, stage],
    );
    return row?.n ?? 0;
  }

  /** Which of these vacancies have an assessment stage. */
  async withAssessment(vacancyIds: string[]): Promise<Set<string>> {
    if (vacancyIds.length === 0) return new Set();
    const rows: { vacancy_id: string }[] = await this.txHost.tx.query(
      'SELECT vacancy_id FROM vacancy_pipeline_settings WHERE vacancy_id = ANY($1::uuid[]) AND has_assessment',
      [vacancyIds],
    );
    return new Set(rows.map((r) => r.vacancy_id));
  }

  /** Writes the settings at `version` (0: none yet); false when someone else wrote them first. */
  async saveSettings(
    vacancyId: string,
    version: number,
    minSiftScore: number,
    hasAssessment: boolean,
  ): Promise<boolean> {
    const rows: unknown[] =
      version === 0
        ? await this.txHost.tx.query(
            `INSERT INTO vacancy_pipeline_settings (vacancy_id, min_sift_score, has_assessment) VALUES ($1, $2, $3)
             ON CONFLICT (vacancy_id) DO NOTHING RETURNING 1`,
            [vacancyId, minSiftScore, hasAssessment],
          )
        : await this.txHost.tx.query(
            `UPDATE vacancy_pipeline_settings SET min_sift_score = $3, has_assessment = $4, version = version + 1,
                    updated_at = now()
              WHERE vacancy_id = $1 AND version = $2 RETURNING 1`,
            [vacancyId, version, minSiftScore, hasAssessment],
          );
    return rows.length > 0;
  }

  /** Every score of these applications (at `stage`, when given), with each assessor's name. */
  async scores(applicationIds: string[], stage?: ScoredStage): Promise<StoredScore[]> {
    if (applicationIds.length === 0) return [];
    return this.txHost.tx.query(
      `SELECT s.application_id AS "applicationId", s.stage, s.assessor_user_id AS "assessorUserId",
              coalesce(u.display_name, '') AS "assessorName", s.kind, s.criterion, s.score, s.scored_at AS "scoredAt"
         FROM application_scores s LEFT JOIN users u ON u.id = s.assessor_user_id
        WHERE s.application_id = ANY($1::uuid[]) AND ($2::varchar IS NULL OR s.stage = $2)
        ORDER BY s.stage, u.display_name, s.assessor_user_id, s.kind, s.criterion`,
      [applicationIds, stage ?? null],
    );
  }

  /** Replaces one assessor's scores of an application at a stage. */
  async replaceScores(
    applicationId: string,
    stage: ScoredStage,
    assessorUserId: string,
    rows: { kind: ScoreKind; criterion: string; score: number }[],
  ): Promise<void> {
    const repo = this.txHost.tx.getRepository(ApplicationScore);
    await repo.delete({ applicationId, stage, assessorUserId });
    if (rows.length === 0) return;
    const scoredAt = new Date();
    await repo
      .createQueryBuilder()
      .insert()
      .values(rows.map((r) => ({ applicationId, stage, assessorUserId, scoredAt, ...r })))
      .execute();
  }
}
