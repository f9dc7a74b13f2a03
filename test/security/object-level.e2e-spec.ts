import type { Role } from '@capability/auth';
import { today } from '@capability/workforce';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import {
  canAssignRoles,
  canEdit,
  canManageItem,
  canReachPlan,
  canRecordInclusion,
  canSee,
  canSeeApplication,
  canSeeCampaign,
  canSeeCandidate,
  canSeeEstablishment,
  canSeeVacancy,
  canVerifyLearning,
  insertPrimaryRole,
  insertStaff,
  resultsVisible,
  seesBlind,
  UNIT_SQL,
  type Organisation,
  type PolicyActor,
  type PolicyCampaign,
  type PolicyPerson,
  type PolicyPlan,
  type PolicyVacancy,
} from './policy.js';

/**
 * Object-level authorisation (OWASP API1): random (actor, target) pairs over a small organisation, checked
 * against the policy functions in ./policy.ts. Outside what the actor may see: 404 staff-not-found, never
 * a 403 that would tell them the record exists; and nothing changes (version, rows, audit trail).
 *
 *   M ── A ── A2            (line management, two levels)
 *   N ── B
 *   C, hopP, hopQ, hrSelf   (no line manager)
 *   families (current primary role): A, B, hopP: data; A2, hopQ: software development; N: product and delivery
 */
const STAFF = '/api/v1/staff';
// eslint-disable-next-line n/no-process-env -- a bigger run locally or nightly: FUZZ_RUNS=1000
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = 42;

const PEOPLE = ['M', 'A', 'A2', 'N', 'B', 'C', 'hopP', 'hopQ', 'hrSelf'] as const;
type Person = (typeof PEOPLE)[number];
const MANAGER: Partial<Record<Person, Person>> = { A: 'M', A2: 'A', B: 'N' };
const ROLE_LEVEL: Partial<Record<Person, { slug: string; family: string }>> = {
  A: { slug: 'senior-data-engineer', family: 'data' },
  B: { slug: 'lead-data-scientist', family: 'data' },
  hopP: { slug: 'lead-data-scientist', family: 'data' },
  A2: { slug: 'senior-developer', family: 'software-development' },
  hopQ: { slug: 'senior-developer', family: 'software-development' },
  N: { slug: 'delivery-manager', family: 'product-and-delivery' },
};

interface ActorSpec {
  roles: Role[];
  staff: Person | null;
  roleFamilies?: string[];
}
const ACTORS: Record<string, ActorSpec> = {
  'M (manages A, and A2 through A)': { roles: ['staff'], staff: 'M' },
  'A (manages A2)': { roles: ['staff'], staff: 'A' },
  A2: { roles: ['staff'], staff: 'A2' },
  'N (manages B)': { roles: ['staff'], staff: 'N' },
  B: { roles: ['staff'], staff: 'B' },
  C: { roles: ['staff'], staff: 'C' },
  'staff user without a record': { roles: ['staff'], staff: null },
  'HoP data': { roles: ['head_of_profession', 'staff'], staff: 'hopP', roleFamilies: ['data'] },
  'HoP software development': {
    roles: ['head_of_profession'],
    staff: 'hopQ',
    roleFamilies: ['software-development'],
  },
  hr: { roles: ['hr'], staff: 'hrSelf' },
  admin: { roles: ['admin'], staff: null },
};
const ACTOR_NAMES = Object.keys(ACTORS);

describe('object-level access to staff records', () => {
  let t: TestApp;
  const id = {} as Record<Person, string>;
  const auth = {} as Record<string, { Authorization: string }>;
  const userIds = {} as Record<string, string>;
  const policyActor = {} as Record<string, PolicyActor>;
  let org: Organisation;
  let neutralLevels: string[];
  let departmentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const dept = randomUUID();
    const team = randomUUID();
    await t.dataSource.query(UNIT_SQL, [dept, team, 'OLD', 'OLT']);
    for (const p of PEOPLE) {
      const manager = MANAGER[p];
      id[p] = await insertStaff(t, p, team, manager ? id[manager] : null);
      const level = ROLE_LEVEL[p];
      if (level) await insertPrimaryRole(t, id[p], level.slug);
    }
    const people = new Map<string, PolicyPerson>();
    for (const p of PEOPLE) {
      const manager = MANAGER[p];
      people.set(id[p], {
        id: id[p],
        lineManagerId: manager ? id[manager] : null,
        family: ROLE_LEVEL[p]?.family ?? null,
      });
    }
    org = people;
    for (const [name, spec] of Object.entries(ACTORS)) {
      const staffId = spec.staff ? id[spec.staff] : null;
      const roleFamilies = spec.roleFamilies ?? [];
      const signed = await signedIn(t, { roles: spec.roles, staffId, roleFamilies });
      auth[name] = signed.auth;
      userIds[name] = signed.user.id;
      policyActor[name] = { roles: spec.roles, staffId, roleFamilies };
    }
    departmentId = dept;
    neutralLevels = (
      await t.dataSource.query<{ slug: string }[]>(
        `SELECT rl.slug FROM role_levels rl JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
           JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id
         WHERE rf.slug NOT IN ('data', 'software-development') ORDER BY rl.slug LIMIT 5`,
      )
    ).map((r) => r.slug);
  });
  afterAll(async () => t?.close());

  /** An export is audited just after its stream ends: wait for it, so later tests count a settled audit trail. */
  const audited = async (action: string, requestId: unknown): Promise<void> => {
    await expect
      .poll(
        async () =>
          (
            await t.dataSource.query<unknown[]>(`SELECT 1 FROM audit_events WHERE action = $1 AND request_id = $2`, [
              action,
              requestId,
            ])
          ).length,
        { timeout: 2000, interval: 20 },
      )
      .toBe(1);
  };

  const pairs = fc.tuple(fc.constantFrom(...ACTOR_NAMES), fc.constantFrom(...PEOPLE));
  const options = { seed: SEED, numRuns: RUNS };

  const state = async (person: Person): Promise<string> => {
    const [row] = await t.dataSource.query<{ s: string }[]>(
      `SELECT (SELECT row(s.*)::text FROM staff s WHERE s.id = $1)
           || (SELECT count(*) FROM role_assignments WHERE staff_id = $1)
           || '/' || (SELECT count(*) FROM inclusion_assessments WHERE staff_id = $1)
           || '/' || (SELECT count(*) FROM audit_events) AS s`,
      [id[person]],
    );
    return row!.s;
  };

  it('the policy functions read the organisation as drawn', () => {
    const see = (actor: string, p: Person): boolean => canSee(org, policyActor[actor]!, id[p]);

    expect(PEOPLE.filter((p) => see('M (manages A, and A2 through A)', p))).toEqual(['M', 'A', 'A2']);
    expect(PEOPLE.filter((p) => see('A (manages A2)', p))).toEqual(['A', 'A2']);
    expect(PEOPLE.filter((p) => see('HoP data', p))).toEqual(['A', 'B', 'hopP']);
    expect(PEOPLE.filter((p) => see('HoP software development', p))).toEqual(['A2', 'hopQ']);
    expect(PEOPLE.filter((p) => see('staff user without a record', p))).toEqual([]);
    expect(PEOPLE.filter((p) => see('hr', p))).toEqual([...PEOPLE]);
  });

  it('GET /staff/:id: 200 where the policy lets the actor see, else 404 staff-not-found', async () => {
    await fc.assert(
      fc.asyncProperty(pairs, async ([actor, target]) => {
        const res = await t.http().get(`${STAFF}/${id[target]}`).set(auth[actor]!);
        if (canSee(org, policyActor[actor]!, id[target])) {
          expect(res.status, `${actor} reading ${target}`).toBe(200);
          expect(res.body.id).toBe(id[target]);
        } else {
          expectProblem(res, 404, 'staff-not-found');
        }
      }),
      options,
    );
  });

  it('GET /staff/:staffId/role-assignments follows the same policy', async () => {
    await fc.assert(
      fc.asyncProperty(pairs, async ([actor, target]) => {
        const res = await t.http().get(`${STAFF}/${id[target]}/role-assignments`).set(auth[actor]!);
        if (canSee(org, policyActor[actor]!, id[target])) {
          expect(res.status, `${actor} reading ${target}'s roles`).toBe(200);
          for (const item of res.body.items as { staffId: string }[]) expect(item.staffId).toBe(id[target]);
        } else {
          expectProblem(res, 404, 'staff-not-found');
        }
      }),
      options,
    );
  });

  it('PATCH /staff/:id: 200 where the policy lets the actor edit; else 404 (or 403 where they may only see), nothing changed', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(pairs, async ([actor, target]) => {
        const [row] = await t.dataSource.query<{ version: number }[]>('SELECT version FROM staff WHERE id = $1', [
          id[target],
        ]);
        const before = await state(target);
        const res = await t
          .http()
          .patch(`${STAFF}/${id[target]}`)
          .set(auth[actor]!)
          .set('If-Match', `"${row!.version}"`)
          .send({ fullName: `${target} ${++n}` });
        const who = policyActor[actor]!;
        if (canEdit(org, who, id[target])) {
          expect(res.status, `${actor} changing ${target}: ${res.text}`).toBe(200);
          expect(res.body.version).toBe(row!.version + 1);
          return;
        }
        if (canSee(org, who, id[target])) expectProblem(res, 403, 'staff-not-editable');
        else expectProblem(res, 404, 'staff-not-found');
        expect(await state(target), `${actor} changing ${target} changed something`).toBe(before);
      }),
      options,
    );
  });

  it('POST /staff/:staffId/role-assignments: HR and admins only; nothing changes for anyone else', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(pairs, async ([actor, target]) => {
        const before = await state(target);
        const res = await t
          .http()
          .post(`${STAFF}/${id[target]}/role-assignments`)
          .set(auth[actor]!)
          .send({ roleLevelSlug: neutralLevels[++n % neutralLevels.length], isPrimary: false });
        if (canAssignRoles(policyActor[actor]!)) {
          expect(res.status, `${actor} giving ${target} a role: ${res.text}`).toBe(201);
          expect(res.body.staffId).toBe(id[target]);
          return;
        }
        // Function level: refused whatever the target, so the answer says nothing about it.
        expectProblem(res, 403, 'forbidden');
        expect(await state(target)).toBe(before);
      }),
      options,
    );
  });

  it('GET /staff/:staffId/inclusion-assessments follows the same policy', async () => {
    await fc.assert(
      fc.asyncProperty(pairs, async ([actor, target]) => {
        const res = await t.http().get(`${STAFF}/${id[target]}/inclusion-assessments`).set(auth[actor]!);
        if (canSee(org, policyActor[actor]!, id[target])) {
          expect(res.status, `${actor} reading ${target}'s inclusion`).toBe(200);
          for (const item of res.body.items as { staffId: string }[]) expect(item.staffId).toBe(id[target]);
        } else {
          expectProblem(res, 404, 'staff-not-found');
        }
      }),
      options,
    );
  });

  it('POST /staff/:staffId/inclusion-assessments: the person, their line (assisted) and HR; 403 where only seen, else 404; nothing changed', async () => {
    await fc.assert(
      fc.asyncProperty(pairs, async ([actor, target]) => {
        const before = await state(target);
        const res = await t
          .http()
          .post(`${STAFF}/${id[target]}/inclusion-assessments`)
          .set(auth[actor]!)
          .send({ level: 7 });
        const who = policyActor[actor]!;
        if (canRecordInclusion(org, who, id[target])) {
          expect(res.status, `${actor} assessing ${target}: ${res.text}`).toBe(201);
          expect(res.body).toMatchObject({
            staffId: id[target],
            method: who.staffId === id[target] ? 'self' : 'assisted',
          });
          return;
        }
        if (canSee(org, who, id[target])) expectProblem(res, 403, 'assessment-not-allowed');
        else expectProblem(res, 404, 'staff-not-found');
        expect(await state(target), `${actor} assessing ${target} changed something`).toBe(before);
      }),
      options,
    );
  });

  describe('records of learning', () => {
    const RECORDS = '/api/v1/learning-records';
    const recordOf = async (person: Person): Promise<string> => {
      const [row] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO learning_records (staff_id, title, completed_on, hours, evidence_note)
         VALUES ($1, 'Object learning', current_date, 2, 'Attended') RETURNING id`,
        [id[person]],
      );
      return row!.id;
    };
    const recordState = async (recordId: string): Promise<string> => {
      const [row] = await t.dataSource.query<{ s: string }[]>(
        `SELECT coalesce((SELECT row(r.*)::text FROM learning_records r WHERE r.id = $1), 'gone')
             || '/' || (SELECT count(*) FROM audit_events) AS s`,
        [recordId],
      );
      return row!.s;
    };

    const records = {} as Record<Person, string>;
    beforeAll(async () => {
      for (const p of PEOPLE) records[p] = await recordOf(p);
    });

    it('GET /learning-records/:id and GET /staff/:staffId/learning-records follow the staff policy', async () => {
      await fc.assert(
        fc.asyncProperty(pairs, async ([actor, target]) => {
          const one = await t.http().get(`${RECORDS}/${records[target]}`).set(auth[actor]!);
          const list = await t.http().get(`${STAFF}/${id[target]}/learning-records`).set(auth[actor]!);
          if (canSee(org, policyActor[actor]!, id[target])) {
            expect(one.status, `${actor} reading ${target}'s record`).toBe(200);
            expect(list.status).toBe(200);
            expect((list.body.items as { id: string }[]).map((r) => r.id)).toContain(records[target]);
            for (const item of list.body.items as { staffId: string }[]) expect(item.staffId).toBe(id[target]);
          } else {
            expectProblem(one, 404, 'learning-record-not-found');
            expectProblem(list, 404, 'staff-not-found');
          }
        }),
        options,
      );
    });

    it.each(ACTOR_NAMES)("GET /learning-records lists exactly the others' records %s may see", async (actor) => {
      const who = policyActor[actor]!;
      const expected = PEOPLE.filter((p) => id[p] !== who.staffId && canSee(org, who, id[p])).map((p) => id[p]);
      const seen = new Set<string>();
      let cursor: string | null = null;
      do {
        const res = await t
          .http()
          .get(`${RECORDS}?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
          .set(auth[actor]!);
        expect(res.status).toBe(200);
        for (const r of res.body.items as { staffId: string }[]) seen.add(r.staffId);
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      expect([...seen].sort()).toEqual(expected.sort());
    });

    it('POST /learning-records/:id/verify: the line above and HR, never the person; 403 where only seen, else 404; nothing changed', async () => {
      await fc.assert(
        fc.asyncProperty(pairs, async ([actor, target]) => {
          const recordId = await recordOf(target);
          const before = await recordState(recordId);
          const res = await t.http().post(`${RECORDS}/${recordId}/verify`).set(auth[actor]!);
          const who = policyActor[actor]!;
          if (canVerifyLearning(org, who, id[target])) {
            expect(res.status, `${actor} verifying ${target}'s record: ${res.text}`).toBe(200);
            expect(res.body).toMatchObject({ state: 'verified' });
            return;
          }
          if (who.staffId === id[target]) expectProblem(res, 403, 'self-verification');
          else if (canSee(org, who, id[target])) expectProblem(res, 403, 'not-in-line-management-chain');
          else expectProblem(res, 404, 'learning-record-not-found');
          expect(await recordState(recordId), `${actor} verifying ${target}'s record changed something`).toBe(before);
        }),
        options,
      );
    });

    it('PATCH and DELETE /learning-records/:id: the owner only; 403 where only seen, else 404; nothing changed', async () => {
      await fc.assert(
        fc.asyncProperty(pairs, fc.boolean(), async ([actor, target], remove) => {
          const recordId = await recordOf(target);
          const before = await recordState(recordId);
          const req = remove
            ? t.http().delete(`${RECORDS}/${recordId}`)
            : t.http().patch(`${RECORDS}/${recordId}`).send({ hours: 3 });
          const res = await req.set(auth[actor]!).set('If-Match', '"1"');
          const who = policyActor[actor]!;
          if (who.staffId === id[target]) {
            expect(res.status, `${actor} changing their own record: ${res.text}`).toBe(remove ? 204 : 200);
            return;
          }
          if (canSee(org, who, id[target])) expectProblem(res, 403, 'not-record-owner');
          else expectProblem(res, 404, 'learning-record-not-found');
          expect(await recordState(recordId), `${actor} changing ${target}'s record changed something`).toBe(before);
        }),
        options,
      );
    });

    it('POST /staff/:staffId/learning-records: the person, their line and HR; 403 where only seen, else 404', async () => {
      await fc.assert(
        fc.asyncProperty(pairs, async ([actor, target]) => {
          const [before] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM learning_records');
          const res = await t
            .http()
            .post(`${STAFF}/${id[target]}/learning-records`)
            .set(auth[actor]!)
            .send({ title: 'Object learning', completedOn: '2025-06-02', hours: 2, evidenceNote: 'Attended' });
          const who = policyActor[actor]!;
          if (canRecordInclusion(org, who, id[target])) {
            expect(res.status, `${actor} recording for ${target}: ${res.text}`).toBe(201);
            expect(res.body).toMatchObject({ staffId: id[target], state: 'submitted' });
            return;
          }
          if (canSee(org, who, id[target])) expectProblem(res, 403, 'learning-recording-not-allowed');
          else expectProblem(res, 404, 'staff-not-found');
          const [after] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM learning_records');
          expect(after!.n).toBe(before!.n);
        }),
        options,
      );
    });
  });

  describe('capability action plans', () => {
    const PLANS = '/api/v1/action-plans';
    /** Whom a plan covers: the department (everyone here is in its team), or a family, with a mentee it covers. */
    const SCOPES = {
      unit: { family: null, mentee: 'B' },
      data: { family: 'data', mentee: 'A' },
      'software-development': { family: 'software-development', mentee: 'A2' },
      'product-and-delivery': { family: 'product-and-delivery', mentee: 'N' },
    } as const satisfies Record<string, { family: string | null; mentee: Person }>;
    type ScopeName = keyof typeof SCOPES;
    /** The plan's owner: one of the actors, or a user who is none of them. */
    const OWNERS = [...ACTOR_NAMES, 'nobody'];
    let nobodyUserId: string;

    beforeAll(async () => {
      nobodyUserId = (await signedIn(t, { roles: ['staff'] })).user.id;
    });

    const ownerId = (owner: string): string => (owner === 'nobody' ? nobodyUserId : userIds[owner]!);

    /** A plan (draft or active) with a priority and a free-text action, made with SQL so no actor's rights help. */
    const newPlan = async (
      scope: ScopeName,
      owner: string,
      status: 'draft' | 'active' = 'draft',
    ): Promise<{ planId: string; priorityId: string; actionId: string; policy: PolicyPlan }> => {
      const family = SCOPES[scope].family;
      const [plan] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO action_plans (title, unit_id, role_family_slug, owner_user_id, starts_on, ends_on, status, activated_at)
         VALUES ('Object plan', $1, $2, $3, current_date - 30, current_date + 300, $4::varchar,
                 CASE WHEN $4 = 'active' THEN now() END) RETURNING id`,
        [family ? null : departmentId, family, ownerId(owner), status],
      );
      const [priority] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO action_plan_priorities (plan_id, target_kind, target_value, due_on)
         VALUES ($1, 'inclusion-share', 60, current_date + 200) RETURNING id`,
        [plan!.id],
      );
      const [action] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO action_plan_actions (priority_id, kind, description, owner, due_on)
         VALUES ($1, 'text', 'Object action', 'Object owner', current_date + 100) RETURNING id`,
        [priority!.id],
      );
      return {
        planId: plan!.id,
        priorityId: priority!.id,
        actionId: action!.id,
        policy: { ownerUserId: ownerId(owner), roleFamilySlug: family },
      };
    };

    /** The plan, its priorities, actions, people and pairs, and the size of the audit trail. */
    const planState = async (planId: string): Promise<string> => {
      const [row] = await t.dataSource.query<{ s: string }[]>(
        `SELECT coalesce((SELECT row(p.*)::text FROM action_plans p WHERE p.id = $1), 'gone')
             || '/' || (SELECT count(*) FROM action_plan_priorities WHERE plan_id = $1)
             || '/' || coalesce((SELECT string_agg(row(a.*)::text, ',' ORDER BY a.id) FROM action_plan_actions a
                                   JOIN action_plan_priorities pr ON pr.id = a.priority_id WHERE pr.plan_id = $1), '')
             || '/' || (SELECT count(*) FROM action_plan_action_pairs x JOIN action_plan_actions a ON a.id = x.action_id
                          JOIN action_plan_priorities pr ON pr.id = a.priority_id WHERE pr.plan_id = $1)
             || '/' || (SELECT count(*) FROM audit_events) AS s`,
        [planId],
      );
      return row!.s;
    };

    const planPairs = fc.tuple(
      fc.constantFrom(...ACTOR_NAMES),
      fc.constantFrom(...OWNERS),
      fc.constantFrom(...(Object.keys(SCOPES) as ScopeName[])),
    );

    it('the policy function reads the plans as the access policy says', () => {
      const reach = (actor: string, owner: string, scope: ScopeName): boolean =>
        canReachPlan(policyActor[actor]!, userIds[actor]!, {
          ownerUserId: ownerId(owner),
          roleFamilySlug: SCOPES[scope].family,
        });
      expect(reach('hr', 'nobody', 'unit')).toBe(true);
      expect(reach('admin', 'C', 'product-and-delivery')).toBe(true);
      expect(reach('HoP data', 'nobody', 'data')).toBe(true);
      expect(reach('HoP data', 'nobody', 'unit')).toBe(false);
      expect(reach('HoP data', 'nobody', 'software-development')).toBe(false);
      expect(reach('C', 'C', 'unit')).toBe(true);
      expect(reach('M (manages A, and A2 through A)', 'A (manages A2)', 'data')).toBe(false);
    });

    it('GET a plan and its progress, PATCH it, add priorities and actions, edit an action: where the policy lets the actor reach the plan; else 404, nothing changed', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(planPairs, async ([actor, owner, scope]) => {
          const { planId, priorityId, actionId, policy } = await newPlan(scope, owner);
          const before = await planState(planId);
          const as = auth[actor]!;
          const calls = [
            t.http().get(`${PLANS}/${planId}`).set(as),
            t.http().get(`${PLANS}/${planId}/progress`).set(as),
            t
              .http()
              .patch(`${PLANS}/${planId}`)
              .set(as)
              .set('If-Match', '"1"')
              .send({ title: `Renamed ${++n}` }),
            t
              .http()
              .post(`${PLANS}/${planId}/priorities`)
              .set(as)
              .set('Idempotency-Key', randomUUID())
              .send({ targetKind: 'inclusion-share', targetValue: 70, dueOn: today() }),
            t
              .http()
              .post(`${PLANS}/${planId}/priorities/${priorityId}/actions`)
              .set(as)
              .set('Idempotency-Key', randomUUID())
              .send({
                kind: 'shadowing',
                pairs: [{ mentorStaffId: id.M, menteeStaffId: id[SCOPES[scope].mentee] }],
                description: 'Shadowing',
                owner: 'Object owner',
                dueOn: today(),
              }),
            t
              .http()
              .patch(`${PLANS}/${planId}/actions/${actionId}`)
              .set(as)
              .set('If-Match', '"1"')
              .send({ status: 'done' }),
          ];
          const reach = canReachPlan(policyActor[actor]!, userIds[actor]!, policy);
          const expected = [200, 200, 200, 201, 201, 200];
          for (const [i, call] of calls.entries()) {
            const res = await call;
            if (reach) {
              expect(res.status, `${actor} on ${owner}'s ${scope} plan, call ${i}: ${res.text}`).toBe(expected[i]);
            } else expectProblem(res, 404, 'action-plan-not-found');
          }
          if (!reach) expect(await planState(planId), `${actor} on ${owner}'s ${scope} plan changed it`).toBe(before);
        }),
        options,
      );
    });

    it('activate and close: where the policy lets the actor reach the plan; else 404, nothing changed', async () => {
      await fc.assert(
        fc.asyncProperty(planPairs, fc.boolean(), async ([actor, owner, scope], closing) => {
          const { planId, policy } = await newPlan(scope, owner, closing ? 'active' : 'draft');
          const before = await planState(planId);
          const res = await t
            .http()
            .post(`${PLANS}/${planId}/${closing ? 'close' : 'activate'}`)
            .set(auth[actor]!);
          if (canReachPlan(policyActor[actor]!, userIds[actor]!, policy)) {
            expect(res.status, `${actor} on ${owner}'s ${scope} plan: ${res.text}`).toBe(200);
            expect(res.body).toMatchObject({ status: closing ? 'closed' : 'active' });
            return;
          }
          expectProblem(res, 404, 'action-plan-not-found');
          expect(await planState(planId)).toBe(before);
        }),
        options,
      );
    });

    it.each(ACTOR_NAMES)('GET /action-plans lists exactly the plans the policy lets %s reach', async (actor) => {
      const made: { planId: string; policy: PolicyPlan }[] = [];
      for (const scope of Object.keys(SCOPES) as ScopeName[]) {
        for (const owner of [actor, 'nobody']) made.push(await newPlan(scope, owner));
      }
      const seen = new Set<string>();
      let cursor: string | null = null;
      do {
        const res = await t
          .http()
          .get(`${PLANS}?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
          .set(auth[actor]!);
        expect(res.status).toBe(200);
        for (const plan of res.body.items as { id: string }[]) seen.add(plan.id);
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      for (const { planId, policy } of made) {
        expect(seen.has(planId), `${actor}: ${JSON.stringify(policy)}`).toBe(
          canReachPlan(policyActor[actor]!, userIds[actor]!, policy),
        );
      }
    });

    it('a plan out of reach answers exactly as one that does not exist (status, type, title, detail)', async () => {
      const { planId } = await newPlan('data', 'nobody');
      const shape = async (target: string, path: string) => {
        const res = await t.http().get(`${PLANS}/${target}${path}`).set(auth.C!);
        const body = res.body as Record<string, unknown>;
        return JSON.stringify([res.status, body.type, body.title, body.detail]).replaceAll(target, '<id>');
      };
      const missing = randomUUID();
      for (const path of ['', '/progress']) expect(await shape(planId, path)).toBe(await shape(missing, path));
    });
  });

  it('a pulse is answered once by each member of staff it was sent to, and by no one else', async () => {
    const [pulse] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO pulses (title, statements, unit_id, state, opens_on, closes_on)
       SELECT 'Object pulse', '["S"]', unit_id, 'open', current_date, current_date + 1 FROM staff WHERE id = $1
       RETURNING id`,
      [id.M],
    );
    for (const actor of ACTOR_NAMES) {
      const answer = () =>
        t
          .http()
          .post(`/api/v1/pulses/${pulse!.id}/responses`)
          .set(auth[actor]!)
          .send({ ratings: [3] });
      if (policyActor[actor]!.staffId) {
        expect((await answer()).status, actor).toBe(201);
        expectProblem(await answer(), 409, 'pulse-already-answered');
      } else {
        expectProblem(await answer(), 404, 'pulse-not-found');
      }
    }
    const [counts] = await t.dataSource.query<{ answers: number; respondents: number }[]>(
      `SELECT (SELECT count(*)::int FROM pulse_answers WHERE pulse_id = $1) AS answers,
              (SELECT count(*)::int FROM pulse_respondents WHERE pulse_id = $1) AS respondents`,
      [pulse!.id],
    );
    const staffActors = ACTOR_NAMES.filter((a) => policyActor[a]!.staffId).length;
    expect(counts).toEqual({ answers: staffActors, respondents: staffActors });
  });

  it('a record out of scope answers exactly as one that does not exist (status, type, title, detail)', async () => {
    const shape = async (path: string, target: string, method: 'get' | 'patch' = 'get') => {
      const req = t.http()[method](`${STAFF}/${target}${path}`).set(auth.C!);
      const res = await (method === 'patch' ? req.set('If-Match', '"1"').send({ fullName: 'x' }) : req);
      const body = res.body as Record<string, unknown>;
      return JSON.stringify([res.status, body.type, body.title, body.detail]).replaceAll(target, '<id>');
    };
    const missing = randomUUID();
    for (const [path, method] of [
      ['', 'get'],
      ['/role-assignments', 'get'],
      ['/inclusion-assessments', 'get'],
      ['', 'patch'],
    ] as const) {
      expect(await shape(path, id.B, method), `${method} ${path}`).toBe(await shape(path, missing, method));
    }
  });

  it.each(ACTOR_NAMES)('GET /staff lists exactly what the policy lets %s see', async (actor) => {
    const res = await t.http().get(`${STAFF}?limit=100`).set(auth[actor]!);

    expect(res.status).toBe(200);
    const expected = PEOPLE.filter((p) => canSee(org, policyActor[actor]!, id[p])).map((p) => id[p]);
    expect((res.body.items as { id: string }[]).map((s) => s.id).sort()).toEqual(expected.sort());
  });

  it.each(ACTOR_NAMES)('the CSV export holds exactly what the policy lets %s see', async (actor) => {
    const res = await t.http().get(`${STAFF}/export.csv`).set(auth[actor]!);

    expect(res.status).toBe(200);
    await audited('staff.exported', res.headers['x-request-id']);
    const numbers = res.text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    const expected = PEOPLE.filter((p) => canSee(org, policyActor[actor]!, id[p])).map((p) => `N-${p}`);
    expect(numbers.sort()).toEqual(expected.sort());
  });

  it.each(ACTOR_NAMES)('a filtered list (by line manager, by family) never widens what %s sees', async (actor) => {
    const visible = new Set(PEOPLE.filter((p) => canSee(org, policyActor[actor]!, id[p])).map((p) => id[p]));
    for (const query of [`lineManagerId=${id.M}`, `lineManagerId=${id.N}`, 'roleFamily=data', 'q=A']) {
      const res = await t.http().get(`${STAFF}?limit=100&${query}`).set(auth[actor]!);
      expect(res.status, query).toBe(200);
      for (const item of res.body.items as { id: string }[]) expect(visible.has(item.id), query).toBe(true);
    }
  });

  describe('user administration and the audit trail: admins only', () => {
    it.each(ACTOR_NAMES)('%s', async (actor) => {
      const admin = policyActor[actor]!.roles.includes('admin');
      const [target] = await t.dataSource.query<{ id: string; version: number }[]>(
        `SELECT id, version FROM users ORDER BY created_at LIMIT 1`,
      );
      const usersBefore = await t.dataSource.query<unknown[]>(`SELECT * FROM users ORDER BY id`);
      const [audit] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_events`);
      const requests = [
        t.http().get('/api/v1/users').set(auth[actor]!),
        t.http().get(`/api/v1/users/${target!.id}`).set(auth[actor]!),
        t.http().get('/api/v1/audit-events').set(auth[actor]!),
      ];
      for (const res of await Promise.all(requests)) {
        if (admin) expect(res.status).toBe(200);
        else expectProblem(res, 403, 'forbidden');
      }
      if (admin) return;
      const writes = [
        await t
          .http()
          .post('/api/v1/users')
          .set(auth[actor]!)
          .send({ email: `${randomUUID()}@department.example`, displayName: 'Sneaky', roles: ['admin'] }),
        await t
          .http()
          .patch(`/api/v1/users/${target!.id}`)
          .set(auth[actor]!)
          .set('If-Match', `"${target!.version}"`)
          .send({ roles: ['admin'] }),
      ];
      for (const res of writes) expectProblem(res, 403, 'forbidden');
      expect(await t.dataSource.query(`SELECT * FROM users ORDER BY id`)).toEqual(usersBefore);
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`)).toEqual([audit]);
    });
  });

  describe("a review cycle's results export", () => {
    let cycleId: string;
    beforeAll(async () => {
      const created = await t
        .http()
        .post('/api/v1/review-cycles')
        .set(auth.hr!)
        .send({ name: 'Object-level cycle', unitId: departmentId, opensOn: '2026-04-01', closesOn: '2026-06-30' })
        .expect(201);
      cycleId = (created.body as { id: string }).id;
      await t.http().post(`/api/v1/review-cycles/${cycleId}/open`).set(auth.hr!).expect(200);
    });

    it.each(ACTOR_NAMES)('holds exactly the reviews the policy lets %s export', async (actor) => {
      const res = await t.http().get(`/api/v1/review-cycles/${cycleId}/results.csv`).set(auth[actor]!);
      const reviewed = PEOPLE.filter((p) => ROLE_LEVEL[p]);
      const verdicts = reviewed.map((p) => resultsVisible(policyActor[actor]!, ROLE_LEVEL[p]!.family));
      if (verdicts.every((v) => v === null)) {
        expectProblem(res, 403, 'forbidden');
        return;
      }
      expect(res.status).toBe(200);
      await audited('review-cycle.results-exported', res.headers['x-request-id']);
      const numbers = new Set(
        res.text
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => line.split(',')[0]),
      );
      const expected = reviewed.filter((_, i) => verdicts[i]).map((p) => `N-${p}`);
      expect([...numbers].sort()).toEqual(expected.sort());
    });
  });

  describe('learning items: who manages which', () => {
    const ITEMS = '/api/v1/learning-items';
    /** Item name → the families (current version) whose roles need each of its skills. */
    const items: Record<string, { id: string; skillFamilies: string[][] }> = {};

    beforeAll(async () => {
      const skillIn = async (family: string, other: string): Promise<{ slug: string; families: string[] }> => {
        const [row] = await t.dataSource.query<{ slug: string; families: string[] }[]>(
          `WITH uses AS (
             SELECT sk.slug, rf.slug AS family FROM skill_requirements sr JOIN role_levels rl ON rl.id = sr.role_level_id
               JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id
               JOIN skills sk ON sk.id = sr.skill_id JOIN framework_versions v ON v.id = sr.version_id AND v.is_current
             UNION
             SELECT sk.slug, rf.slug FROM role_skills rs JOIN roles r ON r.id = rs.role_id
               JOIN role_families rf ON rf.id = r.role_family_id JOIN skills sk ON sk.id = rs.skill_id
               JOIN framework_versions v ON v.id = r.version_id AND v.is_current
           )
           SELECT slug, array_agg(family ORDER BY family) AS families FROM uses GROUP BY slug
           HAVING $1 = ANY(array_agg(family)) AND NOT $2 = ANY(array_agg(family)) ORDER BY slug LIMIT 1`,
          [family, other],
        );
        return row!;
      };
      const data = await skillIn('data', 'software-development');
      const dev = await skillIn('software-development', 'data');
      const specs: Record<string, { slug: string; families: string[] }[]> = {
        'data skill': [data],
        'software development skill': [dev],
        'both skills': [data, dev],
        'no skill': [],
      };
      let n = 0;
      for (const [name, skills] of Object.entries(specs)) {
        const res = await t
          .http()
          .post(ITEMS)
          .set(auth.hr!)
          .send({
            code: `OL-ITEM-${++n}`,
            title: `Object-level item: ${name}`,
            providerKind: 'in_house',
            providerName: 'Object-level team',
            format: 'course',
            skills: skills.map((s) => ({ slug: s.slug, level: 1 })),
          })
          .expect(201);
        items[name] = { id: (res.body as { id: string }).id, skillFamilies: skills.map((s) => s.families) };
      }
    });

    it.each(ACTOR_NAMES)('%s reads every item and changes exactly those the policy lets them manage', async (actor) => {
      for (const [name, item] of Object.entries(items)) {
        const read = await t.http().get(`${ITEMS}/${item.id}`).set(auth[actor]!).expect(200);
        const version = (read.body as { version: number }).version;
        const before = await t.dataSource.query(
          `SELECT row(i.*)::text AS row, (SELECT count(*) FROM audit_events) AS audit FROM learning_items i WHERE id = $1`,
          [item.id],
        );
        const res = await t
          .http()
          .patch(`${ITEMS}/${item.id}`)
          .set(auth[actor]!)
          .set('If-Match', `"${version}"`)
          .send({ description: `Changed by ${actor}` });
        const verdict = canManageItem(policyActor[actor]!, item.skillFamilies);
        if (verdict === true) {
          expect(res.status, `${actor} / ${name}: ${res.text}`).toBe(200);
          continue;
        }
        expectProblem(res, 403, verdict === null ? 'forbidden' : 'learning-item-not-manageable');
        const after = await t.dataSource.query(
          `SELECT row(i.*)::text AS row, (SELECT count(*) FROM audit_events) AS audit FROM learning_items i WHERE id = $1`,
          [item.id],
        );
        expect(after, `${actor} / ${name}`).toEqual(before);
      }
    });
  });
  describe('insights: aggregates only over what the reader may reach', () => {
    /** The role families of the people an actor reaches in aggregate (everyone but themselves they may see). */
    const reach = (name: string): Set<string> =>
      new Set(
        PEOPLE.filter((p) => id[p] !== policyActor[name]!.staffId && canSee(org, policyActor[name]!, id[p]))
          .map((p) => ROLE_LEVEL[p]?.family)
          .filter((f): f is string => !!f),
      );
    const FAMILIES = ['data', 'software-development', 'product-and-delivery'];
    const period = () => ({ from: today().slice(0, 8) + '01', to: today(), interval: 'month' });

    it("GET /insights/workforce: family rows only from the reader's reach; 403 when they reach no one", async () => {
      for (const name of ACTOR_NAMES) {
        const res = await t.http().get('/api/v1/insights/workforce').query(period()).set(auth[name]!);
        const families = reach(name);
        const isHop = policyActor[name]!.roles.includes('head_of_profession');
        if (families.size === 0 && !isHop) {
          expectProblem(res, 403, 'forbidden');
          continue;
        }
        expect(res.status, `${name}: ${res.text}`).toBe(200);
        const rows = (res.body as { families: { roleFamily: string }[] }).families.map((r) => r.roleFamily);
        for (const family of rows) expect(families.has(family), `${name} sees ${family}`).toBe(true);
        // HR and admins reach every family with people in post here, and see each.
        if (policyActor[name]!.roles.some((r) => r === 'hr' || r === 'admin')) {
          expect(new Set(rows)).toEqual(new Set(FAMILIES));
        }
      }
    });

    it("a family asked for outside a head of profession's families is refused by every report that takes one", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('HoP data', 'HoP software development'),
          fc.constantFrom(...FAMILIES),
          async (name, family) => {
            const theirs = policyActor[name]!.roleFamilies.includes(family);
            const asks: [string, Record<string, string>, string][] = [
              ['/api/v1/insights/workforce', { ...period(), roleFamily: family }, 'insights-people-family-not-allowed'],
              ['/api/v1/insights/inclusion', { roleFamily: family }, 'insights-people-family-not-allowed'],
              ['/api/v1/insights/learning', { roleFamily: family }, 'insights-people-family-not-allowed'],
            ];
            for (const [path, query, type] of asks) {
              const res = await t.http().get(path).query(query).set(auth[name]!);
              if (theirs) expect(res.status, `${name} ${path} ${family}: ${res.text}`).toBe(200);
              else expectProblem(res, 403, type);
            }
          },
        ),
        { seed: SEED, numRuns: Math.min(RUNS, 12) },
      );
    });
  });

  describe('recruitment planning: who sees which campaign, vacancy and establishment row', () => {
    /** Role levels by family (current framework). */
    const LEVELS = {
      data: 'senior-data-engineer',
      'software-development': 'senior-developer',
      delivery: 'delivery-manager',
    };
    type Family = keyof typeof LEVELS;
    const VACANCIES: Record<string, { family: Family; panel: string[] }> = {
      'data, A on the panel': { family: 'data', panel: ['A (manages A2)'] },
      'data, no panel': { family: 'data', panel: [] },
      'software development, C chairs with B': { family: 'software-development', panel: ['C', 'B'] },
      'delivery, no panel': { family: 'delivery', panel: [] },
    };
    const CAMPAIGNS: Record<string, { vacancies: string[]; gap: Family[] }> = {
      'data vacancies': { vacancies: ['data, A on the panel', 'data, no panel'], gap: [] },
      'software development vacancy, data gap': { vacancies: ['software development, C chairs with B'], gap: ['data'] },
      'software development gap only': { vacancies: [], gap: ['software-development'] },
      'delivery vacancy': { vacancies: ['delivery, no panel'], gap: [] },
      'nothing yet': { vacancies: [], gap: [] },
    };
    const ESTABLISHMENT: Family[] = ['data', 'software-development', 'delivery'];
    const ids = {
      vacancy: {} as Record<string, string>,
      campaign: {} as Record<string, string>,
      row: {} as Record<string, string>,
    };
    const policyVacancy = (name: string): PolicyVacancy => ({
      family: VACANCIES[name]!.family,
      panel: VACANCIES[name]!.panel.map((actor) => userIds[actor]!),
    });
    const policyCampaign = (name: string): PolicyCampaign => ({
      vacancies: CAMPAIGNS[name]!.vacancies.map(policyVacancy),
      gapFamilies: CAMPAIGNS[name]!.gap,
    });

    beforeAll(async () => {
      const levelId = async (family: Family): Promise<string> =>
        (
          await t.dataSource.query<{ id: string }[]>(
            `SELECT rl.id FROM role_levels rl JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
              WHERE rl.slug = $1`,
            [LEVELS[family]],
          )
        )[0]!.id;
      const [grade] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM grades WHERE code = 'HEO'`);
      const [owner] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM users ORDER BY created_at LIMIT 1`);
      for (const [name, spec] of Object.entries(CAMPAIGNS)) {
        const [campaign] = await t.dataSource.query<{ id: string }[]>(
          `INSERT INTO campaigns (title, kind, owner_user_id, starts_on, ends_on, target_hires, state, opened_at)
           VALUES ($1, 'specialist', $2, current_date - 10, current_date + 100, 2, 'open', now()) RETURNING id`,
          [name, owner!.id],
        );
        ids.campaign[name] = campaign!.id;
        for (const family of spec.gap) {
          await t.dataSource.query(
            'INSERT INTO campaign_gap_role_levels (campaign_id, role_level_id) VALUES ($1, $2)',
            [campaign!.id, await levelId(family)],
          );
        }
        for (const vacancy of spec.vacancies) {
          const [row] = await t.dataSource.query<{ id: string }[]>(
            `INSERT INTO vacancies (campaign_id, title, role_level_id, grade_id, unit_id, posts, salary_min, salary_max,
                                    closes_on, required_checks)
             VALUES ($1, $2, $3, $4, $5, 1, 30000, 35000, current_date + 20, ARRAY['right-to-work']) RETURNING id`,
            [campaign!.id, vacancy, await levelId(VACANCIES[vacancy]!.family), grade!.id, departmentId],
          );
          ids.vacancy[vacancy] = row!.id;
          for (const [i, member] of VACANCIES[vacancy]!.panel.entries()) {
            await t.dataSource.query(
              'INSERT INTO vacancy_panel_members (vacancy_id, user_id, is_chair) VALUES ($1, $2, $3)',
              [row!.id, userIds[member], i === 0],
            );
          }
        }
      }
      for (const family of ESTABLISHMENT) {
        const [row] = await t.dataSource.query<{ id: string }[]>(
          `INSERT INTO establishment_posts (unit_id, role_level_id, grade_id, funded_posts, starts_on)
           VALUES ($1, $2, $3, 2, '2026-04-01') RETURNING id`,
          [departmentId, await levelId(family), grade!.id],
        );
        ids.row[family] = row!.id;
      }
    });

    it.each(ACTOR_NAMES)('%s reads exactly the vacancies the policy lets them; the rest are 404', async (actor) => {
      const visible: string[] = [];
      for (const name of Object.keys(VACANCIES)) {
        const res = await t.http().get(`/api/v1/vacancies/${ids.vacancy[name]}`).set(auth[actor]!);
        if (canSeeVacancy(policyActor[actor]!, userIds[actor]!, policyVacancy(name))) {
          expect(res.status, `${actor} / ${name}`).toBe(200);
          visible.push(ids.vacancy[name]!);
        } else {
          expectProblem(res, 404, 'vacancy-not-found');
        }
      }
      const list = await t.http().get('/api/v1/vacancies?limit=100').set(auth[actor]!).expect(200);
      expect((list.body.items as { id: string }[]).map((v) => v.id).sort()).toEqual(visible.sort());
    });

    it.each(ACTOR_NAMES)('%s reads exactly the campaigns the policy lets them; the rest are 404', async (actor) => {
      const visible: string[] = [];
      for (const name of Object.keys(CAMPAIGNS)) {
        const res = await t.http().get(`/api/v1/campaigns/${ids.campaign[name]}`).set(auth[actor]!);
        if (canSeeCampaign(policyActor[actor]!, userIds[actor]!, policyCampaign(name))) {
          expect(res.status, `${actor} / ${name}`).toBe(200);
          visible.push(ids.campaign[name]!);
        } else {
          expectProblem(res, 404, 'campaign-not-found');
        }
      }
      const list = await t.http().get('/api/v1/campaigns?limit=100').set(auth[actor]!).expect(200);
      expect((list.body.items as { id: string }[]).map((c) => c.id).sort()).toEqual(visible.sort());
    });

    it.each(ACTOR_NAMES)('%s reads exactly the establishment rows the policy lets them', async (actor) => {
      const verdicts = ESTABLISHMENT.map((family) => canSeeEstablishment(policyActor[actor]!, family));
      const list = await t.http().get('/api/v1/establishment?limit=100').set(auth[actor]!);
      if (verdicts.every((v) => v === null)) {
        expectProblem(list, 403, 'forbidden');
        for (const family of ESTABLISHMENT) {
          expectProblem(
            await t.http().get(`/api/v1/establishment/${ids.row[family]}`).set(auth[actor]!),
            403,
            'forbidden',
          );
        }
        return;
      }
      expect(list.status).toBe(200);
      const expected = ESTABLISHMENT.filter((_, i) => verdicts[i]).map((f) => ids.row[f]!);
      expect((list.body.items as { id: string }[]).map((r) => r.id).sort()).toEqual(expected.sort());
      for (const [i, family] of ESTABLISHMENT.entries()) {
        const res = await t.http().get(`/api/v1/establishment/${ids.row[family]}`).set(auth[actor]!);
        if (verdicts[i]) expect(res.status, `${actor} / ${family}`).toBe(200);
        else expectProblem(res, 404, 'establishment-post-not-found');
      }
    });

    it('a campaign or vacancy out of reach answers exactly as one that does not exist', async () => {
      const shape = async (path: string, id: string) => {
        const res = await t.http().get(`${path}/${id}`).set(auth.C!);
        const body = res.body as Record<string, unknown>;
        return JSON.stringify([res.status, body.type, body.title, body.detail]).replaceAll(id, '<id>');
      };
      const missing = randomUUID();
      expect(await shape('/api/v1/vacancies', ids.vacancy['data, no panel']!)).toBe(
        await shape('/api/v1/vacancies', missing),
      );
      expect(await shape('/api/v1/campaigns', ids.campaign['delivery vacancy']!)).toBe(
        await shape('/api/v1/campaigns', missing),
      );
    });
  });

  describe('candidates and applications: who reads and scores which application, and whose record is whose', () => {
    const FAMILY_LEVEL = 'senior-data-engineer';
    /** Vacancies in the data family (so the data head of profession's families would reach them, and must not). */
    const PANELS: Record<string, string[]> = {
      'A on the panel': ['A (manages A2)'],
      'C chairs with B': ['C', 'B'],
      'HoP data on the panel': ['HoP data'],
      'no panel': [],
    };
    const STAGES = ['sift', 'interview'] as const;
    const application = {} as Record<string, Record<(typeof STAGES)[number], string>>;
    const candidate = {} as Record<string, string>;

    beforeAll(async () => {
      const [level] = await t.dataSource.query<{ id: string }[]>(
        `SELECT rl.id FROM role_levels rl JOIN framework_versions v ON v.id = rl.version_id AND v.is_current
          WHERE rl.slug = $1`,
        [FAMILY_LEVEL],
      );
      const [grade] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM grades WHERE code = 'HEO'`);
      const [owner] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM users ORDER BY created_at LIMIT 1`);
      const [campaign] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO campaigns (title, kind, owner_user_id, starts_on, ends_on, target_hires, state, opened_at)
         VALUES ('Pipeline campaign', 'graduate', $1, current_date - 10, current_date + 100, 2, 'open', now()) RETURNING id`,
        [owner!.id],
      );
      for (const [name, panel] of Object.entries(PANELS)) {
        const [vacancy] = await t.dataSource.query<{ id: string }[]>(
          `INSERT INTO vacancies (campaign_id, title, role_level_id, grade_id, unit_id, posts, salary_min, salary_max,
                                  closes_on, required_checks, state, opened_at)
           VALUES ($1, $2, $3, $4, $5, 1, 30000, 35000, current_date + 20, ARRAY['right-to-work'], 'open', now())
           RETURNING id`,
          [campaign!.id, name, level!.id, grade!.id, departmentId],
        );
        for (const [i, member] of panel.entries()) {
          await t.dataSource.query(
            'INSERT INTO vacancy_panel_members (vacancy_id, user_id, is_chair) VALUES ($1, $2, $3)',
            [vacancy!.id, userIds[member], i === 0],
          );
        }
        application[name] = {} as Record<(typeof STAGES)[number], string>;
        for (const stage of STAGES) {
          const [c] = await t.dataSource.query<{ id: string }[]>(
            `INSERT INTO candidates (full_name, email, channel, university)
             VALUES ($1, $2, 'job-board', 'Object University') RETURNING id`,
            [`Object Candidate ${name} ${stage}`, `object.${randomUUID()}@example.org`],
          );
          candidate[`${name} ${stage}`] = c!.id;
          const [a] = await t.dataSource.query<{ id: string }[]>(
            `INSERT INTO applications (candidate_id, vacancy_id, stage, stage_entered_at, applied_at)
             VALUES ($1, $2, $3, now(), now()) RETURNING id`,
            [c!.id, vacancy!.id, stage],
          );
          await t.dataSource.query(
            `INSERT INTO application_stage_moves (application_id, from_stage, to_stage, moved_at)
             SELECT $1::uuid, NULL, 'applied', now() UNION ALL SELECT $1::uuid, 'sift', 'interview', now() WHERE $2 = 'interview'`,
            [a!.id, stage],
          );
          application[name][stage] = a!.id;
        }
      }
    });

    const policyPanel = (name: string) => ({ panel: PANELS[name]!.map((actor) => userIds[actor]!) });

    it.each(ACTOR_NAMES)(
      '%s reads exactly the applications the policy lets them, name-blind where it says; the rest are 404',
      async (actor) => {
        const visible: string[] = [];
        for (const name of Object.keys(PANELS)) {
          for (const stage of STAGES) {
            const id = application[name]![stage];
            const res = await t.http().get(`/api/v1/applications/${id}`).set(auth[actor]!);
            if (canSeeApplication(policyActor[actor]!, userIds[actor]!, policyPanel(name))) {
              expect(res.status, `${actor} / ${name} / ${stage}`).toBe(200);
              const blind = seesBlind(policyActor[actor]!, stage);
              expect((res.body as { blind: boolean }).blind, `${actor} / ${name} / ${stage}`).toBe(blind);
              expect(res.text.includes(`Object Candidate ${name} ${stage}`)).toBe(!blind);
              visible.push(id);
            } else {
              expectProblem(res, 404, 'application-not-found');
            }
          }
        }
        const list = await t.http().get('/api/v1/applications?limit=100').set(auth[actor]!).expect(200);
        const listed = (list.body.items as { id: string }[]).map((a) => a.id);
        expect(
          listed.filter((id) => Object.values(application).some((a) => Object.values(a).includes(id))).sort(),
        ).toEqual(visible.sort());
      },
    );

    it.each(ACTOR_NAMES)(
      '%s scores exactly the applications the policy lets them; nothing changes otherwise',
      async (actor) => {
        for (const name of Object.keys(PANELS)) {
          const id = application[name]!.sift;
          const before = await t.dataSource.query<{ n: number }[]>(
            'SELECT count(*)::int AS n FROM application_scores WHERE application_id = $1',
            [id],
          );
          const res = await t
            .http()
            .put(`/api/v1/applications/${id}/scores/sift`)
            .set(auth[actor]!)
            .send({ behaviours: [{ behaviour: 'leadership', score: 4 }], technicalSkills: [] });
          if (canSeeApplication(policyActor[actor]!, userIds[actor]!, policyPanel(name))) {
            expect(res.status, `${actor} / ${name}`).toBe(200);
          } else {
            expectProblem(res, 404, 'application-not-found');
            const after = await t.dataSource.query<{ n: number }[]>(
              'SELECT count(*)::int AS n FROM application_scores WHERE application_id = $1',
              [id],
            );
            expect(after).toEqual(before);
          }
        }
      },
    );

    it.each(ACTOR_NAMES)('%s reads a candidate’s record only as HR or an admin (404 otherwise)', async (actor) => {
      const id = candidate['A on the panel interview']!;
      const res = await t.http().get(`/api/v1/candidates/${id}`).set(auth[actor]!);
      if (canSeeCandidate(policyActor[actor]!)) expect(res.status).toBe(200);
      else expectProblem(res, 404, 'candidate-not-found');
      const list = await t.http().get('/api/v1/candidates?limit=100').set(auth[actor]!).expect(200);
      expect((list.body.items as unknown[]).length > 0).toBe(canSeeCandidate(policyActor[actor]!));
    });

    it.each(ACTOR_NAMES)(
      '%s exports a candidate’s data only as HR or an admin (404 otherwise, even a panel member’s own applicant)',
      async (actor) => {
        const id = candidate['A on the panel interview']!;
        const res = await t.http().get(`/api/v1/candidates/${id}/export`).set(auth[actor]!);
        if (canSeeCandidate(policyActor[actor]!)) expect(res.status).toBe(200);
        else expectProblem(res, 404, 'candidate-not-found');
      },
    );

    it('an application or candidate out of reach answers exactly as one that does not exist', async () => {
      const shape = async (path: string, id: string) => {
        const res = await t.http().get(`${path}/${id}`).set(auth.C!);
        const body = res.body as Record<string, unknown>;
        return JSON.stringify([res.status, body.type, body.title, body.detail]).replaceAll(id, '<id>');
      };
      const missing = randomUUID();
      expect(await shape('/api/v1/applications', application['no panel']!.sift)).toBe(
        await shape('/api/v1/applications', missing),
      );
      expect(await shape('/api/v1/candidates', candidate['C chairs with B sift']!)).toBe(
        await shape('/api/v1/candidates', missing),
      );
      const exported = async (id: string) => {
        const res = await t.http().get(`/api/v1/candidates/${id}/export`).set(auth.C!);
        const body = res.body as Record<string, unknown>;
        return JSON.stringify([res.status, body.type, body.title, body.detail]).replaceAll(id, '<id>');
      };
      expect(await exported(candidate['C chairs with B sift']!)).toBe(await exported(missing));
    });
  });
});
