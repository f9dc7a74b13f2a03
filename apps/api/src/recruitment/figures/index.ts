import type { Type } from '@nestjs/common';
import { RecruitmentFiguresController } from './figures.controller.js';

/**
 * Recruitment figures: funnel, time to hire and in stage, acceptance, outcomes per source and partner, campaigns below
 * target, interim and contractor posts converted. Controllers for RecruitmentApiModule.
 */
export const FIGURES_CONTROLLERS: Type[] = [RecruitmentFiguresController];
