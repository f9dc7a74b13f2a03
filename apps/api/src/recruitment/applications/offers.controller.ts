import { CurrentActor, Permission, RequirePermission } from '@capability/auth';
import { Idempotent, IfMatch, type Actor } from '@capability/platform';
import { OffersService, ReserveListService } from '@capability/recruitment';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiProblems } from '../../common/api-responses.js';
import { ApplicationDetailResponse } from './applications.dto.js';
import {
  MakeOfferDto,
  OfferListResponse,
  OfferResponse,
  OfferResponseDto,
  ReservePlacementDto,
  WithdrawOfferDto,
} from './offers.dto.js';

/**
 * Offers (HR and admins only: panel members and heads of profession never see their terms): made to an application
 * at the offer stage, answered on the candidate's behalf, withdrawn; and a reserve-list entry offered a matching
 * vacancy. Under `/applications/:id/offers` while they belong to an application, `/offers/:id` once they exist.
 */
@ApiTags('recruitment: offers')
@Controller()
export class OffersController {
  constructor(
    private readonly offers: OffersService,
    private readonly reserve: ReserveListService,
  ) {}

  @Get('applications/:id/offers')
  @RequirePermission(Permission.ApplicationManage)
  @ApiOperation({ summary: "An application's offers, newest first (HR and admins); each one shown is audited" })
  @ApiOkResponse({ type: OfferListResponse })
  @ApiProblems(414, 401, 403, 404)
  async list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OfferListResponse> {
    return { items: (await this.offers.forApplication(actor, id)).map((o) => OfferResponse.from(o)) };
  }

  @Post('applications/:id/offers')
  @RequirePermission(Permission.ApplicationManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Make an offer to an application at the offer stage (HR and admins)',
    description:
      'The application must be at the offer stage, which it reaches only after a passed interview (409 ' +
      '`application-not-at-offer-stage`); one live (made or accepted) offer at a time (409 `offer-exists` naming ' +
      "it); the salary within the vacancy's range (422 `offer-salary-out-of-range` with both ends); the last day " +
      'to accept today or later and not after the start date (422 `offer-invalid`).',
  })
  @ApiCreatedResponse({ type: OfferResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 422)
  async make(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MakeOfferDto,
  ): Promise<OfferResponse> {
    return OfferResponse.fromView(await this.offers.make(actor, id, body));
  }

  @Get('offers/:id')
  @RequirePermission(Permission.ApplicationManage)
  @ApiOperation({ summary: 'An offer and where its application is now (HR and admins); the read is audited' })
  @ApiOkResponse({ type: OfferResponse })
  @ApiProblems(414, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OfferResponse> {
    return OfferResponse.fromView(await this.offers.get(actor, id));
  }

  @Post('offers/:id/response')
  @RequirePermission(Permission.ApplicationManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Record the candidate's answer to a made offer on their behalf (HR and admins)",
    description:
      'Accepting moves the application to the pre-employment checks and creates the checks its vacancy requires, ' +
      'pending; declining leaves it at the offer stage. Only a made offer is answered (409 `offer-not-open`), and ' +
      'not accepted after its last day (409 `offer-expired`).',
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the offer' })
  @ApiOkResponse({ type: OfferResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 428)
  async respond(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('offer') version: number,
    @Body() body: OfferResponseDto,
  ): Promise<OfferResponse> {
    return OfferResponse.fromView(await this.offers.respond(actor, id, version, body.decision));
  }

  @Post('offers/:id/withdrawal')
  @RequirePermission(Permission.ApplicationManage)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Withdraw a made offer, saying why (HR and admins); the application stays at the offer stage',
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the offer' })
  @ApiOkResponse({ type: OfferResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('offer') version: number,
    @Body() body: WithdrawOfferDto,
  ): Promise<OfferResponse> {
    return OfferResponse.fromView(await this.offers.withdraw(actor, id, version, body.reason));
  }

  @Post('applications/:id/reserve-placements')
  @RequirePermission(Permission.ApplicationManage)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Offer a reserve-list candidate a matching vacancy (HR and admins)',
    description:
      'The application must be on a reserve list (409 `not-on-reserve-list`); the vacancy another of the same ' +
      'campaign at the same role level, open or closed (422 `reserve-placement-invalid`). Creates the ' +
      "candidate's application to that vacancy at the offer stage, naming the reserve entry as its source, its " +
      'first move recorded with where it came from; the reserve entry stays on its list.',
  })
  @ApiCreatedResponse({ type: ApplicationDetailResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 422)
  async placeFromReserve(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReservePlacementDto,
  ): Promise<ApplicationDetailResponse> {
    return ApplicationDetailResponse.fromDetail(await this.reserve.offerMatchingVacancy(actor, id, body.vacancyId));
  }
}
