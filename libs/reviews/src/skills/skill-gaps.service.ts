import { RoleLevelNotFound } from '@capability/framework';
import type { Actor } from '@capability/platform';
import { StaffNotFound, StaffService } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import { ReviewPermission } from './review-permissions.js';
import { NoNextRoleLevel, NoRoleLevel } from './skill-gaps.errors.js';
import { SkillGapsRepository, type GapRow, type RoleLevelRow } from './skill-gaps.repository.js';

/** `next` (the next level of the person's role) or a role level's id; absent: the person's own role level. */
export type GapTarget = string | undefined;

export interface SkillGaps {
  staffId: string;
  reviewId: string | null;
  cycleId: string | null;
  /** The person's current role level (else their latest review's); null when they have neither. */
  roleLevel: RoleLevelRow | null;
  against: RoleLevelRow;
  skills: (GapRow & { met: boolean })[];
  summary: { required: number; met: number; meanGap: number };
}

/**
 * Gaps and career paths: a person's latest ratings against what a role level requires (their own, the next
 * one of their role, or any other). Scoped as staff records are; out of scope is a 404.
 */
@Injectable()
export class SkillGapsService {
  constructor(
    private readonly gaps: SkillGapsRepository,
    private readonly staff: StaffService,
  ) {}

  async mine(actor: Actor, against: GapTarget): Promise<SkillGaps> {
    if (!actor.staffId) throw new StaffNotFound('(none: your user has no staff record)');
    return this.forStaff(actor, actor.staffId, against);
  }

  async forStaff(actor: Actor, staffId: string, against: GapTarget): Promise<SkillGaps> {
    if (!(await this.staff.isInScope(actor, staffId, ReviewPermission.GapsRead))) throw new StaffNotFound(staffId);
    const latest = await this.gaps.latestReview(staffId);
    const roleLevel =
      (await this.gaps.currentRoleLevel(staffId)) ?? (latest ? await this.gaps.roleLevel(latest.roleLevelId) : null);
    const target = await this.target(roleLevel, against);
    const rows = await this.gaps.gaps(staffId, target.id);
    const skills = rows.map((r) => ({ ...r, met: r.gap === 0 }));
    const total = skills.reduce((sum, s) => sum + s.gap, 0);
    return {
      staffId,
      reviewId: latest?.reviewId ?? null,
      cycleId: latest?.cycleId ?? null,
      roleLevel,
      against: target,
      skills,
      summary: {
        required: skills.length,
        met: skills.filter((s) => s.met).length,
        meanGap: skills.length ? Math.round((total / skills.length) * 100) / 100 : 0,
      },
    };
  }

  private async target(roleLevel: RoleLevelRow | null, against: GapTarget): Promise<RoleLevelRow> {
    if (against !== undefined && against !== 'next') {
      const level = await this.gaps.roleLevel(against);
      if (!level) throw new RoleLevelNotFound(against);
      return level;
    }
    if (!roleLevel) throw new NoRoleLevel();
    if (against === undefined) return roleLevel;
    const next = await this.gaps.nextRoleLevel(roleLevel);
    if (!next) throw new NoNextRoleLevel(roleLevel.slug);
    return next;
  }
}
