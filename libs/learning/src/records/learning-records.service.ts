import {
  AuditService,
  PreconditionFailedError,
  Transactional,
  type Actor,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { NoStaffRecord } from '@capability/reviews';
import { StaffNotFound, staffScope, staffScopeSql, today } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import type { LearningRecord } from './learning-record.entity.js';
import {
  IllegalRecordMove,
  LearningRecordInvalid,
  LearningRecordNotFound,
  NotInLineManagementChain,
  NotRecordOwner,
  RecordingNotAllowed,
  SelfVerification,
} from './learning-record.errors.js';
import {
  LearningRecordsRepository,
  type ItemFacts,
  type RecordFilter,
  type RecordPatch,
  type RecordRow,
} from './learning-records.repository.js';
import { RecordPermission } from './record-permissions.js';
import { allowedRecordActions, nextRecordState, type RecordAction, type RecordOutcome } from './record-states.js';

/** A catalogue item's completion, or external learning (title, provider, skills claimed). */
export interface NewLearningRecord {
  learningItemId?: string | null;
  title?: string | null;
  provider?: string | null;
  /** Skill slugs of the current framework (external learning only: an item's record has the item's). */
  skills?: string[] | null;
  completedOn: string;
  hours: number;
  evidenceUrl?: string | null;
  evidenceNote?: string | null;
}

export type LearningRecordChanges = Partial<Omit<NewLearningRecord, 'learningItemId'>>;

/** Something the person may want to do next because of what they recorded. */
export interface RecordHint {
  type: 'inclusion-assessment-due';
  message: string;
  href: string;
}

export interface RecordDetail extends RecordRow {
  hints: RecordHint[];
}

const FIELD_OF_CHANGE: Record<keyof LearningRecordChanges, keyof LearningRecord> = {
  title: 'title',
  provider: 'provider',
  skills: 'skillSlugs',
  completedOn: 'completedOn',
  hours: 'hours',
  evidenceUrl: 'evidenceUrl',
  evidenceNote: 'evidenceNote',
};

/**
 * Records of learning. Staff record their own completions; those who support them (their line-management
 * chain, HR) may record one for them. Only the owner edits, deletes or resubmits, and only until verified. Someone
 * above the person in the line-management chain (or HR, an admin; never the person) verifies or rejects a
 * submitted record, with a reason. Read as staff records are (own, chain, the families a head of profession
 * leads by the person's current role, everyone); a record out of reach is a 404. Every write is audited.
 */
@Injectable()
export class LearningRecordsService {
  constructor(
    private readonly records: LearningRecordsRepository,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async create(actor: Actor, staffId: string, input: NewLearningRecord): Promise<RecordDetail> {
    await this.checkMayRecord(actor, staffId);
    const item = input.learningItemId ? await this.records.item(input.learningItemId) : null;
    const problems: { field: string; message: string }[] = [];
    if (input.learningItemId) {
      if (!item) problems.push({ field: 'learningItemId', message: 'no such catalogue item' });
      for (const field of ['title', 'provider', 'skills'] as const) {
        if (input[field] !== undefined && input[field] !== null) {
          problems.push({ field, message: "not for a catalogue item's completion: the item gives it" });
        }
      }
    } else if (!input.title) {
      problems.push({
        field: 'title',
        message: 'a catalogue item (learningItemId) or external learning (title) is needed',
      });
    }
    const skills = item ? item.skillSlugs : [...new Set(input.skills ?? [])];
    if (!item) problems.push(...(await this.checkSkills(skills)));
    problems.push(...(await this.checkFacts(staffId, item, input)));
    if (problems.length > 0) throw new LearningRecordInvalid(problems);

    const id = await this.records.insert({
      staffId,
      learningItemId: item?.id ?? null,
      title: item ? null : (input.title ?? null),
      provider: item ? null : (input.provider ?? null),
      skillSlugs: skills,
      completedOn: input.completedOn,
      hours: String(input.hours),
      evidenceUrl: input.evidenceUrl ?? null,
      evidenceNote: input.evidenceNote ?? null,
      recordedByUserId: actor.userId,
    });
    await this.audit.record(actor, {
      action: 'learning-record.created',
      entityType: 'learning-record',
      entityId: id,
      changedFields: Object.keys(input).filter((k) => input[k as keyof NewLearningRecord] !== undefined),
    });
    const row = await this.visible(actor, id, false);
    return { ...row, hints: item?.countsTowardsInclusion ? [this.inclusionHint(actor, staffId, item)] : [] };
  }

  async get(actor: Actor, id: string): Promise<RecordDetail> {
    return { ...(await this.visible(actor, id, false)), hints: [] };
  }

  /** The actor's own records, newest completion first. */
  mine(actor: Actor, filter: RecordFilter, page: PageQuery): Promise<Page<RecordRow>> {
    if (!actor.staffId) throw new NoStaffRecord();
    return this.listFor(actor, actor.staffId, filter, page);
  }

  /** A person's records, newest completion first, for whoever may read them (404 outside scope). */
  async forStaff(actor: Actor, staffId: string, filter: RecordFilter, page: PageQuery): Promise<Page<RecordRow>> {
    if (!(await this.personInScope(actor, staffId, RecordPermission.Read))) throw new StaffNotFound(staffId);
    return this.listFor(actor, staffId, filter, page);
  }

  /**
   * Other people's records the actor may read, oldest recorded first: with `state=submitted`, a line manager's
   * queue of records waiting for verification (their chain), or HR's of everyone's.
   */
  queue(actor: Actor, filter: RecordFilter, page: PageQuery): Promise<Page<RecordRow>> {
    return this.records.list(
      filter,
      (values) => {
        const scope = this.scopeSql(actor, RecordPermission.Read, values, 'set');
        if (!actor.staffId) return scope;
        values.push(actor.staffId);
        return `${scope} AND lr.staff_id <> $${values.length}::uuid`;
      },
      page,
      'queue',
    );
  }

  /** The owner corrects the record at `version`; a rejected record edited goes back to the line manager. */
  @Transactional()
  async update(actor: Actor, id: string, version: number, changes: LearningRecordChanges): Promise<RecordDetail> {
    const row = await this.owned(actor, id);
    this.checkVersion(row.record, version);
    const next = this.move(row.record, 'edit');
    const { record } = row;
    const item = record.learningItemId ? await this.records.item(record.learningItemId) : null;
    const problems: { field: string; message: string }[] = [];
    if (item) {
      for (const field of ['title', 'provider', 'skills'] as const) {
        if (changes[field] !== undefined) {
          problems.push({ field, message: "not for a catalogue item's completion: the item gives it" });
        }
      }
    } else if (changes.title === null) {
      problems.push({ field: 'title', message: 'external learning needs a title' });
    }
    const skills = changes.skills === undefined ? undefined : [...new Set(changes.skills ?? [])];
    if (!item && skills) problems.push(...(await this.checkSkills(skills)));
    const merged = {
      completedOn: changes.completedOn ?? record.completedOn,
      evidenceUrl: changes.evidenceUrl === undefined ? record.evidenceUrl : changes.evidenceUrl,
      evidenceNote: changes.evidenceNote === undefined ? record.evidenceNote : changes.evidenceNote,
    };
    problems.push(...(await this.checkFacts(record.staffId, item, merged)));
    if (problems.length > 0) throw new LearningRecordInvalid(problems);

    const patch: RecordPatch = {
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.provider !== undefined ? { provider: changes.provider } : {}),
      ...(skills !== undefined ? { skillSlugs: skills } : {}),
      ...(changes.completedOn !== undefined ? { completedOn: changes.completedOn } : {}),
      ...(changes.hours !== undefined ? { hours: String(changes.hours) } : {}),
      ...(changes.evidenceUrl !== undefined ? { evidenceUrl: changes.evidenceUrl } : {}),
      ...(changes.evidenceNote !== undefined ? { evidenceNote: changes.evidenceNote } : {}),
      ...this.stateFields(next as 'submitted'),
    };
    const fields = (Object.keys(changes) as (keyof LearningRecordChanges)[])
      .filter((k) => changes[k] !== undefined)
      .map((k) => FIELD_OF_CHANGE[k]);
    if (record.state !== next) fields.push('state');
    await this.save(actor, record, version, patch, record.state === 'rejected' ? 'resubmitted' : 'updated', fields);
    return this.get(actor, id);
  }

  /** The owner removes a record not yet verified, at `version`. */
  @Transactional()
  async delete(actor: Actor, id: string, version: number): Promise<void> {
    const row = await this.owned(actor, id);
    this.checkVersion(row.record, version);
    this.move(row.record, 'delete');
    if (!(await this.records.deleteIfVersion(id, version))) throw new PreconditionFailedError('learning record');
    await this.audit.record(actor, {
      action: 'learning-record.deleted',
      entityType: 'learning-record',
      entityId: id,
      changedFields: [],
    });
  }

  /** The owner sends a rejected record back to the line manager unchanged. */
  @Transactional()
  async resubmit(actor: Actor, id: string): Promise<RecordDetail> {
    const row = await this.owned(actor, id);
    const next = this.move(row.record, 'resubmit');
    await this.save(actor, row.record, row.record.version, this.stateFields(next as 'submitted'), 'resubmitted', [
      'state',
    ]);
    return this.get(actor, id);
  }

  @Transactional()
  async verify(actor: Actor, id: string): Promise<RecordDetail> {
    const row = await this.verifiable(actor, id);
    this.move(row.record, 'verify');
    await this.save(
      actor,
      row.record,
      row.record.version,
      { state: 'verified', verifiedAt: new Date(), verifiedByUserId: actor.userId },
      'verified',
      ['state', 'verifiedAt', 'verifiedByUserId'],
    );
    return this.get(actor, id);
  }

  @Transactional()
  async reject(actor: Actor, id: string, reason: string): Promise<RecordDetail> {
    const row = await this.verifiable(actor, id);
    this.move(row.record, 'reject');
    await this.save(
      actor,
      row.record,
      row.record.version,
      { state: 'rejected', rejectedAt: new Date(), rejectedByUserId: actor.userId, rejectReason: reason },
      'rejected',
      ['state', 'rejectedAt', 'rejectedByUserId', 'rejectReason'],
    );
    return this.get(actor, id);
  }

  private listFor(actor: Actor, staffId: string, filter: RecordFilter, page: PageQuery): Promise<Page<RecordRow>> {
    return this.records.list(
      { ...filter, staffId },
      (values) => this.scopeSql(actor, RecordPermission.Read, values, 'set'),
      page,
      'completed',
    );
  }

  private scopeSql(actor: Actor, permission: string, values: unknown[], form: 'set' | 'row'): string {
    return staffScopeSql(staffScope(actor, permission), 's', values, form);
  }

  private async personInScope(actor: Actor, staffId: string, permission: string): Promise<boolean> {
    const values: unknown[] = [staffId];
    const condition = this.scopeSql(actor, permission, values, 'row');
    return this.records.personInScope(staffId, condition, values.slice(1));
  }

  private async visible(actor: Actor, id: string, lock: boolean): Promise<RecordRow> {
    const values: unknown[] = [id];
    const condition = this.scopeSql(actor, RecordPermission.Read, values, 'row');
    const row = await this.records.find(id, condition, values.slice(1), lock);
    if (!row) throw new LearningRecordNotFound(id);
    return row;
  }

  /** 404 when the person is out of the actor's sight; 403 when visible but not someone they support. */
  private async checkMayRecord(actor: Actor, staffId: string): Promise<void> {
    if (await this.personInScope(actor, staffId, RecordPermission.Record)) return;
    if (await this.personInScope(actor, staffId, RecordPermission.Read)) throw new RecordingNotAllowed();
    throw new StaffNotFound(staffId);
  }

  /** The record, locked, when the actor is its owner. */
  private async owned(actor: Actor, id: string): Promise<RecordRow> {
    const row = await this.visible(actor, id, true);
    if (actor.staffId === null || row.record.staffId !== actor.staffId) throw new NotRecordOwner();
    return row;
  }

  /** The record, locked, when the actor is above its owner in the line-management chain (or HR, an admin). */
  private async verifiable(actor: Actor, id: string): Promise<RecordRow> {
    const row = await this.visible(actor, id, true);
    if (actor.staffId !== null && row.record.staffId === actor.staffId) throw new SelfVerification();
    if (!(await this.personInScope(actor, row.record.staffId, RecordPermission.Verify))) {
      throw new NotInLineManagementChain();
    }
    return row;
  }

  /** Skill slugs not in the current framework, each named. */
  private async checkSkills(slugs: string[]): Promise<{ field: string; message: string }[]> {
    const known = await this.records.currentSkillSlugs(slugs);
    return slugs
      .filter((slug) => !known.has(slug))
      .map((slug) => ({ field: 'skills', message: `unknown skill "${slug}": not a skill of the current framework` }));
  }

  /**
   * The date and the evidence. The date: not in the future, not before the person started, and for an event within
   * its dates (attendance is dated on a day the event ran, UTC: never before it began nor after it ended, so an event
   * still to come cannot be recorded).
   */
  private async checkFacts(
    staffId: string,
    item: ItemFacts | null,
    input: { completedOn: string; evidenceUrl?: string | null; evidenceNote?: string | null },
  ): Promise<{ field: string; message: string }[]> {
    const problems: { field: string; message: string }[] = [];
    const now = today();
    const started = await this.records.startDate(staffId);
    if (input.completedOn > now) {
      problems.push({ field: 'completedOn', message: `must be today (${now}) or earlier` });
    } else if (started && input.completedOn < started) {
      problems.push({ field: 'completedOn', message: `must not be before the person joined (${started})` });
    } else if (item?.startsOn && item.startsOn > now) {
      problems.push({
        field: 'completedOn',
        message: `the event has not happened yet (it begins on ${item.startsOn}): record attendance once it has`,
      });
    } else if (item?.startsOn && input.completedOn < item.startsOn) {
      problems.push({ field: 'completedOn', message: `must not be before the event began (${item.startsOn})` });
    } else if (item?.endsOn && input.completedOn > item.endsOn) {
      problems.push({
        field: 'completedOn',
        message: `must be a day the event ran (${item.startsOn} to ${item.endsOn}), not after it ended`,
      });
    }
    if (!input.evidenceUrl && !input.evidenceNote) {
      problems.push({
        field: 'evidenceUrl',
        message: 'give evidence: a link (evidenceUrl), a note (evidenceNote) or both',
      });
    }
    return problems;
  }

  private inclusionHint(actor: Actor, staffId: string, item: ItemFacts): RecordHint {
    const own = actor.staffId === staffId;
    return {
      type: 'inclusion-assessment-due',
      message:
        `"${item.title}" counts towards digital inclusion: a new inclusion assessment would show where ` +
        `${own ? 'you are' : 'they are'} now. Recording learning never changes the inclusion level by itself.`,
      href: own ? '/api/v1/me/inclusion-assessments/questionnaire' : `/api/v1/staff/${staffId}/inclusion-assessments`,
    };
  }

  /** Back to submitted: the last rejection is cleared (the audit trail keeps it). */
  private stateFields(state: 'submitted'): RecordPatch {
    return { state, rejectedAt: null, rejectedByUserId: null, rejectReason: null };
  }

  private checkVersion(record: LearningRecord, version: number): void {
    if (record.version !== version) throw new PreconditionFailedError('learning record');
  }

  private move(record: LearningRecord, action: RecordAction): RecordOutcome {
    const next = nextRecordState(record.state, action);
    if (!next) throw new IllegalRecordMove(record.state, action, allowedRecordActions(record.state));
    return next;
  }

  private async save(
    actor: Actor,
    record: LearningRecord,
    version: number,
    patch: RecordPatch,
    action: string,
    fields: string[],
  ): Promise<void> {
    const updated = await this.records.updateIfVersion(record.id, version, patch);
    if (!updated) throw new PreconditionFailedError('learning record');
    await this.audit.record(actor, {
      action: `learning-record.${action}`,
      entityType: 'learning-record',
      entityId: record.id,
      changedFields: fields,
    });
  }
}
