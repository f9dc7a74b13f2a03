import { GAP_GRAINS, GapSnapshotsService } from '@capability/insights';
import { JobsService } from '@capability/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectedGaps, generateWorld, type Ask, type Dimension, type World } from './capability-gaps-support.js';

const GAPS = '/api/v1/insights/capability-gaps';
type Auth = { Authorization: string };

const queryOf = (ask: Ask): Record<string, string> => ({
  cycleId: ask.cycleId,
  source: ask.source,
  groupBy: ask.groupBy.join(','),
  ...ask.filters,
});

/**
 * Closed cycles read from the snapshot cells the job writes: the same answer as live (and as the independent
 * calculation) for every grouping, filter, source and scope; written once however often or concurrently the job runs;
 * the open cycle and a line manager's chain stay live.
 */
describe('insights: closed cycles from snapshots', () => {
  let t: TestApp;
  let w: World;
  let as: Record<'hr' | 'hop' | 'manager', Auth>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await generateWorld(t, 23);
    as = {
      hr: (await signedIn(t, { roles: ['hr'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: [w.families[1]!] })).auth,
      manager: (await signedIn(t, { roles: ['staff'], staffId: w.manager })).auth,
    };
  }, 60_000);
  afterAll(async () => t?.close());

  const read = async (auth: Auth, ask: Ask) => {
    const res = await t.http().get(GAPS).query(queryOf(ask)).set(auth);
    expect(res.status, res.text).toBe(200);
    return res.body as { basis: string; groups: unknown[]; total: unknown };
  };
  const cells = async (): Promise<number> =>
    Number((await t.dataSource.query('SELECT count(*) AS n FROM insights_gap_cells'))[0].n);

  const asks = (): Ask[] => {
    const single = (
      ['roleFamily', 'role', 'roleLevel', 'skill', 'unit', 'location', 'grade', 'employmentType'] as const
    )
      .flatMap((d) => (['validated', 'self'] as const).map((source) => ({ cycleId: w.closed, source, groupBy: [d] })))
      .map((a) => ({ ...a, groupBy: [...a.groupBy] as Dimension[] }));
    return [
      ...single,
      { cycleId: w.closed, source: 'validated', groupBy: ['roleFamily', 'skill'] },
      { cycleId: w.closed, source: 'self', groupBy: ['unit', 'employmentType'] },
      { cycleId: w.closed, source: 'validated', groupBy: ['roleFamily', 'grade', 'location'] },
      { cycleId: w.closed, source: 'validated', groupBy: ['roleLevel'], filters: { skill: 'no-such-skill' } },
      { cycleId: w.closed, source: 'validated', groupBy: ['grade'], filters: { unit: w.unitIds.teamA } },
      { cycleId: w.closed, source: 'self', groupBy: ['unit', 'skill'], filters: { unit: w.unitIds.teamA } },
      { cycleId: w.closed, source: 'self', groupBy: ['location'], filters: { roleFamily: w.families[0]! } },
      {
        cycleId: w.closed,
        source: 'validated',
        groupBy: ['unit'],
        filters: { grade: 'SEO', employmentType: 'permanent' },
      },
      { cycleId: w.closed, source: 'validated', groupBy: ['role'], filters: { location: w.locationIds[0]! } },
      { cycleId: w.closedOld, source: 'validated', groupBy: ['roleFamily'] },
    ];
  };

  it('answers the same figures from the snapshot as live and as the independent calculation', async () => {
    // A skill filter without grouping by skill: people are those rated on that skill, once each.
    const someSkill = expectedGaps(w, { cycleId: w.closed, source: 'validated', groupBy: ['skill'] }).groups[0]!.key
      .skill!.id;
    const all: Ask[] = [
      ...asks(),
      { cycleId: w.closed, source: 'validated', groupBy: ['roleLevel'], filters: { skill: someSkill } },
    ];
    const live = [];
    for (const ask of all) {
      const body = await read(as.hr, ask);
      expect(body.basis).toBe('live');
      live.push(body);
    }
    await t.app.get(JobsService).runNow('insights-snapshot-cycles');
    expect(await cells()).toBeGreaterThan(0);
    for (const [i, ask] of all.entries()) {
      const body = await read(as.hr, ask);
      expect(body.basis, JSON.stringify(ask)).toBe('snapshot');
      const expected = expectedGaps(w, ask);
      expect(body.groups, JSON.stringify(ask)).toEqual(expected.groups);
      expect(body.total, JSON.stringify(ask)).toEqual(expected.total);
      expect(body.groups).toEqual(live[i]!.groups);
    }
  });

  it("reads a head of profession's families from the snapshot, a line manager's chain and the open cycle live", async () => {
    await t.app.get(JobsService).runNow('insights-snapshot-cycles');
    const hopAsk: Ask = {
      cycleId: w.closed,
      source: 'validated',
      groupBy: ['roleLevel', 'skill'],
      scope: { families: [w.families[1]!], teamOf: null },
    };
    const hop = await read(as.hop, hopAsk);
    expect(hop.basis).toBe('snapshot');
    expect(hop.groups).toEqual(expectedGaps(w, hopAsk).groups);
    expect(hop.total).toEqual(expectedGaps(w, hopAsk).total);

    const managerAsk: Ask = {
      cycleId: w.closed,
      source: 'self',
      groupBy: ['roleFamily'],
      scope: { families: [], teamOf: w.manager },
    };
    const manager = await read(as.manager, managerAsk);
    expect(manager.basis).toBe('live');
    expect(manager.groups).toEqual(expectedGaps(w, managerAsk).groups);

    const open = await read(as.hr, { cycleId: w.open, source: 'validated', groupBy: ['skill'] });
    expect(open.basis).toBe('live');
    const [row] = await t.dataSource.query('SELECT count(*) AS n FROM insights_gap_cells WHERE cycle_id = $1', [
      w.open,
    ]);
    expect(Number(row.n)).toBe(0);
  });

  it('writes each closed cycle once, run again or by several workers at once', async () => {
    const snapshots = t.app.get(GapSnapshotsService);
    await snapshots.takePending();
    const before = await cells();
    const taken: { cycle_id: string; taken_at: Date; cells: number }[] = await t.dataSource.query(
      'SELECT cycle_id, taken_at, cells FROM insights_cycle_snapshots ORDER BY cycle_id',
    );
    expect(taken.map((r) => r.cycle_id).sort()).toEqual([w.closed, w.closedOld].sort());
    expect(taken.reduce((n, r) => n + r.cells, 0)).toBe(before);
    // Every grain is written, and the coarse ones are small (one row per family and skill, per source).
    const grains: { grain: string; n: string }[] = await t.dataSource.query(
      'SELECT grain, count(*) AS n FROM insights_gap_cells WHERE cycle_id = $1 GROUP BY grain',
      [w.closed],
    );
    expect(grains.map((g) => g.grain).sort()).toEqual(GAP_GRAINS.map((g) => g.name).sort());
    const skillsByFamily = new Set(
      w.ratings
        .filter((r) => r.cycleId === w.closed && r.required !== null)
        .map((r) => `${r.parts.roleFamily.id}/${r.parts.skill.id}`),
    ).size;
    const families = new Set(w.ratings.filter((r) => r.cycleId === w.closed).map((r) => r.parts.roleFamily.id)).size;
    const coarse = Number(grains.find((g) => g.grain === 'roleFamily')!.n);
    expect(coarse).toBeLessThanOrEqual(2 * (skillsByFamily + families));
    expect(coarse).toBeGreaterThan(0);

    // Again: nothing new.
    expect(await snapshots.takePending()).toEqual({ cycles: 0, cells: 0 });
    await t.app.get(JobsService).runNow('insights-snapshot-cycles');
    expect(await cells()).toBe(before);

    // Forget one cycle's snapshot, then take it from four callers at once: written once.
    await t.dataSource.query('DELETE FROM insights_gap_cells WHERE cycle_id = $1', [w.closed]);
    await t.dataSource.query('DELETE FROM insights_cycle_snapshots WHERE cycle_id = $1', [w.closed]);
    const results = await Promise.all([1, 2, 3, 4].map(() => snapshots.take(w.closed)));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await cells()).toBe(before);

    // A cycle not closed is never taken.
    expect(await snapshots.take(w.open)).toBeNull();
  });
});
