import { describe, expect, it } from 'vitest';
import { rankRecommendations, type Gap } from './recommendation-ranking.js';
import type { CandidateItem } from './recommendations.repository.js';

const at = (minutesAgo: number): Date => new Date(Date.UTC(2026, 0, 1) - minutesAgo * 60_000);
function item(code: string, skills: [string, number][], over: Partial<CandidateItem> = {}): CandidateItem {
  return {
    id: code,
    code,
    title: code,
    format: 'course',
    hours: 5,
    url: null,
    inclusionPackage: null,
    updatedAt: at(0),
    skills: skills.map(([skillSlug, level]) => ({ skillSlug, level })),
    ...over,
  };
}
const gaps: Gap[] = [
  { skillSlug: 'a', requiredLevel: 3, currentLevel: 1 },
  { skillSlug: 'b', requiredLevel: 2, currentLevel: 0 },
  { skillSlug: 'met', requiredLevel: 2, currentLevel: 2 },
];
const codes = (items: CandidateItem[], inclusionFirst = false): string[] =>
  rankRecommendations(gaps, items, inclusionFirst).map((r) => r.item.code);

describe('rankRecommendations', () => {
  it('keeps only items that develop a gap skill to at least the required level', () => {
    expect(codes([item('PART', [['a', 2]]), item('MET', [['met', 4]]), item('FULL', [['a', 3]])])).toEqual(['FULL']);
  });

  it('lists what each closes, fully or in part, and ranks from 1', () => {
    const [r] = rankRecommendations(
      gaps,
      [
        item('X', [
          ['a', 2],
          ['b', 4],
          ['z', 4],
        ]),
      ],
      false,
    );
    expect(r).toMatchObject({ rank: 1 });
    expect(r!.closes).toEqual([
      { skillSlug: 'a', requiredLevel: 3, currentLevel: 1, itemLevel: 2, closesFully: false },
      { skillSlug: 'b', requiredLevel: 2, currentLevel: 0, itemLevel: 4, closesFully: true },
    ]);
  });

  it('orders by gaps closed fully, then fewer hours (none last), then most recently updated, then code', () => {
    const items = [
      item('NOHOURS', [['a', 3]], { hours: null }),
      item('OLD', [['a', 3]], { hours: 2, updatedAt: at(60) }),
      item('NEW-B', [['a', 3]], { hours: 2, updatedAt: at(1) }),
      item('NEW-A', [['a', 3]], { hours: 2, updatedAt: at(1) }),
      item(
        'TWO',
        [
          ['a', 4],
          ['b', 2],
        ],
        { hours: 40 },
      ),
      item('SHORT', [['b', 2]], { hours: 1 }),
    ];
    expect(codes(items)).toEqual(['TWO', 'SHORT', 'NEW-A', 'NEW-B', 'OLD', 'NOHOURS']);
  });

  it('puts the inclusion packages first when asked, Digital Awareness before Digital Skills', () => {
    const items = [
      item('GAP', [['a', 3]], { hours: 1 }),
      item('SKILLS', [], { inclusionPackage: 'digital-skills' }),
      item('AWARE', [['z', 1]], { inclusionPackage: 'digital-awareness' }),
    ];
    expect(codes(items, true)).toEqual(['AWARE', 'SKILLS', 'GAP']);
    expect(codes(items, false)).toEqual(['GAP']);
  });
});
