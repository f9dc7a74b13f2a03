import type { Type } from '@nestjs/common';
import { ApplicationsController } from './applications.controller.js';
import { PipelineSettingsController } from './pipeline-settings.controller.js';

/** Applications: the pipeline (a table of allowed moves), scores, name-blind sift, Disability Confident, offers, pre-employment checks, appointment through workforce, reserve lists. Controllers for RecruitmentApiModule. */
export const APPLICATIONS_CONTROLLERS: Type[] = [ApplicationsController, PipelineSettingsController];
