import {
  AuditService,
  changedFields,
  PreconditionFailedError,
  Transactional,
  type Actor,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { readsCandidates } from './candidate-permissions.js';
import type { Candidate, CandidateChannel, RightToWork } from './candidate.entity.js';
import { CandidateInvalid, CandidateNotFound, DuplicateCandidate } from './candidate.errors.js';
import {
  CandidatesRepository,
  type CandidateFilter,
  type CandidatePatch,
  type PartnerRef,
} from './candidates.repository.js';

type Problem = { field: string; message: string };

export interface NewCandidate {
  fullName: string;
  email: string;
  phone?: string | null;
  /** Where they came from: a partner, or else a channel (exactly one). */
  partnerId?: string | null;
  channel?: CandidateChannel | null;
  university?: string | null;
  course?: string | null;
  graduationYear?: number | null;
  /** Default not-yet-known. */
  rightToWork?: RightToWork;
  /** Consent to keep their data after an unsuccessful application; default false. */
  retentionConsent?: boolean;
}

/** Giving a partner replaces a channel and the other way round. */
export type CandidateChanges = Partial<NewCandidate>;

export interface CandidateDetail {
  candidate: Candidate;
  partner: PartnerRef | null;
}

/**
 * Candidates: HR and admins only (anyone else gets a 404, or an empty list: a candidate is no member of staff's own
 * record). One per email, whatever its case: a second gets 409 naming the first. Every read is audited (the id and
 * the action, never a value), and every write (the fields named, never their values).
 */
@Injectable()
export class CandidatesService {
  constructor(
    private readonly candidates: CandidatesRepository,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async create(actor: Actor, input: NewCandidate): Promise<CandidateDetail> {
    const email = input.email.trim();
    const existing = await this.candidates.idByEmail(email);
    if (existing) throw new DuplicateCandidate(existing);
    const source = { partnerId: input.partnerId ?? null, channel: input.channel ?? null };
    await this.check(source);
    const retentionConsent = input.retentionConsent ?? false;
    const id = await this.candidates.insert({
      fullName: input.fullName.trim(),
      email,
      phone: input.phone ?? null,
      ...source,
      university: input.university ?? null,
      course: input.course ?? null,
      graduationYear: input.graduationYear ?? null,
      rightToWork: input.rightToWork ?? 'not-yet-known',
      retentionConsent,
      retentionConsentAt: retentionConsent ? new Date() : null,
      createdByUserId: actor.userId,
    });
    await this.audit.record(actor, {
      action: 'candidate.created',
      entityType: 'candidate',
      entityId: id,
      changedFields: Object.keys(input).filter((k) => (input[k as keyof NewCandidate] ?? null) !== null),
    });
    return this.detail((await this.candidates.find(id))!);
  }

  /** Newest first; HR and admins only (anyone else an empty page). Each candidate shown is audited as read. */
  @Transactional()
  async list(actor: Actor, filter: CandidateFilter, page: PageQuery): Promise<Page<CandidateDetail>> {
    if (!readsCandidates(actor)) return { items: [], nextCursor: null };
    const found = await this.candidates.list(filter, page);
    await this.audit.recordEach(
      actor,
      { action: 'candidate.listed', entityType: 'candidate' },
      found.items.map((c) => c.id),
    );
    const partners = await this.candidates.partners(found.items.flatMap((c) => (c.partnerId ? [c.partnerId] : [])));
    return {
      items: found.items.map((candidate) => ({
        candidate,
        partner: candidate.partnerId ? (partners.get(candidate.partnerId) ?? null) : null,
      })),
      nextCursor: found.nextCursor,
    };
  }

  @Transactional()
  async get(actor: Actor, id: string): Promise<CandidateDetail> {
    const candidate = readsCandidates(actor) ? await this.candidates.find(id) : null;
    if (!candidate) throw new CandidateNotFound(id);
    await this.audit.record(actor, { action: 'candidate.read', entityType: 'candidate', entityId: id });
    return this.detail(candidate);
  }

  /** Changes a candidate at the version the caller read (If-Match). */
  @Transactional()
  async update(actor: Actor, id: string, version: number, changes: CandidateChanges): Promise<CandidateDetail> {
    const candidate = readsCandidates(actor) ? await this.candidates.find(id, true) : null;
    if (!candidate) throw new CandidateNotFound(id);
    if (candidate.version !== version) throw new PreconditionFailedError('candidate');
    const email = changes.email?.trim();
    if (email !== undefined && email.toLowerCase() !== candidate.email.toLowerCase()) {
      const existing = await this.candidates.idByEmail(email, id);
      if (existing) throw new DuplicateCandidate(existing);
    }
    const given = (value: unknown): boolean => value !== undefined && value !== null;
    const sourceGiven = given(changes.partnerId) || given(changes.channel);
    if (given(changes.partnerId) && given(changes.channel)) {
      throw new CandidateInvalid([{ field: 'channel', message: 'give a partner or a channel, not both' }]);
    }
    const source = sourceGiven ? { partnerId: changes.partnerId ?? null, channel: changes.channel ?? null } : {};
    if (sourceGiven) await this.check({ partnerId: source.partnerId ?? null, channel: source.channel ?? null });
    const patch: CandidatePatch = {
      ...(changes.fullName !== undefined ? { fullName: changes.fullName.trim() } : {}),
      ...(email !== undefined ? { email } : {}),
      ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
      ...source,
      ...(changes.university !== undefined ? { university: changes.university } : {}),
      ...(changes.course !== undefined ? { course: changes.course } : {}),
      ...(changes.graduationYear !== undefined ? { graduationYear: changes.graduationYear } : {}),
      ...(changes.rightToWork !== undefined ? { rightToWork: changes.rightToWork } : {}),
    };
    if (changes.retentionConsent !== undefined && changes.retentionConsent !== candidate.retentionConsent) {
      patch.retentionConsent = changes.retentionConsent;
      patch.retentionConsentAt = changes.retentionConsent ? new Date() : null;
    }
    const fields = changedFields(candidate, patch).filter((f) => f !== 'retentionConsentAt');
    if (fields.length === 0) return this.detail(candidate);
    if (!(await this.candidates.updateIfVersion(id, version, patch))) throw new PreconditionFailedError('candidate');
    await this.audit.record(actor, {
      action: 'candidate.updated',
      entityType: 'candidate',
      entityId: id,
      changedFields: fields,
    });
    return this.detail((await this.candidates.find(id))!);
  }

  /** Exactly one source, and a partner that exists. */
  private async check(source: { partnerId: string | null; channel: string | null }): Promise<void> {
    const problems: Problem[] = [];
    if ((source.partnerId === null) === (source.channel === null)) {
      problems.push({ field: 'channel', message: 'give the partner the candidate came from, or else a channel' });
    } else if (source.partnerId !== null && !(await this.candidates.partners([source.partnerId])).size) {
      problems.push({ field: 'partnerId', message: 'no such partner' });
    }
    if (problems.length > 0) throw new CandidateInvalid(problems);
  }

  private async detail(candidate: Candidate): Promise<CandidateDetail> {
    const partner = candidate.partnerId
      ? ((await this.candidates.partners([candidate.partnerId])).get(candidate.partnerId) ?? null)
      : null;
    return { candidate, partner };
  }
}
