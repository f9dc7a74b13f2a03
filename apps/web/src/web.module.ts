import { AuthModule } from '@capability/auth';
import { ReviewsModule } from '@capability/reviews';
import { Module } from '@nestjs/common';
import { SignInController } from './account/sign-in.controller.js';
import { HomeController } from './home/home.controller.js';
import { DigitalSkillsController } from './inclusion/digital-skills.controller.js';
import { InfoPagesController } from './info/info-pages.controller.js';
import { PageLocalsInterceptor } from './page-locals.interceptor.js';

/**
 * The web pages (apps/web): server-rendered with Nunjucks and govuk-frontend, served by the API's
 * process at `/`. Pages call the libs' services directly, with the actor the session guard builds, so
 * every permission, scope and rule is the API's own.
 */
/** Every controller of pages: the module's, and the routes the API's global prefix leaves out. */
export const WEB_CONTROLLERS = [SignInController, HomeController, InfoPagesController, DigitalSkillsController];

@Module({
  imports: [AuthModule, ReviewsModule],
  controllers: WEB_CONTROLLERS,
  providers: [PageLocalsInterceptor],
})
export class WebModule {}
