export { INCLUSION_CSV_COLUMNS, inclusionCsv } from './inclusion-csv.js';
export {
  INCLUSION_TARGET_LEVEL,
  InclusionInsightsService,
  type InclusionFigures,
  type InclusionQuery,
  type InclusionReport,
  type InclusionTrendCell,
  type InclusionUnitRow,
  type PulsePoint,
  type PulseStatementTrend,
} from './inclusion-insights.service.js';
export { PeopleInsightsPermission } from './people-permissions.js';
export { MAX_PERIODS, periods, type PeopleScope, type Period } from './people-scope.js';
export { inclusionXlsx, workforceXlsx } from './people-xlsx.js';
export { PeopleInsightsFamilyNotAllowed, PeopleInsightsNotAllowed } from './people.errors.js';
export { PEOPLE_INSIGHTS_ENTITIES, PEOPLE_INSIGHTS_SERVICES } from './people.providers.js';
export { WORKFORCE_CSV_COLUMNS, workforceCsv } from './workforce-csv.js';
export {
  WorkforceInsightsService,
  type HeadcountFamilyRow,
  type HeadcountFigures,
  type HeadcountLevelRow,
  type InterimTrendCell,
  type MovementCell,
  type WorkforceQuery,
  type WorkforceReport,
} from './workforce-insights.service.js';
