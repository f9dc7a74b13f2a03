import { projectRoot } from '@capability/platform';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrameworkDocument } from './framework-document.js';
import { formatPath, MAX_FRAMEWORK_PROBLEMS, validateFramework } from './framework-validator.js';

const shipped = (): FrameworkDocument =>
  JSON.parse(readFileSync(join(projectRoot(), 'libs/framework/data/ddat-framework.json'), 'utf8')) as FrameworkDocument;

const LEVELS = {
  awareness: 'You can: know',
  working: 'You can: do',
  practitioner: 'You can: share',
  expert: 'You can: lead',
};

/** A small valid framework: one family with a two-level role and an SCS role, three skills. */
function tiny(): FrameworkDocument {
  return {
    skill_levels: [
      { id: 'awareness', name: 'Awareness', order: 1, summary: 'Knows' },
      { id: 'working', name: 'Working', order: 2, summary: 'Applies' },
      { id: 'practitioner', name: 'Practitioner', order: 3, summary: 'Shares' },
      { id: 'expert', name: 'Expert', order: 4, summary: 'Leads' },
    ],
    role_families: [
      {
        id: 'data',
        name: 'Data',
        roles: [
          {
            id: 'data-analyst',
            name: 'Data analyst',
            description: 'Analyses data',
            senior_civil_service: false,
            levels: [
              {
                id: 'junior-data-analyst',
                name: 'Junior data analyst',
                order: 1,
                description: 'Learns',
                skills: [
                  { skill_id: 'data-modelling', skill: 'Data modelling', required_level: 'awareness' },
                  { skill_id: 'statistics', skill: 'Statistics', required_level: 'working' },
                ],
              },
              {
                id: 'senior-data-analyst',
                name: 'Senior data analyst',
                order: 2,
                description: 'Leads',
                skills: [{ skill_id: 'data-modelling', required_level: 'practitioner' }],
              },
            ],
          },
          {
            id: 'chief-data-officer',
            name: 'Chief data officer',
            description: 'Leads data',
            senior_civil_service: true,
            levels: [],
            skills: [{ skill_id: 'leadership', skill: 'Leadership' }],
          },
        ],
      },
    ],
    skills: [
      { id: 'data-modelling', name: 'Data modelling', description: 'Models', levels: { ...LEVELS } },
      { id: 'statistics', name: 'Statistics', description: null, levels: { ...LEVELS, expert: null } },
      {
        id: 'leadership',
        name: 'Leadership',
        description: 'Leads',
        levels: { awareness: null, working: null, practitioner: null, expert: null },
      },
    ],
  };
}

function errorsOf(input: unknown): { path: string; message: string }[] {
  const result = validateFramework(input);
  if (result.valid) throw new Error('expected the framework to be invalid');
  return result.errors;
}

describe('validateFramework', () => {
  it('accepts the shipped framework and the small fixture', () => {
    expect(validateFramework(shipped()).valid).toBe(true);
    expect(validateFramework(tiny()).valid).toBe(true);
  });

  it('accepts name, source, meta and the derived required_by_roles', () => {
    const doc = { ...tiny(), name: 'V2', source: 'CDDO', meta: { anything: [1, 2] } };
    doc.skills[0]!.required_by_roles = ['Data analyst'];
    expect(validateFramework(doc).valid).toBe(true);
  });

  describe('shape (JSON Schema, every error at once)', () => {
    it('lists missing, mistyped, unknown and malformed fields with their paths', () => {
      const doc = tiny();
      const analyst = doc.role_families[0]!.roles[0]!;
      delete (analyst as Partial<typeof analyst>).name;
      Object.assign(analyst.levels[1]!, { order: 'two' });
      Object.assign(analyst.levels[0]!.skills[1]!, { required_level: 'guru', colour: 'blue' });
      doc.skills[1]!.id = 'Not A Slug';
      Object.assign(doc.skills[2]!.levels, { expert: 4 });

      expect(errorsOf(doc)).toEqual([
        { path: 'role_families[0].roles[0].name', message: 'is required' },
        { path: 'role_families[0].roles[0].levels[0].skills[1].colour', message: 'is not a known field' },
        {
          path: 'role_families[0].roles[0].levels[0].skills[1].required_level',
          message: 'must be one of "awareness", "working", "practitioner", "expert"',
        },
        { path: 'role_families[0].roles[0].levels[1].order', message: 'must be integer' },
        {
          path: 'skills[1].id',
          message: 'must be a slug: lower-case letters and digits joined by single hyphens, e.g. "data-scientist"',
        },
        { path: 'skills[2].levels.expert', message: 'must be string' },
      ]);
    });

    it('says so at the root when the body is not an object', () => {
      expect(errorsOf([1, 2])).toEqual([{ path: '(root)', message: 'must be object' }]);
      expect(errorsOf({})).toEqual([
        { path: 'skill_levels', message: 'is required' },
        { path: 'role_families', message: 'is required' },
        { path: 'skills', message: 'is required' },
      ]);
    });

    it('keeps names within the column lengths', () => {
      const doc = tiny();
      doc.name = 'x'.repeat(201);
      doc.role_families[0]!.id = `a${'-b'.repeat(60)}`;
      expect(errorsOf(doc)).toEqual([
        { path: 'name', message: 'must NOT have more than 200 characters' },
        { path: 'role_families[0].id', message: 'must NOT have more than 100 characters' },
      ]);
    });

    it(`lists at most ${MAX_FRAMEWORK_PROBLEMS} problems and counts them all`, () => {
      const doc = tiny();
      doc.skills = Array.from({ length: 1500 }, (_, i) => ({
        id: `Skill ${i}`,
        name: `Skill ${i}`,
        description: null,
        levels: { ...LEVELS },
      }));
      const result = validateFramework(doc);
      expect(result.valid).toBe(false);
      if (result.valid) return;
      expect(result.errors).toHaveLength(MAX_FRAMEWORK_PROBLEMS);
      expect(result.total).toBe(1500);
      expect(result.errors[999]?.path).toBe('skills[999].id');
    });
  });

  describe('rules', () => {
    it('refuses a reference to a skill that is not in skills[], at its exact path', () => {
      const doc = shipped();
      doc.role_families[2]!.roles[4]!.levels[1]!.skills[3]!.skill_id = 'telepathy';
      expect(errorsOf(doc)).toEqual([
        { path: 'role_families[2].roles[4].levels[1].skills[3].skill_id', message: 'no skill "telepathy" in skills[]' },
      ]);
    });

    it('lists every broken rule at once', () => {
      const doc = tiny();
      const analyst = doc.role_families[0]!.roles[0]!;
      analyst.levels[0]!.skills[0]!.skill_id = 'nope';
      analyst.levels[1]!.name = 'Junior data analyst';
      analyst.levels[1]!.order = 3;
      doc.skills[2]!.name = 'statistics';
      expect(errorsOf(doc)).toEqual([
        { path: 'skills[2].name', message: 'skill name "statistics" is already used at skills[1].name' },
        { path: 'role_families[0].roles[0].levels[0].skills[0].skill_id', message: 'no skill "nope" in skills[]' },
        {
          path: 'role_families[0].roles[0].levels[1].name',
          message: 'level name "Junior data analyst" is already used at role_families[0].roles[0].levels[0].name',
        },
        {
          path: 'role_families[0].roles[0].levels[1].order',
          message: 'order 3 leaves a gap: the 2 levels of this role must have orders 1 to 2',
        },
        {
          path: 'role_families[0].roles[1].skills[0].skill',
          message: 'must be "statistics", the name of skill "leadership" (or be left out)',
        },
      ]);
    });

    it('wants ids unique across the version: families, roles, role levels, skills', () => {
      const doc = tiny();
      doc.role_families.push({ id: 'data', name: 'More data', roles: [] });
      doc.role_families[0]!.roles[1]!.id = 'data-analyst';
      doc.role_families[0]!.roles[0]!.levels[1]!.id = 'junior-data-analyst';
      doc.skills[1]!.id = 'data-modelling';
      const errors = errorsOf(doc);
      expect(errors).toEqual(
        expect.arrayContaining([
          { path: 'role_families[1].id', message: 'role family id "data" is already used at role_families[0].id' },
          {
            path: 'role_families[0].roles[1].id',
            message: 'role id "data-analyst" is already used at role_families[0].roles[0].id',
          },
          {
            path: 'role_families[0].roles[0].levels[1].id',
            message: 'role level id "junior-data-analyst" is already used at role_families[0].roles[0].levels[0].id',
          },
          { path: 'skills[1].id', message: 'skill id "data-modelling" is already used at skills[0].id' },
        ]),
      );
    });

    it('wants names unique within their parent, ignoring case: the same role name in two families is fine', () => {
      const doc = tiny();
      doc.role_families.push({
        id: 'more-data',
        name: 'DATA',
        roles: [{ ...doc.role_families[0]!.roles[1]!, id: 'chief-data-officer-2' }],
      });
      doc.role_families[0]!.roles[1]!.name = 'data ANALYST';
      expect(errorsOf(doc)).toEqual([
        {
          path: 'role_families[0].roles[1].name',
          message: 'role name "data ANALYST" is already used at role_families[0].roles[0].name',
        },
        { path: 'role_families[1].name', message: 'role family name "DATA" is already used at role_families[0].name' },
      ]);
    });

    it('wants level orders 1..n: a repeat and a gap', () => {
      const doc = tiny();
      const levels = doc.role_families[0]!.roles[0]!.levels;
      levels.push({ ...levels[1]!, id: 'lead-data-analyst', name: 'Lead data analyst', order: 2 });
      levels[0]!.order = 4;
      expect(errorsOf(doc)).toEqual([
        {
          path: 'role_families[0].roles[0].levels[0].order',
          message: 'order 4 leaves a gap: the 3 levels of this role must have orders 1 to 3',
        },
        {
          path: 'role_families[0].roles[0].levels[2].order',
          message: 'order 2 is already used by role_families[0].roles[0].levels[1]',
        },
      ]);
    });

    it('accepts levels listed out of order when their orders run 1..n', () => {
      const doc = tiny();
      doc.role_families[0]!.roles[0]!.levels.reverse();
      expect(validateFramework(doc).valid).toBe(true);
    });

    it('keeps Senior Civil Service roles without levels or required levels, and other roles with levels', () => {
      const doc = tiny();
      const [analyst, chief] = doc.role_families[0]!.roles;
      chief!.levels = [{ id: 'chief-1', name: 'Chief', order: 1, description: '', skills: [] }];
      Object.assign(chief!.skills![0]!, { required_level: 'expert' });
      analyst!.skills = [{ skill_id: 'statistics' }];
      doc.role_families[0]!.roles.push({
        id: 'empty-role',
        name: 'Empty role',
        description: '',
        senior_civil_service: false,
        levels: [],
      });
      expect(errorsOf(doc)).toEqual([
        {
          path: 'role_families[0].roles[0].skills',
          message: 'only Senior Civil Service roles list skills without levels; put them on a level',
        },
        {
          path: 'role_families[0].roles[1].levels',
          message: 'a Senior Civil Service role has no levels; list its skills in skills[]',
        },
        {
          path: 'role_families[0].roles[1].skills[0].required_level',
          message: 'a Senior Civil Service role has no required levels',
        },
        {
          path: 'role_families[0].roles[2].levels',
          message: 'a role that is not Senior Civil Service needs at least one level',
        },
      ]);
    });

    it('keeps a skill repeated at the same level in one role level, and refuses one repeated at another level', () => {
      const doc = tiny();
      const skills = doc.role_families[0]!.roles[0]!.levels[0]!.skills;
      skills.push({ skill_id: 'data-modelling', required_level: 'awareness' });
      expect(validateFramework(doc).valid).toBe(true);

      skills.push({ skill_id: 'statistics', required_level: 'practitioner' });
      expect(errorsOf(doc)).toEqual([
        {
          path: 'role_families[0].roles[0].levels[0].skills[3].required_level',
          message: 'skill "statistics" is already required at working in role_families[0].roles[0].levels[0].skills[1]',
        },
      ]);
    });

    it('refuses a required level the skill does not define, and a skill name that does not match', () => {
      const doc = tiny();
      doc.role_families[0]!.roles[0]!.levels[1]!.skills.push({ skill_id: 'statistics', required_level: 'expert' });
      doc.role_families[0]!.roles[1]!.skills![0]!.skill = 'Leadershp';
      expect(errorsOf(doc)).toEqual([
        {
          path: 'role_families[0].roles[0].levels[1].skills[1].required_level',
          message: 'skill "statistics" does not define the expert level (its text is null)',
        },
        {
          path: 'role_families[0].roles[1].skills[0].skill',
          message: 'must be "Leadership", the name of skill "leadership" (or be left out)',
        },
      ]);
    });

    it('wants the four skill levels in their order, once each', () => {
      const doc = tiny();
      doc.skill_levels[0]!.order = 2;
      doc.skill_levels[3]!.id = 'working';
      doc.skill_levels[3]!.order = 2;
      expect(errorsOf(doc)).toEqual([
        { path: 'skill_levels[0].order', message: 'awareness must have order 1' },
        { path: 'skill_levels[3].id', message: 'skill level "working" is already used at skill_levels[1].id' },
      ]);
    });
  });
});

describe('formatPath', () => {
  it('writes indexes in brackets and names after dots', () => {
    expect(formatPath(['role_families', 2, 'roles', '4', 'levels', 1, 'skills', 3, 'skill_id'])).toBe(
      'role_families[2].roles[4].levels[1].skills[3].skill_id',
    );
    expect(formatPath([])).toBe('(root)');
  });
});
