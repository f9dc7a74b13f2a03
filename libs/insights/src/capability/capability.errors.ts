import { DomainError, ForbiddenError } from '@capability/platform';

/**
 * The reader has nothing the capability insights could show them: no families they lead, no reporting chain. The
 * same `forbidden` problem as a missing permission (a line manager's `team` scope is empty for someone who manages
 * nobody, so they in effect lack it).
 */
export class CapabilityInsightsNotAllowed extends ForbiddenError {
  constructor() {
    super(
      'Capability insights are for HR, admins, heads of profession (their families) and line managers (their reporting chain)',
    );
  }
}

/** No closed review cycle yet, and none was named. */
export class NoClosedCycle extends DomainError {
  readonly code = 'insights-no-closed-cycle';
  readonly status = 404;
  readonly title = 'No closed review cycle';
  constructor() {
    super('No review cycle has closed yet: name one with cycleId (the open one may be asked for)');
  }
}

/** A head of profession asked for a role family they do not lead (and manage no one to narrow the family to). */
export class CapabilityFamilyNotAllowed extends DomainError {
  readonly code = 'insights-capability-family-not-allowed';
  readonly status = 403;
  readonly title = 'Not a family you lead';
  constructor(family: string) {
    super(`The capability figures of "${family}" are for HR, admins and the heads of profession who lead it`);
  }
}
