import { INCLUSION_PACKAGES } from '../catalogue/learning-item.entity.js';
import type { CandidateItem } from './recommendations.repository.js';

/** At most this many items are recommended. */
export const MAX_RECOMMENDATIONS = 50;

/** Below this digital inclusion level (1..9), or with no assessment, the inclusion packages come first. */
export const INCLUSION_FIRST_BELOW = 7;

/** A skill gap: what the target role level requires against the person's latest rating (validated, else self, else 0). */
export interface Gap {
  skillSlug: string;
  requiredLevel: number;
  currentLevel: number;
}

export interface Closes {
  skillSlug: string;
  requiredLevel: number;
  currentLevel: number;
  /** The level the item takes a learner to. */
  itemLevel: number;
  /** itemLevel ≥ requiredLevel. */
  closesFully: boolean;
}

export interface Recommendation {
  item: CandidateItem;
  closes: Closes[];
  /** 1-based. */
  rank: number;
}

/**
 * Recommendations from the gaps (skills with required > current) and the candidate items (active, not completed).
 *
 * Which items: every item that develops at least one gap skill to at least the required level; and, when
 * `inclusionFirst`, every inclusion-package item. Each lists the gaps it closes (the gap skills it develops above
 * the current level; `closesFully` when to at least the required level).
 *
 * The documented order:
 * 1. when `inclusionFirst`, the inclusion-package items, Digital Awareness before Digital Skills;
 * 2. then items closing more gaps fully first;
 * 3. then fewer hours (items without hours last);
 * 4. then "most recently reviewed": the item's latest review in the catalogue (its last update), newest first;
 * 5. then by code.
 * At most MAX_RECOMMENDATIONS items.
 */
export function rankRecommendations(gaps: Gap[], items: CandidateItem[], inclusionFirst: boolean): Recommendation[] {
  const open = new Map(gaps.filter((g) => g.requiredLevel > g.currentLevel).map((g) => [g.skillSlug, g]));
  const packageOrder = (item: CandidateItem): number =>
    inclusionFirst && item.inclusionPackage
      ? INCLUSION_PACKAGES.indexOf(item.inclusionPackage)
      : INCLUSION_PACKAGES.length;
  const chosen = items.flatMap((item) => {
    const closes: Closes[] = item.skills.flatMap((s) => {
      const gap = open.get(s.skillSlug);
      if (!gap || s.level <= gap.currentLevel) return [];
      return [
        {
          skillSlug: s.skillSlug,
          requiredLevel: gap.requiredLevel,
          currentLevel: gap.currentLevel,
          itemLevel: s.level,
          closesFully: s.level >= gap.requiredLevel,
        },
      ];
    });
    const full = closes.filter((c) => c.closesFully).length;
    const wanted = full > 0 || (inclusionFirst && item.inclusionPackage !== null);
    return wanted ? [{ item, closes, full, packageOrder: packageOrder(item) }] : [];
  });
  chosen.sort(
    (a, b) =>
      a.packageOrder - b.packageOrder ||
      b.full - a.full ||
      (a.item.hours ?? Infinity) - (b.item.hours ?? Infinity) ||
      b.item.updatedAt.getTime() - a.item.updatedAt.getTime() ||
      (a.item.code < b.item.code ? -1 : a.item.code > b.item.code ? 1 : 0),
  );
  return chosen.slice(0, MAX_RECOMMENDATIONS).map((c, i) => ({ item: c.item, closes: c.closes, rank: i + 1 }));
}
