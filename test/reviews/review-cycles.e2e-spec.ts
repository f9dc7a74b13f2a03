import { Permission } from '@capability/auth';
import { ReviewPermission } from '@capability/reviews';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { expectProblem } from '../support/problems.js';
import {
  API,
  assignRole,
  createPerson,
  createUnit,
  cycleBody,
  openCycle,
  requiredSkills,
  reviewOf,
  userFor,
  type Auth,
  type ReviewBody,
} from './review-fixtures.js';

const CYCLES = `${API}/review-cycles`;

interface CycleBody {
  id: string;
  state: string;
  version: number;
  frameworkVersionId: string | null;
  figures: Record<string, number | null>;
  figuresScope: string;
  leftOut?: { count: number; sample: { staffId: string; reason: string }[]; href: string };
}

describe('review cycles', () => {
  let t: TestApp;
  let hr: Auth;
  let admin: Auth;
  let staff: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    hr = await userFor(t, ['hr'], null);
    admin = await userFor(t, ['admin'], null);
    staff = await userFor(t, ['staff'], null);
  });
  afterAll(async () => t.close());

  async function create(unitId: string, auth: Auth = hr): Promise<CycleBody> {
    const res = await t.http().post(CYCLES).set(auth).send(cycleBody(unitId));
    expect(res.status, res.text).toBe(201);
    return res.body as CycleBody;
  }

  it("names its permissions as auth's Permission does", () => {
    expect(Object.values(Permission)).toEqual(expect.arrayContaining(Object.values(ReviewPermission)));
  });

  describe('creating and editing a draft', () => {
    it('creates a draft (HR), replays it for the same Idempotency-Key, and audits it', async () => {
      const unitId = await createUnit(t);
      const body = cycleBody(unitId);
      const first = await t.http().post(CYCLES).set(hr).set('Idempotency-Key', 'cycle-1').send(body);
      expect(first.status, first.text).toBe(201);
      const again = await t.http().post(CYCLES).set(hr).set('Idempotency-Key', 'cycle-1').send(body);
      expect(again.status).toBe(201);
      expect((again.body as CycleBody).id).toBe((first.body as CycleBody).id);
      expect(first.body).toMatchObject({ state: 'draft', frameworkVersionId: null, unitId, name: body.name });
      const audit: unknown[] = await t.dataSource.query(
        `SELECT 1 FROM audit_events WHERE action = 'review-cycle.created' AND entity_id = $1`,
        [(first.body as CycleBody).id],
      );
      expect(audit).toHaveLength(1);
    });

    it('refuses bad input without changing anything', async () => {
      const unitId = await createUnit(t);
      expectProblem(
        await t
          .http()
          .post(CYCLES)
          .set(hr)
          .send({ ...cycleBody(unitId), opensOn: '2026-13-01' }),
        400,
        'validation-failed',
      );
      expectProblem(
        await t
          .http()
          .post(CYCLES)
          .set(hr)
          .send({ ...cycleBody(unitId), name: '' }),
        400,
        'validation-failed',
      );
      // PostgreSQL text cannot hold U+0000: a clear 400, never a 500.
      expectProblem(
        await t
          .http()
          .post(CYCLES)
          .set(hr)
          .send({ ...cycleBody(unitId), name: 'Annual\u0000review' }),
        400,
        'bad-request',
      );
      expectProblem(
        await t
          .http()
          .post(CYCLES)
          .set(hr)
          .send(cycleBody(unitId, { opensOn: '2026-07-01', closesOn: '2026-06-30' })),
        422,
        'closes-before-opens',
      );
      expectProblem(
        await t.http().post(CYCLES).set(hr).send(cycleBody('6f1c4d2e-0000-4000-8000-000000000000')),
        422,
        'unknown-organisation-unit',
      );
      const rows: unknown[] = await t.dataSource.query('SELECT 1 FROM review_cycles WHERE unit_id = $1', [unitId]);
      expect(rows).toHaveLength(0);
    });

    it('is for HR and admins only', async () => {
      const unitId = await createUnit(t);
      expectProblem(await t.http().post(CYCLES).set(staff).send(cycleBody(unitId)), 403, 'forbidden');
      expect((await t.http().post(CYCLES).set(admin).send(cycleBody(unitId))).status).toBe(201);
    });

    it('edits a draft with If-Match: 428 without, 412 stale, then the change', async () => {
      const cycle = await create(await createUnit(t));
      const url = `${CYCLES}/${cycle.id}`;
      expectProblem(await t.http().patch(url).set(hr).send({ name: 'Renamed' }), 428, 'precondition-required');
      expectProblem(
        await t
          .http()
          .patch(url)
          .set(hr)
          .set('If-Match', `"${cycle.version + 1}"`)
          .send({ name: 'Renamed' }),
        412,
        'precondition-failed',
      );
      const res = await t.http().patch(url).set(hr).set('If-Match', `"${cycle.version}"`).send({ name: 'Renamed' });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ name: 'Renamed', version: cycle.version + 1 });
      expect(res.headers.etag).toBe(`"${cycle.version + 1}"`);
      expectProblem(
        await t
          .http()
          .patch(url)
          .set(hr)
          .set('If-Match', `"${cycle.version + 1}"`)
          .send({ closesOn: '2026-01-01' }),
        422,
        'closes-before-opens',
      );
    });
  });

  describe('the state machine: draft → open → closed', () => {
    it('allows exactly draft→open and open→closed; every other move is 409 naming the allowed ones', async () => {
      const cycle = await create(await createUnit(t));
      const url = `${CYCLES}/${cycle.id}`;
      const draftClose = expectProblem(await t.http().post(`${url}/close`).set(hr), 409, 'illegal-cycle-move');
      expect(draftClose).toMatchObject({ state: 'draft', allowed: ['edit', 'open'] });

      const opened = await t.http().post(`${url}/open`).set(hr);
      expect(opened.status, opened.text).toBe(200);
      expect(opened.body).toMatchObject({ state: 'open', frameworkVersionId: expect.any(String) });

      const openOpen = expectProblem(await t.http().post(`${url}/open`).set(hr), 409, 'illegal-cycle-move');
      expect(openOpen).toMatchObject({ state: 'open', allowed: ['close'] });
      const version = (opened.body as CycleBody).version;
      const openEdit = expectProblem(
        await t.http().patch(url).set(hr).set('If-Match', `"${version}"`).send({ name: 'Late' }),
        409,
        'illegal-cycle-move',
      );
      expect(openEdit.allowed).toEqual(['close']);

      const closed = await t.http().post(`${url}/close`).set(hr);
      expect(closed.status, closed.text).toBe(200);
      expect(closed.body).toMatchObject({ state: 'closed' });

      for (const move of ['open', 'close']) {
        const problem = expectProblem(await t.http().post(`${url}/${move}`).set(hr), 409, 'illegal-cycle-move');
        expect(problem).toMatchObject({ state: 'closed', allowed: [] });
      }
      const closedEdit = expectProblem(
        await t
          .http()
          .patch(url)
          .set(hr)
          .set('If-Match', `"${(closed.body as CycleBody).version}"`)
          .send({ name: 'x' }),
        409,
        'illegal-cycle-move',
      );
      expect(closedEdit.allowed).toEqual([]);
      const actions: { action: string }[] = await t.dataSource.query(
        `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at, action`,
        [cycle.id],
      );
      expect(actions.map((a) => a.action)).toEqual([
        'review-cycle.created',
        'review-cycle.opened',
        'review-cycle.closed',
      ]);
    });

    it('404 for a cycle that does not exist, 400 for a malformed id', async () => {
      const missing = '6f1c4d2e-0000-4000-8000-000000000001';
      expectProblem(await t.http().get(`${CYCLES}/${missing}`).set(hr), 404, 'review-cycle-not-found');
      expectProblem(await t.http().post(`${CYCLES}/${missing}/open`).set(hr), 404, 'review-cycle-not-found');
      expectProblem(await t.http().get(`${CYCLES}/not-a-uuid`).set(hr), 400, 'bad-request');
    });
  });

  describe('opening', () => {
    it('creates one review per in-scope active person with a role level, snapshotting the required skills; lists the left out', async () => {
      const root = await createUnit(t);
      const child = await createUnit(t, root);
      const elsewhere = await createUnit(t);
      const manager = await createPerson(t, { unitId: root, roleLevel: 'lead-data-scientist' });
      const scientist = await createPerson(t, {
        unitId: child,
        lineManagerId: manager,
        roleLevel: 'principal-data-scientist',
      });
      const developer = await createPerson(t, { unitId: child, lineManagerId: manager, roleLevel: 'senior-developer' });
      const noRole = await createPerson(t, { unitId: child, lineManagerId: manager, name: 'Aaron No-role' });
      await createPerson(t, { unitId: child, roleLevel: 'data-scientist', leavingDate: '2025-01-01' });
      await createPerson(t, { unitId: elsewhere, roleLevel: 'data-scientist' });

      const cycle = await create(root);
      const res = await t.http().post(`${CYCLES}/${cycle.id}/open`).set(hr);
      expect(res.status, res.text).toBe(200);
      const body = res.body as CycleBody;
      expect(body.figures).toMatchObject({ inScope: 4, reviews: 3, leftOut: 1, notStarted: 3, validated: 0 });
      expect(body.figuresScope).toBe('cycle');
      expect(body.leftOut).toEqual({
        count: 1,
        sample: [expect.objectContaining({ staffId: noRole, reason: 'no_role_level' })],
        href: `${CYCLES}/${cycle.id}/left-out`,
      });

      const reviews: { staff_id: string; role_level_id: string; role_level_slug: string; state: string }[] =
        await t.dataSource.query(
          'SELECT staff_id, role_level_id, role_level_slug, state FROM skill_reviews WHERE cycle_id = $1',
          [cycle.id],
        );
      expect(reviews.map((r) => r.staff_id).sort()).toEqual([manager, scientist, developer].sort());
      for (const review of reviews) {
        const expected = await requiredSkills(t, review.role_level_id);
        const rated: { skill_id: string; required_level: number }[] = await t.dataSource.query(
          `SELECT x.skill_id, x.required_level FROM skill_review_ratings x JOIN skill_reviews r ON r.id = x.review_id
            WHERE r.cycle_id = $1 AND r.staff_id = $2`,
          [cycle.id, review.staff_id],
        );
        expect(rated.length).toBeGreaterThan(0);
        expect(rated.map((r) => [r.skill_id, r.required_level]).sort()).toEqual(
          expected.map((s) => [s.skillId, s.requiredLevel]).sort(),
        );
      }

      const leftOut = await t.http().get(`${CYCLES}/${cycle.id}/left-out`).query({ limit: 1 }).set(hr);
      expect(leftOut.status, leftOut.text).toBe(200);
      expect(leftOut.body).toEqual({
        items: [expect.objectContaining({ staffId: noRole, fullName: 'Aaron No-role', reason: 'no_role_level' })],
        nextCursor: null,
      });
      expectProblem(await t.http().get(`${CYCLES}/${cycle.id}/left-out`).set(staff), 403, 'forbidden');
    });

    it('refuses a second open cycle covering the same people (409 naming the overlap); a disjoint one opens', async () => {
      const root = await createUnit(t);
      const teamA = await createUnit(t, root);
      const teamB = await createUnit(t, root);
      await createPerson(t, { unitId: teamA, roleLevel: 'data-scientist' });
      await createPerson(t, { unitId: teamA });
      await createPerson(t, { unitId: teamB, roleLevel: 'senior-developer' });

      const first = await openCycle(t, hr, teamA);
      const wide = await create(root);
      const problem = expectProblem(
        await t.http().post(`${CYCLES}/${wide.id}/open`).set(hr),
        409,
        'overlapping-review-cycles',
      );
      expect(problem.overlaps).toEqual([{ cycleId: first, cycleName: expect.any(String), staffCount: 2 }]);
      expect(problem.detail).toContain(first);
      const still: { state: string }[] = await t.dataSource.query('SELECT state FROM review_cycles WHERE id = $1', [
        wide.id,
      ]);
      expect(still[0]!.state).toBe('draft');
      const none: unknown[] = await t.dataSource.query('SELECT 1 FROM skill_reviews WHERE cycle_id = $1', [wide.id]);
      expect(none).toHaveLength(0);

      await openCycle(t, hr, teamB);
      expect((await t.http().post(`${CYCLES}/${first}/close`).set(hr)).status).toBe(200);
      const overlapB = expectProblem(
        await t.http().post(`${CYCLES}/${wide.id}/open`).set(hr),
        409,
        'overlapping-review-cycles',
      );
      expect((overlapB.overlaps as unknown[]).length).toBe(1);
    });
  });

  describe('concurrent openings', () => {
    it('opens only one of two overlapping cycles opened at the same moment', async () => {
      const unitId = await createUnit(t);
      for (let i = 0; i < 5; i++) await createPerson(t, { unitId, roleLevel: 'data-scientist' });
      const [a, b] = [await create(unitId), await create(unitId)];
      const answers = await Promise.all([a, b].map((c) => t.http().post(`${CYCLES}/${c.id}/open`).set(hr)));
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const reviews: { n: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM skill_reviews WHERE cycle_id = ANY($1::uuid[])`,
        [[a.id, b.id]],
      );
      expect(reviews[0]!.n).toBe(5);
    });
  });

  describe('a closed cycle is frozen', () => {
    it('refuses every write to its reviews and keeps its results whatever happens to the role or manager', async () => {
      const unitId = await createUnit(t);
      const manager = await createPerson(t, { unitId, roleLevel: 'lead-data-scientist' });
      const person = await createPerson(t, { unitId, lineManagerId: manager, roleLevel: 'data-scientist' });
      const me = await userFor(t, ['staff'], person);
      const boss = await userFor(t, ['staff'], manager);
      const cycleId = await openCycle(t, hr, unitId);
      const reviewId = await reviewOf(t, cycleId, person);
      const url = `${API}/skill-reviews/${reviewId}`;

      const read = (await t.http().get(url).set(me)).body as ReviewBody;
      const ratings = read.skills.map((s) => ({ skillId: s.skillId, level: 2 }));
      const saved = await t
        .http()
        .put(`${url}/self-assessment`)
        .set(me)
        .set('If-Match', `"${read.version}"`)
        .send({ ratings });
      expect(saved.status, saved.text).toBe(200);
      expect((await t.http().post(`${url}/submit`).set(me)).status).toBe(200);
      expect((await t.http().post(`${CYCLES}/${cycleId}/close`).set(hr)).status).toBe(200);
      const before = (await t.http().get(url).set(me)).body as ReviewBody;
      expect(before).toMatchObject({ state: 'self_assessed', cycleState: 'closed' });
      const v = `"${before.version}"`;
      expectProblem(
        await t.http().put(`${url}/self-assessment`).set(me).set('If-Match', v).send({ ratings }),
        409,
        'review-cycle-closed',
      );
      expectProblem(await t.http().post(`${url}/submit`).set(me), 409, 'review-cycle-closed');
      expectProblem(
        await t.http().put(`${url}/validation`).set(boss).set('If-Match', v).send({ ratings }),
        409,
        'review-cycle-closed',
      );
      expectProblem(
        await t.http().post(`${url}/return`).set(boss).send({ reason: 'Late' }),
        409,
        'review-cycle-closed',
      );
      expectProblem(
        await t.http().put(`${url}/validation`).set(admin).set('If-Match', v).send({ ratings }),
        409,
        'review-cycle-closed',
      );

      await assignRole(t, person, 'principal-data-scientist', '2026-01-01');
      await t.dataSource.query('UPDATE staff SET line_manager_id = NULL WHERE id = $1', [person]);
      const after = (await t.http().get(url).set(me)).body as ReviewBody;
      expect(after).toEqual(before);
      expect((await t.http().get(`${API}/me/skills-review`).set(me)).status).toBe(404);
    });
  });

  describe('reading cycles', () => {
    it('lists cycles newest first with filters and keyset pages; figures follow what the reader may see', async () => {
      const unitId = await createUnit(t);
      const manager = await createPerson(t, { unitId, roleLevel: 'lead-data-scientist' });
      await createPerson(t, { unitId, lineManagerId: manager, roleLevel: 'data-scientist' });
      await createPerson(t, { unitId, roleLevel: 'senior-developer' });
      const cycleId = await openCycle(t, hr, unitId);
      const draft = await create(unitId);

      const page1 = await t.http().get(CYCLES).query({ unitId, limit: 1 }).set(staff);
      expect(page1.status, page1.text).toBe(200);
      const p1 = page1.body as { items: CycleBody[]; nextCursor: string };
      expect(p1.items.map((c) => c.id)).toEqual([draft.id]);
      const page2 = await t.http().get(CYCLES).query({ unitId, limit: 1, cursor: p1.nextCursor }).set(staff);
      expect((page2.body as { items: CycleBody[]; nextCursor: null }).items.map((c) => c.id)).toEqual([cycleId]);
      expect((page2.body as { nextCursor: null }).nextCursor).toBeNull();
      const open = await t.http().get(CYCLES).query({ unitId, state: 'open' }).set(hr);
      expect((open.body as { items: CycleBody[] }).items.map((c) => c.id)).toEqual([cycleId]);

      const whole = (await t.http().get(`${CYCLES}/${cycleId}`).set(hr)).body as CycleBody;
      expect(whole.figures).toMatchObject({ inScope: 3, reviews: 3, leftOut: 0 });
      const managerView = (
        await t
          .http()
          .get(`${CYCLES}/${cycleId}`)
          .set(await userFor(t, ['staff'], manager))
      ).body as CycleBody;
      expect(managerView.figuresScope).toBe('visible');
      expect(managerView.figures).toMatchObject({ inScope: null, leftOut: null, reviews: 2, notStarted: 2 });
      const hop = (
        await t
          .http()
          .get(`${CYCLES}/${cycleId}`)
          .set(await userFor(t, ['head_of_profession'], null, ['software-development']))
      ).body as CycleBody;
      expect(hop.figures).toMatchObject({ reviews: 1 });
    });
  });
});
