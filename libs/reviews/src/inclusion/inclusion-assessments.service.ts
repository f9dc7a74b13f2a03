import { INCLUSION_TARGET_LEVEL, InclusionScaleService, type InclusionLevel } from '@capability/framework';
import { AuditService, Transactional, type Actor, type Page, type PageQuery } from '@capability/platform';
import { StaffNotFound, StaffService, today } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import type { AssessmentMethod, InclusionAssessment } from './inclusion-assessment.entity.js';
import { InclusionAssessmentsRepository } from './inclusion-assessments.repository.js';
import { InclusionPermission } from './inclusion-permissions.js';
import { deriveInclusionLevel, type QuestionnaireAnswers } from './inclusion-questionnaire.js';
import {
  AssessmentDateInFuture,
  AssessmentMethodMismatch,
  AssessmentNotAllowed,
  NoStaffRecord,
} from './inclusion.errors.js';

export interface NewInclusionAssessment {
  level: number;
  /** Default: self for one's own record, assisted for someone else's. */
  method?: AssessmentMethod;
  /** Default today; never in the future. */
  assessedOn?: string;
}

/** An assessment with the name of its level on the scale. */
export type InclusionAssessmentView = InclusionAssessment & { levelName: string };

/** A person's digital inclusion: the current level (the latest assessment), against the target. */
export interface InclusionSummary {
  staffId: string;
  current: InclusionAssessmentView | null;
  targetLevel: number;
  targetMet: boolean;
  /** The newest assessments, first page. */
  history: Page<InclusionAssessmentView>;
}

/**
 * Digital inclusion assessments of any member of staff on the 1..9 scale. Staff record their own; those
 * who support them (anyone above them in the line-management chain, HR) may record one for them
 * (assisted digital). Read as staff records are read.
 */
@Injectable()
export class InclusionAssessmentsService {
  constructor(
    private readonly assessments: InclusionAssessmentsRepository,
    private readonly staff: StaffService,
    private readonly scale: InclusionScaleService,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async record(actor: Actor, staffId: string, input: NewInclusionAssessment): Promise<InclusionAssessmentView> {
    await this.checkMayRecord(actor, staffId);
    const own = actor.staffId === staffId;
    const method = input.method ?? (own ? 'self' : 'assisted');
    if (method === 'questionnaire') {
      throw new AssessmentMethodMismatch(
        'A questionnaire assessment is derived from its answers: POST /me/inclusion-assessments/questionnaire',
      );
    }
    if (method === 'self' && !own) throw new AssessmentMethodMismatch('Only the person records a self assessment');
    if (method === 'assisted' && own) {
      throw new AssessmentMethodMismatch('An assisted assessment is recorded by someone supporting the person');
    }
    return this.insert(actor, staffId, { level: input.level, method, assessedOn: input.assessedOn, answers: null });
  }

  /** The actor's own assessment, derived from the questionnaire's answers (DERIVATION_TABLE). */
  @Transactional()
  async recordQuestionnaire(actor: Actor, answers: QuestionnaireAnswers): Promise<InclusionAssessmentView> {
    const staffId = this.ownStaffId(actor);
    await this.checkMayRecord(actor, staffId);
    return this.insert(actor, staffId, { level: deriveInclusionLevel(answers), method: 'questionnaire', answers });
  }

  /** The person's assessments, newest first, for whoever may read their record. */
  async history(actor: Actor, staffId: string, page: PageQuery): Promise<Page<InclusionAssessmentView>> {
    if (!(await this.staff.isInScope(actor, staffId, InclusionPermission.AssessmentRead))) {
      throw new StaffNotFound(staffId);
    }
    return this.viewPage(await this.assessments.listForStaff(staffId, page));
  }

  /** The actor's own level, history and whether they meet the department's target (7 or above). */
  async mine(actor: Actor): Promise<InclusionSummary> {
    const staffId = this.ownStaffId(actor);
    const history = this.viewPage(await this.assessments.listForStaff(staffId, { limit: 20 }));
    const current = history.items[0] ?? null;
    return {
      staffId,
      current,
      targetLevel: INCLUSION_TARGET_LEVEL,
      targetMet: current !== null && current.level >= INCLUSION_TARGET_LEVEL,
      history,
    };
  }

  /** The scale's nine levels, 1 first (names for the questionnaire's derivation table). */
  levels(): InclusionLevel[] {
    return this.scale.levels();
  }

  private async insert(
    actor: Actor,
    staffId: string,
    input: { level: number; method: AssessmentMethod; assessedOn?: string; answers: QuestionnaireAnswers | null },
  ): Promise<InclusionAssessmentView> {
    const now = today();
    const assessedOn = input.assessedOn ?? now;
    if (assessedOn > now) throw new AssessmentDateInFuture(now);
    const assessment = await this.assessments.insert({
      staffId,
      level: input.level,
      method: input.method,
      assessedOn,
      recordedByUserId: actor.userId,
      answers: input.answers,
    });
    await this.audit.record(actor, {
      action: 'inclusion-assessment.recorded',
      entityType: 'inclusion-assessment',
      entityId: assessment.id,
      changedFields: ['staffId', 'level', 'method', 'assessedOn', ...(input.answers ? ['answers'] : [])],
    });
    return this.view(assessment);
  }

  /** 404 when the person is out of the actor's sight; 403 when visible but not someone they support. */
  private async checkMayRecord(actor: Actor, staffId: string): Promise<void> {
    if (await this.staff.isInScope(actor, staffId, InclusionPermission.AssessmentRecord)) return;
    if (await this.staff.isInScope(actor, staffId, InclusionPermission.AssessmentRead)) {
      throw new AssessmentNotAllowed();
    }
    throw new StaffNotFound(staffId);
  }

  private ownStaffId(actor: Actor): string {
    if (!actor.staffId) throw new NoStaffRecord();
    return actor.staffId;
  }

  private view(assessment: InclusionAssessment): InclusionAssessmentView {
    const levelName = this.scale.levels()[assessment.level - 1]?.name ?? String(assessment.level);
    return Object.assign(assessment, { levelName });
  }

  private viewPage(page: Page<InclusionAssessment>): Page<InclusionAssessmentView> {
    return { items: page.items.map((a) => this.view(a)), nextCursor: page.nextCursor };
  }
}
