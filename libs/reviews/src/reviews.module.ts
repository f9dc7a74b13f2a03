import { FrameworkModule } from '@capability/framework';
import { WorkforceModule } from '@capability/workforce';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { REVIEWS_DEMO_PROVIDERS } from './demo/demo.providers.js';
import { INCLUSION_ENTITIES, INCLUSION_PROVIDERS, INCLUSION_SERVICES } from './inclusion/inclusion.providers.js';
import { SKILLS_REVIEW_ENTITIES, SKILLS_REVIEW_PROVIDERS, SKILLS_REVIEW_SERVICES } from './skills/skills.providers.js';

export const REVIEWS_ENTITIES = [...SKILLS_REVIEW_ENTITIES, ...INCLUSION_ENTITIES];

/** The annual skills review and digital inclusion (assessments, questionnaire, awareness pulses). */
@Module({
  imports: [TypeOrmModule.forFeature(REVIEWS_ENTITIES), WorkforceModule, FrameworkModule],
  providers: [...SKILLS_REVIEW_PROVIDERS, ...INCLUSION_PROVIDERS, ...REVIEWS_DEMO_PROVIDERS],
  exports: [...SKILLS_REVIEW_SERVICES, ...INCLUSION_SERVICES],
})
export class ReviewsModule {}
