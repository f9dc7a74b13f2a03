import { createHash } from 'node:crypto';

/** awareness (1) < working (2) < practitioner (3) < expert (4): the four skill levels, fixed in every version. */
export const SKILL_LEVEL_SLUGS = ['awareness', 'working', 'practitioner', 'expert'] as const;
export type SkillLevelSlug = (typeof SKILL_LEVEL_SLUGS)[number];

/** 1 for awareness … 4 for expert. */
export function skillLevelNumber(slug: SkillLevelSlug): number {
  return SKILL_LEVEL_SLUGS.indexOf(slug) + 1;
}

/**
 * A framework as the shipped data file (`libs/framework/data/ddat-framework.json`) and
 * `POST /framework/versions` give it. Field names are the file's (snake_case).
 */
export interface FrameworkDocument {
  /** Name of the version; defaults to `meta.title`, else "Framework version <n>". */
  name?: string;
  /** Where the content came from. */
  source?: string;
  meta?: Record<string, unknown>;
  skill_levels: { id: SkillLevelSlug; name: string; order: number; summary: string }[];
  role_families: {
    id: string;
    name: string;
    roles: {
      id: string;
      name: string;
      description: string;
      senior_civil_service: boolean;
      levels: {
        id: string;
        name: string;
        order: number;
        description: string;
        skills: { skill_id: string; skill?: string; required_level: SkillLevelSlug }[];
      }[];
      /** Senior Civil Service roles only: their skills, without levels. */
      skills?: { skill_id: string; skill?: string }[];
    }[];
  }[];
  skills: {
    id: string;
    name: string;
    description: string | null;
    levels: Record<SkillLevelSlug, string | null>;
    /** Derived from the roles; accepted and ignored. */
    required_by_roles?: string[];
  }[];
}

/**
 * What a version stores, in a canonical order: the same whether built from a document or read back
 * from the database, so its hash identifies the content and two versions can be compared.
 * Levels are in `order`; skills by slug (the catalogue is a set); everything else as published.
 */
export interface FrameworkContent {
  skillLevels: { level: number; slug: SkillLevelSlug; name: string; summary: string }[];
  roleFamilies: {
    slug: string;
    name: string;
    roles: {
      slug: string;
      name: string;
      description: string;
      seniorCivilService: boolean;
      levels: {
        slug: string;
        name: string;
        order: number;
        description: string;
        /** As published, repeats included: `[skill slug, required level 1..4]`. */
        requirements: { skill: string; level: number }[];
      }[];
      /** Skill slugs of a Senior Civil Service role. */
      skills: string[];
    }[];
  }[];
  skills: {
    slug: string;
    name: string;
    description: string | null;
    texts: Record<SkillLevelSlug, string | null>;
  }[];
}

const bySlug = (a: { slug: string }, b: { slug: string }): number => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

/** The content of a (valid) document, in canonical order. */
export function contentOf(doc: FrameworkDocument): FrameworkContent {
  return {
    skillLevels: doc.skill_levels
      .map((l) => ({ level: l.order, slug: l.id, name: l.name, summary: l.summary }))
      .sort((a, b) => a.level - b.level),
    roleFamilies: doc.role_families.map((family) => ({
      slug: family.id,
      name: family.name,
      roles: family.roles.map((role) => ({
        slug: role.id,
        name: role.name,
        description: role.description,
        seniorCivilService: role.senior_civil_service,
        levels: role.levels
          .map((level) => ({
            slug: level.id,
            name: level.name,
            order: level.order,
            description: level.description,
            requirements: level.skills.map((s) => ({ skill: s.skill_id, level: skillLevelNumber(s.required_level) })),
          }))
          .sort((a, b) => a.order - b.order),
        skills: (role.skills ?? []).map((s) => s.skill_id),
      })),
    })),
    skills: doc.skills
      .map((skill) => ({
        slug: skill.id,
        name: skill.name,
        description: skill.description,
        texts: {
          awareness: skill.levels.awareness,
          working: skill.levels.working,
          practitioner: skill.levels.practitioner,
          expert: skill.levels.expert,
        },
      }))
      .sort(bySlug),
  };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 (hex) of the canonical JSON of the content: the same framework always hashes the same. */
export function contentHash(content: FrameworkContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** Row counts a version's content gives, as the tables hold them. */
export interface FrameworkCounts {
  roleFamilies: number;
  roles: number;
  roleLevels: number;
  skills: number;
  /** One per published entry, repeats included (1,797 in the shipped framework). */
  skillRequirements: number;
}

export function countsOf(content: FrameworkContent): FrameworkCounts {
  const roles = content.roleFamilies.flatMap((f) => f.roles);
  const levels = roles.flatMap((r) => r.levels);
  return {
    roleFamilies: content.roleFamilies.length,
    roles: roles.length,
    roleLevels: levels.length,
    skills: content.skills.length,
    skillRequirements: levels.reduce((n, l) => n + l.requirements.length, 0),
  };
}
