import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { skillLevelNumber, type FrameworkDocument } from './framework-document.js';
import type { FrameworkProblem } from './framework.errors.js';
import { FRAMEWORK_SCHEMA } from './framework.schema.js';

/** At most this many problems are listed; the count says how many there were. */
export const MAX_FRAMEWORK_PROBLEMS = 1000;

export type FrameworkValidation =
  { valid: true; document: FrameworkDocument } | { valid: false; errors: FrameworkProblem[]; total: number };

let compiled: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: true, strictTypes: false }).compile(FRAMEWORK_SCHEMA);
  return compiled;
}

/** `role_families[2].roles[4].name` from path segments. */
export function formatPath(segments: (string | number)[]): string {
  if (segments.length === 0) return '(root)';
  return segments.map((s, i) => (typeof s === 'number' || /^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Ajv's `/role_families/2/roles/4` (JSON Pointer) as path segments. */
function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function fromAjv(error: ErrorObject): FrameworkProblem {
  const segments = pointerSegments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: formatPath([...segments, String(params.missingProperty)]), message: 'is required' };
    case 'additionalProperties':
      return { path: formatPath([...segments, String(params.additionalProperty)]), message: 'is not a known field' };
    case 'pattern':
      return {
        path: formatPath(segments),
        message: 'must be a slug: lower-case letters and digits joined by single hyphens, e.g. "data-scientist"',
      };
    case 'enum':
      return {
        path: formatPath(segments),
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { path: formatPath(segments), message: error.message ?? 'is not valid' };
  }
}

/** Collects problems, keeping the first MAX_FRAMEWORK_PROBLEMS and counting the rest. */
class Problems {
  readonly list: FrameworkProblem[] = [];
  total = 0;
  add(segments: (string | number)[], message: string): void {
    this.total++;
    if (this.list.length < MAX_FRAMEWORK_PROBLEMS) this.list.push({ path: formatPath(segments), message });
  }
}

const fold = (name: string): string => name.trim().toLowerCase();

/** Reports the second and later uses of a key (an id, a name) within one scope. */
class Unique {
  private readonly seen = new Map<string, string>();
  constructor(
    private readonly problems: Problems,
    private readonly what: string,
  ) {}
  check(key: string, shown: string, segments: (string | number)[]): void {
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, formatPath(segments));
    else this.problems.add(segments, `${this.what} "${shown}" is already used at ${first}`);
  }
}

/** The rules the schema cannot say: uniqueness, references, ordering, Senior Civil Service roles. */
function checkRules(doc: FrameworkDocument, problems: Problems): void {
  const levelIds = new Unique(problems, 'skill level');
  doc.skill_levels.forEach((level, i) => {
    levelIds.check(level.id, level.id, ['skill_levels', i, 'id']);
    if (level.order !== skillLevelNumber(level.id)) {
      problems.add(['skill_levels', i, 'order'], `${level.id} must have order ${skillLevelNumber(level.id)}`);
    }
  });

  const skills = new Map(doc.skills.map((s) => [s.id, s]));
  const skillIds = new Unique(problems, 'skill id');
  const skillNames = new Unique(problems, 'skill name');
  doc.skills.forEach((skill, i) => {
    skillIds.check(skill.id, skill.id, ['skills', i, 'id']);
    skillNames.check(fold(skill.name), skill.name, ['skills', i, 'name']);
  });

  const familyIds = new Unique(problems, 'role family id');
  const familyNames = new Unique(problems, 'role family name');
  const roleIds = new Unique(problems, 'role id');
  const roleLevelIds = new Unique(problems, 'role level id');
  doc.role_families.forEach((family, f) => {
    const at = ['role_families', f];
    familyIds.check(family.id, family.id, [...at, 'id']);
    familyNames.check(fold(family.name), family.name, [...at, 'name']);
    const roleNames = new Unique(problems, 'role name');
    family.roles.forEach((role, r) => {
      const roleAt = [...at, 'roles', r];
      roleIds.check(role.id, role.id, [...roleAt, 'id']);
      roleNames.check(fold(role.name), role.name, [...roleAt, 'name']);
      checkRoleShape(role, roleAt, problems);
      (role.skills ?? []).forEach((ref, k) => {
        const refAt = [...roleAt, 'skills', k];
        checkReference(ref, refAt, skills, problems);
        if (role.senior_civil_service && 'required_level' in ref) {
          problems.add([...refAt, 'required_level'], 'a Senior Civil Service role has no required levels');
        }
      });
      const scsSkills = new Unique(problems, 'skill');
      (role.skills ?? []).forEach((ref, k) =>
        scsSkills.check(ref.skill_id, ref.skill_id, [...roleAt, 'skills', k, 'skill_id']),
      );

      const levelNames = new Unique(problems, 'level name');
      role.levels.forEach((level, l) => {
        const levelAt = [...roleAt, 'levels', l];
        roleLevelIds.check(level.id, level.id, [...levelAt, 'id']);
        levelNames.check(fold(level.name), level.name, [...levelAt, 'name']);
        checkRequirements(level, levelAt, skills, problems);
      });
      checkLevelOrder(role.levels, roleAt, problems);
    });
  });
}

type DocRole = FrameworkDocument['role_families'][number]['roles'][number];
type DocLevel = DocRole['levels'][number];
type DocSkill = FrameworkDocument['skills'][number];

function checkRoleShape(role: DocRole, at: (string | number)[], problems: Problems): void {
  if (role.senior_civil_service && role.levels.length > 0) {
    problems.add([...at, 'levels'], 'a Senior Civil Service role has no levels; list its skills in skills[]');
  }
  if (!role.senior_civil_service && role.levels.length === 0) {
    problems.add([...at, 'levels'], 'a role that is not Senior Civil Service needs at least one level');
  }
  if (!role.senior_civil_service && (role.skills?.length ?? 0) > 0) {
    problems.add([...at, 'skills'], 'only Senior Civil Service roles list skills without levels; put them on a level');
  }
}

function checkReference(
  ref: { skill_id: string; skill?: string },
  at: (string | number)[],
  skills: Map<string, DocSkill>,
  problems: Problems,
): DocSkill | undefined {
  const skill = skills.get(ref.skill_id);
  if (!skill) {
    problems.add([...at, 'skill_id'], `no skill "${ref.skill_id}" in skills[]`);
    return undefined;
  }
  if (ref.skill !== undefined && ref.skill !== skill.name) {
    problems.add([...at, 'skill'], `must be "${skill.name}", the name of skill "${skill.id}" (or be left out)`);
  }
  return skill;
}

function checkRequirements(
  level: DocLevel,
  at: (string | number)[],
  skills: Map<string, DocSkill>,
  problems: Problems,
): void {
  const required = new Map<string, { level: string; index: number }>();
  level.skills.forEach((ref, k) => {
    const refAt = [...at, 'skills', k];
    const skill = checkReference(ref, refAt, skills, problems);
    if (skill && skill.levels[ref.required_level] === null) {
      problems.add(
        [...refAt, 'required_level'],
        `skill "${skill.id}" does not define the ${ref.required_level} level (its text is null)`,
      );
    }
    const earlier = required.get(ref.skill_id);
    if (!earlier) required.set(ref.skill_id, { level: ref.required_level, index: k });
    else if (earlier.level !== ref.required_level) {
      problems.add(
        [...refAt, 'required_level'],
        `skill "${ref.skill_id}" is already required at ${earlier.level} in ${formatPath([...at, 'skills', earlier.index])}`,
      );
    }
  });
}

/** Orders within a role run 1..n: no repeats, no gaps. */
function checkLevelOrder(levels: DocLevel[], at: (string | number)[], problems: Problems): void {
  const seen = new Map<number, number>();
  levels.forEach((level, l) => {
    const orderAt = [...at, 'levels', l, 'order'];
    const earlier = seen.get(level.order);
    if (earlier !== undefined) {
      problems.add(orderAt, `order ${level.order} is already used by ${formatPath([...at, 'levels', earlier])}`);
    } else if (level.order > levels.length) {
      problems.add(
        orderAt,
        `order ${level.order} leaves a gap: the ${levels.length} level${levels.length === 1 ? '' : 's'} of this role must have orders 1 to ${levels.length}`,
      );
    }
    if (earlier === undefined) seen.set(level.order, l);
  });
}

/**
 * Validates a posted framework completely before anything is stored: first its shape (JSON Schema,
 * every error), then, for a well-shaped document, the rules. Pure; the same check runs on the shipped data.
 */
export function validateFramework(input: unknown): FrameworkValidation {
  const validate = schemaValidator();
  if (!validate(input)) {
    const errors = validate.errors ?? [];
    return { valid: false, errors: errors.slice(0, MAX_FRAMEWORK_PROBLEMS).map(fromAjv), total: errors.length };
  }
  const document = input as FrameworkDocument;
  const problems = new Problems();
  checkRules(document, problems);
  if (problems.total > 0) return { valid: false, errors: problems.list, total: problems.total };
  return { valid: true, document };
}
