import { AuditService, Transactional, type Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { VacanciesRepository } from '../planning/vacancies.repository.js';
import { ApplicationPermission } from './application-permissions.js';
import { ApplicationInvalid, ApplicationNotAtStage } from './application.errors.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService, type ApplicationDetailView } from './applications.service.js';
import type { ScoredStage } from './pipeline.js';
import type { Behaviour } from './scoring.js';

export interface StageScoring {
  behaviours: { behaviour: Behaviour; score: number }[];
  /** Skills the vacancy's role level requires, by slug. */
  technicalSkills: { skill: string; score: number }[];
}

/**
 * An assessor's scores of an application at the stage it is at (sift, interview or assessment): the panel members of
 * its vacancy, HR and admins. Scoring again replaces the assessor's scores for that stage. Technical skills are the
 * ones the vacancy's role level requires (422 naming any other). Audited without the scores.
 */
@Injectable()
export class ApplicationScoresService {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly reads: ApplicationsService,
    private readonly vacancies: VacanciesRepository,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async score(actor: Actor, id: string, stage: ScoredStage, input: StageScoring): Promise<ApplicationDetailView> {
    const application = await this.reads.visible(actor, id, ApplicationPermission.Score, true);
    if (application.stage !== stage) throw new ApplicationNotAtStage(application.stage, stage);
    const problems: { field: string; message: string }[] = [];
    if (input.behaviours.length + input.technicalSkills.length === 0) {
      problems.push({ field: 'behaviours', message: 'score at least one behaviour or technical skill' });
    }
    const seen = new Set<string>();
    input.behaviours.forEach((b, i) => {
      if (seen.has(b.behaviour)) problems.push({ field: `behaviours[${i}].behaviour`, message: 'scored twice' });
      seen.add(b.behaviour);
    });
    const [vacancy] = await this.applications.records([id]);
    const required = new Set((await this.vacancies.requiredSkills(vacancy!.vacancy.roleLevelId)).map((s) => s.slug));
    const skills = new Set<string>();
    input.technicalSkills.forEach((t, i) => {
      if (!required.has(t.skill)) {
        problems.push({
          field: `technicalSkills[${i}].skill`,
          message: "not a skill the vacancy's role level requires",
        });
      } else if (skills.has(t.skill)) {
        problems.push({ field: `technicalSkills[${i}].skill`, message: 'scored twice' });
      }
      skills.add(t.skill);
    });
    if (problems.length > 0) throw new ApplicationInvalid(problems);
    await this.applications.replaceScores(id, stage, actor.userId, [
      ...input.behaviours.map((b) => ({ kind: 'behaviour' as const, criterion: b.behaviour, score: b.score })),
      ...input.technicalSkills.map((t) => ({ kind: 'technical' as const, criterion: t.skill, score: t.score })),
    ]);
    await this.audit.record(actor, {
      action: 'application.scored',
      entityType: 'application',
      entityId: id,
      changedFields: [
        ...(input.behaviours.length ? ['behaviours'] : []),
        ...(input.technicalSkills.length ? ['technicalSkills'] : []),
      ],
      details: { stage },
    });
    return this.reads.detail(actor, id);
  }
}
