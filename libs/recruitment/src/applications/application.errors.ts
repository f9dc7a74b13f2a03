import { DomainError } from '@capability/platform';
import type { PipelineStage } from './pipeline.js';

/** Also the answer for an application the caller may not see: they may not know it exists. */
export class ApplicationNotFound extends DomainError {
  readonly code = 'application-not-found';
  readonly status = 404;
  readonly title = 'Application not found';
  constructor(id: string) {
    super(`No application with id ${id}`);
  }
}

/** A field breaks a rule the request's shape cannot: named in `errors`. */
export class ApplicationInvalid extends DomainError {
  readonly code = 'application-invalid';
  readonly status = 422;
  readonly title = 'Application not valid';
  constructor(errors: { field: string; message: string }[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}

/** The candidate has already applied to this vacancy: the problem points at that application. */
export class DuplicateApplication extends DomainError {
  readonly code = 'duplicate-application';
  readonly status = 409;
  readonly title = 'Application already exists';
  constructor(existingId: string) {
    super(`This candidate has already applied to this vacancy: ${existingId}`, {
      existingApplicationId: existingId,
      existingApplication: `/api/v1/applications/${existingId}`,
    });
  }
}

/** Applications are taken only while the vacancy is open. */
export class VacancyNotTakingApplications extends DomainError {
  readonly code = 'vacancy-not-taking-applications';
  readonly status = 409;
  readonly title = 'Vacancy not open';
  constructor(state: string) {
    super(`The vacancy is ${state}: applications are taken only while it is open`, { vacancyState: state });
  }
}

/** A move the pipeline's table does not allow; `allowed` names the stages it does. */
export class IllegalApplicationMove extends DomainError {
  readonly code = 'illegal-application-move';
  readonly status = 409;
  readonly title = 'Not an allowed move';
  constructor(stage: PipelineStage, to: PipelineStage, allowed: PipelineStage[]) {
    super(
      `An application at ${stage} cannot move to ${to}; ` +
        (allowed.length ? `allowed: ${allowed.join(', ')}` : `${stage} is final`),
      { stage, to, allowed },
    );
  }
}

/** A Disability Confident applicant who meets the minimum sift score is guaranteed an interview. */
export class InterviewGuaranteed extends DomainError {
  readonly code = 'disability-confident-interview-guaranteed';
  readonly status = 422;
  readonly title = 'Interview guaranteed';
  constructor(detail: string, extensions: Record<string, unknown>) {
    super(detail, extensions);
  }
}

/** Scores are given for the stage the application is at. */
export class ApplicationNotAtStage extends DomainError {
  readonly code = 'application-not-at-stage';
  readonly status = 409;
  readonly title = 'Not at this stage';
  constructor(stage: PipelineStage, scored: string) {
    super(`The application is at ${stage}: scores are given for the stage it is at, not ${scored}`, { stage });
  }
}

/** The Disability Confident choice is made before the sift is over (the guarantee is the sift's). */
export class DisabilityConfidentTooLate extends DomainError {
  readonly code = 'disability-confident-too-late';
  readonly status = 409;
  readonly title = 'Too late for this choice';
  constructor(stage: PipelineStage) {
    super(`The application is at ${stage}: the Disability Confident choice is made before the sift is over`, { stage });
  }
}

/** A vacancy keeps its assessment stage while applications are at it. */
export class AssessmentStageInUse extends DomainError {
  readonly code = 'assessment-stage-in-use';
  readonly status = 409;
  readonly title = 'Assessment stage in use';
  constructor(waiting: number) {
    super(`${waiting} application${waiting === 1 ? ' is' : 's are'} at the assessment stage: move them on first`, {
      waiting,
    });
  }
}
