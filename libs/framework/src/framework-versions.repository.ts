import {
  paginate,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  SKILL_LEVEL_SLUGS,
  type FrameworkContent,
  type FrameworkCounts,
  type SkillLevelSlug,
} from './framework-document.js';
import { FrameworkVersion } from './framework-version.entity.js';

/** Serialises every change to the set of versions (numbering, the current one) across replicas. */
const VERSIONS_LOCK = 'framework_versions';

interface CountsRow {
  id: string;
  role_families: number;
  roles: number;
  role_levels: number;
  skills: number;
  skill_requirements: number;
}

@Injectable()
export class FrameworkVersionsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(FrameworkVersion);
  }

  /** Holds the versions lock until the transaction ends. */
  async lock(): Promise<void> {
    await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [VERSIONS_LOCK]);
  }

  findById(id: string): Promise<FrameworkVersion | null> {
    return this.repo.findOneBy({ id });
  }

  findCurrent(): Promise<FrameworkVersion | null> {
    return this.repo.findOneBy({ isCurrent: true });
  }

  findByContentHash(contentHash: string): Promise<FrameworkVersion | null> {
    return this.repo.findOneBy({ contentHash });
  }

  async nextNumber(): Promise<number> {
    const [row]: { n: number }[] = await this.txHost.tx.query(
      'SELECT coalesce(max(number), 0)::int + 1 AS n FROM framework_versions',
    );
    return row?.n ?? 1;
  }

  insert(version: Pick<FrameworkVersion, 'number' | 'name' | 'source' | 'contentHash' | 'createdByUserId'>) {
    return this.repo.save(this.repo.create({ ...version, isCurrent: false }));
  }

  /** Makes `id` the one current version (two statements: the partial unique index is checked row by row). */
  async setCurrent(id: string): Promise<void> {
    await this.txHost.tx.query('UPDATE framework_versions SET is_current = false WHERE is_current AND id <> $1', [id]);
    await this.txHost.tx.query('UPDATE framework_versions SET is_current = true WHERE id = $1', [id]);
  }

  /** Newest first. */
  list(page: PageQuery): Promise<Page<FrameworkVersion>> {
    return paginate(
      this.repo.createQueryBuilder('v'),
      page,
      [
        { column: 'v.number', value: (v) => v.number },
        { column: 'v.id', value: (v) => v.id },
      ],
      'DESC',
    );
  }

  async counts(ids: string[]): Promise<Map<string, FrameworkCounts>> {
    const rows: CountsRow[] = await this.txHost.tx.query(
      `SELECT v.id,
              (SELECT count(*)::int FROM role_families x WHERE x.version_id = v.id) AS role_families,
              (SELECT count(*)::int FROM roles x WHERE x.version_id = v.id) AS roles,
              (SELECT count(*)::int FROM role_levels x WHERE x.version_id = v.id) AS role_levels,
              (SELECT count(*)::int FROM skills x WHERE x.version_id = v.id) AS skills,
              (SELECT count(*)::int FROM skill_requirements x WHERE x.version_id = v.id) AS skill_requirements
         FROM framework_versions v WHERE v.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          roleFamilies: r.role_families,
          roles: r.roles,
          roleLevels: r.role_levels,
          skills: r.skills,
          skillRequirements: r.skill_requirements,
        },
      ]),
    );
  }

  /**
   * Stores a version's content set-based: one INSERT … SELECT FROM unnest(…) per table, ids made
   * here so no row has to be read back. Runs inside the caller's transaction.
   */
  async insertContent(versionId: string, content: FrameworkContent): Promise<void> {
    const tx = this.txHost.tx;
    await tx.query(
      `INSERT INTO skill_levels (version_id, level, slug, name, summary)
       SELECT $1, u.level, u.slug, u.name, u.summary
         FROM unnest($2::smallint[], $3::varchar[], $4::varchar[], $5::text[]) AS u(level, slug, name, summary)`,
      [
        versionId,
        content.skillLevels.map((l) => l.level),
        content.skillLevels.map((l) => l.slug),
        content.skillLevels.map((l) => l.name),
        content.skillLevels.map((l) => l.summary),
      ],
    );

    const skillIds = new Map(content.skills.map((s) => [s.slug, randomUUID()]));
    await tx.query(
      `INSERT INTO skills (id, version_id, slug, name, description, awareness_text, working_text, practitioner_text, expert_text)
       SELECT u.id, $1, u.slug, u.name, u.description, u.awareness, u.working, u.practitioner, u.expert
         FROM unnest($2::uuid[], $3::varchar[], $4::varchar[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           AS u(id, slug, name, description, awareness, working, practitioner, expert)`,
      [
        versionId,
        content.skills.map((s) => skillIds.get(s.slug)),
        content.skills.map((s) => s.slug),
        content.skills.map((s) => s.name),
        content.skills.map((s) => s.description),
        ...SKILL_LEVEL_SLUGS.map((level) => content.skills.map((s) => s.texts[level])),
      ],
    );

    const families = content.roleFamilies.map((f, i) => ({ ...f, id: randomUUID(), position: i + 1 }));
    const roles = families.flatMap((f) =>
      f.roles.map((r, i) => ({ ...r, id: randomUUID(), familyId: f.id, position: i + 1 })),
    );
    const levels = roles.flatMap((r) => r.levels.map((l) => ({ ...l, id: randomUUID(), roleId: r.id })));
    const requirements = levels.flatMap((l) =>
      l.requirements.map((q, i) => ({
        roleLevelId: l.id,
        skillId: skillIds.get(q.skill),
        level: q.level,
        position: i + 1,
      })),
    );
    const roleSkills = roles.flatMap((r) =>
      r.skills.map((skill, i) => ({ roleId: r.id, skillId: skillIds.get(skill), position: i + 1 })),
    );

    await tx.query(
      `INSERT INTO role_families (id, version_id, slug, name, position)
       SELECT u.id, $1, u.slug, u.name, u.position
         FROM unnest($2::uuid[], $3::varchar[], $4::varchar[], $5::smallint[]) AS u(id, slug, name, position)`,
      [
        versionId,
        families.map((f) => f.id),
        families.map((f) => f.slug),
        families.map((f) => f.name),
        families.map((f) => f.position),
      ],
    );
    await tx.query(
      `INSERT INTO roles (id, version_id, role_family_id, slug, name, description, senior_civil_service, position)
       SELECT u.id, $1, u.family_id, u.slug, u.name, u.description, u.scs, u.position
         FROM unnest($2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::text[], $7::boolean[], $8::smallint[])
           AS u(id, family_id, slug, name, description, scs, position)`,
      [
        versionId,
        roles.map((r) => r.id),
        roles.map((r) => r.familyId),
        roles.map((r) => r.slug),
        roles.map((r) => r.name),
        roles.map((r) => r.description),
        roles.map((r) => r.seniorCivilService),
        roles.map((r) => r.position),
      ],
    );
    await tx.query(
      `INSERT INTO role_levels (id, version_id, role_id, slug, name, description, position)
       SELECT u.id, $1, u.role_id, u.slug, u.name, u.description, u.position
         FROM unnest($2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::text[], $7::smallint[])
           AS u(id, role_id, slug, name, description, position)`,
      [
        versionId,
        levels.map((l) => l.id),
        levels.map((l) => l.roleId),
        levels.map((l) => l.slug),
        levels.map((l) => l.name),
        levels.map((l) => l.description),
        levels.map((l) => l.order),
      ],
    );
    await tx.query(
      `INSERT INTO skill_requirements (version_id, role_level_id, skill_id, required_level, position)
       SELECT $1, u.role_level_id, u.skill_id, u.required_level, u.position
         FROM unnest($2::uuid[], $3::uuid[], $4::smallint[], $5::smallint[]) AS u(role_level_id, skill_id, required_level, position)`,
      [
        versionId,
        requirements.map((q) => q.roleLevelId),
        requirements.map((q) => q.skillId),
        requirements.map((q) => q.level),
        requirements.map((q) => q.position),
      ],
    );
    await tx.query(
      `INSERT INTO role_skills (role_id, skill_id, position)
       SELECT u.role_id, u.skill_id, u.position
         FROM unnest($1::uuid[], $2::uuid[], $3::smallint[]) AS u(role_id, skill_id, position)`,
      [roleSkills.map((s) => s.roleId), roleSkills.map((s) => s.skillId), roleSkills.map((s) => s.position)],
    );
  }

  /** Reads a version's content back in canonical order (see FrameworkContent). */
  async loadContent(versionId: string): Promise<FrameworkContent> {
    const tx = this.txHost.tx;
    // One query after another: safe inside a transaction, where they share one connection.
    const skillLevels = await tx.query<{ level: number; slug: SkillLevelSlug; name: string; summary: string }[]>(
      'SELECT level, slug, name, summary FROM skill_levels WHERE version_id = $1 ORDER BY level',
      [versionId],
    );
    const skills = await tx.query<
      {
        slug: string;
        name: string;
        description: string | null;
        awareness_text: string | null;
        working_text: string | null;
        practitioner_text: string | null;
        expert_text: string | null;
      }[]
    >(
      `SELECT slug, name, description, awareness_text, working_text, practitioner_text, expert_text
           FROM skills WHERE version_id = $1 ORDER BY slug COLLATE "C"`,
      [versionId],
    );
    const families = await tx.query<{ id: string; slug: string; name: string }[]>(
      'SELECT id, slug, name FROM role_families WHERE version_id = $1 ORDER BY position',
      [versionId],
    );
    const roles = await tx.query<
      {
        id: string;
        role_family_id: string;
        slug: string;
        name: string;
        description: string;
        senior_civil_service: boolean;
      }[]
    >(
      `SELECT id, role_family_id, slug, name, description, senior_civil_service
           FROM roles WHERE version_id = $1 ORDER BY position`,
      [versionId],
    );
    const levels = await tx.query<
      { id: string; role_id: string; slug: string; name: string; description: string; position: number }[]
    >(
      `SELECT id, role_id, slug, name, description, position
           FROM role_levels WHERE version_id = $1 ORDER BY position`,
      [versionId],
    );
    const requirements = await tx.query<{ role_level_id: string; skill: string; required_level: number }[]>(
      `SELECT q.role_level_id, s.slug AS skill, q.required_level
           FROM skill_requirements q JOIN skills s ON s.id = q.skill_id
          WHERE q.version_id = $1 ORDER BY q.position`,
      [versionId],
    );
    const roleSkills = await tx.query<{ role_id: string; skill: string }[]>(
      `SELECT rs.role_id, s.slug AS skill
           FROM role_skills rs JOIN skills s ON s.id = rs.skill_id
          WHERE s.version_id = $1 ORDER BY rs.position`,
      [versionId],
    );
    const group = <T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> => {
      const map = new Map<K, T[]>();
      for (const row of rows) {
        const list = map.get(key(row));
        if (list) list.push(row);
        else map.set(key(row), [row]);
      }
      return map;
    };
    const requirementsByLevel = group(requirements, (q) => q.role_level_id);
    const levelsByRole = group(levels, (l) => l.role_id);
    const skillsByRole = group(roleSkills, (s) => s.role_id);
    const rolesByFamily = group(roles, (r) => r.role_family_id);
    return {
      skillLevels: skillLevels.map((l) => ({ level: l.level, slug: l.slug, name: l.name, summary: l.summary })),
      roleFamilies: families.map((f) => ({
        slug: f.slug,
        name: f.name,
        roles: (rolesByFamily.get(f.id) ?? []).map((r) => ({
          slug: r.slug,
          name: r.name,
          description: r.description,
          seniorCivilService: r.senior_civil_service,
          levels: (levelsByRole.get(r.id) ?? []).map((l) => ({
            slug: l.slug,
            name: l.name,
            order: l.position,
            description: l.description,
            requirements: (requirementsByLevel.get(l.id) ?? []).map((q) => ({
              skill: q.skill,
              level: q.required_level,
            })),
          })),
          skills: (skillsByRole.get(r.id) ?? []).map((s) => s.skill),
        })),
      })),
      skills: skills.map((s) => ({
        slug: s.slug,
        name: s.name,
        description: s.description,
        texts: {
          awareness: s.awareness_text,
          working: s.working_text,
          practitioner: s.practitioner_text,
          expert: s.expert_text,
        },
      })),
    };
  }
}
