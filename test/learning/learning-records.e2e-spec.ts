import { Permission } from '@capability/auth';
import { RecordPermission } from '@capability/learning';
import { today } from '@capability/workforce';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

type Auth = { Authorization: string };
const API = '/api/v1';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const shiftDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

interface RecordBody {
  id: string;
  staffId: string;
  state: string;
  skills: string[];
  hours: number;
  completedOn: string;
  version: number;
  rejectReason: string | null;
  verifiedByUserId: string | null;
  recordedByUserId: string | null;
  learningItemId: string | null;
  hints: { type: string; href: string; message: string }[];
}

describe('records of learning', () => {
  let t: TestApp;
  let seq = 0;
  let unitId: string;
  // A chain: director → manager → member; a peer of the manager; a data engineer outside the chain; HR; a head of
  // profession for Data.
  let director: string;
  let manager: string;
  let member: string;
  let peer: string;
  let dataPerson: string;
  let skillSlugs: string[];
  let as: Record<'director' | 'manager' | 'member' | 'peer' | 'dataPerson' | 'hr' | 'hop' | 'noRecord', Auth>;
  let managerUserId: string;
  let memberUserId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const rows = await t.dataSource.query<{ slug: string }[]>(
      `SELECT sk.slug FROM skills sk JOIN framework_versions v ON v.id = sk.version_id AND v.is_current
        ORDER BY sk.slug LIMIT 3`,
    );
    skillSlugs = rows.map((r) => r.slug);
    expect(skillSlugs).toHaveLength(3);
  });
  afterAll(async () => t?.close());

  async function person(name: string, lineManagerId: string | null = null, startDate: string | null = null) {
    seq += 1;
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO staff (staff_number, full_name, unit_id, employment_type, line_manager_id, start_date)
       VALUES ($1, $2, $3, 'permanent', $4, $5) RETURNING id`,
      [`LR${seq}`, name, unitId, lineManagerId, startDate],
    );
    return row!.id;
  }

  async function item(
    overrides: {
      format?: string;
      inclusionPackage?: string | null;
      startsAt?: string;
      endsAt?: string;
      skills?: string[];
    } = {},
  ): Promise<string> {
    seq += 1;
    const isEvent = overrides.format === 'event';
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO learning_items (code, title, provider_kind, provider_name, format, hours, counts_towards_inclusion,
                                   inclusion_package, starts_at, ends_at, location)
       VALUES ($1, $2, 'civil_service_learning', 'Civil Service Learning', $3, 3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        `ITEM-${seq}`,
        `Item ${seq}`,
        overrides.format ?? 'course',
        (overrides.inclusionPackage ?? null) !== null,
        overrides.inclusionPackage ?? null,
        isEvent ? (overrides.startsAt ?? `${shiftDays(-10)}T09:00:00Z`) : null,
        isEvent ? (overrides.endsAt ?? `${shiftDays(-9)}T17:00:00Z`) : null,
        isEvent ? 'Leeds' : null,
      ],
    );
    for (const slug of overrides.skills ?? []) {
      await t.dataSource.query(`INSERT INTO learning_item_skills (item_id, skill_slug, level) VALUES ($1, $2, 2)`, [
        row!.id,
        slug,
      ]);
    }
    return row!.id;
  }

  beforeEach(async () => {
    await t.reset();
    unitId = randomUUID();
    await t.dataSource.query(
      `INSERT INTO organisation_units (id, code, name, type, path) VALUES ($1, 'LRD', 'Dept', 'department', ARRAY[$1]::uuid[])`,
      [unitId],
    );
    director = await person('Director');
    manager = await person('Manager', director);
    member = await person('Member', manager, '2025-01-06');
    peer = await person('Peer', director);
    dataPerson = await person('Data person');
    await t.dataSource.query(
      `INSERT INTO role_assignments (staff_id, role_level_id, is_primary, starts_on)
       SELECT $1, rl.id, true, '2024-01-01' FROM role_levels rl
         JOIN framework_versions v ON v.id = rl.version_id AND v.is_current WHERE rl.slug = 'senior-data-engineer'`,
      [dataPerson],
    );
    const managerUser = await signedIn(t, { staffId: manager });
    const memberUser = await signedIn(t, { staffId: member });
    managerUserId = managerUser.user.id;
    memberUserId = memberUser.user.id;
    as = {
      director: (await signedIn(t, { staffId: director })).auth,
      manager: managerUser.auth,
      member: memberUser.auth,
      peer: (await signedIn(t, { staffId: peer })).auth,
      dataPerson: (await signedIn(t, { staffId: dataPerson })).auth,
      hr: (await signedIn(t, { roles: ['hr'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: ['data'] })).auth,
      noRecord: (await signedIn(t)).auth,
    };
  });

  const external = (overrides: Record<string, unknown> = {}) => ({
    title: 'Introduction to Kubernetes',
    provider: 'Linux Foundation',
    skills: [skillSlugs[0]],
    completedOn: shiftDays(-3),
    hours: 7.5,
    evidenceUrl: 'https://learning.example/certificates/1',
    ...overrides,
  });
  const recordMine = (auth: Auth, body: Record<string, unknown>) =>
    t.http().post(`${API}/me/learning-records`).set(auth).send(body);
  const count = async (): Promise<number> =>
    (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM learning_records'))[0]!.n;
  async function created(auth: Auth, body: Record<string, unknown>): Promise<RecordBody> {
    const res = await recordMine(auth, body);
    expect(res.status, res.text).toBe(201);
    return res.body as RecordBody;
  }
  const get = (auth: Auth, id: string) => t.http().get(`${API}/learning-records/${id}`).set(auth);
  const act = (auth: Auth, id: string, action: 'verify' | 'resubmit') =>
    t.http().post(`${API}/learning-records/${id}/${action}`).set(auth);
  const reject = (auth: Auth, id: string, reason = 'The certificate link does not open') =>
    t.http().post(`${API}/learning-records/${id}/reject`).set(auth).send({ reason });

  it('keeps its permission names equal to auth', () => {
    expect(RecordPermission.Read).toBe(Permission.LearningRecordRead);
    expect(RecordPermission.Record).toBe(Permission.LearningRecordRecord);
    expect(RecordPermission.Verify).toBe(Permission.LearningRecordVerify);
  });

  describe('recording', () => {
    it('records external learning as submitted, audited, once per Idempotency-Key', async () => {
      const key = randomUUID();
      const first = await recordMine(as.member, external()).set('Idempotency-Key', key);
      expect(first.status, first.text).toBe(201);
      const body = first.body as RecordBody;
      expect(body).toMatchObject({
        staffId: member,
        state: 'submitted',
        skills: [skillSlugs[0]],
        hours: 7.5,
        learningItemId: null,
        recordedByUserId: memberUserId,
        hints: [],
      });
      expect(first.headers.etag).toBe(`"${body.version}"`);
      const again = await recordMine(as.member, external()).set('Idempotency-Key', key);
      expect(again.status).toBe(201);
      expect((again.body as RecordBody).id).toBe(body.id);
      expect(await count()).toBe(1);
      const audit = await auditRows(t, 'learning-record.created');
      expect(audit.map((a) => a.entity_id)).toEqual([body.id]);
      expect(audit[0]!.json).not.toContain('Kubernetes');
    });

    it('takes hours above 0 up to 1,000', async () => {
      for (const hours of [0, -1, 1000.01, 1.234]) {
        expectProblem(await recordMine(as.member, external({ hours })), 400, 'validation-failed');
      }
      expect((await created(as.member, external({ hours: 1000 }))).hours).toBe(1000);
      expect((await created(as.member, external({ hours: 0.25 }))).hours).toBe(0.25);
      expect(await count()).toBe(2);
    });

    it('refuses a date in the future or before the person joined, naming completedOn', async () => {
      const future = expectProblem(
        await recordMine(as.member, external({ completedOn: shiftDays(1) })),
        422,
        'learning-record-invalid',
      );
      expect(future.errors).toEqual([{ field: 'completedOn', message: `must be today (${today()}) or earlier` }]);
      const early = expectProblem(
        await recordMine(as.member, external({ completedOn: '2025-01-05' })),
        422,
        'learning-record-invalid',
      );
      expect(early.errors).toEqual([
        { field: 'completedOn', message: 'must not be before the person joined (2025-01-06)' },
      ]);
      expect((await created(as.member, external({ completedOn: '2025-01-06' }))).completedOn).toBe('2025-01-06');
      expect((await created(as.member, external({ completedOn: today() }))).completedOn).toBe(today());
      expectProblem(await recordMine(as.member, external({ completedOn: '2025-02-30' })), 400, 'validation-failed');
      expect(await count()).toBe(2);
    });

    it('names an unknown skill, and needs an item or a title and some evidence', async () => {
      const unknown = expectProblem(
        await recordMine(as.member, external({ skills: [skillSlugs[1], 'telepathy'] })),
        422,
        'learning-record-invalid',
      );
      expect(unknown.errors).toEqual([
        { field: 'skills', message: 'unknown skill "telepathy": not a skill of the current framework' },
      ]);
      const neither = expectProblem(
        await recordMine(as.member, external({ title: undefined })),
        422,
        'learning-record-invalid',
      );
      expect((neither.errors as { field: string }[]).map((e) => e.field)).toEqual(['title']);
      const noEvidence = expectProblem(
        await recordMine(as.member, external({ evidenceUrl: undefined })),
        422,
        'learning-record-invalid',
      );
      expect((noEvidence.errors as { field: string }[]).map((e) => e.field)).toEqual(['evidenceUrl']);
      const noItem = expectProblem(
        await recordMine(as.member, {
          ...external({ title: undefined, provider: undefined, skills: undefined }),
          learningItemId: UNKNOWN_ID,
        }),
        422,
        'learning-record-invalid',
      );
      expect((noItem.errors as { field: string }[]).map((e) => e.field)).toEqual(['learningItemId']);
      expectProblem(
        await recordMine(as.member, external({ evidenceUrl: 'javascript:alert(1)' })),
        400,
        'validation-failed',
      );
      expect(await count()).toBe(0);
      // A note alone is evidence enough.
      expect(
        (await created(as.member, external({ evidenceUrl: undefined, evidenceNote: 'Notes shared with the team' })))
          .state,
      ).toBe('submitted');
    });

    it("gives a catalogue item's record the item's skills, and refuses claims of its own", async () => {
      const itemId = await item({ skills: [skillSlugs[2]!, skillSlugs[1]!] });
      const body = await created(as.member, {
        learningItemId: itemId,
        completedOn: shiftDays(-1),
        hours: 3,
        evidenceNote: 'Completed online',
      });
      expect(body.skills).toEqual([skillSlugs[1], skillSlugs[2]].sort());
      expect(body.learningItemId).toBe(itemId);
      const claims = expectProblem(
        await recordMine(as.member, {
          learningItemId: itemId,
          title: 'x',
          completedOn: shiftDays(-1),
          hours: 3,
          evidenceNote: 'n',
        }),
        422,
        'learning-record-invalid',
      );
      expect((claims.errors as { field: string }[]).map((e) => e.field)).toEqual(['title']);
    });

    it('records event attendance on a day the event ran: never before it began, after it ended, or before it happened', async () => {
      // Two days, from 09:00 UTC ten days ago to 17:00 UTC nine days ago.
      const eventId = await item({ format: 'event', startsAt: `${shiftDays(-10)}T09:00:00Z` });
      const attend = (completedOn: string) =>
        recordMine(as.member, { learningItemId: eventId, completedOn, hours: 2, evidenceNote: 'Went' });
      const before = expectProblem(await attend(shiftDays(-11)), 422, 'learning-record-invalid');
      expect(before.errors).toEqual([
        { field: 'completedOn', message: `must not be before the event began (${shiftDays(-10)})` },
      ]);
      const after = expectProblem(await attend(shiftDays(-8)), 422, 'learning-record-invalid');
      expect(after.errors).toEqual([
        {
          field: 'completedOn',
          message: `must be a day the event ran (${shiftDays(-10)} to ${shiftDays(-9)}), not after it ended`,
        },
      ]);
      expect(await count()).toBe(0);
      const firstDay = await created(as.member, {
        learningItemId: eventId,
        completedOn: shiftDays(-10),
        hours: 2,
        evidenceNote: 'Went',
      });
      expect(firstDay.learningItemId).toBe(eventId);
      const read = await get(as.member, firstDay.id);
      expect((read.body as { learningItemFormat: string }).learningItemFormat).toBe('event');
      expect(
        (
          await created(as.member, {
            learningItemId: eventId,
            completedOn: shiftDays(-9),
            hours: 2,
            evidenceNote: 'Day two',
          })
        ).completedOn,
      ).toBe(shiftDays(-9));

      // Moving the date outside the event's days is refused too, and changes nothing.
      const moved = await t
        .http()
        .patch(`${API}/learning-records/${firstDay.id}`)
        .set(as.member)
        .set('If-Match', `"${firstDay.version}"`)
        .send({ completedOn: shiftDays(-3) });
      expect(expectProblem(moved, 422, 'learning-record-invalid').errors).toEqual([
        {
          field: 'completedOn',
          message: `must be a day the event ran (${shiftDays(-10)} to ${shiftDays(-9)}), not after it ended`,
        },
      ]);
      expect(((await get(as.member, firstDay.id)).body as RecordBody).completedOn).toBe(shiftDays(-10));

      // An event still to come cannot be attended yet, whatever the date given; HR recording it is refused alike.
      const upcoming = await item({
        format: 'event',
        startsAt: `${shiftDays(5)}T10:00:00Z`,
        endsAt: `${shiftDays(5)}T12:00:00Z`,
      });
      for (const [auth, path] of [
        [as.member, `${API}/me/learning-records`],
        [as.hr, `${API}/staff/${member}/learning-records`],
      ] as const) {
        for (const completedOn of [shiftDays(0), shiftDays(-1)]) {
          const early = expectProblem(
            await t
              .http()
              .post(path)
              .set(auth)
              .send({ learningItemId: upcoming, completedOn, hours: 2, evidenceNote: 'Booked' }),
            422,
            'learning-record-invalid',
          );
          expect(early.errors).toEqual([
            {
              field: 'completedOn',
              message: `the event has not happened yet (it begins on ${shiftDays(5)}): record attendance once it has`,
            },
          ]);
        }
      }
      expect(await count()).toBe(2);
    });

    it('answers a completed inclusion package with a hint, and never changes the inclusion level', async () => {
      await t.dataSource.query(
        `INSERT INTO inclusion_assessments (staff_id, level, method, assessed_on) VALUES ($1, 5, 'self', $2)`,
        [member, shiftDays(-30)],
      );
      const inclusionBefore = await t.dataSource.query('SELECT * FROM inclusion_assessments ORDER BY id');
      const packageId = await item({ format: 'e_learning', inclusionPackage: 'digital-skills' });
      const body = await created(as.member, {
        learningItemId: packageId,
        completedOn: shiftDays(-1),
        hours: 2,
        evidenceNote: 'Done',
      });
      expect(body.hints).toEqual([
        {
          type: 'inclusion-assessment-due',
          message: expect.stringContaining('counts towards digital inclusion') as string,
          href: '/api/v1/me/inclusion-assessments/questionnaire',
        },
      ]);
      expect(await t.dataSource.query('SELECT * FROM inclusion_assessments ORDER BY id')).toEqual(inclusionBefore);
      const mine = await t.http().get(`${API}/me/inclusion`).set(as.member);
      expect(mine.status, mine.text).toBe(200);
      expect((mine.body as { current: { level: number } }).current.level).toBe(5);
      // An ordinary course gives no hint.
      const courseId = await item();
      expect(
        (
          await created(as.member, {
            learningItemId: courseId,
            completedOn: shiftDays(-1),
            hours: 2,
            evidenceNote: 'Done',
          })
        ).hints,
      ).toEqual([]);
    });

    it('lets the chain and HR record for someone; others who can see the person get 403, the rest 404', async () => {
      const path = (id: string) => `${API}/staff/${id}/learning-records`;
      const byManager = await t.http().post(path(member)).set(as.manager).send(external());
      expect(byManager.status, byManager.text).toBe(201);
      expect((byManager.body as RecordBody).recordedByUserId).toBe(managerUserId);
      expect((await t.http().post(path(member)).set(as.hr).send(external())).status).toBe(201);
      expectProblem(
        await t.http().post(path(dataPerson)).set(as.hop).send(external()),
        403,
        'learning-recording-not-allowed',
      );
      expectProblem(await t.http().post(path(member)).set(as.peer).send(external()), 404, 'staff-not-found');
      expectProblem(await t.http().post(path(UNKNOWN_ID)).set(as.hr).send(external()), 404, 'staff-not-found');
      expectProblem(await recordMine(as.noRecord, external()), 404, 'no-staff-record');
      expect(await count()).toBe(2);
    });
  });

  describe('verification', () => {
    it('verifies by the line manager: never the owner, never outside the chain', async () => {
      const rec = await created(as.member, external());
      expectProblem(await act(as.member, rec.id, 'verify'), 403, 'self-verification');
      expectProblem(await act(as.peer, rec.id, 'verify'), 404, 'learning-record-not-found');
      expectProblem(await act(as.hop, rec.id, 'verify'), 404, 'learning-record-not-found');
      const verified = await act(as.manager, rec.id, 'verify');
      expect(verified.status, verified.text).toBe(200);
      expect(verified.body).toMatchObject({ state: 'verified', verifiedByUserId: managerUserId });
      expectProblem(await act(as.manager, rec.id, 'verify'), 409, 'illegal-learning-record-move');
      expectProblem(await reject(as.manager, rec.id), 409, 'illegal-learning-record-move');
      const audit = await auditRows(t, 'learning-record.verified');
      expect(audit.map((a) => [a.entity_id, a.actor_user_id])).toEqual([[rec.id, managerUserId]]);
    });

    it('lets anyone above in the chain, and HR, verify; a head of profession reads but may not', async () => {
      const a = await created(as.member, external());
      expect((await act(as.director, a.id, 'verify')).status).toBe(200);
      const b = await created(as.member, external());
      expect((await act(as.hr, b.id, 'verify')).status).toBe(200);
      const c = await created(as.dataPerson, external());
      expect((await get(as.hop, c.id)).status).toBe(200);
      expectProblem(await act(as.hop, c.id, 'verify'), 403, 'not-in-line-management-chain');
    });

    it('rejects with a reason; the owner corrects (resubmitted) or resubmits; then it can be verified', async () => {
      const rec = await created(as.member, external());
      expectProblem(
        await t.http().post(`${API}/learning-records/${rec.id}/reject`).set(as.manager).send({}),
        400,
        'validation-failed',
      );
      const rejected = await reject(as.manager, rec.id, 'Please add the certificate');
      expect(rejected.status, rejected.text).toBe(200);
      expect(rejected.body).toMatchObject({ state: 'rejected', rejectReason: 'Please add the certificate' });
      expectProblem(await act(as.manager, rec.id, 'verify'), 409, 'illegal-learning-record-move');
      expectProblem(await act(as.manager, rec.id, 'resubmit'), 403, 'not-record-owner');

      const read = await get(as.member, rec.id);
      const corrected = await t
        .http()
        .patch(`${API}/learning-records/${rec.id}`)
        .set(as.member)
        .set('If-Match', read.headers.etag as string)
        .send({ evidenceUrl: 'https://learning.example/certificates/2', hours: 8 });
      expect(corrected.status, corrected.text).toBe(200);
      expect(corrected.body).toMatchObject({ state: 'submitted', rejectReason: null, hours: 8 });

      expect((await reject(as.manager, rec.id, 'Still not opening')).status).toBe(200);
      const resubmitted = await act(as.member, rec.id, 'resubmit');
      expect(resubmitted.status, resubmitted.text).toBe(200);
      expect((resubmitted.body as RecordBody).state).toBe('submitted');
      expectProblem(await act(as.member, rec.id, 'resubmit'), 409, 'illegal-learning-record-move');
      expect((await act(as.manager, rec.id, 'verify')).status).toBe(200);

      const actions = (await auditRows(t)).filter((a) => a.entity_id === rec.id).map((a) => a.action);
      expect(actions).toEqual([
        'learning-record.created',
        'learning-record.rejected',
        'learning-record.resubmitted',
        'learning-record.rejected',
        'learning-record.resubmitted',
        'learning-record.verified',
      ]);
    });
  });

  describe('concurrency', () => {
    it('a verify and a reject at once: exactly one wins, the other is 409, and one audit row', async () => {
      const rec = await created(as.member, external());
      const [verified, rejected] = await Promise.all([act(as.manager, rec.id, 'verify'), reject(as.director, rec.id)]);
      const statuses = [verified.status, rejected.status].sort();
      expect(statuses).toEqual([200, 409]);
      const [row] = await t.dataSource.query<{ state: string }[]>('SELECT state FROM learning_records WHERE id = $1', [
        rec.id,
      ]);
      expect(row!.state).toBe(verified.status === 200 ? 'verified' : 'rejected');
      const moves = (await auditRows(t)).filter(
        (a) => a.entity_id === rec.id && a.action !== 'learning-record.created',
      );
      expect(moves).toHaveLength(1);
    });

    it('two edits at the same version: one 200, the other 412; an edit racing a verify never lands on a verified record', async () => {
      const rec = await created(as.member, external());
      const edit = (hours: number) =>
        t
          .http()
          .patch(`${API}/learning-records/${rec.id}`)
          .set(as.member)
          .set('If-Match', `"${rec.version}"`)
          .send({ hours });
      const [a, b] = await Promise.all([edit(3), edit(4)]);
      expect([a.status, b.status].sort()).toEqual([200, 412]);

      const other = await created(as.member, external());
      const [edited, verified] = await Promise.all([
        t
          .http()
          .patch(`${API}/learning-records/${other.id}`)
          .set(as.member)
          .set('If-Match', `"${other.version}"`)
          .send({ hours: 9 }),
        act(as.manager, other.id, 'verify'),
      ]);
      expect(verified.status).toBe(200);
      const [row] = await t.dataSource.query<{ hours: string; state: string }[]>(
        'SELECT hours::text AS hours, state FROM learning_records WHERE id = $1',
        [other.id],
      );
      expect(row!.state).toBe('verified');
      // Either the edit came first (and the manager verified what it says), or it was refused after the verify.
      if (edited.status === 200) expect(row!.hours).toBe('9.00');
      else {
        expect([409, 412]).toContain(edited.status);
        expect(row!.hours).toBe('7.50');
      }
    });
  });

  describe('editing and deleting', () => {
    it('needs If-Match, refuses a stale one, and lets only the owner change a record', async () => {
      const rec = await created(as.member, external());
      const path = `${API}/learning-records/${rec.id}`;
      expectProblem(await t.http().patch(path).set(as.member).send({ hours: 2 }), 428, 'precondition-required');
      expectProblem(
        await t
          .http()
          .patch(path)
          .set(as.member)
          .set('If-Match', `"${rec.version + 5}"`)
          .send({ hours: 2 }),
        412,
        'precondition-failed',
      );
      expectProblem(
        await t.http().patch(path).set(as.manager).set('If-Match', `"${rec.version}"`).send({ hours: 2 }),
        403,
        'not-record-owner',
      );
      expectProblem(
        await t.http().patch(path).set(as.peer).set('If-Match', `"${rec.version}"`).send({ hours: 2 }),
        404,
        'learning-record-not-found',
      );
      expectProblem(
        await t
          .http()
          .patch(path)
          .set(as.member)
          .set('If-Match', `"${rec.version}"`)
          .send({ completedOn: shiftDays(2) }),
        422,
        'learning-record-invalid',
      );
      expectProblem(
        await t
          .http()
          .patch(path)
          .set(as.member)
          .set('If-Match', `"${rec.version}"`)
          .send({ skills: ['telepathy'] }),
        422,
        'learning-record-invalid',
      );
      const edited = await t.http().patch(path).set(as.member).set('If-Match', `"${rec.version}"`).send({ hours: 2 });
      expect(edited.status, edited.text).toBe(200);
      expect((edited.body as RecordBody).version).toBe(rec.version + 1);
      expect((await auditRows(t, 'learning-record.updated')).map((a) => a.changed_fields)).toEqual([['hours']]);
    });

    it('deletes until verified, with If-Match, the owner only', async () => {
      const rec = await created(as.member, external());
      const path = `${API}/learning-records/${rec.id}`;
      expectProblem(await t.http().delete(path).set(as.member), 428, 'precondition-required');
      expectProblem(
        await t.http().delete(path).set(as.manager).set('If-Match', `"${rec.version}"`),
        403,
        'not-record-owner',
      );
      const gone = await t.http().delete(path).set(as.member).set('If-Match', `"${rec.version}"`);
      expect(gone.status, gone.text).toBe(204);
      expectProblem(await get(as.member, rec.id), 404, 'learning-record-not-found');
      expect((await auditRows(t, 'learning-record.deleted')).map((a) => a.entity_id)).toEqual([rec.id]);

      const kept = await created(as.member, external());
      const verified = (await act(as.manager, kept.id, 'verify')).body as RecordBody;
      const keptPath = `${API}/learning-records/${kept.id}`;
      expectProblem(
        await t.http().delete(keptPath).set(as.member).set('If-Match', `"${verified.version}"`),
        409,
        'illegal-learning-record-move',
      );
      expectProblem(
        await t.http().patch(keptPath).set(as.member).set('If-Match', `"${verified.version}"`).send({ hours: 1 }),
        409,
        'illegal-learning-record-move',
      );
      expect(await count()).toBe(1);
    });
  });

  describe('reading by scope', () => {
    it('shows own, the reporting chain, the families led, or all; 404 outside', async () => {
      const mine = await created(as.member, external());
      const data = await created(as.dataPerson, external());
      const managers = await created(as.manager, external());
      const ids = (res: { body: unknown }) => (res.body as { items: { id: string }[] }).items.map((i) => i.id).sort();

      expect(ids(await t.http().get(`${API}/me/learning-records`).set(as.member))).toEqual([mine.id]);
      expect((await get(as.member, mine.id)).status).toBe(200);
      expect((await get(as.manager, mine.id)).status).toBe(200);
      expect((await get(as.director, mine.id)).status).toBe(200);
      expect((await get(as.hr, mine.id)).status).toBe(200);
      expectProblem(await get(as.peer, mine.id), 404, 'learning-record-not-found');
      expectProblem(await get(as.hop, mine.id), 404, 'learning-record-not-found');
      expectProblem(await get(as.member, managers.id), 404, 'learning-record-not-found');
      expect((await get(as.hop, data.id)).status).toBe(200);

      const staffPath = (id: string) => `${API}/staff/${id}/learning-records`;
      expect(ids(await t.http().get(staffPath(member)).set(as.manager))).toEqual([mine.id]);
      expectProblem(await t.http().get(staffPath(member)).set(as.peer), 404, 'staff-not-found');
      expectProblem(await t.http().get(staffPath(member)).set(as.hop), 404, 'staff-not-found');
      expect(ids(await t.http().get(staffPath(dataPerson)).set(as.hop))).toEqual([data.id]);

      // The queue: other people's records, by scope.
      expect(ids(await t.http().get(`${API}/learning-records?state=submitted`).set(as.manager))).toEqual([mine.id]);
      expect(ids(await t.http().get(`${API}/learning-records?state=submitted`).set(as.director))).toEqual(
        [mine.id, managers.id].sort(),
      );
      expect(ids(await t.http().get(`${API}/learning-records`).set(as.peer))).toEqual([]);
      expect(ids(await t.http().get(`${API}/learning-records`).set(as.hop))).toEqual([data.id]);
      expect(ids(await t.http().get(`${API}/learning-records`).set(as.hr))).toEqual(
        [mine.id, data.id, managers.id].sort(),
      );
      expectProblem(await t.http().get(`${API}/me/learning-records`).set(as.noRecord), 404, 'no-staff-record');
    });

    it('pages with a keyset cursor, newest completion first for a person and oldest recorded first for the queue', async () => {
      const made: RecordBody[] = [];
      for (let i = 0; i < 5; i++) {
        made.push(await created(as.member, external({ completedOn: shiftDays(-10 + (i % 3)) })));
      }
      await act(as.manager, made[0]!.id, 'verify');

      const walk = async (url: string): Promise<string[]> => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await t
            .http()
            .get(`${url}${url.includes('?') ? '&' : '?'}limit=2${cursor ? `&cursor=${cursor}` : ''}`)
            .set(as.manager);
          expect(res.status, res.text).toBe(200);
          const page = res.body as { items: { id: string }[]; nextCursor: string | null };
          seen.push(...page.items.map((i) => i.id));
          cursor = page.nextCursor;
        } while (cursor);
        return seen;
      };
      // Independent order: by completion date descending, then creation (made order) descending.
      const byCompletion = made
        .map((r, i) => ({ id: r.id, on: r.completedOn, i }))
        .sort((a, b) => (a.on === b.on ? b.i - a.i : a.on < b.on ? 1 : -1))
        .map((r) => r.id);
      expect(await walk(`${API}/staff/${member}/learning-records`)).toEqual(byCompletion);
      expect(await walk(`${API}/learning-records?state=submitted`)).toEqual(made.slice(1).map((r) => r.id));
      expectProblem(
        await t.http().get(`${API}/learning-records?cursor=bm90LWEtY3Vyc29y`).set(as.manager),
        400,
        'validation-failed',
      );
    });
  });
});
