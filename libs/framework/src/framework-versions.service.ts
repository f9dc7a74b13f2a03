import { AuditService, Transactional, type Actor, type Page, type PageQuery } from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import { diffFrameworks, type FrameworkDiff } from './framework-diff.js';
import {
  contentHash,
  contentOf,
  countsOf,
  type FrameworkContent,
  type FrameworkCounts,
  type FrameworkDocument,
} from './framework-document.js';
import { validateFramework } from './framework-validator.js';
import type { FrameworkVersion } from './framework-version.entity.js';
import { FrameworkVersionsRepository } from './framework-versions.repository.js';
import { FrameworkInvalid, FrameworkVersionExists, FrameworkVersionNotFound } from './framework.errors.js';
import { readShippedJson, SHIPPED_FRAMEWORK_PATH } from './shipped-data.js';

/** A version with the row counts of its content. */
export interface FrameworkVersionSummary {
  version: FrameworkVersion;
  counts: FrameworkCounts;
}

/** What changes from `against` to `version`. */
export interface FrameworkVersionDiff {
  version: FrameworkVersion;
  against: FrameworkVersion;
  diff: FrameworkDiff;
}

type StoreResult = { created: true; summary: FrameworkVersionSummary } | { created: false; existing: FrameworkVersion };

const NO_ROWS: FrameworkCounts = { roleFamilies: 0, roles: 0, roleLevels: 0, skills: 0, skillRequirements: 0 };

const DEFAULT_SOURCE = 'Uploaded through the API';

function titleOf(document: FrameworkDocument): string | undefined {
  const title = document.meta?.title;
  return typeof title === 'string' && title.trim() !== '' ? title.trim().slice(0, 200) : undefined;
}

/** Storing framework versions, choosing the current one, comparing two. */
@Injectable()
export class FrameworkVersionsService {
  private readonly logger = new Logger(FrameworkVersionsService.name);

  constructor(
    private readonly versions: FrameworkVersionsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Validates a posted framework completely, then stores it as the next version (not current).
   * Nothing is stored when it is invalid (422 with every problem) or already stored (409).
   */
  async create(actor: Actor, input: unknown): Promise<FrameworkVersionSummary> {
    const validation = validateFramework(input);
    if (!validation.valid) throw new FrameworkInvalid(validation.errors, validation.total);
    const { document } = validation;
    const result = await this.store(actor, contentOf(document), {
      name: document.name ?? titleOf(document),
      source: document.source ?? DEFAULT_SOURCE,
      makeCurrent: false,
    });
    if (!result.created) throw new FrameworkVersionExists(result.existing);
    return result.summary;
  }

  /**
   * The seeder's import of the shipped framework: stored once (by content hash), and made current
   * when no version is current yet. Returns the new version, or null when it was already stored.
   */
  async importShipped(): Promise<FrameworkVersionSummary | null> {
    const validation = validateFramework(readShippedJson(SHIPPED_FRAMEWORK_PATH));
    if (!validation.valid) {
      throw new Error(`${SHIPPED_FRAMEWORK_PATH} is not valid: ${JSON.stringify(validation.errors.slice(0, 5))}`);
    }
    const { document } = validation;
    const site = typeof document.meta?.source_site === 'string' ? `, from ${document.meta.source_site}` : '';
    const result = await this.store(null, contentOf(document), {
      name: titleOf(document),
      source: `Shipped with the product (${SHIPPED_FRAMEWORK_PATH})${site}`.slice(0, 500),
      makeCurrent: 'if-none',
    });
    return result.created ? result.summary : null;
  }

  @Transactional()
  private async store(
    actor: Actor | null,
    content: FrameworkContent,
    options: { name?: string; source: string; makeCurrent: false | 'if-none' },
  ): Promise<StoreResult> {
    const hash = contentHash(content);
    await this.versions.lock();
    const existing = await this.versions.findByContentHash(hash);
    if (existing) return { created: false, existing };
    const number = await this.versions.nextNumber();
    const version = await this.versions.insert({
      number,
      name: options.name ?? `Framework version ${number}`,
      source: options.source,
      contentHash: hash,
      createdByUserId: actor?.userId ?? null,
    });
    await this.versions.insertContent(version.id, content);
    await this.audit.record(actor, {
      action: 'framework-version.created',
      entityType: 'framework-version',
      entityId: version.id,
      changedFields: ['number', 'name', 'source', 'content'],
    });
    if (options.makeCurrent === 'if-none' && !(await this.versions.findCurrent())) {
      await this.setCurrent(actor, version);
    }
    this.logger.log({ versionId: version.id, number }, 'Stored framework version');
    return { created: true, summary: { version, counts: countsOf(content) } };
  }

  /** Makes a version the current one (the one before it stops being current). Already current: no change. */
  @Transactional()
  async makeCurrent(actor: Actor, id: string): Promise<FrameworkVersionSummary> {
    await this.versions.lock();
    const version = await this.find(id);
    if (!version.isCurrent) await this.setCurrent(actor, version);
    return this.summary(version);
  }

  private async setCurrent(actor: Actor | null, version: FrameworkVersion): Promise<void> {
    await this.versions.setCurrent(version.id);
    version.isCurrent = true;
    await this.audit.record(actor, {
      action: 'framework-version.made-current',
      entityType: 'framework-version',
      entityId: version.id,
      changedFields: ['isCurrent'],
    });
  }

  /** Newest first, with counts. */
  async list(page: PageQuery): Promise<Page<FrameworkVersionSummary>> {
    const versions = await this.versions.list(page);
    const counts = await this.versions.counts(versions.items.map((v) => v.id));
    return {
      items: versions.items.map((version) => ({ version, counts: counts.get(version.id) ?? NO_ROWS })),
      nextCursor: versions.nextCursor,
    };
  }

  async get(id: string): Promise<FrameworkVersionSummary> {
    return this.summary(await this.find(id));
  }

  /** What changes going from version `againstId` to version `id`. */
  async diff(id: string, againstId: string): Promise<FrameworkVersionDiff> {
    const version = await this.find(id);
    const against = await this.find(againstId);
    const to = await this.versions.loadContent(id);
    const from = await this.versions.loadContent(againstId);
    return { version, against, diff: diffFrameworks(from, to) };
  }

  /** The stored content of a version, as it was imported. */
  async content(id: string): Promise<FrameworkContent> {
    await this.find(id);
    return this.versions.loadContent(id);
  }

  private async find(id: string): Promise<FrameworkVersion> {
    const version = await this.versions.findById(id);
    if (!version) throw new FrameworkVersionNotFound(id);
    return version;
  }

  private async summary(version: FrameworkVersion): Promise<FrameworkVersionSummary> {
    const counts = await this.versions.counts([version.id]);
    return { version, counts: counts.get(version.id) ?? NO_ROWS };
  }
}
