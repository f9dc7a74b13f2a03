import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { DomainError, type Actor } from '@capability/platform';
import { SkillReviewsService } from '@capability/reviews';
import { Get, Render } from '@nestjs/common';
import { Page } from '../page.decorator.js';
import { WebController } from '../web-controller.decorator.js';

/** What each state of a skills review asks of its reviewee, as a task-list status. */
const REVIEW_TASK: Record<string, { text: string; tag?: string }> = {
  not_started: { text: 'Not yet started', tag: 'govuk-tag--blue' },
  in_progress: { text: 'In progress', tag: 'govuk-tag--light-blue' },
  returned: { text: 'Returned to you', tag: 'govuk-tag--orange' },
  self_assessed: { text: 'With your line manager' },
  validated: { text: 'Completed' },
};

/** The signed-in person's home page: their tasks, and the sections their roles reach. */
@WebController()
export class HomeController {
  constructor(private readonly reviews: SkillReviewsService) {}

  @Get()
  @RequirePermission(Permission.MeRead)
  @Page()
  @Render('pages/home.njk')
  async home(@CurrentActor() actor: Actor): Promise<object> {
    const tasks: { title: string; href?: string; hint?: string; status: { text: string; tag?: string } }[] = [];
    if (actor.staffId) {
      const review = await this.reviews.mine(actor).catch((err: unknown) => {
        if (err instanceof DomainError && err.status === 404) return undefined;
        throw err;
      });
      if (review) {
        tasks.push({
          title: `Your skills review (${review.cycleName})`,
          href: '/review',
          hint: 'Rate yourself against the skills your role needs',
          status: REVIEW_TASK[review.review.state] ?? { text: review.review.state },
        });
      }
    }
    return { pageTitle: 'Home', tasks };
  }
}
