import { DomainError } from '@capability/platform';

/** The reader sees no recruitment figures: neither HR, an admin, nor a head of profession with families. */
export class RecruitmentInsightsNotAllowed extends DomainError {
  readonly code = 'forbidden';
  readonly status = 403;
  readonly title = 'Forbidden';
  constructor() {
    super('The recruitment insights are for HR, admins and heads of profession (their families)');
  }
}
