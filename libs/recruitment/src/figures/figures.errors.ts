import { DomainError } from '@capability/platform';

/** A head of profession asked for the figures of a family they do not lead. */
export class FiguresScopeNotAllowed extends DomainError {
  readonly code = 'recruitment-figures-scope-not-allowed';
  readonly status = 403;
  readonly title = 'Not a family you lead';
  constructor(family: string) {
    super(`The recruitment figures of "${family}" are for HR, admins and the heads of profession who lead it`);
  }
}
