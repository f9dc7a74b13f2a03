import { describe, expect, it } from 'vitest';
import { bandOf, heatmapSvg, xmlText } from './capability-heatmap-svg.js';
import { orderWorstFirst, type CapabilityHeatmap, type HeatmapCell } from './capability-heatmap.service.js';

const cell = (rowId: string, skillId: string, over: Partial<HeatmapCell> = {}): HeatmapCell => ({
  rowId,
  skillId,
  people: 6,
  assessed: 10,
  met: 5,
  percentMet: 50,
  meanGap: 0.5,
  suppressed: false,
  ...over,
});

describe('heatmap SVG', () => {
  it('escapes markup and drops characters XML does not allow', () => {
    expect(xmlText(`a<b>&"c"'d'\u0001\uFFFE\uD800 😀`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos; 😀');
  });

  it('bands percentages in fifths, 100 in the last', () => {
    expect([0, 19.9, 20, 59.9, 60, 80, 100].map((p) => bandOf(p).from)).toEqual([0, 0, 20, 40, 60, 80, 80]);
  });

  it('draws a suppressed cell hatched with no figure, a shown one with its figure', () => {
    const h: CapabilityHeatmap = {
      cycleId: 'c',
      cycleName: 'Review <2026>',
      cycleState: 'closed',
      source: 'validated',
      k: 5,
      roleFamily: { id: 'data', label: 'Data & AI' },
      by: 'role',
      filters: {},
      rows: [{ id: 'r', label: 'Role' }],
      skills: [
        { id: 's1', label: 'One' },
        { id: 's2', label: 'Two' },
      ],
      cells: [
        cell('r', 's1'),
        cell('r', 's2', { people: null, assessed: null, met: null, percentMet: null, meanGap: null, suppressed: true }),
      ],
      generatedAt: '2026-12-03T10:00:00Z',
    };
    const svg = heatmapSvg(h);
    expect(svg).toContain(
      '<title id="heatmap-title">Capability heatmap: Data &amp; AI by role — Review &lt;2026&gt; (closed cycle), validated ratings, 3 December 2026</title>',
    );
    expect(svg).toMatch(
      /<rect data-row="r" data-skill="s2" [^>]*data-suppressed="true"[^>]*fill="url\(#heatmap-suppressed\)"[^>]*\/><\/g>/,
    );
    expect(svg).toMatch(/data-skill="s1" [^>]*data-percent-met="50"[^>]*fill="#21918c"[^>]*\/><text[^>]*>50%<\/text>/);
  });
});

describe('orderWorstFirst', () => {
  it('orders by the mean gap of the shown cells, largest first, none last, ties by label', () => {
    const cells: Record<string, HeatmapCell[]> = {
      a: [cell('a', 's', { meanGap: 0.5, assessed: 10 }), cell('a', 't', { meanGap: 1.5, assessed: 10 })], // 1.0
      b: [
        cell('b', 's', { meanGap: 1.2, assessed: 10 }),
        cell('b', 't', { suppressed: true, meanGap: null, assessed: null }),
      ], // 1.2
      c: [cell('c', 's', { meanGap: 0.9, assessed: 30 }), cell('c', 't', { meanGap: 1.3, assessed: 10 })], // 1.0
      d: [cell('d', 's', { suppressed: true, meanGap: null, assessed: null })], // nothing shown
    };
    const items = ['d', 'c', 'b', 'a'].map((id) => ({ id, label: id.toUpperCase() }));
    expect(orderWorstFirst(items, (id) => cells[id]!).map((i) => i.id)).toEqual(['b', 'a', 'c', 'd']);
  });
});
