import { AuditService, Transactional, type Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import {
  DIVERSITY_CATEGORIES,
  DIVERSITY_CATEGORY_NAMES,
  MIN_CELL_SIZE,
  suppressCells,
  type DiversityAnswers,
  type DiversityCategory,
  type DiversityCell,
} from './diversity.js';
import { DiversityRepository, type DiversityFilter } from './diversity.repository.js';

export interface DiversityReport {
  /** People counted (null when under MIN_CELL_SIZE: then every cell is hidden too). */
  total: number | null;
  minCellSize: number;
  categories: { category: DiversityCategory; cells: DiversityCell[] }[];
}

/**
 * Diversity monitoring: the candidate link records a candidate's answers; HR and admins read them only as counts per
 * answer, with small cells suppressed (`suppressCells`). Nothing here returns, logs or audits an answer.
 */
@Injectable()
export class DiversityService {
  constructor(
    private readonly diversity: DiversityRepository,
    private readonly audit: AuditService,
  ) {}

  /** The candidate's own answers (the candidate link: no actor). Audited as answered, never with the answers. */
  @Transactional()
  async record(candidateId: string, answers: DiversityAnswers): Promise<void> {
    await this.diversity.record(candidateId, answers);
    await this.audit.record(null, {
      action: 'candidate.diversity-answered',
      entityType: 'candidate',
      entityId: candidateId,
    });
  }

  /** Counts per answer for the people with an application matching the filter; every small cell hidden. */
  @Transactional()
  async report(actor: Actor, filter: DiversityFilter): Promise<DiversityReport> {
    const { total, counts } = await this.diversity.counts(filter);
    await this.audit.record(actor, {
      action: 'diversity.report-read',
      entityType: 'diversity-report',
      details: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)),
    });
    return {
      total: total < MIN_CELL_SIZE ? null : total,
      minCellSize: MIN_CELL_SIZE,
      categories: DIVERSITY_CATEGORY_NAMES.map((category) => ({
        category,
        cells: suppressCells(
          DIVERSITY_CATEGORIES[category].map((answer) => ({
            answer,
            count: counts.find((c) => c.category === category && c.answer === answer)?.count ?? 0,
          })),
          total,
        ),
      })),
    };
  }
}
