import {
  AuditService,
  PreconditionFailedError,
  Transactional,
  type Actor,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { VacanciesRepository } from '../planning/vacancies.repository.js';
import { VacancyNotFound } from '../planning/vacancy.errors.js';
import { ApplicationPermission, pipelineScopeSql, seesCandidatesWhole } from './application-permissions.js';
import type { Application } from './application.entity.js';
import {
  ApplicationInvalid,
  ApplicationNotFound,
  AssessmentStageInUse,
  DisabilityConfidentTooLate,
  DuplicateApplication,
  VacancyNotTakingApplications,
} from './application.errors.js';
import {
  ApplicationsRepository,
  type ApplicationCandidate,
  type ApplicationFilter,
  type ApplicationRecord,
  type ApplicationVacancy,
  type PipelineSettingsRow,
  type StageMoveView,
} from './applications.repository.js';
import { allowedMoves, SCORED_STAGES, type PipelineStage, type ScoredStage } from './pipeline.js';
import { combinedScore, type CombinedScore, type ScoreKind } from './scoring.js';

export interface NewApplication {
  candidateId: string;
  vacancyId: string;
  /** The applicant opted in to the Disability Confident scheme (recorded by HR; the candidate link records it too). */
  disabilityConfident?: boolean;
}

/** The candidate as the reader may see them: identity fields null while the sift is name-blind to them. */
export type VisibleCandidate = {
  [K in keyof ApplicationCandidate]: K extends 'course' | 'graduationYear' | 'rightToWork'
    ? ApplicationCandidate[K]
    : ApplicationCandidate[K] | null;
};

export interface ApplicationView {
  application: Application;
  vacancy: ApplicationVacancy;
  candidate: VisibleCandidate;
  /** Name, contact details, education institution and source withheld (a panel member, during sift). */
  blind: boolean;
  /** Null when the reader is not HR (the panel never learns it). */
  disabilityConfident: boolean | null;
  /** The reasonable adjustments the applicant asked for (the candidate link): HR's to arrange; null for a panel. */
  adjustments: string | null;
  allowedMoves: PipelineStage[];
}

export interface AssessorScores {
  userId: string;
  displayName: string;
  behaviours: { criterion: string; score: number }[];
  technicalSkills: { criterion: string; score: number }[];
}

export interface StageScores {
  stage: ScoredStage;
  assessors: AssessorScores[];
  combined: CombinedScore;
}

export interface ApplicationDetailView extends ApplicationView {
  moves: StageMoveView[];
  scores: StageScores[];
}

export interface PipelineSettingsChanges {
  minSiftScore: number;
  hasAssessment: boolean;
}

/**
 * Applications (a candidate × a vacancy, one each). HR and admins add them (to an open vacancy), read every one and
 * manage each vacancy's pipeline settings; a panel member reads the applications to the vacancies whose panel they
 * sit on, name-blind while an application is in sift (until it reaches the interview: no name, contact details,
 * education institution or source) and never with its Disability Confident opt-in. Anyone else: 404, or an empty list.
 * Every read is audited (the id, never a value): an application shows a candidate's record.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly vacancies: VacanciesRepository,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async create(actor: Actor, input: NewApplication): Promise<ApplicationDetailView> {
    const problems: { field: string; message: string }[] = [];
    if (!(await this.applications.candidateExists(input.candidateId))) {
      problems.push({ field: 'candidateId', message: 'no such candidate' });
    }
    const vacancy = await this.applications.vacancy(input.vacancyId);
    if (!vacancy) problems.push({ field: 'vacancyId', message: 'no such vacancy' });
    if (problems.length > 0) throw new ApplicationInvalid(problems);
    if (vacancy!.state !== 'open') throw new VacancyNotTakingApplications(vacancy!.state);
    const existing = await this.applications.existing(input.candidateId, input.vacancyId);
    if (existing) throw new DuplicateApplication(existing);
    const now = new Date();
    const id = await this.applications.insert(
      {
        candidateId: input.candidateId,
        vacancyId: input.vacancyId,
        disabilityConfident: input.disabilityConfident ?? false,
        disabilityConfidentAt: input.disabilityConfident ? now : null,
        createdByUserId: actor.userId,
      },
      now,
    );
    await this.audit.record(actor, {
      action: 'application.created',
      entityType: 'application',
      entityId: id,
      changedFields: Object.keys(input).filter((k) => input[k as keyof NewApplication] !== undefined),
    });
    return this.detail(actor, id);
  }

  /** Newest first, as far as the actor's scope reaches; each application shown is audited as read. */
  @Transactional()
  async list(actor: Actor, filter: ApplicationFilter, page: PageQuery): Promise<Page<ApplicationView>> {
    const found = await this.applications.list(
      filter,
      (values) => pipelineScopeSql(actor, ApplicationPermission.Read, 'a.vacancy_id', values),
      page,
    );
    await this.audit.recordEach(
      actor,
      { action: 'application.listed', entityType: 'application' },
      found.items.map((r) => r.application.id),
    );
    return { items: await this.views(actor, found.items), nextCursor: found.nextCursor };
  }

  @Transactional()
  async get(actor: Actor, id: string): Promise<ApplicationDetailView> {
    await this.visible(actor, id, ApplicationPermission.Read);
    await this.audit.record(actor, { action: 'application.read', entityType: 'application', entityId: id });
    return this.detail(actor, id);
  }

  /**
   * Records the applicant's Disability Confident choice (the candidate link calls this with no actor: the candidate
   * themselves). Only before the sift is over: it is what the sift's guarantee reads. Audited without the value.
   */
  @Transactional()
  async recordDisabilityConfident(actor: Actor | null, id: string, optIn: boolean): Promise<void> {
    const application = await this.applications.find(id, 'TRUE', [], true);
    if (!application) throw new ApplicationNotFound(id);
    if (application.stage !== 'applied' && application.stage !== 'sift') {
      throw new DisabilityConfidentTooLate(application.stage);
    }
    if (application.disabilityConfident === optIn) return;
    await this.applications.updateIfVersion(id, application.version, {
      disabilityConfident: optIn,
      disabilityConfidentAt: optIn ? new Date() : null,
    });
    await this.audit.record(actor, {
      action: 'application.disability-confident-recorded',
      entityType: 'application',
      entityId: id,
      changedFields: ['disabilityConfident'],
    });
  }

  /** A vacancy's pipeline settings (its minimum sift score, whether it has an assessment stage). */
  async settings(actor: Actor, vacancyId: string): Promise<PipelineSettingsRow> {
    const values: unknown[] = [vacancyId];
    const visible = pipelineScopeSql(actor, ApplicationPermission.Read, 'v.id', values);
    const found = await this.applications.settings(vacancyId, visible, values.slice(1));
    if (!found) throw new VacancyNotFound(vacancyId);
    return found;
  }

  /** Sets them at the version the caller read (If-Match; "0" while the vacancy has the defaults). */
  @Transactional()
  async changeSettings(
    actor: Actor,
    vacancyId: string,
    version: number,
    changes: PipelineSettingsChanges,
  ): Promise<PipelineSettingsRow> {
    const current = await this.applications.settings(vacancyId);
    if (!current) throw new VacancyNotFound(vacancyId);
    if (current.version !== version) throw new PreconditionFailedError('pipeline settings');
    if (current.minSiftScore === changes.minSiftScore && current.hasAssessment === changes.hasAssessment) {
      return current;
    }
    if (current.hasAssessment && !changes.hasAssessment) {
      // Dropping the stage would strand the applications at it.
      const waiting = await this.applications.countAtStage(vacancyId, 'assessment');
      if (waiting > 0) throw new AssessmentStageInUse(waiting);
    }
    if (!(await this.applications.saveSettings(vacancyId, version, changes.minSiftScore, changes.hasAssessment))) {
      throw new PreconditionFailedError('pipeline settings');
    }
    await this.audit.record(actor, {
      action: 'vacancy.pipeline-settings-changed',
      entityType: 'vacancy',
      entityId: vacancyId,
      changedFields: [
        ...(current.minSiftScore !== changes.minSiftScore ? ['minSiftScore'] : []),
        ...(current.hasAssessment !== changes.hasAssessment ? ['hasAssessment'] : []),
      ],
    });
    return (await this.applications.settings(vacancyId))!;
  }

  /** The application, when the actor's scope of `permission` reaches it; `lock` locks it. */
  async visible(actor: Actor, id: string, permission: string, lock = false): Promise<Application> {
    const values: unknown[] = [id];
    const condition = pipelineScopeSql(actor, permission, 'a.vacancy_id', values);
    const application = await this.applications.find(id, condition, values.slice(1), lock);
    if (!application) throw new ApplicationNotFound(id);
    return application;
  }

  /** The application as the actor may see it, with its moves and each scored stage. */
  async detail(actor: Actor, id: string): Promise<ApplicationDetailView> {
    const [record] = await this.applications.records([id]);
    if (!record) throw new ApplicationNotFound(id);
    const [view] = await this.views(actor, [record]);
    const required = new Map(
      (await this.vacancies.requiredSkills(record.vacancy.roleLevelId)).map((s) => [s.slug, s.level]),
    );
    const scores = await this.applications.scores([id]);
    return {
      ...view!,
      moves: await this.applications.moves([id]),
      scores: SCORED_STAGES.flatMap((stage): StageScores[] => {
        const rows = scores.filter((s) => s.stage === stage);
        if (rows.length === 0) return [];
        const assessors = [...new Map(rows.map((r) => [r.assessorUserId, r.assessorName])).entries()];
        const of = (userId: string, kind: ScoreKind) =>
          rows
            .filter((r) => r.assessorUserId === userId && r.kind === kind)
            .map((r) => ({ criterion: r.criterion, score: r.score }));
        return [
          {
            stage,
            assessors: assessors.map(([userId, displayName]) => ({
              userId,
              displayName,
              behaviours: of(userId, 'behaviour'),
              technicalSkills: of(userId, 'technical'),
            })),
            combined: combinedScore(rows, required),
          },
        ];
      }),
    };
  }

  private async views(actor: Actor, records: ApplicationRecord[]): Promise<ApplicationView[]> {
    const whole = seesCandidatesWhole(actor);
    const assessment = await this.applications.withAssessment([...new Set(records.map((r) => r.vacancy.id))]);
    return records.map((r) => {
      const blind = !whole && !r.reachedInterview;
      return {
        application: r.application,
        vacancy: r.vacancy,
        candidate: blind ? blinded(r.candidate) : r.candidate,
        blind,
        disabilityConfident: whole ? r.application.disabilityConfident : null,
        adjustments: whole ? r.application.adjustments : null,
        allowedMoves: allowedMoves(r.application.stage, { assessment: assessment.has(r.vacancy.id) }),
      };
    });
  }
}

/** What a name-blind sift shows of a candidate: no name, contact details, education institution or source. */
function blinded(c: ApplicationCandidate): VisibleCandidate {
  return {
    id: null,
    fullName: null,
    email: null,
    phone: null,
    university: null,
    course: c.course,
    graduationYear: c.graduationYear,
    rightToWork: c.rightToWork,
    partner: null,
    channel: null,
  };
}
