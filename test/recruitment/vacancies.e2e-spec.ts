import { Permission } from '@capability/auth';
import { JobsService } from '@capability/platform';
import { PlanningPermission } from '@capability/recruitment';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { createUser, signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import {
  API,
  gradeIds,
  insertCampaign,
  levels,
  location,
  shiftDays,
  unit,
  type Auth,
  type Level,
} from './planning-support.js';

const VACANCIES = `${API}/vacancies`;

interface Vacancy {
  id: string;
  state: string;
  version: number;
  requiredChecks: string[];
  reserveListMonths: number;
  requiredSkills: { slug: string; name: string; level: number }[];
  panel: { userId: string; chair: boolean; displayName: string }[];
  locations: { id: string; isRegionalHub: boolean }[];
}

describe('recruitment vacancies', () => {
  let t: TestApp;
  let as: Record<'hr' | 'hop' | 'otherHop' | 'panel' | 'staff', Auth>;
  let hrUserId: string;
  let panelUserId: string;
  let chairUserId: string;
  let teamId: string;
  let grade: string;
  let data: Level[];
  let other: Level[];
  let hubs: string[];
  let draftCampaign: string;
  let openCampaign: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    teamId = await unit(t, 'VCT');
    grade = (await gradeIds(t, ['SEO']))[0]!;
    data = await levels(t, 'data', 2);
    other = await levels(t, 'data', 1, true);
    hubs = [await location(t, 'MAN'), await location(t, 'LDS')];
    const hr = await signedIn(t, { roles: ['hr'] });
    hrUserId = hr.user.id;
    const panel = await signedIn(t, { roles: ['staff'], displayName: 'Panel Member' });
    panelUserId = panel.user.id;
    chairUserId = (await createUser(t, { roles: ['staff'], displayName: 'Vacancy Holder' })).id;
    as = {
      hr: hr.auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: ['data'] })).auth,
      otherHop: (await signedIn(t, { roles: ['head_of_profession'], roleFamilies: [other[0]!.family] })).auth,
      panel: panel.auth,
      staff: (await signedIn(t, { roles: ['staff'] })).auth,
    };
    draftCampaign = await insertCampaign(t, hrUserId, 'draft', 'Draft campaign');
    openCampaign = await insertCampaign(t, hrUserId, 'open', 'Open campaign');
  });

  const create = (auth: Auth, body: Record<string, unknown>, key: string = randomUUID()) =>
    t.http().post(VACANCIES).set(auth).set('Idempotency-Key', key).send(body);
  const valid = (extra: Record<string, unknown> = {}) => ({
    campaignId: openCampaign,
    title: 'Senior data engineer',
    roleLevelId: data[0]!.id,
    gradeId: grade,
    unitId: teamId,
    locationIds: hubs,
    posts: 2,
    salaryMin: 52000,
    salaryMax: 61000,
    closesOn: shiftDays(30),
    panel: [{ userId: chairUserId, chair: true }, { userId: panelUserId }],
    ...extra,
  });
  async function vacancy(body: Record<string, unknown> = {}): Promise<Vacancy> {
    const res = await create(as.hr, valid(body));
    expect(res.status, res.text).toBe(201);
    return res.body as Vacancy;
  }
  const move = (auth: Auth, id: string, action: 'open' | 'close' | 'withdraw') =>
    t.http().post(`${VACANCIES}/${id}/${action}`).set(auth);
  const patch = (id: string, version: number, body: Record<string, unknown>, auth: Auth = as.hr) =>
    t.http().patch(`${VACANCIES}/${id}`).set(auth).set('If-Match', `"${version}"`).send(body);

  it('keeps its permission names equal to auth', () => {
    expect(PlanningPermission.VacancyRead).toBe(Permission.VacancyRead);
    expect(PlanningPermission.VacancyManage).toBe(Permission.VacancyManage);
  });

  it('is created once per key with the defaults, the panel, and the skills its role level requires', async () => {
    const key = randomUUID();
    const first = await create(as.hr, valid(), key);
    expect(first.status, first.text).toBe(201);
    expect((await create(as.hr, valid(), key)).body).toEqual(first.body);
    const v = first.body as Vacancy;
    expect(v).toMatchObject({
      state: 'draft',
      version: 1,
      requiredChecks: ['right-to-work', 'bpss'],
      reserveListMonths: 12,
      panel: [
        { userId: chairUserId, chair: true, displayName: 'Vacancy Holder' },
        { userId: panelUserId, chair: false, displayName: 'Panel Member' },
      ],
    });
    expect(v.locations.map((l) => l.id).sort()).toEqual([...hubs].sort());
    // The framework's requirements of the role level: each skill once, at the highest level it is required.
    const required = await t.dataSource.query<{ slug: string; level: number }[]>(
      `SELECT sk.slug, max(sr.required_level)::int AS level FROM skill_requirements sr JOIN skills sk ON sk.id = sr.skill_id
        WHERE sr.role_level_id = $1 GROUP BY sk.slug`,
      [data[0]!.id],
    );
    expect(required.length).toBeGreaterThan(0);
    expect(
      v.requiredSkills.map((s) => ({ slug: s.slug, level: s.level })).sort((a, b) => a.slug.localeCompare(b.slug)),
    ).toEqual(required.sort((a, b) => a.slug.localeCompare(b.slug)));
    // Under a draft campaign too; never under a closed one.
    expect((await create(as.hr, valid({ campaignId: draftCampaign }))).status).toBe(201);
    const closed = await insertCampaign(t, hrUserId, 'closed');
    expectProblem(await create(as.hr, valid({ campaignId: closed })), 409, 'campaign-not-open');
    expectProblem(await create(as.hr, valid({ campaignId: randomUUID() })), 422, 'vacancy-invalid');
  });

  it('refuses terms that break its rules, naming each field, and writes nothing', async () => {
    const disabled = await createUser(t, { roles: ['staff'], disabled: true });
    const res = expectProblem(
      await create(
        as.hr,
        valid({
          roleLevelId: randomUUID(),
          unitId: randomUUID(),
          gradeId: randomUUID(),
          closesOn: shiftDays(400),
          salaryMin: 70000,
          salaryMax: 60000,
          requiredChecks: ['bpss', 'security-clearance'],
          locationIds: [hubs[0], randomUUID()],
          panel: [
            { userId: chairUserId, chair: true },
            { userId: panelUserId, chair: true },
            { userId: disabled.id },
            { userId: panelUserId },
          ],
        }),
      ),
      422,
      'vacancy-invalid',
    );
    expect((res.errors as { field: string }[]).map((e) => e.field)).toEqual([
      'closesOn',
      'salaryMax',
      'requiredChecks',
      'roleLevelId',
      'gradeId',
      'unitId',
      'locationIds[1]',
      'panel[2].userId',
      'panel[3].userId',
      'panel',
    ]);
    for (const body of [
      valid({ reserveListMonths: 25 }),
      valid({ reserveListMonths: 0 }),
      valid({ requiredChecks: ['right-to-work', 'astrology'] }),
      valid({ locationIds: [] }),
      valid({ posts: 0 }),
      valid({ salaryMin: -1 }),
      valid({ panel: [{ userId: 'nobody' }] }),
      valid({ closesOn: 'next week' }),
    ]) {
      expectProblem(await create(as.hr, body), 400, 'validation-failed');
    }
    const [row] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM vacancies');
    expect(row!.n).toBe(0);
  });

  it('moves draft → open → closed (or withdrawn), keeps an open vacancy to its advertised terms, changes its panel to the end', async () => {
    const v = await vacancy({ campaignId: draftCampaign, panel: [{ userId: panelUserId }] });
    expectProblem(await move(as.hr, v.id, 'open'), 409, 'campaign-not-open');
    await t.dataSource.query(`UPDATE campaigns SET state = 'open', opened_at = now() WHERE id = $1`, [draftCampaign]);
    const noChair = expectProblem(await move(as.hr, v.id, 'open'), 422, 'vacancy-invalid');
    expect(noChair.errors).toEqual([{ field: 'panel', message: expect.stringMatching(/chair/) }]);
    expect(expectProblem(await move(as.hr, v.id, 'close'), 409, 'illegal-vacancy-move')).toMatchObject({
      state: 'draft',
      allowed: ['edit', 'change-panel', 'open', 'withdraw'],
    });

    expectProblem(
      await t.http().patch(`${VACANCIES}/${v.id}`).set(as.hr).send({ posts: 3 }),
      428,
      'precondition-required',
    );
    expectProblem(await patch(v.id, 4, { posts: 3 }), 412, 'precondition-failed');
    const chaired = await patch(v.id, 1, { panel: [{ userId: panelUserId, chair: true }], salaryMax: 65000 });
    expect(chaired.status, chaired.text).toBe(200);
    expect(chaired.body).toMatchObject({ version: 2, salaryMax: 65000, panel: [{ userId: panelUserId, chair: true }] });
    // Nothing changed: answered as it is, the version stays.
    expect((await patch(v.id, 2, { posts: 2, requiredChecks: ['bpss', 'right-to-work'] })).body).toMatchObject({
      version: 2,
    });

    const opened = await move(as.hr, v.id, 'open');
    expect(opened.status, opened.text).toBe(200);
    expect(opened.body).toMatchObject({ state: 'open', version: 3 });
    const locked = expectProblem(
      await patch(v.id, 3, { salaryMin: 30000, gradeId: grade, title: 'Lead' }),
      409,
      'vacancy-fields-locked',
    );
    expect(locked.fields).toEqual(['salaryMin']);
    expectProblem(await patch(v.id, 3, { closesOn: shiftDays(-1) }), 422, 'vacancy-invalid');
    const extended = await patch(v.id, 3, {
      closesOn: shiftDays(60),
      posts: 3,
      title: 'Senior data engineer (two hubs)',
    });
    expect(extended.status, extended.text).toBe(200);
    expect(extended.body).toMatchObject({ closesOn: shiftDays(60), posts: 3, version: 4 });

    const closed = await move(as.hr, v.id, 'close');
    expect(closed.body).toMatchObject({ state: 'closed', version: 5 });
    expect((closed.body as { closedAt: string | null }).closedAt).not.toBeNull();
    expect(expectProblem(await patch(v.id, 5, { posts: 4 }), 409, 'illegal-vacancy-move')).toMatchObject({
      state: 'closed',
      allowed: ['change-panel'],
    });
    const repanelled = await patch(v.id, 5, { panel: [{ userId: chairUserId, chair: true }, { userId: panelUserId }] });
    expect(repanelled.status, repanelled.text).toBe(200);
    expectProblem(await move(as.hr, v.id, 'withdraw'), 409, 'illegal-vacancy-move');

    const other = await vacancy();
    const withdrawn = await move(as.hr, other.id, 'withdraw');
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn' });
    expect(expectProblem(await patch(other.id, 2, { panel: [] }), 409, 'illegal-vacancy-move')).toMatchObject({
      allowed: [],
    });

    const actions = (await auditRows(t))
      .filter((a) => a.entity_type === 'vacancy')
      .map((a) => [a.action, a.changed_fields]);
    expect(actions).toEqual([
      ['vacancy.created', expect.any(Array)],
      ['vacancy.updated', ['salaryMax', 'panel']],
      ['vacancy.opened', ['state', 'openedAt']],
      ['vacancy.updated', ['title', 'posts', 'closesOn']],
      ['vacancy.closed', ['state', 'closedAt']],
      ['vacancy.updated', ['panel']],
      ['vacancy.created', expect.any(Array)],
      ['vacancy.withdrawn', ['state', 'withdrawnAt']],
    ]);
  });

  it('shows heads of profession their families, panel members their vacancies, and staff nothing (404)', async () => {
    const dataVacancy = await vacancy({ panel: [{ userId: chairUserId, chair: true }] });
    const withPanel = await vacancy({ roleLevelId: other[0]!.id, title: 'Delivery lead' });
    const otherNoPanel = await vacancy({ roleLevelId: other[0]!.id, panel: [] });

    const listed = async (auth: Auth, query = '') =>
      ((await t.http().get(`${VACANCIES}${query}`).set(auth).expect(200)).body as { items: { id: string }[] }).items
        .map((i) => i.id)
        .sort();
    expect(await listed(as.hr)).toEqual([dataVacancy.id, withPanel.id, otherNoPanel.id].sort());
    expect(await listed(as.hop)).toEqual([dataVacancy.id]);
    expect(await listed(as.otherHop)).toEqual([withPanel.id, otherNoPanel.id].sort());
    expect(await listed(as.panel)).toEqual([withPanel.id]);
    expect(await listed(as.staff)).toEqual([]);
    expect(await listed(as.hr, `?roleFamily=data&campaignId=${openCampaign}&unitId=${teamId}&state=draft`)).toEqual([
      dataVacancy.id,
    ]);
    expect(await listed(as.panel, '?roleFamily=data')).toEqual([]);

    const before = await t.dataSource.query(
      'SELECT v.id, v.version, v.state, (SELECT count(*) FROM vacancy_panel_members p WHERE p.vacancy_id = v.id) AS panel FROM vacancies v ORDER BY id',
    );
    for (const [auth, hidden] of [
      [as.hop, withPanel.id],
      [as.otherHop, dataVacancy.id],
      [as.panel, dataVacancy.id],
      [as.panel, otherNoPanel.id],
      [as.staff, withPanel.id],
    ] as const) {
      expectProblem(await t.http().get(`${VACANCIES}/${hidden}`).set(auth), 404, 'vacancy-not-found');
    }
    const seen = await t.http().get(`${VACANCIES}/${withPanel.id}`).set(as.panel).expect(200);
    expect((seen.body as Vacancy).panel.map((m) => m.userId)).toContain(panelUserId);
    for (const auth of [as.hop, as.panel, as.staff]) {
      expectProblem(await create(auth, valid()), 403, 'forbidden');
      expectProblem(await move(auth, withPanel.id, 'withdraw'), 403, 'forbidden');
      expectProblem(await patch(withPanel.id, 1, { panel: [] }, auth), 403, 'forbidden');
    }
    expect(
      await t.dataSource.query(
        'SELECT v.id, v.version, v.state, (SELECT count(*) FROM vacancy_panel_members p WHERE p.vacancy_id = v.id) AS panel FROM vacancies v ORDER BY id',
      ),
    ).toEqual(before);
    expectProblem(await t.http().get(`${VACANCIES}/${randomUUID()}`).set(as.hr), 404, 'vacancy-not-found');
  });
  it('closes open vacancies past their closing day every night, as of the end of that day, once', async () => {
    const overdue = await vacancy();
    const today = await vacancy();
    const draft = await vacancy();
    await t.http().post(`${VACANCIES}/${overdue.id}/open`).set(as.hr).expect(200);
    await t.http().post(`${VACANCIES}/${today.id}/open`).set(as.hr).expect(200);
    await t.dataSource.query(`UPDATE vacancies SET closes_on = $2 WHERE id = ANY($1)`, [
      [overdue.id, draft.id],
      shiftDays(-3),
    ]);
    await t.dataSource.query(`UPDATE vacancies SET closes_on = $2 WHERE id = $1`, [today.id, shiftDays(0)]);
    const run = () => t.app.get(JobsService).runNow('close-vacancies');
    await run();
    await run();
    const rows = await t.dataSource.query<{ id: string; state: string; closed_at: Date | null }[]>(
      'SELECT id, state, closed_at FROM vacancies WHERE id = ANY($1)',
      [[overdue.id, today.id, draft.id]],
    );
    const state = (id: string) => rows.find((r) => r.id === id)!;
    expect(state(overdue.id).state).toBe('closed');
    expect(state(overdue.id).closed_at!.toISOString()).toBe(`${shiftDays(-2)}T00:00:00.000Z`);
    expect(state(today.id)).toMatchObject({ state: 'open', closed_at: null });
    expect(state(draft.id)).toMatchObject({ state: 'draft', closed_at: null });
    const audit = await auditRows(t, 'vacancy.closed');
    expect(audit.map((a) => [a.entity_id, a.actor_user_id])).toEqual([[overdue.id, null]]);
  });
});
