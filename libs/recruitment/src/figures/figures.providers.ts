import type { Provider, Type } from '@nestjs/common';
import { RecruitmentFiguresRepository } from './recruitment-figures.repository.js';
import { RecruitmentFiguresService } from './recruitment-figures.service.js';

/**
 * Recruitment figures: funnel, time to hire and in stage, offer acceptance, outcomes per source and partner, campaigns
 * below target, interim and contractor posts converted (queries insights reuses; no tables of their own).
 * Entities, providers and the services other modules may use, gathered here for RecruitmentModule.
 */
export const FIGURES_ENTITIES: Type[] = [];
export const FIGURES_SERVICES: Type[] = [RecruitmentFiguresService];
export const FIGURES_PROVIDERS: Provider[] = [RecruitmentFiguresRepository, ...FIGURES_SERVICES];
