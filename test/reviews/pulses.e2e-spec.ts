import { JobsService } from '@capability/platform';
import { MIN_RESPONSES, PULSE_REMINDER_DAYS_BEFORE, PULSE_REMINDER_TEMPLATE } from '@capability/reviews';
import { today } from '@capability/workforce';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreatePulseDto } from '../../apps/api/src/reviews/inclusion/pulses.dto.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

type Auth = { Authorization: string };
const API = '/api/v1';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const DAY_MS = 86_400_000;
const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

interface Cell {
  suppressed: boolean;
  responses: number | null;
  mean: number | null;
  distribution: number[] | null;
}

/** The test's own reading of a cell: figures from 5 answers up, none below. */
function expectedCell(ratings: number[]): Cell {
  if (ratings.length < MIN_RESPONSES) return { suppressed: true, responses: null, mean: null, distribution: null };
  const distribution = [1, 2, 3, 4, 5].map((r) => ratings.filter((x) => x === r).length);
  const mean = Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100;
  return { suppressed: false, responses: ratings.length, mean, distribution };
}

describe('digital awareness pulses', () => {
  let t: TestApp;
  let seq = 0;
  let hr: Auth;
  let staffAuth: Auth;
  // Department root → teams A, B, C; and another department outside.
  let root: string;
  let teamA: string;
  let teamB: string;
  let teamC: string;
  let elsewhere: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  async function unit(code: string, parent: string | null): Promise<string> {
    const id = randomUUID();
    await t.dataSource.query(
      `INSERT INTO organisation_units (id, code, name, type, parent_id, path)
       VALUES ($1, $2, $2, $3, $4, (SELECT coalesce((SELECT path FROM organisation_units WHERE id = $4), '{}') || $1::uuid))`,
      [id, code, parent ? 'team' : 'department', parent],
    );
    return id;
  }

  async function person(unitId: string, options: { email?: boolean; leaving?: string } = {}): Promise<string> {
    seq += 1;
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO staff (staff_number, full_name, work_email, unit_id, employment_type, leaving_date)
       VALUES ($1, $2, $3, $4, 'permanent', $5) RETURNING id`,
      [
        `PU${seq}`,
        `Pulse person ${seq}`,
        options.email === false ? null : `pulse.person.${seq}@department.example`,
        unitId,
        options.leaving ?? null,
      ],
    );
    return row!.id;
  }

  async function staffIn(unitId: string): Promise<Auth> {
    return (await signedIn(t, { staffId: await person(unitId) })).auth;
  }

  beforeEach(async () => {
    await t.reset();
    root = await unit('ROOT', null);
    teamA = await unit('TEAM-A', root);
    teamB = await unit('TEAM-B', root);
    teamC = await unit('TEAM-C', root);
    elsewhere = await unit('ELSEWHERE', null);
    hr = (await signedIn(t, { roles: ['hr'] })).auth;
    staffAuth = await staffIn(teamA);
  });

  const body = (overrides: Partial<CreatePulseDto> = {}): CreatePulseDto => ({
    title: 'Digital awareness, spring',
    statements: ['I know where to get help with digital tools', 'I feel confident with the tools my job needs'],
    unitId: root,
    ...overrides,
  });
  const create = async (overrides: Partial<CreatePulseDto> = {}): Promise<{ id: string; version: number }> => {
    const res = await t.http().post(`${API}/pulses`).set(hr).send(body(overrides));
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; version: number };
  };
  const open = (id: string, closesOn = addDays(today(), 7)) =>
    t.http().post(`${API}/pulses/${id}/open`).set(hr).send({ closesOn });
  const close = (id: string) => t.http().post(`${API}/pulses/${id}/close`).set(hr);
  const respond = (id: string, auth: Auth, ratings: number[]) =>
    t.http().post(`${API}/pulses/${id}/responses`).set(auth).send({ ratings });
  const answerCount = async (): Promise<number> =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM pulse_answers`))[0]!.n;

  describe('running a pulse (HR and admins)', () => {
    it('creates a draft (idempotently), lists and reads it with its ETag, audited', async () => {
      const send = () => t.http().post(`${API}/pulses`).set(hr).set('Idempotency-Key', 'p-1').send(body());
      const first = await send();
      expect(first.status, first.text).toBe(201);
      expect(first.body).toEqual({
        id: expect.any(String),
        ...body(),
        state: 'draft',
        opensOn: null,
        closesOn: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        version: 1,
      });
      expect(((await send()).body as { id: string }).id).toBe((first.body as { id: string }).id);
      const id = (first.body as { id: string }).id;
      const read = await t.http().get(`${API}/pulses/${id}`).set(hr);
      expect(read.headers.etag).toBe('"1"');
      const list = await t.http().get(`${API}/pulses`).set(hr).query({ state: 'draft' });
      expect((list.body as { items: { id: string }[] }).items.map((p) => p.id)).toEqual([id]);
      const none = await t.http().get(`${API}/pulses`).set(hr).query({ state: 'open' });
      expect((none.body as { items: unknown[] }).items).toEqual([]);
      expect(await auditRows(t, 'pulse.created')).toHaveLength(1);
    });

    it('edits a draft with If-Match (428 without, 412 stale), and not once it is open (409)', async () => {
      const { id } = await create();
      const patch = (headers: Record<string, string>, change: Partial<CreatePulseDto>) =>
        t.http().patch(`${API}/pulses/${id}`).set(hr).set(headers).send(change);
      expectProblem(await patch({}, { title: 'New' }), 428, 'precondition-required');
      const ok = await patch({ 'If-Match': '"1"' }, { title: 'New', statements: ['Only one'] });
      expect(ok.status, ok.text).toBe(200);
      expect(ok.body).toMatchObject({ title: 'New', statements: ['Only one'], version: 2 });
      expectProblem(await patch({ 'If-Match': '"1"' }, { title: 'Stale' }), 412, 'precondition-failed');
      expect((await open(id)).status).toBe(200);
      expectProblem(await patch({ 'If-Match': '"3"' }, { title: 'Late' }), 409, 'pulse-state-conflict');
    });

    it('opens a draft today until its closing date, closes it, and refuses moves the state machine does not allow', async () => {
      const { id } = await create();
      expectProblem(await open(id, addDays(today(), -1)), 422, 'pulse-closes-too-early');
      expectProblem(await close(id), 409, 'pulse-state-conflict');
      const opened = await open(id, today());
      expect(opened.status, opened.text).toBe(200);
      expect(opened.body).toMatchObject({ state: 'open', opensOn: today(), closesOn: today() });
      expectProblem(await open(id), 409, 'pulse-state-conflict');
      const closed = await close(id);
      expect(closed.body).toMatchObject({ state: 'closed' });
      expectProblem(await close(id), 409, 'pulse-state-conflict');
      expect((await auditRows(t)).map((a) => a.action)).toEqual(['pulse.created', 'pulse.opened', 'pulse.closed']);
    });

    it('refuses bad input (400), an unknown unit (409) and unknown pulses (404), changing nothing', async () => {
      for (const bad of [
        { ...body(), statements: [] },
        { ...body(), statements: Array.from({ length: 11 }, (_, i) => `S${i}`) },
        { ...body(), statements: [''] },
        { ...body(), statements: [7] },
        { ...body(), statements: ['Same', 'Same'] },
        { ...body(), title: '' },
        { ...body(), unitId: 'root' },
        { ...body(), extra: true },
      ]) {
        expectProblem(await t.http().post(`${API}/pulses`).set(hr).send(bad), 400, 'validation-failed');
      }
      expectProblem(
        await t
          .http()
          .post(`${API}/pulses`)
          .set(hr)
          .send(body({ unitId: UNKNOWN_ID })),
        409,
        'conflict',
      );
      expectProblem(await t.http().get(`${API}/pulses/${UNKNOWN_ID}`).set(hr), 404, 'pulse-not-found');
      expectProblem(await open(UNKNOWN_ID), 404, 'pulse-not-found');
      const { id } = await create();
      expectProblem(
        await t.http().post(`${API}/pulses/${id}/open`).set(hr).send({ closesOn: '2026-02-30' }),
        400,
        'validation-failed',
      );
      expect((await t.dataSource.query<unknown[]>(`SELECT 1 FROM pulses`)).length).toBe(1);
    });

    it('is for HR and admins only (403 for staff and heads of profession)', async () => {
      const hop = (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: ['data'] })).auth;
      for (const auth of [staffAuth, hop]) {
        expectProblem(await t.http().post(`${API}/pulses`).set(auth).send(body()), 403, 'forbidden');
        expectProblem(await t.http().get(`${API}/pulses`).set(auth), 403, 'forbidden');
        expectProblem(await t.http().get(`${API}/pulses/trend`).set(auth), 403, 'forbidden');
      }
      expectProblem(await t.http().get(`${API}/pulses`), 401, 'unauthenticated');
    });
  });

  describe('answering', () => {
    it('lists the open pulses of my unit subtree, answered or not; answering once, anonymously', async () => {
      const mine = await create({ unitId: root, title: 'Whole department' });
      const other = await create({ unitId: elsewhere, title: 'Elsewhere' });
      const draft = await create({ unitId: root, title: 'Draft' });
      await open(mine.id);
      await open(other.id);
      const before = await t.http().get(`${API}/me/pulses`).set(staffAuth);
      expect(before.status, before.text).toBe(200);
      expect(before.body).toEqual({
        items: [
          {
            id: mine.id,
            title: 'Whole department',
            statements: body().statements,
            closesOn: addDays(today(), 7),
            answered: false,
          },
        ],
      });

      const res = await respond(mine.id, staffAuth, [4, 2]);
      expect(res.status, res.text).toBe(201);
      // Nothing in the receipt identifies the answer.
      expect(res.body).toEqual({ pulseId: mine.id, answeredOn: today() });
      expectProblem(await respond(mine.id, staffAuth, [5, 5]), 409, 'pulse-already-answered');
      const after = await t.http().get(`${API}/me/pulses`).set(staffAuth);
      expect((after.body as { items: { answered: boolean }[] }).items.map((p) => p.answered)).toEqual([true]);

      // Outside my subtree, or not open: not mine to answer.
      expectProblem(await respond(other.id, staffAuth, [3, 3]), 404, 'pulse-not-found');
      expectProblem(await respond(draft.id, staffAuth, [3, 3]), 404, 'pulse-not-found');
      expectProblem(await respond(UNKNOWN_ID, staffAuth, [3, 3]), 404, 'pulse-not-found');
      // HR without a staff record has no pulses to answer.
      expectProblem(await respond(mine.id, hr, [3, 3]), 404, 'pulse-not-found');
      expect((await t.http().get(`${API}/me/pulses`).set(hr)).body).toEqual({ items: [] });

      const stored = await t.dataSource.query<{ unit_id: string; answered_on: string; ratings: number[] }[]>(
        `SELECT unit_id, answered_on::text AS answered_on, ratings FROM pulse_answers`,
      );
      expect(stored).toEqual([{ unit_id: teamA, answered_on: today(), ratings: [4, 2] }]);
    });

    it('refuses a wrong number of ratings (422), ratings out of 1..5 (400), a closed pulse and a leaver', async () => {
      const { id } = await create();
      await open(id);
      expectProblem(await respond(id, staffAuth, [4]), 422, 'pulse-ratings-mismatch');
      expectProblem(await respond(id, staffAuth, [4, 2, 1]), 422, 'pulse-ratings-mismatch');
      for (const ratings of [[0, 3], [6, 3], [2.5, 3], ['4', 3], []]) {
        expectProblem(
          await t.http().post(`${API}/pulses/${id}/responses`).set(staffAuth).send({ ratings }),
          400,
          'validation-failed',
        );
      }
      const leaver = (await signedIn(t, { staffId: await person(teamA, { leaving: addDays(today(), -1) }) })).auth;
      expectProblem(await respond(id, leaver, [3, 3]), 404, 'pulse-not-found');
      await close(id);
      expectProblem(await respond(id, staffAuth, [3, 3]), 409, 'pulse-state-conflict');
      expect(await answerCount()).toBe(0);
      expect((await t.dataSource.query<unknown[]>(`SELECT 1 FROM pulse_respondents`)).length).toBe(0);
    });

    it('keeps answers apart from people: no person or time column, nothing audited, nothing shared after close', async () => {
      const columns = await t.dataSource.query<{ table_name: string; column_name: string; data_type: string }[]>(
        `SELECT table_name, column_name, data_type FROM information_schema.columns
          WHERE table_name IN ('pulse_answers', 'pulse_respondents') ORDER BY table_name, ordinal_position`,
      );
      expect(columns).toEqual([
        { table_name: 'pulse_answers', column_name: 'id', data_type: 'uuid' },
        { table_name: 'pulse_answers', column_name: 'pulse_id', data_type: 'uuid' },
        { table_name: 'pulse_answers', column_name: 'unit_id', data_type: 'uuid' },
        { table_name: 'pulse_answers', column_name: 'answered_on', data_type: 'date' },
        { table_name: 'pulse_answers', column_name: 'ratings', data_type: 'ARRAY' },
        { table_name: 'pulse_respondents', column_name: 'pulse_id', data_type: 'uuid' },
        { table_name: 'pulse_respondents', column_name: 'staff_id', data_type: 'uuid' },
      ]);
      // The answers' key is random (v4), never a sequence.
      const [{ column_default } = { column_default: '' }] = await t.dataSource.query<{ column_default: string }[]>(
        `SELECT column_default FROM information_schema.columns WHERE table_name = 'pulse_answers' AND column_name = 'id'`,
      );
      expect(column_default).toBe('gen_random_uuid()');

      const { id } = await create();
      await open(id);
      for (let i = 0; i < 6; i++) expect((await respond(id, await staffIn(teamB), [(i % 5) + 1, 3])).status).toBe(201);
      // While open, an answer and its respondent row are written by one transaction.
      const linked = `SELECT count(*)::int AS n FROM pulse_answers a JOIN pulse_respondents r ON r.xmin = a.xmin`;
      expect((await t.dataSource.query<{ n: number }[]>(linked))[0]!.n).toBe(6);
      const idsBefore = (await t.dataSource.query<{ id: string }[]>(`SELECT id FROM pulse_answers`)).map((r) => r.id);
      await close(id);
      // Closing rewrites the answers (new random ids, random order, another transaction).
      expect((await t.dataSource.query<{ n: number }[]>(linked))[0]!.n).toBe(0);
      const idsAfter = (await t.dataSource.query<{ id: string }[]>(`SELECT id FROM pulse_answers`)).map((r) => r.id);
      expect(idsAfter).toHaveLength(6);
      expect(idsAfter.filter((x) => idsBefore.includes(x))).toEqual([]);
      // Answering is not audited (the audit trail has times).
      expect((await auditRows(t)).map((a) => a.action)).toEqual(['pulse.created', 'pulse.opened', 'pulse.closed']);
    });
  });

  describe('results and trend', () => {
    /** Answers a pulse from `count` new people in `unitId`, the i-th giving `ratingsOf(i)`; returns what they gave. */
    async function answers(pulseId: string, unitId: string, count: number, ratingsOf: (i: number) => number[]) {
      const given: number[][] = [];
      for (let i = 0; i < count; i++) {
        const ratings = ratingsOf(i);
        const res = await respond(pulseId, await staffIn(unitId), ratings);
        expect(res.status, res.text).toBe(201);
        given.push(ratings);
      }
      return given;
    }

    it('reports only after close: per statement overall and per unit, small units suppressed with their complement', async () => {
      const { id } = await create();
      await open(id);
      const a = await answers(id, teamA, 6, (i) => [(i % 5) + 1, 5 - (i % 3)]);
      const b = await answers(id, teamB, 3, (i) => [i + 2, 1]);
      const c = await answers(id, teamC, 8, (i) => [((i * 3) % 5) + 1, (i % 2) + 4]);
      expectProblem(await t.http().get(`${API}/pulses/${id}/results`).set(hr), 409, 'pulse-state-conflict');
      await close(id);

      const res = await t.http().get(`${API}/pulses/${id}/results`).set(hr).query({ by: 'unit' });
      expect(res.status, res.text).toBe(200);
      const results = res.body as {
        responses: number;
        minResponses: number;
        statements: {
          index: number;
          statement: string;
          overall: Cell;
          byUnit: { unit: { id: string }; cell: Cell }[];
        }[];
      };
      expect(results.responses).toBe(17);
      expect(results.minResponses).toBe(5);
      const column = (rows: number[][], s: number): number[] => rows.map((r) => r[s]!);
      results.statements.forEach((statement, s) => {
        expect(statement.statement).toBe(body().statements[s]);
        expect(statement.overall).toEqual(expectedCell([...column(a, s), ...column(b, s), ...column(c, s)]));
        const byUnit = new Map(statement.byUnit.map((u) => [u.unit.id, u.cell]));
        // Team B (3) is under 5; alone, the overall minus A and C would give it away, so the smallest
        // shown unit (A, 6) is hidden too. C (8) shows.
        expect(byUnit.get(teamB)).toEqual(expectedCell([]));
        expect(byUnit.get(teamA)).toEqual(expectedCell([]));
        expect(byUnit.get(teamC)).toEqual(expectedCell(column(c, s)));
      });
      // Without by=unit: the overall figures only.
      const overall = await t.http().get(`${API}/pulses/${id}/results`).set(hr);
      const statements = (overall.body as { statements: { overall: Cell; byUnit: unknown[] }[] }).statements;
      expect(statements.map((x) => x.byUnit)).toEqual([[], []]);
      expect(statements.map((x) => x.overall)).toEqual(results.statements.map((x) => x.overall));
      expectProblem(
        await t.http().get(`${API}/pulses/${id}/results`).set(hr).query({ by: 'person' }),
        400,
        'validation-failed',
      );
    });

    it('shows no figures at all for a pulse under 5 responses', async () => {
      const { id } = await create();
      await open(id);
      await answers(id, teamA, 4, () => [5, 5]);
      await close(id);
      const res = await t.http().get(`${API}/pulses/${id}/results`).set(hr).query({ by: 'unit' });
      const results = res.body as {
        responses: number | null;
        statements: { overall: Cell; byUnit: { cell: Cell }[] }[];
      };
      expect(results.responses).toBeNull();
      for (const s of results.statements) {
        expect(s.overall).toEqual(expectedCell([]));
        expect(s.byUnit).toHaveLength(1);
        for (const u of s.byUnit) expect(u.cell).toEqual(expectedCell([]));
      }
      expect(res.text).not.toMatch(/"mean":\d/);
    });

    it('gives the trend of each statement across closed pulses, oldest first', async () => {
      const shared = 'I know where to get help with digital tools';
      const first = await create({ title: 'Spring', statements: [shared, 'Spring only'] });
      const second = await create({ title: 'Autumn', statements: ['Autumn only', shared] });
      const third = await create({ title: 'Still open', statements: [shared] });
      await open(first.id, addDays(today(), 1));
      await open(second.id, addDays(today(), 2));
      await open(third.id, addDays(today(), 3));
      const spring = await answers(first.id, teamA, 5, (i) => [i + 1, 3]);
      const autumn = await answers(second.id, teamB, 6, (i) => [2, 5 - (i % 2)]);
      await answers(third.id, teamC, 5, () => [1]);
      await close(first.id);
      await close(second.id);

      const res = await t.http().get(`${API}/pulses/trend`).set(hr);
      expect(res.status, res.text).toBe(200);
      const trend = (
        res.body as { items: { statement: string; points: { pulseId: string; title: string; cell: Cell }[] }[] }
      ).items;
      const of = (statement: string) => trend.find((x) => x.statement === statement)?.points;
      expect(of(shared)).toEqual([
        {
          pulseId: first.id,
          title: 'Spring',
          closesOn: addDays(today(), 1),
          cell: expectedCell(spring.map((r) => r[0]!)),
        },
        {
          pulseId: second.id,
          title: 'Autumn',
          closesOn: addDays(today(), 2),
          cell: expectedCell(autumn.map((r) => r[1]!)),
        },
      ]);
      expect(of('Spring only')).toHaveLength(1);
      expect(of('Autumn only')).toHaveLength(1);
      expect(trend.map((x) => x.statement).sort()).toEqual(['Autumn only', shared, 'Spring only'].sort());
    });

    it('is for HR and admins: 403 for staff, 404 for an unknown pulse', async () => {
      const { id } = await create();
      expectProblem(await t.http().get(`${API}/pulses/${id}/results`).set(staffAuth), 403, 'forbidden');
      expectProblem(await t.http().get(`${API}/pulses/${UNKNOWN_ID}/results`).set(hr), 404, 'pulse-not-found');
    });
  });

  describe('reminders and closing (the pulse-reminders job, on a controlled clock)', () => {
    let second: TestApp | undefined;
    afterEach(() => {
      vi.useRealTimers();
    });
    afterAll(async () => second?.close());

    /** Sets the clock of this process (the app's today()) to noon UTC on `day`. */
    const setToday = (day: string): void => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(`${day}T12:00:00Z`));
    };
    const run = (app: TestApp = t): Promise<void> => app.app.get(JobsService).runNow('pulse-reminders');
    const reminders = (): Promise<{ dedupe_key: string; recipient_staff_id: string; email_address: string }[]> =>
      t.dataSource.query(
        `SELECT dedupe_key, recipient_staff_id, email_address FROM notification_outbox WHERE template = $1 ORDER BY dedupe_key`,
        [PULSE_REMINDER_TEMPLATE],
      );

    /** An open pulse for the root's subtree, opened on `opensOn`, closing on `closesOn` (straight into the table). */
    async function openPulse(opensOn: string, closesOn: string): Promise<string> {
      const [row] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO pulses (title, statements, unit_id, state, opens_on, closes_on)
         VALUES ('Reminded', '["S"]', $1, 'open', $2, $3) RETURNING id`,
        [root, opensOn, closesOn],
      );
      return row!.id;
    }

    it('reminds, once, only those in scope with an email who have not answered, from 3 days before closing', async () => {
      const start = '2027-03-01';
      const closesOn = addDays(start, 10);
      const pulseId = await openPulse(start, closesOn);
      const answered = await person(teamA);
      const waiting = await person(teamB);
      const nested = await person(await unit('TEAM-B-1', teamB));
      await person(teamC, { email: false });
      await person(teamA, { leaving: addDays(start, 2) });
      await person(elsewhere);
      await t.dataSource.query(`INSERT INTO pulse_respondents (pulse_id, staff_id) VALUES ($1, $2)`, [
        pulseId,
        answered,
      ]);
      const waitingPeople = [waiting, nested, ...(await staffOf(staffAuth))];

      for (const day of [start, addDays(closesOn, -PULSE_REMINDER_DAYS_BEFORE - 1)]) {
        setToday(day);
        await run();
        expect(await reminders(), day).toEqual([]);
      }
      setToday(addDays(closesOn, -PULSE_REMINDER_DAYS_BEFORE));
      await run();
      await run();
      const expected = waitingPeople.map((id) => `pulse-reminder:${pulseId}:${id}:closing`).sort();
      expect((await reminders()).map((r) => r.dedupe_key)).toEqual(expected);
      for (const day of [addDays(closesOn, -2), addDays(closesOn, -1), closesOn]) {
        setToday(day);
        await run();
      }
      expect((await reminders()).map((r) => r.dedupe_key)).toEqual(expected);
      const [state] = await t.dataSource.query<{ state: string }[]>(`SELECT state FROM pulses WHERE id = $1`, [
        pulseId,
      ]);
      expect(state!.state).toBe('open');
    });

    it('closes an open pulse the day after its closing date, and reminds no one for it', async () => {
      const pulseId = await openPulse('2027-03-01', '2027-03-10');
      await person(teamA);
      setToday('2027-03-11');
      await run();
      expect(await reminders()).toEqual([]);
      const [row] = await t.dataSource.query<{ state: string }[]>(`SELECT state FROM pulses WHERE id = $1`, [pulseId]);
      expect(row!.state).toBe('closed');
      expect((await auditRows(t, 'pulse.closed')).map((a) => a.actor_user_id)).toEqual([null]);
    });

    it('queues each reminder exactly once when two workers run the job at the same moment', async () => {
      second ??= await createTestApp({}, { sameDatabaseAs: t });
      const pulses = [await openPulse('2027-03-01', '2027-03-05'), await openPulse('2027-03-01', '2027-03-04')];
      const overdue = [await openPulse('2027-02-01', '2027-02-28'), await openPulse('2027-02-01', '2027-03-01')];
      const people: string[] = [(await staffOf(staffAuth))[0]!];
      for (let i = 0; i < 120; i++) people.push(await person([teamA, teamB, teamC][i % 3]!));
      setToday('2027-03-02');
      await Promise.all([run(t), run(second), run(t), run(second)]);
      const rows = await reminders();
      const expected = pulses.flatMap((p) => people.map((s) => `pulse-reminder:${p}:${s}:closing`)).sort();
      expect(rows.map((r) => r.dedupe_key)).toEqual(expected);
      expect(new Set(rows.map((r) => r.dedupe_key)).size).toBe(rows.length);
      // The overdue pulses were closed once each (one worker took each; the others skipped it).
      expect((await auditRows(t, 'pulse.closed')).map((a) => a.entity_id).sort()).toEqual([...overdue].sort());
      const states = await t.dataSource.query<{ state: string }[]>(`SELECT state FROM pulses WHERE id = ANY($1)`, [
        overdue,
      ]);
      expect(states.map((r) => r.state)).toEqual(['closed', 'closed']);
    });

    /** The staff id behind a bearer header made by `staffIn`. */
    async function staffOf(auth: Auth): Promise<string[]> {
      const res = await t.http().get(`${API}/me`).set(auth);
      return [(res.body as { staffId: string }).staffId];
    }
  });
});
