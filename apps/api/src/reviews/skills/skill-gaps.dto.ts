import type { SkillGaps } from '@capability/reviews';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { RoleLevelRef } from '../../workforce/role-assignments.dto.js';

const NEXT_OR_UUID = /^(?:next|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export class SkillGapsQuery {
  @ApiPropertyOptional({
    example: 'next',
    description:
      "What to compare against: `next` (the next level of the person's role) or any role level's id; by default the person's own role level",
  })
  @IsOptional()
  @IsString()
  @Matches(NEXT_OR_UUID, { message: 'against must be "next" or a role-level id' })
  against?: string;
}

export class SkillGapResponse {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty() skillSlug: string;
  @ApiProperty() skillName: string;
  @ApiProperty({ minimum: 1, maximum: 4 }) requiredLevel: number;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 4 }) selfLevel: number | null;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 4 }) validatedLevel: number | null;
  @ApiProperty({ minimum: 0, maximum: 4, description: 'required − validated (else self, else 0), at least 0' })
  gap: number;
  @ApiProperty({ description: 'gap is 0' }) met: boolean;
}

export class SkillGapsSummary {
  @ApiProperty({ description: 'Skills the target role level requires' }) required: number;
  @ApiProperty() met: number;
  @ApiProperty({ description: 'Mean gap over the required skills, to 2 decimal places' }) meanGap: number;
}

export class SkillGapsResponse {
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The latest review' })
  reviewId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) cycleId: string | null;
  @ApiProperty({ type: RoleLevelRef, nullable: true, description: "The person's role level" })
  roleLevel: RoleLevelRef | null;
  @ApiProperty({ type: RoleLevelRef, description: 'The role level compared against' }) against: RoleLevelRef;
  @ApiProperty({ type: [SkillGapResponse] }) skills: SkillGapResponse[];
  @ApiProperty({ type: SkillGapsSummary }) summary: SkillGapsSummary;

  static from(gaps: SkillGaps): SkillGapsResponse {
    const ref = (l: { id: string; slug: string; name: string }): RoleLevelRef => ({
      id: l.id,
      slug: l.slug,
      name: l.name,
    });
    return Object.assign(new SkillGapsResponse(), {
      staffId: gaps.staffId,
      reviewId: gaps.reviewId,
      cycleId: gaps.cycleId,
      roleLevel: gaps.roleLevel ? ref(gaps.roleLevel) : null,
      against: ref(gaps.against),
      skills: gaps.skills.map((s) => Object.assign(new SkillGapResponse(), s)),
      summary: Object.assign(new SkillGapsSummary(), gaps.summary),
    });
  }
}
