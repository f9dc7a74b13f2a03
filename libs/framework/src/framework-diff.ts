import { SKILL_LEVEL_SLUGS, type FrameworkContent, type SkillLevelSlug } from './framework-document.js';

export interface Named {
  slug: string;
  name: string;
}

/** A thing present in both versions whose listed fields differ. */
export interface Changed extends Named {
  fields: string[];
}

export interface Section<Item extends Named> {
  added: Item[];
  removed: Item[];
  changed: Changed[];
}

export interface RequirementEntry {
  roleLevel: string;
  skill: string;
  level: SkillLevelSlug;
}

export interface RequirementChange {
  roleLevel: string;
  skill: string;
  from: SkillLevelSlug;
  to: SkillLevelSlug;
}

/**
 * What changes from one version (`from`) to another (`to`), matched by slug. A slug that changes
 * reads as one removed and one added. Requirements are (role level, skill) pairs, repeats shown once.
 */
export interface FrameworkDiff {
  roleFamilies: Section<Named>;
  roles: Section<Named & { family: string }>;
  roleLevels: Section<Named & { role: string }>;
  skills: Section<Named>;
  skillLevels: { changed: Changed[] };
  requirements: { added: RequirementEntry[]; removed: RequirementEntry[]; changed: RequirementChange[] };
  /** Skills of Senior Civil Service roles (no levels). */
  roleSkills: { added: { role: string; skill: string }[]; removed: { role: string; skill: string }[] };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const bySlug = (a: { slug: string }, b: { slug: string }): number => compare(a.slug, b.slug);

/** Added, removed and changed, each sorted by slug. `fields` names what differs between two matched items. */
function section<T extends { slug: string; name: string }, Item extends Named>(
  before: T[],
  after: T[],
  item: (t: T) => Item,
  fields: Record<string, (t: T) => unknown>,
): Section<Item> {
  const old = new Map(before.map((t) => [t.slug, t]));
  const now = new Map(after.map((t) => [t.slug, t]));
  const changed: Changed[] = [];
  for (const t of after) {
    const o = old.get(t.slug);
    if (!o) continue;
    const differ = Object.entries(fields)
      .filter(([, get]) => JSON.stringify(get(o)) !== JSON.stringify(get(t)))
      .map(([field]) => field);
    if (differ.length > 0) changed.push({ slug: t.slug, name: t.name, fields: differ });
  }
  return {
    added: after
      .filter((t) => !old.has(t.slug))
      .map(item)
      .sort(bySlug),
    removed: before
      .filter((t) => !now.has(t.slug))
      .map(item)
      .sort(bySlug),
    changed: changed.sort(bySlug),
  };
}

interface Flat {
  roles: (FrameworkContent['roleFamilies'][number]['roles'][number] & { family: string })[];
  levels: (FrameworkContent['roleFamilies'][number]['roles'][number]['levels'][number] & { role: string })[];
}

function flatten(content: FrameworkContent): Flat {
  const roles = content.roleFamilies.flatMap((f) => f.roles.map((r) => ({ ...r, family: f.slug })));
  const levels = roles.flatMap((r) => r.levels.map((l) => ({ ...l, role: r.slug })));
  return { roles, levels };
}

/** `roleLevel slug → skill slug → level`, the first entry of a repeated skill. */
function requirementMap(levels: Flat['levels']): Map<string, Map<string, number>> {
  return new Map(
    levels.map((l) => {
      const skills = new Map<string, number>();
      for (const q of l.requirements) if (!skills.has(q.skill)) skills.set(q.skill, q.level);
      return [l.slug, skills];
    }),
  );
}

const levelSlug = (level: number): SkillLevelSlug => SKILL_LEVEL_SLUGS[level - 1] ?? 'awareness';
const byPair = (a: { roleLevel?: string; role?: string; skill: string }, b: typeof a): number =>
  compare(a.roleLevel ?? a.role ?? '', b.roleLevel ?? b.role ?? '') || compare(a.skill, b.skill);

/** What a head of profession sees when a new framework replaces `from` with `to`. Pure. */
export function diffFrameworks(from: FrameworkContent, to: FrameworkContent): FrameworkDiff {
  const a = flatten(from);
  const b = flatten(to);

  const oldRequirements = requirementMap(a.levels);
  const newRequirements = requirementMap(b.levels);
  const requirements: FrameworkDiff['requirements'] = { added: [], removed: [], changed: [] };
  for (const [roleLevel, skills] of newRequirements) {
    const old = oldRequirements.get(roleLevel) ?? new Map<string, number>();
    for (const [skill, level] of skills) {
      const was = old.get(skill);
      if (was === undefined) requirements.added.push({ roleLevel, skill, level: levelSlug(level) });
      else if (was !== level) {
        requirements.changed.push({ roleLevel, skill, from: levelSlug(was), to: levelSlug(level) });
      }
    }
  }
  for (const [roleLevel, skills] of oldRequirements) {
    const now = newRequirements.get(roleLevel) ?? new Map<string, number>();
    for (const [skill, level] of skills) {
      if (!now.has(skill)) requirements.removed.push({ roleLevel, skill, level: levelSlug(level) });
    }
  }

  const pairs = (roles: Flat['roles']) => new Set(roles.flatMap((r) => r.skills.map((s) => `${r.slug}\u0000${s}`)));
  const oldPairs = pairs(a.roles);
  const newPairs = pairs(b.roles);
  const split = (key: string) => {
    const [role = '', skill = ''] = key.split('\u0000');
    return { role, skill };
  };

  return {
    roleFamilies: section(from.roleFamilies, to.roleFamilies, (f) => ({ slug: f.slug, name: f.name }), {
      name: (f) => f.name,
    }),
    roles: section(a.roles, b.roles, (r) => ({ slug: r.slug, name: r.name, family: r.family }), {
      name: (r) => r.name,
      description: (r) => r.description,
      family: (r) => r.family,
      seniorCivilService: (r) => r.seniorCivilService,
    }),
    roleLevels: section(a.levels, b.levels, (l) => ({ slug: l.slug, name: l.name, role: l.role }), {
      name: (l) => l.name,
      description: (l) => l.description,
      role: (l) => l.role,
      order: (l) => l.order,
    }),
    skills: section(from.skills, to.skills, (s) => ({ slug: s.slug, name: s.name }), {
      name: (s) => s.name,
      description: (s) => s.description,
      awarenessText: (s) => s.texts.awareness,
      workingText: (s) => s.texts.working,
      practitionerText: (s) => s.texts.practitioner,
      expertText: (s) => s.texts.expert,
    }),
    skillLevels: {
      changed: section(from.skillLevels, to.skillLevels, (l) => ({ slug: l.slug, name: l.name }), {
        name: (l) => l.name,
        summary: (l) => l.summary,
      }).changed,
    },
    requirements: {
      added: requirements.added.sort(byPair),
      removed: requirements.removed.sort(byPair),
      changed: requirements.changed.sort(byPair),
    },
    roleSkills: {
      added: [...newPairs]
        .filter((p) => !oldPairs.has(p))
        .map(split)
        .sort(byPair),
      removed: [...oldPairs]
        .filter((p) => !newPairs.has(p))
        .map(split)
        .sort(byPair),
    },
  };
}
