import type { Type } from '@nestjs/common';
import { InclusionInsightsController } from './inclusion.controller.js';
import { PeopleInsightsXlsxController } from './people-xlsx.controller.js';
import { WorkforceInsightsController } from './workforce.controller.js';

/** People: the workforce report (headcount against establishment, vacancies, interim and contractor dependency, joiners and leavers) and the inclusion report (levels 1..9, the share at 7+, pulses). Controllers for InsightsApiModule. */
export const PEOPLE_INSIGHTS_CONTROLLERS: Type[] = [
  WorkforceInsightsController,
  InclusionInsightsController,
  PeopleInsightsXlsxController,
];
