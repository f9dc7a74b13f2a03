import { AppConfig, scopesFor, type Actor } from '@capability/platform';
import { FiguresPermission, RecruitmentFiguresService, type RecruitmentFigures } from '@capability/recruitment';
import { today } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import { percentOf } from '../common/figures.js';
import { siblingsToSuppress } from '../common/suppression.js';
import { RecruitmentInsightsNotAllowed } from './recruitment-insights.errors.js';
import { RecruitmentInsightsRepository, type ClosedCycleRef } from './recruitment-insights.repository.js';

export interface RecruitmentInsightsQuery {
  campaign?: string;
  from?: string;
  to?: string;
}

/** A role level's gap closure. People figures null when suppressed; candidate counts null when 1..k−1 (see below). */
export interface LevelGapClosure {
  roleFamily: string;
  roleLevel: string;
  roleLevelName: string;
  /** People in post now at the level (primary role). */
  inPost: number | null;
  /** Of them, with at least one requirement unmet (validated) in the latest closed cycle. */
  withGaps: number | null;
  /** 100 × withGaps ÷ inPost, 1 decimal. */
  percentWithGaps: number | null;
  /** The people figures rest on fewer than k people (or on a remainder of fewer than k): hidden. */
  peopleSuppressed: boolean;
  /** Open vacancies at the level and their posts (not about people: never suppressed). */
  openVacancies: number;
  openPosts: number;
  /** Applications with an accepted offer, not yet appointed (open or closed vacancies at the level). */
  acceptedOffers: number | null;
  /** Applications in an open stage without an accepted offer. */
  livePipeline: number | null;
}

export interface RecruitmentInsights {
  k: number;
  measuredOn: string;
  /** Whether candidate counts of 1..k−1 are hidden (heads of profession, as the recruitment figures hide theirs). */
  smallNumbersSuppressed: boolean;
  /** The cycle the gaps are read from (the one closed last); null when none has closed (no gaps counted). */
  cycle: ClosedCycleRef | null;
  /** The recruitment lib's figures for the same campaign and period, as `GET /recruitment/figures` answers them. */
  figures: RecruitmentFigures;
  gapClosure: LevelGapClosure[];
}

/**
 * The recruitment insights: recruitment's own figures (`RecruitmentFiguresService`, its scope and small-number
 * suppression as they are), and gap closure per role level in the reader's families: people in post with gaps and the
 * open vacancies now, against the accepted offers and the live pipeline for those vacancies.
 */
@Injectable()
export class RecruitmentInsightsService {
  private readonly k: number;

  constructor(
    private readonly repository: RecruitmentInsightsRepository,
    private readonly figures: RecruitmentFiguresService,
    config: AppConfig,
  ) {
    this.k = config.insights.minGroupSize;
  }

  async report(actor: Actor, query: RecruitmentInsightsQuery): Promise<RecruitmentInsights> {
    const scopes = scopesFor(actor, FiguresPermission.RecruitmentFiguresRead);
    const all = scopes.includes('any');
    if (!all && !(scopes.includes('profession') && actor.roleFamilies.length > 0)) {
      throw new RecruitmentInsightsNotAllowed();
    }
    const families = all ? null : [...actor.roleFamilies];
    const figures = await this.figures.read(actor, { campaignId: query.campaign, from: query.from, to: query.to });
    const cycle = await this.repository.latestClosedCycle();
    const day = today();
    const k = this.k;
    const candidates = (n: number): number | null => (!all && n > 0 && n < k ? null : n);
    const rows = await this.repository.levels(day, families, query.campaign ?? null, cycle?.id ?? null);
    return {
      k,
      measuredOn: day,
      smallNumbersSuppressed: !all,
      cycle,
      figures,
      gapClosure: rows.map((r) => {
        const hide =
          (r.inPost > 0 && r.inPost < k) ||
          siblingsToSuppress([r.withGaps, r.inPost - r.withGaps], (n) => n, k).size > 0;
        return {
          roleFamily: r.roleFamily,
          roleLevel: r.roleLevel,
          roleLevelName: r.roleLevelName,
          inPost: hide ? null : r.inPost,
          withGaps: hide ? null : r.withGaps,
          percentWithGaps: hide ? null : percentOf(r.withGaps, r.inPost),
          peopleSuppressed: hide,
          openVacancies: r.openVacancies,
          openPosts: r.openPosts,
          acceptedOffers: candidates(r.acceptedOffers),
          livePipeline: candidates(r.livePipeline),
        };
      }),
    };
  }
}
