import { projectRoot } from '@capability/platform';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffFrameworks, type FrameworkDiff } from './framework-diff.js';
import { contentOf, type FrameworkDocument } from './framework-document.js';

const text = readFileSync(join(projectRoot(), 'libs/framework/data/ddat-framework.json'), 'utf8');
const shipped = (): FrameworkDocument => JSON.parse(text) as FrameworkDocument;

type Doc = FrameworkDocument;
const family = (doc: Doc, slug: string) => doc.role_families.find((f) => f.id === slug)!;
const role = (doc: Doc, slug: string) => doc.role_families.flatMap((f) => f.roles).find((r) => r.id === slug)!;
const level = (doc: Doc, slug: string) =>
  doc.role_families
    .flatMap((f) => f.roles)
    .flatMap((r) => r.levels)
    .find((l) => l.id === slug)!;
const skill = (doc: Doc, slug: string) => doc.skills.find((s) => s.id === slug)!;

const NOTHING: FrameworkDiff = {
  roleFamilies: { added: [], removed: [], changed: [] },
  roles: { added: [], removed: [], changed: [] },
  roleLevels: { added: [], removed: [], changed: [] },
  skills: { added: [], removed: [], changed: [] },
  skillLevels: { changed: [] },
  requirements: { added: [], removed: [], changed: [] },
  roleSkills: { added: [], removed: [] },
};

function diff(change: (doc: Doc) => void): FrameworkDiff {
  const after = shipped();
  change(after);
  return diffFrameworks(contentOf(shipped()), contentOf(after));
}

describe('diffFrameworks', () => {
  it('finds nothing between a framework and itself, however its skills are ordered', () => {
    expect(diff((doc) => doc.skills.reverse())).toEqual(NOTHING);
  });

  it('lists exactly the changes made', () => {
    const result = diff((doc) => {
      role(doc, 'data-scientist').description += ' And more.';
      level(doc, 'senior-data-analyst').name = 'Senior data analyst (changed)';
      level(doc, 'data-scientist').skills.find((s) => s.skill_id === 'delivering-business-impact')!.required_level =
        'practitioner';
      const trainee = level(doc, 'trainee-data-scientist');
      trainee.skills = trainee.skills.filter((s) => s.skill_id !== 'data-engineering');
      doc.skills.push({
        id: 'prompt-engineering',
        name: 'Prompt engineering',
        description: 'Asks models well.',
        levels: { awareness: 'a', working: 'w', practitioner: 'p', expert: 'e' },
      });
      trainee.skills.push({ skill_id: 'prompt-engineering', required_level: 'awareness' });
      skill(doc, 'data-modelling').levels.practitioner = 'You can model anything.';
      family(doc, 'data').roles.push({
        id: 'prompt-engineer',
        name: 'Prompt engineer',
        description: 'Engineers prompts.',
        senior_civil_service: false,
        levels: [
          {
            id: 'prompt-engineer',
            name: 'Prompt engineer',
            order: 1,
            description: 'Does it.',
            skills: [{ skill_id: 'prompt-engineering', required_level: 'working' }],
          },
        ],
      });
      const cdo = role(doc, 'chief-data-officer');
      cdo.skills = cdo.skills!.filter((s) => s.skill_id !== 'data-risk-management');
      doc.skill_levels[3]!.summary = 'Leads the field.';
    });

    expect(result).toEqual({
      ...NOTHING,
      roles: {
        added: [{ slug: 'prompt-engineer', name: 'Prompt engineer', family: 'data' }],
        removed: [],
        changed: [{ slug: 'data-scientist', name: 'Data scientist', fields: ['description'] }],
      },
      roleLevels: {
        added: [{ slug: 'prompt-engineer', name: 'Prompt engineer', role: 'prompt-engineer' }],
        removed: [],
        changed: [{ slug: 'senior-data-analyst', name: 'Senior data analyst (changed)', fields: ['name'] }],
      },
      skills: {
        added: [{ slug: 'prompt-engineering', name: 'Prompt engineering' }],
        removed: [],
        changed: [{ slug: 'data-modelling', name: 'Data modelling', fields: ['practitionerText'] }],
      },
      skillLevels: { changed: [{ slug: 'expert', name: 'Expert', fields: ['summary'] }] },
      requirements: {
        added: [
          { roleLevel: 'prompt-engineer', skill: 'prompt-engineering', level: 'working' },
          { roleLevel: 'trainee-data-scientist', skill: 'prompt-engineering', level: 'awareness' },
        ],
        removed: [{ roleLevel: 'trainee-data-scientist', skill: 'data-engineering', level: 'awareness' }],
        changed: [
          { roleLevel: 'data-scientist', skill: 'delivering-business-impact', from: 'working', to: 'practitioner' },
        ],
      },
      roleSkills: { added: [], removed: [{ role: 'chief-data-officer', skill: 'data-risk-management' }] },
    });
  });

  it('shows a repeated entry once: dropping the repeat changes nothing', () => {
    expect(
      diff((doc) => {
        const analyst = level(doc, 'associate-data-analyst');
        const index = analyst.skills.findLastIndex((s) => s.skill_id === 'managing-a-data-project');
        analyst.skills.splice(index, 1);
      }),
    ).toEqual(NOTHING);
  });

  it('reads a changed slug as one removed and one added', () => {
    const result = diff((doc) => {
      skill(doc, 'data-modelling').id = 'data-modeling';
      for (const l of doc.role_families.flatMap((f) => f.roles).flatMap((r) => r.levels)) {
        for (const s of l.skills) if (s.skill_id === 'data-modelling') s.skill_id = 'data-modeling';
      }
    });
    expect(result.skills).toEqual({
      added: [{ slug: 'data-modeling', name: 'Data modelling' }],
      removed: [{ slug: 'data-modelling', name: 'Data modelling' }],
      changed: [],
    });
    expect(result.requirements.added).toHaveLength(7);
    expect(result.requirements.removed).toHaveLength(7);
    expect(result.requirements.changed).toEqual([]);
  });

  it('sees a role moved to another family, levels reordered and a family renamed', () => {
    const result = diff((doc) => {
      const data = family(doc, 'data');
      const moved = data.roles.splice(
        data.roles.findIndex((r) => r.id === 'data-ethicist'),
        1,
      );
      family(doc, 'architecture').roles.push(...moved);
      const [first, second] = role(doc, 'data-scientist').levels;
      [first!.order, second!.order] = [second!.order, first!.order];
      family(doc, 'user-centred-design').name = 'User centred design';
    });
    expect(result).toEqual({
      ...NOTHING,
      roleFamilies: {
        added: [],
        removed: [],
        changed: [{ slug: 'user-centred-design', name: 'User centred design', fields: ['name'] }],
      },
      roles: {
        added: [],
        removed: [],
        changed: [{ slug: 'data-ethicist', name: 'Data ethicist', fields: ['family'] }],
      },
      roleLevels: {
        added: [],
        removed: [],
        changed: [
          { slug: 'associate-data-scientist', name: 'Associate data scientist', fields: ['order'] },
          { slug: 'trainee-data-scientist', name: 'Trainee data scientist', fields: ['order'] },
        ],
      },
    });
  });

  it('lists the role levels and requirements of a removed role', () => {
    const result = diff((doc) => {
      const data = family(doc, 'data');
      data.roles = data.roles.filter((r) => r.id !== 'machine-learning-engineer');
    });
    const before = role(shipped(), 'machine-learning-engineer');
    expect(result.roles.removed).toEqual([
      { slug: 'machine-learning-engineer', name: 'Machine learning engineer', family: 'data' },
    ]);
    expect(result.roleLevels.removed.map((l) => l.slug)).toEqual(before.levels.map((l) => l.id).sort());
    expect(result.requirements.removed).toHaveLength(
      before.levels.reduce((n, l) => n + new Set(l.skills.map((s) => s.skill_id)).size, 0),
    );
    expect(result.requirements.added).toEqual([]);
  });
});
