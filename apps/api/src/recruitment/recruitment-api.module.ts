import { RecruitmentModule } from '@capability/recruitment';
import { Module } from '@nestjs/common';
import { APPLICATIONS_CONTROLLERS } from './applications/index.js';
import { CANDIDATES_CONTROLLERS } from './candidates/index.js';
import { FIGURES_CONTROLLERS } from './figures/index.js';
import { PLANNING_CONTROLLERS } from './planning/index.js';
import { PRIVACY_CONTROLLERS } from './privacy/index.js';

/** HTTP for recruitment: planning, candidates, applications, privacy and figures. */
@Module({
  imports: [RecruitmentModule],
  controllers: [
    ...PLANNING_CONTROLLERS,
    ...CANDIDATES_CONTROLLERS,
    ...APPLICATIONS_CONTROLLERS,
    ...PRIVACY_CONTROLLERS,
    ...FIGURES_CONTROLLERS,
  ],
})
export class RecruitmentApiModule {}
