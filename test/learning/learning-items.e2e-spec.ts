import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LearningItemResponse } from '../../apps/api/src/learning/catalogue/learning-items.dto.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { familyAndOutsider, itemBody, ITEMS, type Auth } from './learning-fixtures.js';

describe('learning items: the catalogue', () => {
  let t: TestApp;
  let hr: Auth;
  let admin: Auth;
  let staff: Auth;
  let hop: Auth;
  let fx: { family: string; inside: string[]; outside: string };

  const create = (body: Record<string, unknown>, auth: Auth = hr) => t.http().post(ITEMS).set(auth).send(body);
  const patch = (id: string, version: number | null, body: Record<string, unknown>, auth: Auth = hr) => {
    const req = t.http().patch(`${ITEMS}/${id}`).set(auth);
    if (version !== null) void req.set('If-Match', `"${version}"`);
    return req.send(body);
  };
  const count = async (): Promise<number> =>
    Number((await t.dataSource.query('SELECT count(*)::int AS n FROM learning_items'))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    fx = await familyAndOutsider(t);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
    admin = (await signedIn(t, { roles: ['admin'] })).auth;
    staff = (await signedIn(t, { roles: ['staff'] })).auth;
    hop = (await signedIn(t, { roles: ['head_of_profession'], roleFamilies: [fx.family] })).auth;
  });

  it('HR adds an item with its skills; everyone reads it, with the skill names of the current framework', async () => {
    const [a, b] = fx.inside as [string, string];
    const res = await create(
      itemBody({
        skills: [
          { slug: a, level: 2 },
          { slug: b, level: 1 },
        ],
      }),
    ).expect(201);
    const item = res.body as LearningItemResponse;
    expect(item).toMatchObject({ format: 'course', hours: 7.5, active: true, demo: false, version: 1 });
    expect(item.skills.map((s) => `${s.slug}:${s.level}`)).toEqual([`${a}:2`, `${b}:1`].sort());
    const [names]: { names: string[] }[] = await t.dataSource.query(
      `SELECT array_agg(sk.name ORDER BY sk.slug) AS names FROM skills sk
         JOIN framework_versions v ON v.id = sk.version_id AND v.is_current WHERE sk.slug = ANY($1)`,
      [[a, b]],
    );
    expect(item.skills.map((s) => s.name)).toEqual(names?.names);

    const read = await t.http().get(`${ITEMS}/${item.id}`).set(staff).expect(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toEqual(item);
    const audit = await auditRows(t, 'learning-item.created');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.entity_id).toBe(item.id);
  });

  it('refuses an unknown skill (422 naming it), a level above 4, a repeated skill and a duplicate code; writes nothing', async () => {
    const problem = expectProblem(
      await create(
        itemBody({
          skills: [
            { slug: fx.inside[0], level: 2 },
            { slug: 'no-such-skill', level: 1 },
          ],
        }),
      ),
      422,
      'unknown-skill',
    );
    expect(problem.detail).toContain('no-such-skill');
    expectProblem(await create(itemBody({ skills: [{ slug: fx.inside[0], level: 5 }] })), 400, 'validation-failed');
    expectProblem(
      await create(
        itemBody({
          skills: [
            { slug: fx.inside[0], level: 1 },
            { slug: fx.inside[0], level: 2 },
          ],
        }),
      ),
      400,
      'validation-failed',
    );
    expect(await count()).toBe(0);
    await create(itemBody({ code: 'DUP-1' })).expect(201);
    await create(itemBody({ code: 'DUP-1' })).expect(409);
    expect(await count()).toBe(1);
  });

  it('refuses a level above the highest the framework describes for the skill', async () => {
    const slug = fx.inside[0]!;
    const described = `UPDATE skills sk SET expert_text = $2 FROM framework_versions v
                        WHERE v.id = sk.version_id AND v.is_current AND sk.slug = $1`;
    const [before]: { expert_text: string | null }[] = await t.dataSource.query(
      `SELECT sk.expert_text FROM skills sk JOIN framework_versions v ON v.id = sk.version_id AND v.is_current
        WHERE sk.slug = $1`,
      [slug],
    );
    // This file's own database: the skill loses its expert level text for this test only.
    await t.dataSource.query(described, [slug, null]);
    try {
      const problem = expectProblem(
        await create(itemBody({ skills: [{ slug, level: 4 }] })),
        422,
        'skill-level-too-high',
      );
      expect(problem.detail).toContain(slug);
      await create(itemBody({ skills: [{ slug, level: 3 }] })).expect(201);
      expect(await count()).toBe(1);
    } finally {
      await t.dataSource.query(described, [slug, before?.expert_text ?? null]);
    }
  });

  it('an event needs its dates and location; no other format has them', async () => {
    const event = {
      format: 'event',
      providerKind: 'in_house',
      providerName: 'Digital team',
      startsAt: '2026-03-02T10:00:00Z',
      endsAt: '2026-03-02T12:00:00Z',
      location: 'Leeds hub',
    };
    const created = (await create(itemBody(event)).expect(201)).body as LearningItemResponse;
    expect(created).toMatchObject({ startsAt: '2026-03-02T10:00:00.000Z', location: 'Leeds hub' });
    expectProblem(await create(itemBody({ ...event, location: undefined })), 422, 'event-fields-invalid');
    expectProblem(await create(itemBody({ ...event, endsAt: '2026-03-01T10:00:00Z' })), 422, 'event-fields-invalid');
    expectProblem(await create(itemBody({ startsAt: '2026-03-02T10:00:00Z' })), 422, 'event-fields-invalid');
    expectProblem(await create(itemBody({ ...event, startsAt: '2026-02-30T10:00:00Z' })), 400, 'validation-failed');
    // Changing an event to a course keeps its dates: refused until they are cleared.
    expectProblem(await patch(created.id, 1, { format: 'course' }), 422, 'event-fields-invalid');
    const course = await patch(created.id, 1, { format: 'course', startsAt: null, endsAt: null, location: null });
    expect(course.status).toBe(200);
    expect(course.body).toMatchObject({ format: 'course', startsAt: null, location: null, version: 2 });
  });

  it('a head of profession manages items whose skills all belong to their families, and only those', async () => {
    const inside = [{ slug: fx.inside[0], level: 2 }];
    const mine = (await create(itemBody({ skills: inside }), hop).expect(201)).body as LearningItemResponse;
    const refused = expectProblem(
      await create(itemBody({ skills: [...inside, { slug: fx.outside, level: 1 }] }), hop),
      403,
      'learning-item-not-manageable',
    );
    expect(refused.detail).toContain(fx.outside);
    expectProblem(await create(itemBody({ skills: [] }), hop), 403, 'learning-item-not-manageable');
    // Not into someone else's area, either by changing skills or editing an item outside it.
    expectProblem(
      await patch(mine.id, 1, { skills: [{ slug: fx.outside, level: 1 }] }, hop),
      403,
      'learning-item-not-manageable',
    );
    const hrs = (await create(itemBody({ skills: [{ slug: fx.outside, level: 1 }] })).expect(201))
      .body as LearningItemResponse;
    expectProblem(await patch(hrs.id, 1, { title: 'Mine now' }, hop), 403, 'learning-item-not-manageable');
    expectProblem(
      await t.http().post(`${ITEMS}/${hrs.id}/retire`).set(hop).set('If-Match', '"1"'),
      403,
      'learning-item-not-manageable',
    );
    const changed = await patch(mine.id, 1, { title: 'Renamed' }, hop).expect(200);
    expect(changed.body).toMatchObject({ title: 'Renamed', version: 2 });
    // A head of profession of no family manages nothing; staff may not manage at all.
    const none = (await signedIn(t, { roles: ['head_of_profession'], roleFamilies: [] })).auth;
    expectProblem(await create(itemBody({ skills: inside }), none), 403, 'learning-item-not-manageable');
    expectProblem(await create(itemBody({ skills: inside }), staff), 403, 'forbidden');
    expectProblem(await patch(mine.id, 2, { title: 'x' }, staff), 403, 'forbidden');
    // Admins manage everything.
    await patch(hrs.id, 1, { title: 'Admin edit' }, admin).expect(200);
  });

  it('edits need If-Match (428 without, 412 stale); an unchanged edit writes nothing; items are retired, never deleted', async () => {
    const item = (await create(itemBody()).expect(201)).body as LearningItemResponse;
    expectProblem(await patch(item.id, null, { title: 'x' }), 428, 'precondition-required');
    await patch(item.id, 1, { title: 'New title' }).expect(200);
    expectProblem(await patch(item.id, 1, { title: 'Lost update' }), 412, 'precondition-failed');
    const same = await patch(item.id, 2, { title: 'New title' }).expect(200);
    expect((same.body as LearningItemResponse).version).toBe(2);

    const retired = await t.http().post(`${ITEMS}/${item.id}/retire`).set(hr).set('If-Match', '"2"').expect(200);
    expect(retired.body).toMatchObject({ active: false, version: 3 });
    expectProblem(await t.http().post(`${ITEMS}/${item.id}/retire`).set(hr), 428, 'precondition-required');
    const back = await t.http().post(`${ITEMS}/${item.id}/reactivate`).set(hr).set('If-Match', '"3"').expect(200);
    expect(back.body).toMatchObject({ active: true, version: 4 });
    expect((await auditRows(t, 'learning-item.retired')).map((r) => r.entity_id)).toEqual([item.id]);
    expect((await auditRows(t, 'learning-item.reactivated')).map((r) => r.entity_id)).toEqual([item.id]);
    expect((await t.http({ malformed: true }).delete(`${ITEMS}/${item.id}`).set(hr)).status).toBe(404);
    expect(await count()).toBe(1);
    expectProblem(
      await t.http().get(`${ITEMS}/00000000-0000-4000-8000-000000000000`).set(staff),
      404,
      'learning-item-not-found',
    );
  });

  it('a retried create with the same Idempotency-Key replays the answer and writes once', async () => {
    const body = itemBody();
    const first = await create(body).set('Idempotency-Key', 'learning-item-1').expect(201);
    const again = await create(body).set('Idempotency-Key', 'learning-item-1').expect(201);
    expect(again.body).toEqual(first.body);
    expect(await count()).toBe(1);
  });

  it('filters (skill, level, role family, format, provider, inclusion, active, text) and pages match an independent filter', async () => {
    const [a, b] = fx.inside as [string, string];
    const specs = Array.from({ length: 23 }, (_, i) => ({
      code: `F-${String(i).padStart(2, '0')}`,
      title: `${['Alpha', 'Beta', 'Gamma'][i % 3]} learning ${i}`,
      description: i % 4 === 0 ? 'Includes a Spreadsheet workshop' : 'General',
      format: (['course', 'e_learning', 'certification', 'self_directed'] as const)[i % 4],
      providerKind: (['civil_service_learning', 'supplier', 'university', 'in_house'] as const)[i % 3],
      inclusionPackage: i % 5 === 0 ? 'digital-awareness' : i % 7 === 0 ? 'digital-skills' : null,
      active: i % 6 !== 0,
      skills:
        i % 3 === 0
          ? [{ slug: a, level: (i % 4) + 1 }]
          : i % 3 === 1
            ? [
                { slug: fx.outside, level: 2 },
                { slug: b, level: 1 + (i % 2) },
              ]
            : [],
    }));
    for (const s of specs) {
      const { active, ...body } = s;
      const created = (await create(itemBody(body)).expect(201)).body as LearningItemResponse;
      if (!active) await t.http().post(`${ITEMS}/${created.id}/retire`).set(hr).set('If-Match', '"1"').expect(200);
    }
    const all = async (query: Record<string, string>): Promise<string[]> => {
      const codes: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t
          .http()
          .get(ITEMS)
          .set(staff)
          .query({ ...query, limit: '4', ...(cursor ? { cursor } : {}) })
          .expect(200);
        const page = res.body as { items: LearningItemResponse[]; nextCursor: string | null };
        codes.push(...page.items.map((i) => i.code));
        cursor = page.nextCursor;
      } while (cursor);
      return codes;
    };
    const expected = (keep: (s: (typeof specs)[number]) => boolean): string[] =>
      specs
        .filter(keep)
        .sort((x, y) => (x.title < y.title ? -1 : x.title > y.title ? 1 : 0))
        .map((s) => s.code);
    expect(await all({})).toEqual(expected(() => true));
    expect(await all({ skill: a })).toEqual(expected((s) => s.skills.some((k) => k.slug === a)));
    expect(await all({ skill: a, level: '3' })).toEqual(
      expected((s) => s.skills.some((k) => k.slug === a && k.level >= 3)),
    );
    expect(await all({ level: '2' })).toEqual(expected((s) => s.skills.some((k) => k.level >= 2)));
    expect(await all({ roleFamily: fx.family })).toEqual(
      expected((s) => s.skills.some((k) => fx.inside.includes(k.slug))),
    );
    expect(await all({ format: 'e_learning' })).toEqual(expected((s) => s.format === 'e_learning'));
    expect(await all({ provider: 'university' })).toEqual(expected((s) => s.providerKind === 'university'));
    expect(await all({ inclusion: 'true' })).toEqual(expected((s) => s.inclusionPackage !== null));
    expect(await all({ inclusionPackage: 'digital-skills' })).toEqual(
      expected((s) => s.inclusionPackage === 'digital-skills'),
    );
    expect(await all({ active: 'false' })).toEqual(expected((s) => !s.active));
    expect(await all({ q: 'spreadsheet', active: 'true' })).toEqual(
      expected((s) => s.description.includes('Spreadsheet') && s.active),
    );
    expect(await all({ q: '100%' })).toEqual([]);
    expectProblem(await t.http().get(ITEMS).set(staff).query({ level: '5' }), 400, 'validation-failed');
    expectProblem(await t.http().get(ITEMS).set(staff).query({ format: 'podcast' }), 400, 'validation-failed');
  });
});
