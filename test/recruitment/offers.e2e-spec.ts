import { JobsService } from '@capability/platform';
import { OffersService, RESERVE_LIST_EXPIRED, appointmentStaffNumber } from '@capability/recruitment';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { insertApplication, insertCandidate, insertInterviewScores } from './pipeline-support.js';
import {
  API,
  gradeIds,
  insertCampaign,
  insertVacancy,
  levels,
  location,
  shiftDays,
  unit,
  type Auth,
  type Level,
} from './planning-support.js';

const APPLICATIONS = `${API}/applications`;

interface Offer {
  id: string;
  applicationId: string;
  state: string;
  salary: number;
  startsOn: string;
  expiresOn: string;
  locationId: string | null;
  respondedBy: string | null;
  application?: { id: string; stage: string; version: number };
  version: number;
}
interface Check {
  id: string;
  check: string;
  state: string;
  version: number;
}

describe('recruitment offers, pre-employment checks, appointment and reserve lists', () => {
  let t: TestApp;
  let as: Record<'hr' | 'admin' | 'hop' | 'panel' | 'staff', Auth>;
  let hrUserId: string;
  let panelUserId: string;
  let data: Level[];
  let teamId: string;
  let grade: string;
  let campaignId: string;
  let vacancyId: string;
  let hub: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());
  afterEach(() => {
    vi.useRealTimers();
  });
  beforeEach(async () => {
    await t.reset();
    teamId = await unit(t, 'OFT');
    grade = (await gradeIds(t, ['SEO']))[0]!;
    data = await levels(t, 'data', 2);
    const hr = await signedIn(t, { roles: ['hr'] });
    hrUserId = hr.user.id;
    const panel = await signedIn(t, { roles: ['staff'] });
    panelUserId = panel.user.id;
    as = {
      hr: hr.auth,
      admin: (await signedIn(t, { roles: ['admin'] })).auth,
      hop: (await signedIn(t, { roles: ['head_of_profession', 'staff'], roleFamilies: ['data'] })).auth,
      panel: panel.auth,
      staff: (await signedIn(t, { roles: ['staff'] })).auth,
    };
    campaignId = await insertCampaign(t, hrUserId, 'open');
    vacancyId = await insertVacancy(t, {
      campaignId,
      roleLevelId: data[0]!.id,
      gradeId: grade,
      unitId: teamId,
      panel: [{ userId: panelUserId, chair: true }],
    });
    hub = await location(t, 'OFT-HUB');
    await t.dataSource.query('INSERT INTO vacancy_locations (vacancy_id, location_id) VALUES ($1, $2)', [
      vacancyId,
      hub,
    ]);
  });

  const get = (auth: Auth, path: string) => t.http().get(path).set(auth);
  const move = (auth: Auth, id: string, version: number, body: Record<string, unknown>) =>
    t.http().post(`${APPLICATIONS}/${id}/transitions`).set(auth).set('If-Match', `"${version}"`).send(body);
  const makeOffer = (id: string, body: Record<string, unknown>, auth: Auth = as.hr, key: string = randomUUID()) =>
    t.http().post(`${APPLICATIONS}/${id}/offers`).set(auth).set('Idempotency-Key', key).send(body);
  const respond = (id: string, version: number | null, decision: string, auth: Auth = as.hr) => {
    const req = t.http().post(`${API}/offers/${id}/response`).set(auth);
    if (version !== null) req.set('If-Match', `"${version}"`);
    return req.send({ decision });
  };
  const decide = (applicationId: string, check: string, version: number | null, body: Record<string, unknown>) => {
    const req = t.http().put(`${APPLICATIONS}/${applicationId}/checks/${check}`).set(as.hr);
    if (version !== null) req.set('If-Match', `"${version}"`);
    return req.send(body);
  };
  const version = async (id: string): Promise<number> => {
    const res = await get(as.hr, `${APPLICATIONS}/${id}`);
    expect(res.status, res.text).toBe(200);
    return (res.body as { version: number }).version;
  };
  const terms = { salary: 45000, startsOn: shiftDays(30), expiresOn: shiftDays(0) };
  /** An application at the offer stage, after an interview scored `score` (passing by default). */
  const atOffer = async (score = 5, vacancy = vacancyId): Promise<string> => {
    const id = await insertApplication(t, {
      candidateId: await insertCandidate(t, { fullName: `Offered ${randomUUID().slice(0, 6)}` }),
      vacancyId: vacancy,
      stage: 'interview',
      interviewed: true,
    });
    await insertInterviewScores(t, id, panelUserId, score);
    const res = await move(as.hr, id, 1, { to: 'offer' });
    expect(res.status, res.text).toBe(200);
    return id;
  };
  const checks = async (id: string): Promise<Check[]> => {
    const res = await get(as.hr, `${APPLICATIONS}/${id}/checks`);
    expect(res.status, res.text).toBe(200);
    return (res.body as { items: Check[] }).items;
  };
  /** An application whose offer HR accepted on the candidate's behalf: at the pre-employment checks. */
  const accepted = async (startsOn = shiftDays(30)): Promise<{ id: string; offer: Offer }> => {
    const id = await atOffer();
    const made = await makeOffer(id, { ...terms, startsOn });
    expect(made.status, made.text).toBe(201);
    const res = await respond((made.body as Offer).id, 1, 'accepted');
    expect(res.status, res.text).toBe(200);
    return { id, offer: res.body as Offer };
  };

  it('moves to the offer stage only after a passed interview, and makes offers only there', async () => {
    const unscored = await insertApplication(t, {
      candidateId: await insertCandidate(t),
      vacancyId,
      stage: 'interview',
      interviewed: true,
    });
    expect(expectProblem(await move(as.hr, unscored, 1, { to: 'offer' }), 422, 'interview-not-passed')).toMatchObject({
      passMark: 4,
      interviewScore: null,
    });
    expectProblem(await makeOffer(unscored, terms), 409, 'application-not-at-offer-stage');
    await insertInterviewScores(t, unscored, panelUserId, 3);
    const below = expectProblem(await move(as.hr, unscored, 1, { to: 'offer' }), 422, 'interview-not-passed');
    expect(below).toMatchObject({ passMark: 4, interviewScore: 3 });
    expect(below.detail).toMatch(/scored 3 against a pass mark of 4/);
    // The reserve list too is left for an offer only with a passed interview; a lower score may still go on it.
    expect((await move(as.hr, unscored, 1, { to: 'reserve' })).status).toBe(200);
    expectProblem(await move(as.hr, unscored, 2, { to: 'offer' }), 422, 'interview-not-passed');

    const passed = await atOffer(4);
    expect((await get(as.hr, `${APPLICATIONS}/${passed}`)).body).toMatchObject({ stage: 'offer' });
  });

  it('makes one live offer at a salary within the range, once per Idempotency-Key, for HR and admins only', async () => {
    const id = await atOffer();
    const range = expectProblem(await makeOffer(id, { ...terms, salary: 39999 }), 422, 'offer-salary-out-of-range');
    expect(range).toMatchObject({ salary: 39999, salaryMin: 40000, salaryMax: 50000 });
    expect(range.detail).toBe("The salary (£39,999) is outside the vacancy's range (£40,000 to £50,000)");
    expectProblem(await makeOffer(id, { ...terms, salary: 50001 }), 422, 'offer-salary-out-of-range');
    const dates = expectProblem(
      await makeOffer(id, { ...terms, startsOn: shiftDays(-1), expiresOn: shiftDays(-2), locationId: randomUUID() }),
      422,
      'offer-invalid',
    );
    expect((dates.errors as { field: string }[]).map((e) => e.field)).toEqual(['expiresOn', 'startsOn', 'locationId']);
    expectProblem(await makeOffer(id, { ...terms, expiresOn: shiftDays(31) }), 422, 'offer-invalid');
    expectProblem(await makeOffer(id, { ...terms, salary: 'lots' }), 400, 'validation-failed');
    expectProblem(await makeOffer(id, { ...terms, startsOn: '2026-02-30' }), 400, 'validation-failed');
    for (const auth of [as.panel, as.hop, as.staff]) expectProblem(await makeOffer(id, terms, auth), 403, 'forbidden');
    expectProblem(await makeOffer(randomUUID(), terms), 404, 'application-not-found');

    const key = randomUUID();
    const first = await makeOffer(id, { ...terms, salary: 40000 }, as.hr, key);
    expect(first.status, first.text).toBe(201);
    expect(first.headers.etag).toBe('"1"');
    const offer = first.body as Offer;
    // The vacancy's only location is the offer's unless another is named.
    expect(offer).toMatchObject({ state: 'made', salary: 40000, locationId: hub, application: { id, stage: 'offer' } });
    expect((await makeOffer(id, { ...terms, salary: 40000 }, as.hr, key)).body).toEqual(first.body);
    const exists = expectProblem(await makeOffer(id, terms), 409, 'offer-exists');
    expect(exists).toMatchObject({ existingOfferId: offer.id, existingOffer: `/api/v1/offers/${offer.id}` });

    expect((await get(as.admin, `${API}/offers/${offer.id}`)).body).toMatchObject({ id: offer.id, salary: 40000 });
    expect((await get(as.hr, `${APPLICATIONS}/${id}/offers`)).body).toMatchObject({ items: [{ id: offer.id }] });
    // Panel members and heads of profession never see an offer's terms.
    for (const auth of [as.panel, as.hop, as.staff]) {
      expectProblem(await get(auth, `${API}/offers/${offer.id}`), 403, 'forbidden');
      expectProblem(await get(auth, `${APPLICATIONS}/${id}/offers`), 403, 'forbidden');
    }
    expectProblem(await get(as.hr, `${API}/offers/${randomUUID()}`), 404, 'offer-not-found');
    expect((await auditRows(t, 'offer.made')).map((r) => r.entity_id)).toEqual([offer.id]);
    const reads = await auditRows(t, 'offer.read');
    expect(reads.length).toBe(2);
    expect(reads.map((r) => r.json).join()).not.toContain('40000');
  });

  it('lets exactly one of two racing offers on one application through, and the database holds it', async () => {
    const id = await atOffer();
    const [a, b] = await Promise.all([makeOffer(id, terms), makeOffer(id, { ...terms, salary: 41000 })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const [row] = await t.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM offers WHERE application_id = $1',
      [id],
    );
    expect(row!.n).toBe(1);
    // Not only the service's check: a second live offer straight into the table breaks the partial unique index.
    await expect(
      t.dataSource.query(
        `INSERT INTO offers (application_id, salary, starts_on, expires_on, made_at) VALUES ($1, 1, current_date, current_date, now())`,
        [id],
      ),
    ).rejects.toThrow(/uq_offers_application_live/);
  });

  it('accepts (moving to the checks the vacancy requires), declines, withdraws and expires', async () => {
    const id = await atOffer();
    const offer = (await makeOffer(id, terms)).body as Offer;
    expectProblem(await respond(offer.id, null, 'accepted'), 428, 'precondition-required');
    expectProblem(await respond(offer.id, 2, 'accepted'), 412, 'precondition-failed');
    expectProblem(await respond(offer.id, 1, 'maybe'), 400, 'validation-failed');
    expectProblem(await respond(offer.id, 1, 'accepted', as.panel), 403, 'forbidden');
    const res = await respond(offer.id, 1, 'accepted');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      state: 'accepted',
      respondedBy: 'hr',
      application: { stage: 'pre-employment-checks' },
    });
    expect((await checks(id)).map((c) => [c.check, c.state])).toEqual([
      ['right-to-work', 'pending'],
      ['bpss', 'pending'],
    ]);
    const detail = (await get(as.hr, `${APPLICATIONS}/${id}`)).body as { moves: { to: string; reason: string }[] };
    expect(detail.moves.at(-1)).toMatchObject({ to: 'pre-employment-checks', reason: 'Offer accepted' });
    expectProblem(await respond(offer.id, 2, 'declined'), 409, 'offer-not-open');
    // Accepting once is the answer: a manual move to the checks without an accepted offer is refused.
    const other = await atOffer();
    expectProblem(await move(as.hr, other, 2, { to: 'pre-employment-checks' }), 422, 'offer-not-accepted');

    // Declined: the application stays at the offer stage, and may get another offer.
    const declined = (await makeOffer(other, terms)).body as Offer;
    expect((await respond(declined.id, 1, 'declined')).body).toMatchObject({
      state: 'declined',
      application: { stage: 'offer' },
    });
    const again = await makeOffer(other, { ...terms, salary: 48000 });
    expect(again.status, again.text).toBe(201);

    // Withdrawn, with a reason.
    const withdraw = (id2: string, v: number, body: Record<string, unknown>) =>
      t.http().post(`${API}/offers/${id2}/withdrawal`).set(as.hr).set('If-Match', `"${v}"`).send(body);
    const second = again.body as Offer;
    expectProblem(await withdraw(second.id, 1, { reason: '' }), 400, 'validation-failed');
    expectProblem(await withdraw(second.id, 1, { reason: '   ' }), 422, 'offer-invalid');
    expect((await withdraw(second.id, 1, { reason: 'Budget withdrawn' })).body).toMatchObject({
      state: 'withdrawn',
      withdrawalReason: 'Budget withdrawn',
    });
    expectProblem(await withdraw(second.id, 2, { reason: 'Again' }), 409, 'offer-not-open');
    expectProblem(await respond(second.id, 2, 'accepted'), 409, 'offer-not-open');

    // Past its last day it cannot be accepted, and the daily job expires it (not one whose last day is today).
    const late = await atOffer();
    const lateOffer = (await makeOffer(late, terms)).body as Offer;
    await t.dataSource.query(`UPDATE offers SET expires_on = current_date - 1 WHERE id = $1`, [lateOffer.id]);
    const today = await atOffer();
    const todayOffer = (await makeOffer(today, { ...terms, expiresOn: shiftDays(0) })).body as Offer;
    expect(expectProblem(await respond(lateOffer.id, 1, 'accepted'), 409, 'offer-expired')).toMatchObject({
      expiresOn: shiftDays(-1),
    });
    const run = () => t.app.get(JobsService).runNow('expire-offers');
    await run();
    await run();
    const states = await t.dataSource.query<{ id: string; state: string }[]>(
      'SELECT id, state FROM offers WHERE id = ANY($1)',
      [[lateOffer.id, todayOffer.id]],
    );
    expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({
      [lateOffer.id]: 'expired',
      [todayOffer.id]: 'made',
    });
    expect((await auditRows(t, 'offer.expired')).map((a) => [a.entity_id, a.actor_user_id])).toEqual([
      [lateOffer.id, null],
    ]);
    // An expired offer leaves room for another.
    expect((await makeOffer(late, terms)).status).toBe(201);
    expect((await auditRows(t, 'offer.accepted')).length).toBe(1);
    expect((await auditRows(t, 'offer.declined')).length).toBe(1);
    expect((await auditRows(t, 'offer.withdrawn')).length).toBe(1);
  });

  it("takes the candidate's own answer from the candidate link, with no user", async () => {
    const id = await atOffer();
    const offerId = ((await makeOffer(id, terms)).body as Offer).id;
    const view = await t.app.get(OffersService).respondAsCandidate(offerId, 'accepted');
    expect(view.offer).toMatchObject({ state: 'accepted', respondedBy: 'candidate', responseRecordedByUserId: null });
    expect(view.application.stage).toBe('pre-employment-checks');
    const [moved] = await t.dataSource.query<{ moved_by_user_id: string | null }[]>(
      `SELECT moved_by_user_id FROM application_stage_moves WHERE application_id = $1 AND to_stage = 'pre-employment-checks'`,
      [id],
    );
    expect(moved!.moved_by_user_id).toBeNull();
    await expect(t.app.get(OffersService).respondAsCandidate(offerId, 'declined')).rejects.toThrow(/only a made offer/);
  });

  it('withdraws an unanswered offer when its application ends, and keeps an accepted one as history', async () => {
    const rejected = await atOffer();
    const rejectedOffer = ((await makeOffer(rejected, terms)).body as Offer).id;
    const withdrawn = await atOffer();
    const withdrawnOffer = ((await makeOffer(withdrawn, terms)).body as Offer).id;
    const untouched = await atOffer();
    const untouchedOffer = ((await makeOffer(untouched, terms)).body as Offer).id;
    const { id: checked, offer: acceptedOffer } = await accepted();

    const end = async (id: string, body: Record<string, unknown>) => {
      const res = await move(as.hr, id, await version(id), body);
      expect(res.status, res.text).toBe(200);
    };
    await end(rejected, { to: 'rejected', reason: 'Another candidate was stronger' });
    await end(withdrawn, { to: 'withdrawn', reason: 'The candidate took another job' });
    await end(checked, { to: 'rejected', reason: 'Failed the BPSS check' });

    const states = await t.dataSource.query<{ id: string; state: string; reason: string | null; at: Date | null }[]>(
      `SELECT id, state, withdrawal_reason AS reason, withdrawn_at AS at FROM offers WHERE id = ANY($1)`,
      [[rejectedOffer, withdrawnOffer, untouchedOffer, acceptedOffer.id]],
    );
    const byId = Object.fromEntries(states.map((s) => [s.id, s]));
    expect(byId[rejectedOffer]).toMatchObject({ state: 'withdrawn', reason: 'The application was rejected' });
    expect(byId[withdrawnOffer]).toMatchObject({ state: 'withdrawn', reason: 'The application was withdrawn' });
    expect(byId[rejectedOffer]!.at).toBeInstanceOf(Date);
    expect(byId[untouchedOffer]).toMatchObject({ state: 'made', reason: null, at: null });
    expect(byId[acceptedOffer.id]).toMatchObject({ state: 'accepted', reason: null });
    const audits = await auditRows(t, 'offer.withdrawn');
    expect(audits.map((a) => a.entity_id).sort()).toEqual([rejectedOffer, withdrawnOffer].sort());
    expect(audits.every((a) => a.actor_user_id === hrUserId)).toBe(true);
    // Nobody can answer for it afterwards.
    expectProblem(await respond(rejectedOffer, 2, 'accepted'), 409, 'offer-not-open');
  });

  it('decides checks, refuses appointment until every one passed, and lets a failed one end in rejection', async () => {
    const { id } = await accepted();
    const [rtw, bpss] = await checks(id);
    expectProblem(await decide(id, 'right-to-work', null, { state: 'passed' }), 428, 'precondition-required');
    expectProblem(await decide(id, 'right-to-work', 9, { state: 'passed' }), 412, 'precondition-failed');
    expectProblem(await decide(id, 'security-clearance', 1, { state: 'passed' }), 404, 'check-not-found');
    expectProblem(await decide(id, 'palm-reading', 1, { state: 'passed' }), 400, 'validation-failed');
    expectProblem(await decide(id, 'bpss', 1, { state: 'pending' }), 400, 'validation-failed');
    const v = await version(id);
    const pending = expectProblem(await move(as.hr, id, v, { to: 'appointed' }), 422, 'checks-not-passed');
    expect(pending).toMatchObject({ pending: ['right-to-work', 'bpss'], failed: [] });
    const passed = await decide(id, 'right-to-work', rtw!.version, { state: 'passed', note: 'Passport seen' });
    expect(passed.status, passed.text).toBe(200);
    expect(passed.headers.etag).toBe('"2"');
    expect(passed.body).toMatchObject({ check: 'right-to-work', state: 'passed', note: 'Passport seen' });
    expect((await decide(id, 'bpss', bpss!.version, { state: 'failed', note: 'Unspent conviction' })).status).toBe(200);
    const failed = expectProblem(await move(as.hr, id, v, { to: 'appointed' }), 422, 'checks-not-passed');
    expect(failed).toMatchObject({ pending: [], failed: ['bpss'] });
    expect(failed.detail).toMatch(/failed bpss/);
    const audit = await auditRows(t, 'pre-employment-check.decided');
    expect(audit.map((a) => a.json).join()).not.toMatch(/Passport seen|Unspent/);
    // A failed check: HR rejects the application with a reason; its checks then stay as they were.
    expect((await move(as.hr, id, v, { to: 'rejected', reason: 'Failed BPSS' })).status).toBe(200);
    expectProblem(await decide(id, 'bpss', 2, { state: 'passed' }), 409, 'application-not-at-checks');
  });

  it('appoints once every check passed: one staff record and its primary role, through workforce, linked', async () => {
    const { id, offer } = await accepted(shiftDays(0));
    for (const c of await checks(id)) {
      expect((await decide(id, c.check, c.version, { state: 'passed' })).status).toBe(200);
    }
    const v = await version(id);
    expectProblem(await move(as.panel, id, v, { to: 'appointed' }), 403, 'forbidden');
    // Two racing appointments from one version: one wins, the other finds the version gone.
    const [a, b] = await Promise.all([
      move(as.hr, id, v, { to: 'appointed' }),
      move(as.hr, id, v, { to: 'appointed' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const appointed = (a.status === 200 ? a : b).body as { stage: string; staffId: string; version: number };
    expect(appointed.stage).toBe('appointed');
    const staffRows = await t.dataSource.query<{ id: string; staff_number: string }[]>(
      `SELECT id, staff_number FROM staff WHERE full_name LIKE 'Offered %'`,
    );
    expect(staffRows).toEqual([{ id: appointed.staffId, staff_number: appointmentStaffNumber(id) }]);
    // Appointed is final: appointing again is refused, and the staff record is linked to one application.
    expect(
      expectProblem(await move(as.hr, id, appointed.version, { to: 'appointed' }), 409, 'illegal-application-move'),
    ).toMatchObject({ allowed: [] });
    await expect(
      t.dataSource.query(`UPDATE applications SET stage = 'appointed', staff_id = $1 WHERE id = $2`, [
        appointed.staffId,
        await insertApplication(t, { candidateId: await insertCandidate(t), vacancyId }),
      ]),
    ).rejects.toThrow(/uq_applications_staff_id/);

    // The new hire shows at once: their record, in the vacancy's unit and grade, at the offer's location, with the
    // vacancy's role level from the offer's start date.
    const staff = await get(as.hr, `${API}/staff/${appointed.staffId}`);
    expect(staff.status, staff.text).toBe(200);
    expect(staff.body).toMatchObject({
      unit: { id: teamId },
      grade: { id: grade },
      location: { id: hub },
      employmentType: 'permanent',
      startDate: offer.startsOn,
      currentRole: { roleLevel: { id: data[0]!.id }, startsOn: offer.startsOn },
    });
    expect(await auditRows(t, 'staff.created')).toHaveLength(1);
    expect(await auditRows(t, 'role-assignment.created')).toHaveLength(1);
  });

  it('counts accepted offers as awaiting start until the person is in post', async () => {
    const summary = async () => {
      const res = await get(as.hr, `${API}/establishment/summary?unitId=${teamId}`);
      expect(res.status, res.text).toBe(200);
      return (res.body as { totals: { inPost: number; offersAwaitingStart: number } }).totals;
    };
    const later = await accepted(shiftDays(20));
    const now = await accepted(shiftDays(0));
    await atOffer().then((id) => makeOffer(id, terms)); // made, not accepted: not counted
    expect(await summary()).toMatchObject({ inPost: 0, offersAwaitingStart: 2 });
    for (const { id } of [later, now]) {
      for (const c of await checks(id)) await decide(id, c.check, c.version, { state: 'passed' });
      expect((await move(as.hr, id, await version(id), { to: 'appointed' })).status).toBe(200);
    }
    // Appointed to start in 20 days: still awaiting; appointed from today: in post.
    expect(await summary()).toMatchObject({ inPost: 1, offersAwaitingStart: 1 });
  });

  it('offers a reserve candidate a matching vacancy of the same campaign, as a new application at the offer stage', async () => {
    const entry = await insertApplication(t, {
      candidateId: await insertCandidate(t),
      vacancyId,
      stage: 'interview',
      interviewed: true,
    });
    await insertInterviewScores(t, entry, panelUserId, 5);
    expect((await move(as.hr, entry, 1, { to: 'reserve' })).status).toBe(200);
    const matching = await insertVacancy(t, { campaignId, roleLevelId: data[0]!.id, gradeId: grade, unitId: teamId });
    const otherLevel = await insertVacancy(t, { campaignId, roleLevelId: data[1]!.id, gradeId: grade, unitId: teamId });
    const otherCampaign = await insertVacancy(t, {
      campaignId: await insertCampaign(t, hrUserId, 'open'),
      roleLevelId: data[0]!.id,
      gradeId: grade,
      unitId: teamId,
    });
    const draft = await insertVacancy(t, {
      campaignId,
      roleLevelId: data[0]!.id,
      gradeId: grade,
      unitId: teamId,
      state: 'draft',
    });
    const place = (id: string, vacancy: string, auth: Auth = as.hr) =>
      t.http().post(`${APPLICATIONS}/${id}/reserve-placements`).set(auth).set('Idempotency-Key', randomUUID()).send({
        vacancyId: vacancy,
      });
    for (const [vacancy, message] of [
      [otherLevel, 'a vacancy at another role level'],
      [otherCampaign, 'a vacancy of another campaign'],
      [draft, 'the vacancy is draft'],
      [vacancyId, 'the reserve entry is for this vacancy'],
      [randomUUID(), 'no such vacancy'],
    ] as const) {
      const problem = expectProblem(await place(entry, vacancy), 422, 'reserve-placement-invalid');
      expect(problem.errors).toEqual([{ field: 'vacancyId', message }]);
    }
    expectProblem(await place(await atOffer(), matching), 409, 'not-on-reserve-list');
    expectProblem(await place(entry, matching, as.panel), 403, 'forbidden');

    const res = await place(entry, matching);
    expect(res.status, res.text).toBe(201);
    const made = res.body as { id: string; stage: string; sourceApplicationId: string; moves: unknown[] };
    expect(made).toMatchObject({ stage: 'offer', sourceApplicationId: entry });
    expect(made.moves).toEqual([
      expect.objectContaining({ from: null, to: 'offer', reason: 'From the reserve list of Inserted vacancy' }),
    ]);
    expectProblem(await place(entry, matching), 409, 'duplicate-application');
    expect((await makeOffer(made.id, terms)).status).toBe(201);
    // The entry stays on its list.
    expect((await get(as.hr, `${APPLICATIONS}/${entry}`)).body).toMatchObject({ stage: 'reserve' });
  });

  it("withdraws reserve entries once their vacancy's reserve months have run out, by the job's clock", async () => {
    const sixMonths = await insertVacancy(t, { campaignId, roleLevelId: data[0]!.id, gradeId: grade, unitId: teamId });
    await t.dataSource.query('UPDATE vacancies SET reserve_list_months = 6 WHERE id = $1', [sixMonths]);
    const joined = new Date('2026-01-31T10:00:00.000Z');
    const entry = async (vacancy: string) => {
      const id = await insertApplication(t, {
        candidateId: await insertCandidate(t),
        vacancyId: vacancy,
        stage: 'reserve',
      });
      await t.dataSource.query('UPDATE applications SET stage_entered_at = $2 WHERE id = $1', [id, joined]);
      return id;
    };
    const short = await entry(sixMonths);
    const long = await entry(vacancyId); // 12 months, the default
    const offered = await insertApplication(t, {
      candidateId: await insertCandidate(t),
      vacancyId: sixMonths,
      stage: 'offer',
    });
    const run = async (at: string) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(at));
      await t.app.get(JobsService).runNow('expire-reserve-lists');
      vi.useRealTimers();
    };
    const stages = async () =>
      Object.fromEntries(
        (
          await t.dataSource.query<{ id: string; stage: string }[]>(
            'SELECT id, stage FROM applications WHERE id = ANY($1)',
            [[short, long, offered]],
          )
        ).map((r) => [r.id, r.stage]),
      );
    // Six months from 31 January is 31 July (PostgreSQL's month arithmetic): not before 10:00 that day.
    await run('2026-07-31T09:59:00.000Z');
    expect(await stages()).toEqual({ [short]: 'reserve', [long]: 'reserve', [offered]: 'offer' });
    await run('2026-07-31T10:00:00.000Z');
    await run('2026-08-01T00:00:00.000Z');
    expect(await stages()).toEqual({ [short]: 'withdrawn', [long]: 'reserve', [offered]: 'offer' });
    const moves = await t.dataSource.query<
      { from_stage: string; to_stage: string; moved_by_user_id: null; reason: string }[]
    >(
      `SELECT from_stage, to_stage, moved_by_user_id, reason FROM application_stage_moves
        WHERE application_id = $1 AND from_stage IS NOT NULL`,
      [short],
    );
    expect(moves).toEqual([
      { from_stage: 'reserve', to_stage: 'withdrawn', moved_by_user_id: null, reason: RESERVE_LIST_EXPIRED },
    ]);
    expect(RESERVE_LIST_EXPIRED).toBe('reserve list expired');
    expect((await auditRows(t, 'application.moved')).map((a) => [a.entity_id, a.actor_user_id])).toEqual([
      [short, null],
    ]);
    await run('2027-01-31T10:00:00.000Z');
    expect((await stages())[long]).toBe('withdrawn');
  });
});
