import { DomainError } from '@capability/platform';

/** The reader may see no people report: neither HR, a head of profession, nor a line manager. */
export class PeopleInsightsNotAllowed extends DomainError {
  readonly code = 'insights-people-not-allowed';
  readonly status = 403;
  readonly title = 'Not a reader of people insights';
  constructor(report: string) {
    super(
      `The ${report} report is for HR, admins, heads of profession (their families) and line managers (their teams)`,
    );
  }
}

/** A head of profession asked for a family they do not lead. */
export class PeopleInsightsFamilyNotAllowed extends DomainError {
  readonly code = 'insights-people-family-not-allowed';
  readonly status = 403;
  readonly title = 'Not a family you lead';
  constructor(family: string) {
    super(`The figures of "${family}" are for HR, admins and the heads of profession who lead it`);
  }
}
