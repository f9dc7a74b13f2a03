import { INCLUSION_PACKAGES, LEARNING_FORMATS, type Recommendations } from '@capability/learning';
import { ApiProperty } from '@nestjs/swagger';
import { RoleLevelRef } from '../../workforce/role-assignments.dto.js';

export { SkillGapsQuery as RecommendationsQuery } from '../../reviews/skills/skill-gaps.dto.js';

export class RecommendedItemRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CSL-DATA-101' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: LEARNING_FORMATS }) format: string;
  @ApiProperty({ type: Number, nullable: true }) hours: number | null;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ enum: INCLUSION_PACKAGES, nullable: true }) inclusionPackage: string | null;
  @ApiProperty({ format: 'date-time', description: 'When the item was last reviewed (updated) in the catalogue' })
  updatedAt: string;
}

export class ClosedGapResponse {
  @ApiProperty() skillSlug: string;
  @ApiProperty({ minimum: 1, maximum: 4 }) requiredLevel: number;
  @ApiProperty({ minimum: 0, maximum: 3, description: 'The latest rating: validated, else self, else 0' })
  currentLevel: number;
  @ApiProperty({ minimum: 1, maximum: 4, description: 'The level the item takes a learner to' }) itemLevel: number;
  @ApiProperty({ description: 'itemLevel is at least requiredLevel' }) closesFully: boolean;
}

export class RecommendationResponse {
  @ApiProperty({ type: RecommendedItemRef }) item: RecommendedItemRef;
  @ApiProperty({ type: [ClosedGapResponse], description: 'The gaps the item closes (fully or in part)' })
  closes: ClosedGapResponse[];
  @ApiProperty({ minimum: 1 }) rank: number;
}

export class RecommendationsResponse {
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The latest review' })
  reviewId: string | null;
  @ApiProperty({ type: RoleLevelRef, description: 'The role level compared against' }) against: RoleLevelRef;
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 9, description: 'The latest inclusion level' })
  inclusionLevel: number | null;
  @ApiProperty({ description: 'Inclusion level below 7 (or none): the inclusion packages come first' })
  inclusionFirst: boolean;
  @ApiProperty({
    type: [RecommendationResponse],
    description:
      'At most 50 active items not already completed (no submitted or verified record of them), in this order: ' +
      'when inclusionFirst, the inclusion-package items (Digital Awareness, then Digital Skills); then items ' +
      'closing more gaps fully; then fewer hours (none last); then most recently reviewed (the item last updated ' +
      'in the catalogue first); then by code. Every other item develops a gap skill to at least the required level.',
  })
  items: RecommendationResponse[];

  static from(r: Recommendations): RecommendationsResponse {
    return Object.assign(new RecommendationsResponse(), {
      staffId: r.staffId,
      reviewId: r.reviewId,
      against: { id: r.against.id, slug: r.against.slug, name: r.against.name },
      inclusionLevel: r.inclusionLevel,
      inclusionFirst: r.inclusionFirst,
      items: r.items.map((rec) =>
        Object.assign(new RecommendationResponse(), {
          item: Object.assign(new RecommendedItemRef(), {
            id: rec.item.id,
            code: rec.item.code,
            title: rec.item.title,
            format: rec.item.format,
            hours: rec.item.hours,
            url: rec.item.url,
            inclusionPackage: rec.item.inclusionPackage,
            updatedAt: rec.item.updatedAt.toISOString(),
          }),
          closes: rec.closes.map((c) => Object.assign(new ClosedGapResponse(), c)),
          rank: rec.rank,
        }),
      ),
    });
  }
}
