import { Permission } from '@capability/auth';
import { PlanningPermission } from '@capability/recruitment';
import { today } from '@capability/workforce';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import {
  API,
  gradeIds,
  insertCampaign,
  insertVacancy,
  levels,
  rng,
  shiftDays,
  unit,
  type Auth,
  type Level,
} from './planning-support.js';

const ESTABLISHMENT = `${API}/establishment`;

interface SummaryRow {
  roleFamilySlug: string;
  roleLevelSlug: string;
  roleLevelName: string;
  funded: number;
  inPost: number;
  interimInPost: number;
  openVacancyPosts: number;
  offersAwaitingStart: number;
  gap: number;
}

/** What the test generated, as the independent calculation sees it. */
interface World {
  parent: Map<string, string | null>;
  posts: { unitId: string; level: Level; funded: number; startsOn: string; endsOn: string | null }[];
  people: {
    unitId: string;
    employment: string;
    startDate: string | null;
    leavingDate: string | null;
    roles: { level: Level; startsOn: string; endsOn: string | null }[];
  }[];
  vacancies: { unitId: string; level: Level; posts: number; state: string }[];
  offers: { unitId: string; level: Level }[];
}

function inSubtree(world: World, unitId: string, root: string | null): boolean {
  if (root === null) return true;
  for (let u: string | null | undefined = unitId; u; u = world.parent.get(u)) if (u === root) return true;
  return false;
}

/** The summary, worked out in plain JS from the generated rows. */
function expectedSummary(world: World, root: string | null, family: string | null, families: string[] | null) {
  const day = today();
  const rows = new Map<string, SummaryRow>();
  const row = (level: Level): SummaryRow => {
    const key = `${level.family}/${level.slug}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        roleFamilySlug: level.family,
        roleLevelSlug: level.slug,
        roleLevelName: level.name,
        funded: 0,
        inPost: 0,
        interimInPost: 0,
        openVacancyPosts: 0,
        offersAwaitingStart: 0,
        gap: 0,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const p of world.posts) {
    if (inSubtree(world, p.unitId, root) && p.startsOn <= day && (p.endsOn === null || p.endsOn > day)) {
      row(p.level).funded += p.funded;
    }
  }
  for (const person of world.people) {
    if (!inSubtree(world, person.unitId, root)) continue;
    if (person.startDate !== null && person.startDate > day) continue;
    if (person.leavingDate !== null && person.leavingDate <= day) continue;
    const current = person.roles
      .filter((r) => r.startsOn <= day && (r.endsOn === null || r.endsOn > day))
      .sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0];
    if (!current) continue;
    if (['interim', 'contractor'].includes(person.employment)) row(current.level).interimInPost++;
    else row(current.level).inPost++;
  }
  for (const v of world.vacancies) {
    if (v.state === 'open' && inSubtree(world, v.unitId, root)) row(v.level).openVacancyPosts += v.posts;
  }
  for (const o of world.offers) if (inSubtree(world, o.unitId, root)) row(o.level).offersAwaitingStart++;
  return [...rows.values()]
    .filter(
      (r) =>
        (family === null || r.roleFamilySlug === family) && (families === null || families.includes(r.roleFamilySlug)),
    )
    .map((r) => ({ ...r, gap: r.funded - r.inPost - r.offersAwaitingStart }))
    .sort((a, b) =>
      a.roleFamilySlug === b.roleFamilySlug
        ? a.roleLevelSlug.localeCompare(b.roleLevelSlug)
        : a.roleFamilySlug.localeCompare(b.roleFamilySlug),
    );
}

describe('establishment', () => {
  let t: TestApp;
  let as: Record<'hr' | 'admin' | 'hop' | 'staff', Auth>;
  let hrUserId: string;
  let dept: string;
  let team: string;
  let other: string;
  let data: Level[];
  let others: Level[];
  let grades: string[];

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  beforeEach(async () => {
    await t.reset();
    dept = await unit(t, 'ESD');
    team = await unit(t, 'EST', dept);
    other = await unit(t, 'ESO');
    data = await levels(t, 'data', 3);
    others = await levels(t, 'data', 2, true);
    grades = await gradeIds(t, ['HEO', 'SEO', 'G7']);
    const hr = await signedIn(t, { roles: ['hr'] });
    hrUserId = hr.user.id;
    as = {
      hr: hr.auth,
      admin: (await signedIn(t, { roles: ['admin'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: ['data'] })).auth,
      staff: (await signedIn(t, { roles: ['staff'] })).auth,
    };
  });

  const create = (auth: Auth, body: Record<string, unknown>, key: string = randomUUID()) =>
    t.http().post(ESTABLISHMENT).set(auth).set('Idempotency-Key', key).send(body);
  const valid = (extra: Record<string, unknown> = {}) => ({
    unitId: team,
    roleLevelId: data[0]!.id,
    gradeId: grades[1],
    fundedPosts: 3,
    startsOn: shiftDays(-30),
    ...extra,
  });

  it('keeps its permission names equal to auth', () => {
    expect(PlanningPermission.EstablishmentRead).toBe(Permission.EstablishmentRead);
    expect(PlanningPermission.EstablishmentManage).toBe(Permission.EstablishmentManage);
  });

  it('creates once per Idempotency-Key, edits with If-Match, end-dates rather than deletes, audits', async () => {
    const key = randomUUID();
    const first = await create(as.hr, valid(), key);
    const again = await create(as.hr, valid(), key);
    expect(first.status, first.text).toBe(201);
    expect(again.body).toEqual(first.body);
    const row = first.body as { id: string; version: number; roleFamilySlug: string; grade: { code: string } };
    expect(row).toMatchObject({ version: 1, roleFamilySlug: 'data', grade: { code: 'SEO' }, endsOn: null });

    const path = `${ESTABLISHMENT}/${row.id}`;
    expectProblem(await t.http().patch(path).set(as.hr).send({ fundedPosts: 4 }), 428, 'precondition-required');
    expectProblem(
      await t.http().patch(path).set(as.hr).set('If-Match', '"9"').send({ fundedPosts: 4 }),
      412,
      'precondition-failed',
    );
    const read = await t.http().get(path).set(as.hr).expect(200);
    expect(read.headers['etag']).toBe('"1"');
    const corrected = await t
      .http()
      .patch(path)
      .set(as.hr)
      .set('If-Match', read.headers['etag'] as string)
      .send({ fundedPosts: 4 });
    expect(corrected.status, corrected.text).toBe(200);
    expect(corrected.body).toMatchObject({ fundedPosts: 4, version: 2 });

    // New funding from next month: end the row, then add the new one; overlapping is refused.
    expectProblem(
      await create(as.hr, valid({ fundedPosts: 6, startsOn: shiftDays(30) })),
      409,
      'establishment-overlap',
    );
    const ended = await t
      .http()
      .patch(path)
      .set(as.hr)
      .set('If-Match', '"2"')
      .send({ endsOn: shiftDays(30) });
    expect(ended.status, ended.text).toBe(200);
    expect((await create(as.hr, valid({ fundedPosts: 6, startsOn: shiftDays(30) }))).status).toBe(201);
    // Reopening the ended row would overlap the new one.
    expectProblem(
      await t.http().patch(path).set(as.hr).set('If-Match', '"3"').send({ endsOn: null }),
      409,
      'establishment-overlap',
    );
    // Another grade is another slot.
    expect((await create(as.hr, valid({ gradeId: grades[2] }))).status).toBe(201);
    // No DELETE: rows are end-dated.
    expect((await t.http({ malformed: true }).delete(path).set(as.hr)).status).toBe(404);

    const actions = (await auditRows(t)).filter((a) => a.entity_type === 'establishment-post').map((a) => a.action);
    expect(actions).toEqual([
      'establishment.created',
      'establishment.updated',
      'establishment.updated',
      'establishment.created',
      'establishment.created',
    ]);
  });

  it('refuses bad input with problem+json and writes nothing', async () => {
    const count = async () =>
      (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM establishment_posts'))[0]!.n;
    const body = expectProblem(
      await create(as.hr, valid({ unitId: randomUUID(), roleLevelId: randomUUID(), gradeId: randomUUID() })),
      422,
      'establishment-invalid',
    );
    expect((body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'gradeId',
      'roleLevelId',
      'unitId',
    ]);
    expectProblem(await create(as.hr, valid({ endsOn: shiftDays(-40) })), 422, 'establishment-invalid');
    expectProblem(await create(as.hr, valid({ fundedPosts: 0 })), 400, 'validation-failed');
    expectProblem(await create(as.hr, valid({ fundedPosts: 2.5 })), 400, 'validation-failed');
    expectProblem(await create(as.hr, valid({ startsOn: '2026-02-30' })), 400, 'validation-failed');
    expectProblem(await create(as.hr, { ...valid(), extra: 1 }), 400, 'validation-failed');
    expect(await count()).toBe(0);
    const made = (await create(as.hr, valid())).body as { id: string };
    expectProblem(
      await t.http().patch(`${ESTABLISHMENT}/${made.id}`).set(as.hr).set('If-Match', '"1"').send({ fundedPosts: null }),
      400,
      'validation-failed',
    );
    expectProblem(
      await t
        .http()
        .patch(`${ESTABLISHMENT}/${made.id}`)
        .set(as.hr)
        .set('If-Match', '"1"')
        .send({ endsOn: shiftDays(-31) }),
      422,
      'establishment-invalid',
    );
    expectProblem(
      await t
        .http()
        .patch(`${ESTABLISHMENT}/${randomUUID()}`)
        .set(as.hr)
        .set('If-Match', '"1"')
        .send({ fundedPosts: 2 }),
      404,
      'establishment-post-not-found',
    );
  });

  it('lets heads of profession read their families only, staff nothing; lists page by keyset and filter', async () => {
    const ids: Record<string, string> = {};
    for (const [name, level, unitId] of [
      ['data team', data[0]!, team],
      ['data dept', data[1]!, dept],
      ['other team', others[0]!, team],
      ['data elsewhere', data[2]!, other],
    ] as const) {
      const res = await create(as.hr, valid({ roleLevelId: level.id, unitId }));
      expect(res.status, res.text).toBe(201);
      ids[name] = (res.body as { id: string }).id;
    }
    const list = async (auth: Auth, query = '') => {
      const out: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t
          .http()
          .get(`${ESTABLISHMENT}?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`)
          .set(auth)
          .expect(200);
        const page = res.body as { items: { id: string }[]; nextCursor: string | null };
        out.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      return out.sort();
    };
    expect(await list(as.hr)).toEqual(Object.values(ids).sort());
    expect(await list(as.hop)).toEqual([ids['data team']!, ids['data dept']!, ids['data elsewhere']!].sort());
    expect(await list(as.hr, `&unitId=${dept}`)).toEqual(
      [ids['data team']!, ids['data dept']!, ids['other team']!].sort(),
    );
    expect(await list(as.hr, `&roleFamily=${others[0]!.family}`)).toEqual([ids['other team']!]);
    expect(await list(as.hr, `&effectiveOn=${shiftDays(-31)}`)).toEqual([]);
    expect(await list(as.hop, `&roleFamily=${others[0]!.family}`)).toEqual([]);
    expectProblem(
      await t.http().get(`${ESTABLISHMENT}/${ids['other team']}`).set(as.hop),
      404,
      'establishment-post-not-found',
    );
    await t.http().get(`${ESTABLISHMENT}/${ids['data team']}`).set(as.hop).expect(200);
    for (const path of [ESTABLISHMENT, `${ESTABLISHMENT}/${ids['data team']}`, `${ESTABLISHMENT}/summary`]) {
      expectProblem(await t.http().get(path).set(as.staff), 403, 'forbidden');
    }
    const before = await t.dataSource.query('SELECT * FROM establishment_posts ORDER BY id');
    expectProblem(await create(as.hop, valid({ roleLevelId: data[2]!.id, unitId: dept })), 403, 'forbidden');
    expectProblem(
      await t
        .http()
        .patch(`${ESTABLISHMENT}/${ids['data team']}`)
        .set(as.hop)
        .set('If-Match', '"1"')
        .send({ fundedPosts: 9 }),
      403,
      'forbidden',
    );
    expect(await t.dataSource.query('SELECT * FROM establishment_posts ORDER BY id')).toEqual(before);
  });

  it('summarises funded, in post, interim, open vacancies, offers awaiting a start and the gap as an independent calculation does', async () => {
    const random = rng(20_260_401);
    const units = [dept, team, other];
    const all = [...data, ...others];
    const world: World = {
      parent: new Map([
        [dept, null],
        [team, dept],
        [other, null],
      ]),
      posts: [],
      people: [],
      vacancies: [],
      offers: [],
    };
    // Establishment: per slot, nothing, a current row, an ended and a current one, a current and a future one, or a future one.
    for (const unitId of units) {
      for (const level of all) {
        for (const gradeId of grades) {
          const pattern = Math.floor(random() * 5);
          const funded = () => 1 + Math.floor(random() * 6);
          const periods: [string, string | null][] =
            pattern === 0
              ? []
              : pattern === 1
                ? [[shiftDays(-100), null]]
                : pattern === 2
                  ? [
                      [shiftDays(-400), shiftDays(-10)],
                      [shiftDays(-10), null],
                    ]
                  : pattern === 3
                    ? [
                        [shiftDays(-50), shiftDays(1)],
                        [shiftDays(1), null],
                      ]
                    : [[shiftDays(5), null]];
          for (const [startsOn, endsOn] of periods) {
            const n = funded();
            await t.dataSource.query(
              `INSERT INTO establishment_posts (unit_id, role_level_id, grade_id, funded_posts, starts_on, ends_on)
               VALUES ($1, $2, $3, $4, $5, $6)`,
              [unitId, level.id, gradeId, n, startsOn, endsOn],
            );
            world.posts.push({ unitId, level, funded: n, startsOn, endsOn });
          }
        }
      }
    }
    // People: employment types, starters not yet started, leavers, role changes, people with no role.
    const types = ['permanent', 'fixed_term', 'apprentice', 'secondee', 'interim', 'contractor'];
    for (let i = 0; i < 120; i++) {
      const unitId = units[Math.floor(random() * units.length)]!;
      const employment = types[Math.floor(random() * types.length)]!;
      const starts = random();
      const startDate = starts < 0.1 ? shiftDays(10) : starts < 0.25 ? null : shiftDays(-800);
      const leaves = random();
      // A leaver has left (or leaves in 20 days); a starter not yet started leaves no sooner than they start.
      const leavingDate =
        leaves < 0.1 && starts >= 0.1 ? shiftDays(-3) : leaves >= 0.1 && leaves < 0.15 ? shiftDays(20) : null;
      const [row] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO staff (staff_number, full_name, unit_id, employment_type, start_date, leaving_date)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [`ES${i}`, `Person ${i}`, unitId, employment, startDate, leavingDate],
      );
      const roles: World['people'][number]['roles'] = [];
      const shape = random();
      const pick = () => all[Math.floor(random() * all.length)]!;
      if (shape < 0.15) {
        // no role level
      } else if (shape < 0.35) {
        roles.push({ level: pick(), startsOn: shiftDays(-700), endsOn: shiftDays(-20) });
        roles.push({ level: pick(), startsOn: shiftDays(-20), endsOn: null });
      } else if (shape < 0.45) {
        roles.push({ level: pick(), startsOn: shiftDays(-700), endsOn: shiftDays(15) });
        roles.push({ level: pick(), startsOn: shiftDays(15), endsOn: null });
      } else if (shape < 0.5) {
        roles.push({ level: pick(), startsOn: shiftDays(-700), endsOn: shiftDays(-5) });
      } else {
        roles.push({ level: pick(), startsOn: shiftDays(-300), endsOn: null });
      }
      for (const r of roles) {
        await t.dataSource.query(
          `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on, ends_on) VALUES ($1, $2, true, $3, $4)`,
          [row!.id, r.level.id, r.startsOn, r.endsOn],
        );
      }
      // A secondary role never counts.
      if (random() < 0.2) {
        await t.dataSource.query(
          `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on) VALUES ($1, $2, false, $3)`,
          [row!.id, pick().id, shiftDays(-100)],
        );
      }
      world.people.push({ unitId, employment, startDate, leavingDate, roles });
    }
    // Vacancies in every state.
    const campaign = await insertCampaign(t, hrUserId);
    for (let i = 0; i < 30; i++) {
      const unitId = units[Math.floor(random() * units.length)]!;
      const level = all[Math.floor(random() * all.length)]!;
      const state = (['draft', 'open', 'open', 'closed', 'withdrawn'] as const)[Math.floor(random() * 5)]!;
      const posts = 1 + Math.floor(random() * 4);
      await insertVacancy(t, {
        campaignId: campaign,
        roleLevelId: level.id,
        gradeId: grades[0]!,
        unitId,
        posts,
        state,
      });
      world.vacancies.push({ unitId, level, posts, state });
    }
    // The applications part will define the view; here it stands in with fixed rows, to show the summary counts it.
    const offerRows: { unitId: string; level: Level }[] = [];
    for (let i = 0; i < 12; i++) {
      offerRows.push({
        unitId: units[Math.floor(random() * units.length)]!,
        level: all[Math.floor(random() * all.length)]!,
      });
    }
    await t.dataSource.query(
      `CREATE OR REPLACE VIEW recruitment_offers_awaiting_start AS
         SELECT NULL::uuid AS vacancy_id, o.unit_id, o.role_level_id, NULL::date AS expected_start_on
           FROM jsonb_to_recordset($$${JSON.stringify(offerRows.map((o) => ({ unit_id: o.unitId, role_level_id: o.level.id })))}$$::jsonb)
             AS o(unit_id uuid, role_level_id uuid)`,
    );
    world.offers = offerRows;

    const summary = async (auth: Auth, query: string) => {
      const res = await t.http().get(`${ESTABLISHMENT}/summary${query}`).set(auth);
      expect(res.status, res.text).toBe(200);
      return res.body as {
        rows: SummaryRow[];
        totals: Omit<SummaryRow, 'roleFamilySlug' | 'roleLevelSlug' | 'roleLevelName'>;
        measuredOn: string;
      };
    };
    const family = others[0]!.family;
    for (const [auth, query, root, fam, families] of [
      [as.hr, '', null, null, null],
      [as.hr, `?unitId=${dept}`, dept, null, null],
      [as.hr, `?unitId=${team}&roleFamily=data`, team, 'data', null],
      [as.admin, `?roleFamily=${family}`, null, family, null],
      [as.hop, '', null, null, ['data']],
      [as.hop, `?unitId=${dept}&roleFamily=data`, dept, 'data', ['data']],
    ] as const) {
      const got = await summary(auth, query);
      const expected = expectedSummary(world, root, fam, families === null ? null : [...families]);
      expect(got.measuredOn).toBe(today());
      expect(got.rows, query).toEqual(expected);
      const total = (k: keyof SummaryRow) => expected.reduce((n, r) => n + (r[k] as number), 0);
      expect(got.totals).toEqual({
        funded: total('funded'),
        inPost: total('inPost'),
        interimInPost: total('interimInPost'),
        openVacancyPosts: total('openVacancyPosts'),
        offersAwaitingStart: total('offersAwaitingStart'),
        gap: total('gap'),
      });
    }
    // The generated data exercises every figure.
    const everything = expectedSummary(world, null, null, null);
    for (const k of ['funded', 'inPost', 'interimInPost', 'openVacancyPosts', 'offersAwaitingStart'] as const) {
      expect(
        everything.some((r) => r[k] > 0),
        k,
      ).toBe(true);
    }
    expect(everything.some((r) => r.gap < 0) && everything.some((r) => r.gap > 0)).toBe(true);

    expectProblem(
      await t.http().get(`${ESTABLISHMENT}/summary?roleFamily=${family}`).set(as.hop),
      403,
      'establishment-scope-not-allowed',
    );
    expectProblem(
      await t.http().get(`${ESTABLISHMENT}/summary?unitId=${randomUUID()}`).set(as.hr),
      422,
      'establishment-invalid',
    );
    expectProblem(
      await t.http().get(`${ESTABLISHMENT}/summary?roleFamily=no-such-family`).set(as.hr),
      422,
      'establishment-invalid',
    );
    expectProblem(await t.http().get(`${ESTABLISHMENT}/summary?unitId=nope`).set(as.hr), 400, 'validation-failed');
    // Back to what the migration made, for any test after this one.
    await t.dataSource.query(
      `CREATE OR REPLACE VIEW recruitment_offers_awaiting_start AS
         SELECT v.id AS vacancy_id, v.unit_id, v.role_level_id, NULL::date AS expected_start_on FROM vacancies v WHERE false`,
    );
  });
});
