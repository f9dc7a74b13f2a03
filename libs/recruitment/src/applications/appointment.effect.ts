import { RoleAssignmentsService, StaffService, type EmploymentType } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import type { CampaignKind } from '../planning/campaign.entity.js';
import type { ApplicationPatch } from './applications.repository.js';
import { MoveGuards, type MoveContext, type MoveEffect } from './move-guards.js';
import { OfferNotAccepted } from './offer.errors.js';
import { OffersRepository } from './offers.repository.js';
import type { PipelineMove } from './pipeline.js';

/** The employment a campaign's hire starts in. */
export const EMPLOYMENT_BY_CAMPAIGN_KIND: Record<CampaignKind, EmploymentType> = {
  graduate: 'permanent',
  apprenticeship: 'apprentice',
  specialist: 'permanent',
  interim: 'interim',
};

/**
 * The staff number an appointment gives the new hire until HR records the HR system's (a staff record's number is
 * edited through workforce): `REC-` and the application's id, so it is unique and says where it came from.
 */
export function appointmentStaffNumber(applicationId: string): string {
  return `REC-${applicationId.replaceAll('-', '').slice(0, 24).toUpperCase()}`;
}

/**
 * Appointment creates the new hire's staff record and primary role assignment through workforce's services (never its
 * tables), in the move's transaction: the candidate's name, the vacancy's unit and grade, the offer's location and
 * start date, the employment the campaign's kind implies, and the vacancy's role level from the start date; the
 * application keeps the staff record's id (`uq_applications_staff_id`), so appointing twice is impossible.
 */
@Injectable()
export class AppointmentEffect implements MoveEffect {
  constructor(
    guards: MoveGuards,
    private readonly offers: OffersRepository,
    private readonly staff: StaffService,
    private readonly roles: RoleAssignmentsService,
  ) {
    guards.registerEffect(this);
  }

  appliesTo(move: PipelineMove): boolean {
    return move.to === 'appointed';
  }

  async apply({ actor, application, move }: MoveContext): Promise<ApplicationPatch> {
    if (!actor) throw new Error('Appointment is made by HR, never without an actor');
    const offer = await this.offers.accepted(application.id);
    if (!offer) throw new OfferNotAccepted(move.to);
    const vacancy = (await this.offers.vacancyTerms(application.vacancyId))!;
    const created = await this.staff.createStaff(actor, {
      staffNumber: appointmentStaffNumber(application.id),
      fullName: await this.offers.candidateName(application.id),
      unitId: vacancy.unitId,
      gradeId: vacancy.gradeId,
      locationId: offer.locationId,
      employmentType: EMPLOYMENT_BY_CAMPAIGN_KIND[vacancy.campaignKind],
      startDate: offer.startsOn,
    });
    await this.roles.assign(actor, created.id, {
      roleLevelId: vacancy.roleLevelId,
      isPrimary: true,
      startsOn: offer.startsOn,
    });
    return { staffId: created.id };
  }
}
