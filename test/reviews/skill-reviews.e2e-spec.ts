import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { expectProblem } from '../support/problems.js';
import {
  API,
  createPerson,
  createUnit,
  openCycle,
  reviewOf,
  userFor,
  type Auth,
  type ReviewBody,
} from './review-fixtures.js';

const REVIEWS = `${API}/skill-reviews`;

type Skill = ReviewBody['skills'][number];

/**
 *   head ── manager ─┬─ reviewee (data scientist)
 *                    └─ peer (developer)
 *   outsider (same unit, nobody's report); heads of profession for data and software development
 */
describe('skill reviews', () => {
  let t: TestApp;
  let cycleId: string;
  const id = {} as Record<'head' | 'manager' | 'reviewee' | 'peer' | 'outsider', string>;
  const as = {} as Record<
    'head' | 'manager' | 'reviewee' | 'peer' | 'outsider' | 'hopData' | 'hopDev' | 'hr' | 'admin' | 'unlinked',
    Auth
  >;
  let revieweeReview: string;
  let peerReview: string;

  beforeAll(async () => {
    t = await createTestApp();
    const unitId = await createUnit(t);
    id.head = await createPerson(t, { unitId, roleLevel: 'principal-data-scientist', name: 'Hana Head' });
    id.manager = await createPerson(t, {
      unitId,
      lineManagerId: id.head,
      roleLevel: 'lead-data-scientist',
      name: 'Max Manager',
    });
    id.reviewee = await createPerson(t, {
      unitId,
      lineManagerId: id.manager,
      roleLevel: 'data-scientist',
      name: 'Rae Reviewee',
    });
    id.peer = await createPerson(t, { unitId, lineManagerId: id.manager, roleLevel: 'developer', name: 'Pat Peer' });
    id.outsider = await createPerson(t, { unitId, roleLevel: 'developer', name: 'Olu Outsider' });
    for (const who of ['head', 'manager', 'reviewee', 'peer', 'outsider'] as const) {
      as[who] = await userFor(t, ['staff'], id[who]);
    }
    as.hopData = await userFor(t, ['head_of_profession'], null, ['data']);
    as.hopDev = await userFor(t, ['head_of_profession'], null, ['software-development']);
    as.hr = await userFor(t, ['hr'], null);
    as.admin = await userFor(t, ['admin'], null);
    as.unlinked = await userFor(t, ['staff'], null);
    cycleId = await openCycle(t, as.hr, unitId);
    revieweeReview = await reviewOf(t, cycleId, id.reviewee);
    peerReview = await reviewOf(t, cycleId, id.peer);
  });
  afterAll(async () => t.close());

  const read = async (reviewId: string, auth: Auth): Promise<ReviewBody> => {
    const res = await t.http().get(`${REVIEWS}/${reviewId}`).set(auth);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.etag).toBe(`"${(res.body as ReviewBody).version}"`);
    return res.body as ReviewBody;
  };
  const selfAssess = (reviewId: string, auth: Auth, version: number, body: object) =>
    t.http().put(`${REVIEWS}/${reviewId}/self-assessment`).set(auth).set('If-Match', `"${version}"`).send(body);
  const validate = (reviewId: string, auth: Auth, version: number, body: object) =>
    t.http().put(`${REVIEWS}/${reviewId}/validation`).set(auth).set('If-Match', `"${version}"`).send(body);
  const required = (review: ReviewBody): Skill[] => review.skills.filter((s) => s.required);

  it('shows the reviewee their review: every required skill, the text of each level, the development statement', async () => {
    const res = await t.http().get(`${API}/me/skills-review`).set(as.reviewee);
    expect(res.status, res.text).toBe(200);
    const review = res.body as ReviewBody & { statement: string; roleLevel: { slug: string }; cycleState: string };
    expect(review).toMatchObject({ id: revieweeReview, state: 'not_started', cycleState: 'open' });
    expect(review.roleLevel.slug).toBe('data-scientist');
    expect(review.statement).toMatch(/development/);
    expect(review.statement).toMatch(/never.*pay or performance/);
    expect(review.skills.length).toBeGreaterThan(0);
    for (const skill of review.skills) {
      expect(skill).toMatchObject({ required: true, selfLevel: null, validatedLevel: null });
      expect(skill.requiredLevel).toBeGreaterThanOrEqual(1);
      expect(skill.levels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
      expect(skill.levels.some((l) => typeof l.text === 'string' && l.text.length > 0)).toBe(true);
    }
    expectProblem(await t.http().get(`${API}/me/skills-review`).set(as.unlinked), 404, 'skill-review-not-found');
    expectProblem(await t.http().get(`${API}/me/skills-review`).set(as.hr), 404, 'skill-review-not-found');
  });

  it('keeps reviews to the reviewee, their reporting chain, the heads of their family and HR (404 otherwise)', async () => {
    for (const who of ['reviewee', 'manager', 'head', 'hopData', 'hr', 'admin'] as const) {
      await read(revieweeReview, as[who]);
    }
    for (const who of ['peer', 'outsider', 'hopDev', 'unlinked'] as const) {
      expectProblem(await t.http().get(`${REVIEWS}/${revieweeReview}`).set(as[who]), 404, 'skill-review-not-found');
    }
    expectProblem(await t.http().get(`${REVIEWS}/${randomUUID()}`).set(as.admin), 404, 'skill-review-not-found');
  });

  it('lists what each reader may see, keyset-paged, with filters', async () => {
    const ids = async (auth: Auth, query: Record<string, string | number> = {}): Promise<string[]> => {
      const res = await t
        .http()
        .get(REVIEWS)
        .query({ cycleId, ...query })
        .set(auth);
      expect(res.status, res.text).toBe(200);
      return (res.body as { items: { id: string }[] }).items.map((i) => i.id);
    };
    const headOwn = await reviewOf(t, cycleId, id.head);
    const managerOwn = await reviewOf(t, cycleId, id.manager);
    expect(await ids(as.manager)).toEqual([managerOwn, peerReview, revieweeReview]);
    expect(await ids(as.head)).toEqual([headOwn, managerOwn, peerReview, revieweeReview]);
    expect(await ids(as.hopData)).toEqual([headOwn, managerOwn, revieweeReview]);
    expect(await ids(as.hopDev)).toEqual([await reviewOf(t, cycleId, id.outsider), peerReview]);
    expect(await ids(as.peer)).toEqual([peerReview]);
    expect(await ids(as.unlinked)).toEqual([]);
    expect((await ids(as.hr)).length).toBe(5);

    const first = await t.http().get(REVIEWS).query({ cycleId, limit: 2 }).set(as.hr);
    const page1 = first.body as { items: { id: string }[]; nextCursor: string };
    const second = await t.http().get(REVIEWS).query({ cycleId, limit: 2, cursor: page1.nextCursor }).set(as.hr);
    const page2 = second.body as { items: { id: string }[]; nextCursor: string | null };
    expect([...page1.items, ...page2.items].map((i) => i.id)).toEqual((await ids(as.hr)).slice(0, 4));
    expect(await ids(as.hr, { state: 'validated' })).toEqual([]);
    expect(await ids(as.hr, { unitId: randomUUID() })).toEqual([]);
    expectProblem(await t.http().get(REVIEWS).query({ state: 'finished' }).set(as.hr), 400, 'validation-failed');
  });

  it('refuses a self-assessment that does not fit, changing nothing', async () => {
    const review = await read(revieweeReview, as.reviewee);
    const [firstSkill, ...rest] = required(review);
    const all = required(review).map((s) => ({ skillId: s.skillId, level: 2 }));
    const url = `${REVIEWS}/${revieweeReview}/self-assessment`;
    expectProblem(await t.http().put(url).set(as.reviewee).send({ ratings: all }), 428, 'precondition-required');
    expectProblem(
      await selfAssess(revieweeReview, as.reviewee, review.version + 5, { ratings: all }),
      412,
      'precondition-failed',
    );
    expectProblem(
      await selfAssess(revieweeReview, as.reviewee, review.version, {
        ratings: [{ skillId: firstSkill!.skillId, level: 5 }],
      }),
      400,
      'validation-failed',
    );
    expectProblem(
      await selfAssess(revieweeReview, as.reviewee, review.version, {
        ratings: all.map((r) => ({ ...r, evidence: 'x'.repeat(2001) })),
      }),
      400,
      'validation-failed',
    );
    const missing = expectProblem(
      await selfAssess(revieweeReview, as.reviewee, review.version, {
        ratings: rest.map((s) => ({ skillId: s.skillId, level: 1 })),
      }),
      422,
      'ratings-invalid',
    );
    expect(missing.errors).toEqual([{ field: firstSkill!.skillSlug, message: 'required skill not rated' }]);
    const stranger = randomUUID();
    const unknown = expectProblem(
      await selfAssess(revieweeReview, as.reviewee, review.version, {
        ratings: [...all, { skillId: stranger, level: 1 }],
      }),
      422,
      'ratings-invalid',
    );
    expect(unknown.detail).toContain(stranger);
    const extra = expectProblem(
      await selfAssess(revieweeReview, as.reviewee, review.version, {
        ratings: all,
        extraSkills: [{ skillId: stranger, level: 1 }],
      }),
      422,
      'ratings-invalid',
    );
    expect(extra.detail).toContain(stranger);
    const after = await read(revieweeReview, as.reviewee);
    expect(after).toEqual(review);
  });

  it('lets only the reviewee rate and submit; a submit moves on only from a saved self-assessment', async () => {
    const review = await read(revieweeReview, as.reviewee);
    const ratings = required(review).map((s) => ({ skillId: s.skillId, level: 1 }));
    for (const who of ['manager', 'head', 'hr', 'admin'] as const) {
      expectProblem(await selfAssess(revieweeReview, as[who], review.version, { ratings }), 403, 'not-reviewee');
      expectProblem(await t.http().post(`${REVIEWS}/${revieweeReview}/submit`).set(as[who]), 403, 'not-reviewee');
    }
    for (const who of ['peer', 'outsider', 'unlinked'] as const) {
      expectProblem(
        await selfAssess(revieweeReview, as[who], review.version, { ratings }),
        404,
        'skill-review-not-found',
      );
    }
    expectProblem(await selfAssess(revieweeReview, as.hopData, review.version, { ratings }), 403, 'not-reviewee');
    const early = expectProblem(
      await t.http().post(`${REVIEWS}/${revieweeReview}/submit`).set(as.reviewee),
      409,
      'illegal-review-move',
    );
    expect(early).toMatchObject({ state: 'not_started', allowed: ['save'] });
  });

  it('runs the review: save → submit → return → save → submit → validate, flagging 2+ apart for calibration', async () => {
    let review = await read(revieweeReview, as.reviewee);
    const skills = required(review);
    const extraSkill: { id: string }[] = await t.dataSource.query(
      `SELECT sk.id FROM skills sk JOIN review_cycles c ON c.id = $1 AND sk.version_id = c.framework_version_id
        WHERE sk.id <> ALL($2::uuid[]) ORDER BY sk.slug LIMIT 1`,
      [cycleId, skills.map((s) => s.skillId)],
    );
    const selfLevels = skills.map((_, i) => i % 5);
    const saved = await selfAssess(revieweeReview, as.reviewee, review.version, {
      ratings: skills.map((s, i) => ({
        skillId: s.skillId,
        level: selfLevels[i],
        evidence: i === 0 ? 'Built the model' : null,
      })),
      extraSkills: [{ skillId: extraSkill[0]!.id, level: 3, evidence: 'Side project' }],
    });
    expect(saved.status, saved.text).toBe(200);
    review = saved.body as ReviewBody;
    expect(review).toMatchObject({ state: 'in_progress', version: 2 });
    expect(review.skills.map((s) => s.selfLevel)).toEqual([...selfLevels, 3]);
    expect(review.skills.at(-1)).toMatchObject({ skillId: extraSkill[0]!.id, required: false, requiredLevel: null });

    const submitted = await t.http().post(`${REVIEWS}/${revieweeReview}/submit`).set(as.reviewee);
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body).toMatchObject({ state: 'self_assessed', submittedAt: expect.any(String) });
    const again = expectProblem(
      await t.http().post(`${REVIEWS}/${revieweeReview}/submit`).set(as.reviewee),
      409,
      'illegal-review-move',
    );
    expect(again.allowed).toEqual(['save', 'validate', 'return']);

    // Who may not validate or return: the reviewee (403), the chain above the line manager, HR and heads of
    // profession (403), anyone who cannot see the review (404).
    review = submitted.body as ReviewBody;
    const agreed = review.skills.map((s, i) => ({
      skillId: s.skillId,
      level: (i * 3) % 5,
      comment: i === 0 ? 'Agreed' : null,
    }));
    expectProblem(
      await validate(revieweeReview, as.reviewee, review.version, { ratings: agreed }),
      403,
      'self-validation',
    );
    for (const who of ['head', 'hr', 'hopData'] as const) {
      const res = await validate(revieweeReview, as[who], review.version, { ratings: agreed });
      expect(res.status, res.text).toBe(403);
    }
    expectProblem(
      await validate(revieweeReview, as.peer, review.version, { ratings: agreed }),
      404,
      'skill-review-not-found',
    );
    expectProblem(
      await t.http().post(`${REVIEWS}/${revieweeReview}/return`).set(as.reviewee).send({ reason: 'x' }),
      403,
      'self-validation',
    );
    expectProblem(
      await t.http().post(`${REVIEWS}/${revieweeReview}/return`).set(as.head).send({ reason: 'x' }),
      403,
      'not-line-manager',
    );

    const returned = await t
      .http()
      .post(`${REVIEWS}/${revieweeReview}/return`)
      .set(as.manager)
      .send({ reason: 'Add evidence please' });
    expect(returned.status, returned.text).toBe(200);
    expect(returned.body).toMatchObject({ state: 'returned', returnReason: 'Add evidence please' });
    review = returned.body as ReviewBody;
    const onReturned = expectProblem(
      await validate(revieweeReview, as.manager, review.version, { ratings: agreed }),
      409,
      'illegal-review-move',
    );
    expect(onReturned.allowed).toEqual(['save', 'submit']);
    const resaved = await selfAssess(revieweeReview, as.reviewee, review.version, {
      ratings: skills.map((s, i) => ({ skillId: s.skillId, level: selfLevels[i], evidence: 'More evidence' })),
      extraSkills: [{ skillId: extraSkill[0]!.id, level: 3 }],
    });
    expect(resaved.body).toMatchObject({ state: 'returned' });
    expect((await t.http().post(`${REVIEWS}/${revieweeReview}/submit`).set(as.reviewee)).body).toMatchObject({
      state: 'self_assessed',
    });
    review = await read(revieweeReview, as.manager);

    const missing = expectProblem(
      await validate(revieweeReview, as.manager, review.version, { ratings: agreed.slice(1) }),
      422,
      'ratings-invalid',
    );
    expect(missing.errors).toEqual([{ field: review.skills[0]!.skillSlug, message: 'no agreed level' }]);
    const validated = await validate(revieweeReview, as.manager, review.version, { ratings: agreed });
    expect(validated.status, validated.text).toBe(200);
    const final = validated.body as ReviewBody & { validatedAt: string };
    expect(final.state).toBe('validated');
    expect(final.validatedAt).toEqual(expect.any(String));
    const selfAll = [...selfLevels, 3];
    expect(final.skills.map((s) => s.validatedLevel)).toEqual(agreed.map((a) => a.level));
    expect(final.skills.map((s) => s.flaggedForCalibration)).toEqual(
      agreed.map((a, i) => Math.abs(a.level - selfAll[i]!) >= 2),
    );
    expect(final.skills.some((s) => s.flaggedForCalibration)).toBe(true);

    // Validated: nothing moves any more.
    const late = expectProblem(
      await selfAssess(revieweeReview, as.reviewee, final.version, {
        ratings: skills.map((s) => ({ skillId: s.skillId, level: 1 })),
      }),
      409,
      'illegal-review-move',
    );
    expect(late).toMatchObject({ state: 'validated', allowed: [] });
    expectProblem(
      await validate(revieweeReview, as.manager, final.version, { ratings: agreed }),
      409,
      'illegal-review-move',
    );
    expectProblem(
      await t.http().post(`${REVIEWS}/${revieweeReview}/return`).set(as.manager).send({ reason: 'x' }),
      409,
      'illegal-review-move',
    );
    expectProblem(
      await t.http().post(`${REVIEWS}/${revieweeReview}/submit`).set(as.reviewee),
      409,
      'illegal-review-move',
    );

    const audit: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at, id`,
      [revieweeReview],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'skill-review.self-assessed',
      'skill-review.submitted',
      'skill-review.returned',
      'skill-review.self-assessed',
      'skill-review.submitted',
      'skill-review.validated',
    ]);
    const cycle = await t.http().get(`${API}/review-cycles/${cycleId}`).set(as.hr);
    expect(cycle.body).toMatchObject({ figures: { validated: 1, flaggedForCalibration: 1, notStarted: 4 } });
  });

  it('takes one of two self-assessments sent at the same version; the other is 412', async () => {
    const review = await read(peerReview, as.peer);
    const body = { ratings: required(review).map((s) => ({ skillId: s.skillId, level: 1 })) };
    const answers = await Promise.all([
      selfAssess(peerReview, as.peer, review.version, body),
      selfAssess(peerReview, as.peer, review.version, body),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 412]);
    expect((await read(peerReview, as.peer)).version).toBe(review.version + 1);
  });

  it('lets an admin validate any review but their own', async () => {
    let review = await read(peerReview, as.peer);
    const saved = await selfAssess(peerReview, as.peer, review.version, {
      ratings: required(review).map((s) => ({ skillId: s.skillId, level: 2 })),
    });
    expect(saved.status, saved.text).toBe(200);
    expect((await t.http().post(`${REVIEWS}/${peerReview}/submit`).set(as.peer)).status).toBe(200);
    review = await read(peerReview, as.admin);
    const res = await validate(peerReview, as.admin, review.version, {
      ratings: review.skills.map((s) => ({ skillId: s.skillId, level: 4 })),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ state: 'validated' });
    expect((res.body as ReviewBody).skills.every((s) => s.flaggedForCalibration)).toBe(true);

    // An admin who is also staff may not validate their own review.
    const unitId = await createUnit(t);
    const adminStaff = await createPerson(t, { unitId, roleLevel: 'developer' });
    const adminSelf = await userFor(t, ['admin', 'staff'], adminStaff);
    const cycle = await openCycle(t, as.hr, unitId);
    const own = await reviewOf(t, cycle, adminStaff);
    const mine = await read(own, adminSelf);
    expect(
      (
        await selfAssess(own, adminSelf, mine.version, {
          ratings: required(mine).map((s) => ({ skillId: s.skillId, level: 3 })),
        })
      ).status,
    ).toBe(200);
    const submitted = (await t.http().post(`${REVIEWS}/${own}/submit`).set(adminSelf)).body as ReviewBody;
    expectProblem(
      await validate(own, adminSelf, submitted.version, {
        ratings: submitted.skills.map((s) => ({ skillId: s.skillId, level: 3 })),
      }),
      403,
      'self-validation',
    );
  });
});
