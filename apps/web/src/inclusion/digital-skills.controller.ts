import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import type { Actor } from '@capability/platform';
import { InclusionAssessmentsService, QUESTIONNAIRE } from '@capability/reviews';
import { Body, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QuestionnaireAnswersDto } from '../../../api/src/reviews/inclusion/inclusion.dto.js';
import { checkForm } from '../forms.js';
import { Page } from '../page.decorator.js';
import { WebController } from '../web-controller.decorator.js';

/** The form's radios, as the questionnaire's answers: "yes"/"no" for a yes-or-no question. */
function answersFrom(form: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    QUESTIONNAIRE.map((q): [string, unknown] => {
      const given = form[q.id];
      if (q.kind === 'boolean') return [q.id, given === 'yes' ? true : given === 'no' ? false : undefined];
      return [q.id, typeof given === 'string' ? given : undefined];
    }),
  );
}

const MESSAGES = Object.fromEntries(
  QUESTIONNAIRE.map((q) => [
    q.id,
    q.kind === 'boolean'
      ? `Select yes or no: ${q.text.replace(/\?.*$/, '?').toLowerCase()}`
      : `Select an answer: ${q.text.toLowerCase()}`,
  ]),
);

/**
 * The digital skills check: a person's digital inclusion level, and the short questionnaire that derives
 * a new one (InclusionAssessmentsService, as GET /me/inclusion and POST /me/inclusion-assessments/questionnaire).
 */
@WebController('digital-skills')
export class DigitalSkillsController {
  constructor(private readonly assessments: InclusionAssessmentsService) {}

  @Get()
  @RequirePermission(Permission.MeRead)
  @Page()
  @Render('pages/inclusion/summary.njk')
  async summary(@CurrentActor() actor: Actor): Promise<object> {
    const summary = await this.assessments.mine(actor);
    return { summary, levels: this.assessments.levels() };
  }

  @Get('check')
  @RequirePermission(Permission.InclusionAssessmentRecord)
  @Page()
  @Render('pages/inclusion/check.njk')
  check(): object {
    return { questions: QUESTIONNAIRE, values: {}, fieldErrors: {} };
  }

  @Post('check')
  @RequirePermission(Permission.InclusionAssessmentRecord)
  @Page()
  async answer(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: Record<string, unknown>,
  ): Promise<FastifyReply> {
    const checked = await checkForm(
      QuestionnaireAnswersDto,
      answersFrom(form),
      MESSAGES,
      QUESTIONNAIRE.map((q) => q.id),
    );
    if (!checked.ok) {
      return reply.code(400).view('pages/inclusion/check.njk', {
        questions: QUESTIONNAIRE,
        values: form,
        errors: checked.errors,
        fieldErrors: checked.fieldErrors,
      });
    }
    const assessment = await this.assessments.recordQuestionnaire(actor, checked.value);
    request.session.flash = `Your digital skills level is now ${assessment.level}: ${assessment.levelName}`;
    return reply.redirect('/digital-skills', 303);
  }
}
