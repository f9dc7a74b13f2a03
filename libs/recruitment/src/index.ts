export * from './applications/index.js';
export * from './candidates/index.js';
export * from './figures/index.js';
export * from './planning/index.js';
export * from './privacy/index.js';
export { RECRUITMENT_ENTITIES, RecruitmentModule } from './recruitment.module.js';
