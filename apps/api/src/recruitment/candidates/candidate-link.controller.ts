import { Public } from '@capability/auth';
import { CandidateLinkService, type CandidateLinkSession } from '@capability/recruitment';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiProblems } from '../../common/api-responses.js';
import {
  AdjustmentsDto,
  CandidateConsentDto,
  CandidateLinkOfferResponse,
  CandidateLinkResponse,
  CandidateOfferDecisionDto,
  DisabilityConfidentDto,
  DiversityAnswersDto,
} from './candidate-link.dto.js';
import { CandidateLinkGuard, LinkSession } from './candidate-link.guard.js';

/**
 * The candidate's own page, reached only with the token HR's link emailed them (`Authorization: Bearer cl_…`):
 * `@Public()` to the access-token and permission guards, and CandidateLinkGuard admits nothing but a live link.
 * Everything here is about the link's candidate; another candidate's application is 404.
 * The candidate reads their offers' terms and accepts or declines them here too; another candidate's offer is 404.
 */
@ApiTags('recruitment: candidate link')
@ApiBearerAuth('candidate-link')
@Controller('candidate-link')
@Public()
@UseGuards(CandidateLinkGuard)
export class CandidateLinkController {
  constructor(private readonly links: CandidateLinkService) {}

  @Get()
  @ApiOperation({ summary: "The link's candidate: their name and their applications' vacancy titles and stages" })
  @ApiOkResponse({ type: CandidateLinkResponse })
  @ApiProblems(401)
  async view(@LinkSession() session: CandidateLinkSession): Promise<CandidateLinkResponse> {
    return CandidateLinkResponse.from(await this.links.view(session));
  }

  @Put('consent')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Consent (or not) to the department keeping my details after an unsuccessful application' })
  @ApiNoContentResponse({ description: 'Recorded' })
  @ApiBodyProblems(401)
  async consent(@LinkSession() session: CandidateLinkSession, @Body() body: CandidateConsentDto): Promise<void> {
    await this.links.setConsent(session, body.retentionConsent);
  }

  @Put('diversity')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary:
      'My diversity-monitoring answers (replacing earlier ones): kept apart, never shown to anyone, counted only in ' +
      'aggregate with small numbers hidden',
  })
  @ApiNoContentResponse({ description: 'Recorded' })
  @ApiBodyProblems(401)
  async diversity(@LinkSession() session: CandidateLinkSession, @Body() body: DiversityAnswersDto): Promise<void> {
    await this.links.setDiversity(session, body);
  }

  @Put('applications/:applicationId/adjustments')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Reasonable adjustments I need for this application (for HR to arrange; never the panel)' })
  @ApiNoContentResponse({ description: 'Recorded' })
  @ApiBodyProblems(414, 401, 404)
  async adjustments(
    @LinkSession() session: CandidateLinkSession,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Body() body: AdjustmentsDto,
  ): Promise<void> {
    await this.links.setAdjustments(session, applicationId, body.needs);
  }

  @Put('applications/:applicationId/disability-confident')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary:
      'Opt this application in to (or out of) the Disability Confident scheme; only before the sift is over (409 after)',
  })
  @ApiNoContentResponse({ description: 'Recorded' })
  @ApiBodyProblems(414, 401, 404, 409)
  async disabilityConfident(
    @LinkSession() session: CandidateLinkSession,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Body() body: DisabilityConfidentDto,
  ): Promise<void> {
    await this.links.setDisabilityConfident(session, applicationId, body.optIn);
  }

  @Get('applications/:applicationId/offers')
  @ApiOperation({ summary: 'The offers made on my application, newest first: the terms, the state and my answer' })
  @ApiOkResponse({ type: [CandidateLinkOfferResponse] })
  @ApiProblems(400, 401, 404)
  async offers(
    @LinkSession() session: CandidateLinkSession,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
  ): Promise<CandidateLinkOfferResponse[]> {
    return (await this.links.offersOf(session, applicationId)).map((o) => CandidateLinkOfferResponse.from(o));
  }

  @Put('offers/:offerId/decision')
  @ApiOperation({
    summary:
      'Accept or decline an offer. Accepting starts the pre-employment checks; an expired, withdrawn or already ' +
      'answered offer is 409 (saying the same again answers with the offer as it stands)',
  })
  @ApiOkResponse({ type: CandidateLinkOfferResponse })
  @ApiBodyProblems(401, 404, 409)
  async decide(
    @LinkSession() session: CandidateLinkSession,
    @Param('offerId', ParseUUIDPipe) offerId: string,
    @Body() body: CandidateOfferDecisionDto,
  ): Promise<CandidateLinkOfferResponse> {
    return CandidateLinkOfferResponse.from((await this.links.respondToOffer(session, offerId, body.decision)).offer);
  }
}
