import { Permission } from '@capability/auth';
import { PlanningPermission } from '@capability/recruitment';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { API, gradeIds, insertVacancy, levels, shiftDays, unit, type Auth, type Level } from './planning-support.js';

const CAMPAIGNS = `${API}/campaigns`;

interface Campaign {
  id: string;
  state: string;
  version: number;
  gap: { roleLevels: { id: string; slug: string; roleFamilySlug: string }[]; skills: { slug: string; name: string }[] };
  partners: { id: string; name: string; country: string }[];
}

describe('recruitment campaigns', () => {
  let t: TestApp;
  let as: Record<'hr' | 'hop' | 'otherHop' | 'panel' | 'staff', Auth>;
  let panelUserId: string;
  let hrUserId: string;
  let teamId: string;
  let grade: string;
  let data: Level[];
  let other: Level[];
  let skills: string[];
  let partnerId: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    teamId = await unit(t, 'CMT');
    grade = (await gradeIds(t, ['SEO']))[0]!;
    data = await levels(t, 'data', 2);
    other = await levels(t, 'data', 1, true);
    skills = (
      await t.dataSource.query<{ slug: string }[]>(
        `SELECT sk.slug FROM skills sk JOIN framework_versions v ON v.id = sk.version_id AND v.is_current ORDER BY sk.slug LIMIT 2`,
      )
    ).map((s) => s.slug);
    const hr = await signedIn(t, { roles: ['hr'] });
    hrUserId = hr.user.id;
    const panel = await signedIn(t, { roles: ['staff'] });
    panelUserId = panel.user.id;
    as = {
      hr: hr.auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: ['data'] })).auth,
      otherHop: (await signedIn(t, { roles: ['head_of_profession'], roleFamilies: [other[0]!.family] })).auth,
      panel: panel.auth,
      staff: (await signedIn(t, { roles: ['staff'] })).auth,
    };
    const partner = await t
      .http()
      .post(`${API}/partners`)
      .set(as.hr)
      .send({ name: 'London University', kind: 'university', country: 'GB', contractStartsOn: '2026-01-01' })
      .expect(201);
    partnerId = (partner.body as { id: string }).id;
  });

  const create = (auth: Auth, body: Record<string, unknown>, key: string = randomUUID()) =>
    t.http().post(CAMPAIGNS).set(auth).set('Idempotency-Key', key).send(body);
  const valid = (extra: Record<string, unknown> = {}) => ({
    title: 'Data graduates 2026',
    kind: 'graduate',
    startsOn: shiftDays(-10),
    endsOn: shiftDays(180),
    targetHires: 12,
    ...extra,
  });
  async function campaign(body: Record<string, unknown> = {}): Promise<Campaign> {
    const res = await create(as.hr, valid(body));
    expect(res.status, res.text).toBe(201);
    return res.body as Campaign;
  }
  const move = (auth: Auth, id: string, action: 'open' | 'close') =>
    t.http().post(`${CAMPAIGNS}/${id}/${action}`).set(auth);

  it('keeps its permission names equal to auth', () => {
    expect(PlanningPermission.CampaignRead).toBe(Permission.CampaignRead);
    expect(PlanningPermission.CampaignManage).toBe(Permission.CampaignManage);
  });

  it('is raised from the gaps (role level ids and skill slugs of the current framework) with its partners, once per key', async () => {
    const key = randomUUID();
    const body = valid({ partnerIds: [partnerId], gap: { roleLevelIds: [data[0]!.id], skillSlugs: skills } });
    const first = await create(as.hr, body, key);
    expect(first.status, first.text).toBe(201);
    expect((await create(as.hr, body, key)).body).toEqual(first.body);
    const made = first.body as Campaign;
    expect(made).toMatchObject({
      state: 'draft',
      kind: 'graduate',
      targetHires: 12,
      vacancies: 0,
      posts: 0,
      partners: [{ id: partnerId, name: 'London University', kind: 'university', country: 'GB' }],
      gap: { roleLevels: [{ id: data[0]!.id, slug: data[0]!.slug, roleFamilySlug: 'data' }] },
    });
    expect(made.gap.skills.map((s) => s.slug)).toEqual([...skills].sort());
    expect((made as unknown as { ownerUserId: string }).ownerUserId).toBe(hrUserId);
  });

  it('refuses what the current framework, the partners and the users do not have, naming each field', async () => {
    const res = expectProblem(
      await create(
        as.hr,
        valid({
          ownerUserId: randomUUID(),
          endsOn: shiftDays(-20),
          partnerIds: [partnerId, randomUUID()],
          gap: { roleLevelIds: [randomUUID()], skillSlugs: [skills[0], 'telepathy'] },
        }),
      ),
      422,
      'campaign-invalid',
    );
    expect((res.errors as { field: string }[]).map((e) => e.field)).toEqual([
      'endsOn',
      'ownerUserId',
      'partnerIds[1]',
      'gap.roleLevelIds[0]',
      'gap.skillSlugs[1]',
    ]);
    expectProblem(await create(as.hr, valid({ targetHires: 0 })), 400, 'validation-failed');
    expectProblem(await create(as.hr, valid({ kind: 'poaching' })), 400, 'validation-failed');
    expectProblem(await create(as.hr, valid({ partnerIds: [partnerId, partnerId] })), 400, 'validation-failed');
    expectProblem(await create(as.hr, valid({ gap: null })), 400, 'validation-failed');
    const [row] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM campaigns');
    expect(row!.n).toBe(0);
  });

  it('moves draft → open → closed, naming the allowed moves when refused, and audits every write', async () => {
    const c = await campaign({ partnerIds: [partnerId] });
    const refused = expectProblem(await move(as.hr, c.id, 'close'), 409, 'illegal-campaign-move');
    expect(refused).toMatchObject({ state: 'draft', allowed: ['edit', 'open'] });

    const path = `${CAMPAIGNS}/${c.id}`;
    expectProblem(await t.http().patch(path).set(as.hr).send({ title: 'x' }), 428, 'precondition-required');
    expectProblem(
      await t.http().patch(path).set(as.hr).set('If-Match', '"5"').send({ title: 'x' }),
      412,
      'precondition-failed',
    );
    const edited = await t
      .http()
      .patch(path)
      .set(as.hr)
      .set('If-Match', '"1"')
      .send({ title: 'Data graduates 2026-27', gap: { skillSlugs: [skills[1]] } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Data graduates 2026-27', version: 2 });

    const opened = await move(as.hr, c.id, 'open');
    expect(opened.status, opened.text).toBe(200);
    expect(opened.body).toMatchObject({ state: 'open', version: 3 });
    expect((opened.body as { openedAt: string | null }).openedAt).not.toBeNull();
    expect(expectProblem(await move(as.hr, c.id, 'open'), 409, 'illegal-campaign-move')).toMatchObject({
      state: 'open',
      allowed: ['edit', 'close'],
    });
    expectProblem(
      await t.http().patch(path).set(as.hr).set('If-Match', '"3"').send({ kind: 'specialist' }),
      422,
      'campaign-invalid',
    );
    // A vacancy closing in 30 days holds the campaign's end there, and its closing.
    const vacancy = await insertVacancy(t, {
      campaignId: c.id,
      roleLevelId: data[0]!.id,
      gradeId: grade,
      unitId: teamId,
      state: 'open',
    });
    expectProblem(
      await t
        .http()
        .patch(path)
        .set(as.hr)
        .set('If-Match', '"3"')
        .send({ endsOn: shiftDays(10) }),
      422,
      'campaign-invalid',
    );
    expectProblem(await move(as.hr, c.id, 'close'), 409, 'campaign-has-live-vacancies');
    await t.http().post(`${API}/vacancies/${vacancy}/close`).set(as.hr).expect(200);
    const closed = await move(as.hr, c.id, 'close');
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body).toMatchObject({ state: 'closed', vacancies: 1, posts: 1 });
    expect(
      expectProblem(
        await t.http().patch(path).set(as.hr).set('If-Match', '"4"').send({ title: 'Late' }),
        409,
        'illegal-campaign-move',
      ),
    ).toMatchObject({ state: 'closed', allowed: [] });

    const actions = (await auditRows(t)).filter((a) => a.entity_type === 'campaign').map((a) => a.action);
    expect(actions).toEqual(['campaign.created', 'campaign.updated', 'campaign.opened', 'campaign.closed']);
  });

  it('does not open once its last day has passed', async () => {
    const c = await campaign({ startsOn: shiftDays(-60), endsOn: shiftDays(-1) });
    expectProblem(await move(as.hr, c.id, 'open'), 422, 'campaign-invalid');
  });

  it('shows heads of profession campaigns with a vacancy or gap role level in their families, panel members theirs; others 404', async () => {
    const byGap = await campaign({ title: 'By gap', gap: { roleLevelIds: [data[1]!.id] } });
    const byVacancy = await campaign({ title: 'By vacancy' });
    await insertVacancy(t, {
      campaignId: byVacancy.id,
      roleLevelId: data[0]!.id,
      gradeId: grade,
      unitId: teamId,
      state: 'draft',
    });
    const otherFamily = await campaign({ title: 'Other family', gap: { roleLevelIds: [other[0]!.id] } });
    const onPanel = await campaign({ title: 'On the panel' });
    await insertVacancy(t, {
      campaignId: onPanel.id,
      roleLevelId: other[0]!.id,
      gradeId: grade,
      unitId: teamId,
      panel: [{ userId: panelUserId, chair: true }],
    });
    const nothing = await campaign({ title: 'Nothing yet' });

    const listed = async (auth: Auth, query = '') =>
      ((await t.http().get(`${CAMPAIGNS}${query}`).set(auth).expect(200)).body as { items: { id: string }[] }).items
        .map((i) => i.id)
        .sort();
    expect(await listed(as.hr)).toEqual([byGap.id, byVacancy.id, otherFamily.id, onPanel.id, nothing.id].sort());
    expect(await listed(as.hop)).toEqual([byGap.id, byVacancy.id].sort());
    expect(await listed(as.otherHop)).toEqual([otherFamily.id, onPanel.id].sort());
    expect(await listed(as.panel)).toEqual([onPanel.id]);
    expect(await listed(as.staff)).toEqual([]);
    expect(await listed(as.hr, '?state=draft&kind=graduate')).toHaveLength(5);
    expect(await listed(as.hr, `?partnerId=${partnerId}`)).toEqual([]);

    const before = await t.dataSource.query('SELECT id, version, state FROM campaigns ORDER BY id');
    for (const [auth, hidden] of [
      [as.hop, otherFamily.id],
      [as.hop, nothing.id],
      [as.otherHop, byGap.id],
      [as.panel, byVacancy.id],
      [as.staff, onPanel.id],
    ] as const) {
      expectProblem(await t.http().get(`${CAMPAIGNS}/${hidden}`).set(auth), 404, 'campaign-not-found');
    }
    await t.http().get(`${CAMPAIGNS}/${byGap.id}`).set(as.hop).expect(200);
    await t.http().get(`${CAMPAIGNS}/${onPanel.id}`).set(as.panel).expect(200);
    // Reading is all they do: every write is HR's.
    for (const auth of [as.hop, as.panel, as.staff]) {
      expectProblem(await create(auth, valid()), 403, 'forbidden');
      expectProblem(await move(auth, onPanel.id, 'open'), 403, 'forbidden');
      expectProblem(
        await t.http().patch(`${CAMPAIGNS}/${byGap.id}`).set(auth).set('If-Match', '"1"').send({ title: 'x' }),
        403,
        'forbidden',
      );
    }
    expect(await t.dataSource.query('SELECT id, version, state FROM campaigns ORDER BY id')).toEqual(before);
    expectProblem(await t.http().get(`${CAMPAIGNS}/${randomUUID()}`).set(as.hr), 404, 'campaign-not-found');
  });
});
