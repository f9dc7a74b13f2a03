import { Public } from '@capability/auth';
import { AppConfig } from '@capability/platform';
import { Get, Render } from '@nestjs/common';
import { Page } from '../page.decorator.js';
import { WebController } from '../web-controller.decorator.js';

/** The pages the footer links to, open to anyone. */
@WebController()
export class InfoPagesController {
  constructor(private readonly config: AppConfig) {}

  @Get('accessibility')
  @Public()
  @Page()
  @Render('pages/accessibility.njk')
  accessibility(): object {
    return {};
  }

  @Get('privacy')
  @Public()
  @Page()
  @Render('pages/privacy.njk')
  privacy(): object {
    return {};
  }

  @Get('cookies')
  @Public()
  @Page()
  @Render('pages/cookies.njk')
  cookies(): object {
    return { idleMinutes: this.config.web.idleMinutes };
  }
}
