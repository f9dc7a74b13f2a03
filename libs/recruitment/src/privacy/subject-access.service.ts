import { AuditService, Transactional, type Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { CandidateNotFound } from '../candidates/candidate.errors.js';
import { exportsCandidates } from './privacy-permissions.js';
import { SubjectAccessRepository } from './subject-access.repository.js';

export interface SubjectAccessExport {
  candidateId: string;
  exportedAt: Date;
  /** Every table with rows about the candidate (`SUBJECT_ACCESS_TABLES`), each with its rows, empty when none. */
  tables: Record<string, Record<string, unknown>[]>;
}

/**
 * The subject-access export: every row linked to a candidate, diversity answers included (they are the person's own
 * data). HR and admins only (anyone else 404, as for a missing candidate); audited as read, never with a value.
 */
@Injectable()
export class SubjectAccessService {
  constructor(
    private readonly subjectAccess: SubjectAccessRepository,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async export(actor: Actor, candidateId: string): Promise<SubjectAccessExport> {
    if (!exportsCandidates(actor) || !(await this.subjectAccess.exists(candidateId))) {
      throw new CandidateNotFound(candidateId);
    }
    const tables = await this.subjectAccess.rows(candidateId);
    await this.audit.record(actor, { action: 'candidate.exported', entityType: 'candidate', entityId: candidateId });
    return { candidateId, exportedAt: new Date(), tables };
  }
}
