import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditRows } from '../support/audit.js';
import { signedIn } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { insertApplication, insertCandidate } from './pipeline-support.js';
import { API, gradeIds, insertCampaign, insertVacancy, levels, unit, type Auth } from './planning-support.js';

const LINK = `${API}/candidate-link`;
/** Refused links per client address before 429: low, so the limit is reached within a test. */
const LINK_LIMIT = 6;

/**
 * The candidate link: HR issues it (emailed through the outbox, never returned), the candidate reaches their own page
 * with it and nothing else, it expires and a reissue revokes it; refused tokens are counted per client address.
 */
describe('the candidate link', () => {
  let t: TestApp;
  let hr: Auth;
  let staff: Auth;
  let panel: Auth;
  let candidateId: string;
  let otherCandidateId: string;
  let applicationId: string;
  let otherApplicationId: string;

  beforeAll(async () => {
    t = await createTestApp({ CANDIDATE_LINK_RATE_LIMIT: String(LINK_LIMIT), CANDIDATE_LINK_TTL_DAYS: '14' });
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    const hrUser = await signedIn(t, { roles: ['hr'] });
    hr = hrUser.auth;
    staff = (await signedIn(t, { roles: ['staff'] })).auth;
    const panellist = await signedIn(t, { roles: ['staff'] });
    panel = panellist.auth;
    const [data] = await levels(t, 'data', 1);
    const campaignId = await insertCampaign(t, hrUser.user.id, 'open');
    const vacancy = (title: string) =>
      insertVacancy(t, {
        campaignId,
        roleLevelId: data!.id,
        gradeId: grade,
        unitId: team,
        panel: [{ userId: panellist.user.id, chair: true }],
      }).then(async (id) => {
        await t.dataSource.query('UPDATE vacancies SET title = $2 WHERE id = $1', [id, title]);
        return id;
      });
    const team = await unit(t, 'CLT');
    const grade = (await gradeIds(t, ['SEO']))[0]!;
    const vacancyId = await vacancy('Data Engineer');
    candidateId = await insertCandidate(t, { fullName: 'Linked Candidate', email: 'linked@example.org' });
    otherCandidateId = await insertCandidate(t);
    applicationId = await insertApplication(t, { candidateId, vacancyId, stage: 'sift' });
    otherApplicationId = await insertApplication(t, { candidateId: otherCandidateId, vacancyId });
  });

  const issue = (auth: Auth, id = candidateId, key?: string) => {
    const req = t.http().post(`${API}/candidates/${id}/links`).set(auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send();
  };
  /** Issues a link and returns the token from the email queued for it. */
  const tokenFor = async (id = candidateId): Promise<{ token: string; linkId: string }> => {
    const res = await issue(hr, id);
    expect(res.status, res.text).toBe(201);
    const [email] = await t.dataSource.query<{ personalisation: { link: string } }[]>(
      `SELECT personalisation FROM notification_outbox WHERE dedupe_key = $1`,
      [`candidate-link:${id}:${(res.body as { id: string }).id}`],
    );
    const token = /#token=(cl_[A-Za-z0-9_-]+)$/.exec(email!.personalisation.link)![1]!;
    return { token, linkId: (res.body as { id: string }).id };
  };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('is issued by HR with an Idempotency-Key, emailed through the outbox, and never returned or stored as itself', async () => {
    const first = await issue(hr, candidateId, 'link-once');
    expect(first.status, first.text).toBe(201);
    const again = await issue(hr, candidateId, 'link-once');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(Object.keys(first.body as object).sort()).toEqual(['candidateId', 'expiresAt', 'id', 'issuedAt', 'purpose']);
    const body = first.body as { id: string; issuedAt: string; expiresAt: string; purpose: string };
    expect(body.purpose).toBe('candidate-link');
    expect(Date.parse(body.expiresAt) - Date.parse(body.issuedAt)).toBe(14 * 86_400_000);

    const outbox = await t.dataSource.query<
      { template: string; email_address: string; personalisation: { link: string; name: string }; dedupe_key: string }[]
    >(`SELECT template, email_address, personalisation, dedupe_key FROM notification_outbox`);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      template: 'candidate-link',
      email_address: 'linked@example.org',
      dedupe_key: `candidate-link:${candidateId}:${body.id}`,
      personalisation: { name: 'Linked Candidate' },
    });
    const token = /#token=(cl_[A-Za-z0-9_-]{43})$/.exec(outbox[0]!.personalisation.link)![1]!;
    expect(first.text).not.toContain(token);
    // Stored only as its SHA-256.
    const [stored] = await t.dataSource.query<{ json: string; hash: Buffer }[]>(
      `SELECT row_to_json(l)::text AS json, token_hash AS hash FROM candidate_link_tokens l`,
    );
    expect(stored!.json).not.toContain(token);
    expect(stored!.hash.equals(createHash('sha256').update(token).digest())).toBe(true);
    expect((await auditRows(t, 'candidate-link.issued')).map((a) => a.entity_id)).toEqual([candidateId]);
  });

  it('is HR’s to issue: staff are refused, a missing candidate is 404, an anonymised one 409', async () => {
    expectProblem(await issue(staff), 403, 'forbidden');
    expectProblem(await issue(hr, '00000000-0000-4000-8000-000000000000'), 404, 'candidate-not-found');
    await t.dataSource.query('UPDATE candidates SET anonymised_at = now() WHERE id = $1', [candidateId]);
    expectProblem(await issue(hr), 409, 'candidate-anonymised');
  });

  it('shows the candidate their name and their applications’ vacancy titles and stages, nothing else', async () => {
    const { token } = await tokenFor();
    const res = await t.http().get(LINK).set(bearer(token));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      fullName: 'Linked Candidate',
      applications: [{ id: applicationId, vacancyTitle: 'Data Engineer', stage: 'sift' }],
    });
  });

  it('records consent, diversity answers, adjustments and the Disability Confident choice, each the candidate’s own', async () => {
    const { token } = await tokenFor();
    const auth = bearer(token);
    expect((await t.http().put(`${LINK}/consent`).set(auth).send({ retentionConsent: true })).status).toBe(204);
    const [consent] = await t.dataSource.query<{ retention_consent: boolean; retention_consent_at: Date | null }[]>(
      'SELECT retention_consent, retention_consent_at FROM candidates WHERE id = $1',
      [candidateId],
    );
    expect(consent).toMatchObject({ retention_consent: true, retention_consent_at: expect.any(Date) });

    const answers = {
      ageBand: '25-34',
      sex: 'prefer-not-to-say',
      ethnicityGroup: 'mixed',
      disability: 'yes',
      sexualOrientation: 'bisexual',
      religion: 'no-religion',
    };
    expect((await t.http().put(`${LINK}/diversity`).set(auth).send(answers)).status).toBe(204);
    expect(
      (
        await t
          .http()
          .put(`${LINK}/diversity`)
          .set(auth)
          .send({ ...answers, ageBand: '35-44' })
      ).status,
    ).toBe(204);
    const stored = await t.dataSource.query<{ age_band: string; answered_on: string }[]>(
      'SELECT age_band, answered_on::text FROM diversity_answers WHERE candidate_id = $1',
      [candidateId],
    );
    expect(stored).toEqual([{ age_band: '35-44', answered_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
    expectProblem(
      await t
        .http()
        .put(`${LINK}/diversity`)
        .set(auth)
        .send({ ...answers, sex: 'unknown' }),
      400,
      'validation-failed',
    );

    const adjustments = 'Extra time in the technical exercise';
    const put = await t
      .http()
      .put(`${LINK}/applications/${applicationId}/adjustments`)
      .set(auth)
      .send({ needs: adjustments });
    expect(put.status, put.text).toBe(204);
    const asHr = await t.http().get(`${API}/applications/${applicationId}`).set(hr);
    expect((asHr.body as { adjustments: string }).adjustments).toBe(adjustments);
    // The panel never sees them.
    const asPanel = await t.http().get(`${API}/applications/${applicationId}`).set(panel);
    expect(asPanel.status).toBe(200);
    expect((asPanel.body as { adjustments: string | null }).adjustments).toBeNull();
    expect(asPanel.text).not.toContain(adjustments);
    expect(
      (await t.http().put(`${LINK}/applications/${applicationId}/adjustments`).set(auth).send({ needs: null })).status,
    ).toBe(204);
    expect(
      ((await t.http().get(`${API}/applications/${applicationId}`).set(hr)).body as { adjustments: null }).adjustments,
    ).toBeNull();

    const dc = await t
      .http()
      .put(`${LINK}/applications/${applicationId}/disability-confident`)
      .set(auth)
      .send({ optIn: true });
    expect(dc.status, dc.text).toBe(204);
    const [application] = await t.dataSource.query<{ disability_confident: boolean }[]>(
      'SELECT disability_confident FROM applications WHERE id = $1',
      [applicationId],
    );
    expect(application!.disability_confident).toBe(true);
    await t.dataSource.query(`UPDATE applications SET stage = 'interview' WHERE id = $1`, [applicationId]);
    expectProblem(
      await t.http().put(`${LINK}/applications/${applicationId}/disability-confident`).set(auth).send({ optIn: false }),
      409,
      'disability-confident-too-late',
    );

    // Another candidate's application is as missing as a missing one.
    for (const path of ['adjustments', 'disability-confident']) {
      const body = path === 'adjustments' ? { needs: 'x' } : { optIn: true };
      expectProblem(
        await t.http().put(`${LINK}/applications/${otherApplicationId}/${path}`).set(auth).send(body),
        404,
        'application-not-found',
      );
    }
    // Audited, never with a value.
    const audited = await auditRows(t);
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'candidate.retention-consent-given-by-candidate',
        'candidate.diversity-answered',
        'application.adjustments-recorded',
        'application.disability-confident-recorded',
      ]),
    );
    for (const row of audited) {
      expect(row.json).not.toContain('35-44');
      expect(row.json).not.toContain('bisexual');
      expect(row.json).not.toContain(adjustments);
    }
  });

  it('shows the candidate their offers and takes their answer: accept once, the same again, nothing after', async () => {
    const { token } = await tokenFor();
    const offerAt = async (application: string, sql: string): Promise<string> => {
      const [row] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO offers (application_id, salary, starts_on, expires_on, made_at, state, expired_at, made_by_user_id)
         ${sql} RETURNING id`,
        [application],
      );
      return row!.id;
    };
    await t.dataSource.query(`UPDATE applications SET stage = 'offer' WHERE id = ANY($1)`, [
      [applicationId, otherApplicationId],
    ]);
    const lapsed = await offerAt(
      applicationId,
      `VALUES ($1, 41000, current_date + 20, current_date - 3, now() - interval '9 days', 'expired', now() - interval '2 days', NULL)`,
    );
    const current = await offerAt(
      applicationId,
      `VALUES ($1, 43500, current_date + 30, current_date + 7, now(), 'made', NULL, NULL)`,
    );
    const others = await offerAt(
      otherApplicationId,
      `VALUES ($1, 43500, current_date + 30, current_date + 7, now(), 'made', NULL, NULL)`,
    );

    const listed = await t.http().get(`${LINK}/applications/${applicationId}/offers`).set(bearer(token));
    expect(listed.status, listed.text).toBe(200);
    const offers = listed.body as Record<string, unknown>[];
    expect(offers.map((o) => [o.id, o.state, o.salary])).toEqual([
      [current, 'made', 43500],
      [lapsed, 'expired', 41000],
    ]);
    // The terms and the state; never who made it or HR's notes.
    expect(Object.keys(offers[0]!).sort()).toEqual(
      ['applicationId', 'expiresOn', 'id', 'location', 'madeAt', 'respondedAt', 'salary', 'startsOn', 'state'].sort(),
    );
    expect((await auditRows(t, 'offer.read')).map((a) => [a.entity_id, a.actor_user_id]).sort()).toEqual(
      [
        [current, null],
        [lapsed, null],
      ].sort(),
    );

    // Another candidate's application and offer do not exist for this link.
    expectProblem(
      await t.http().get(`${LINK}/applications/${otherApplicationId}/offers`).set(bearer(token)),
      404,
      'application-not-found',
    );
    expectProblem(
      await t.http().put(`${LINK}/offers/${others}/decision`).set(bearer(token)).send({ decision: 'declined' }),
      404,
      'offer-not-found',
    );
    expectProblem(
      await t.http().put(`${LINK}/offers/${current}/decision`).set(bearer(token)).send({ decision: 'maybe' }),
      400,
      'validation-failed',
    );
    expectProblem(
      await t.http().put(`${LINK}/offers/${lapsed}/decision`).set(bearer(token)).send({ decision: 'accepted' }),
      409,
      'offer-not-open',
    );
    const [untouched] = await t.dataSource.query<{ state: string }[]>('SELECT state FROM offers WHERE id = $1', [
      others,
    ]);
    expect(untouched!.state).toBe('made');

    const accepted = await t
      .http()
      .put(`${LINK}/offers/${current}/decision`)
      .set(bearer(token))
      .send({ decision: 'accepted' });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ id: current, state: 'accepted', salary: 43500 });
    expect(typeof (accepted.body as { respondedAt: unknown }).respondedAt).toBe('string');
    const [stored] = await t.dataSource.query<{ state: string; responded_by: string; recorded: string | null }[]>(
      'SELECT state, responded_by, response_recorded_by_user_id AS recorded FROM offers WHERE id = $1',
      [current],
    );
    expect(stored).toEqual({ state: 'accepted', responded_by: 'candidate', recorded: null });
    const [application] = await t.dataSource.query<{ stage: string; checks: number }[]>(
      `SELECT a.stage, (SELECT count(*)::int FROM pre_employment_checks c WHERE c.application_id = a.id) AS checks
         FROM applications a WHERE a.id = $1`,
      [applicationId],
    );
    expect(application!.stage).toBe('pre-employment-checks');
    expect(application!.checks).toBeGreaterThan(0);
    expect((await auditRows(t, 'offer.accepted')).map((a) => [a.entity_id, a.actor_user_id])).toEqual([
      [current, null],
    ]);

    // A retried acceptance answers with the offer as it stands and changes nothing; a change of mind is HR's.
    const again = await t
      .http()
      .put(`${LINK}/offers/${current}/decision`)
      .set(bearer(token))
      .send({ decision: 'accepted' });
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual(accepted.body);
    expect((await auditRows(t, 'offer.accepted')).length).toBe(1);
    expectProblem(
      await t.http().put(`${LINK}/offers/${current}/decision`).set(bearer(token)).send({ decision: 'declined' }),
      409,
      'offer-not-open',
    );
  });

  it('refuses an acceptance after the last day, and a decline leaves the application at the offer', async () => {
    const { token } = await tokenFor();
    await t.dataSource.query(`UPDATE applications SET stage = 'offer' WHERE id = $1`, [applicationId]);
    const [late] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO offers (application_id, salary, starts_on, expires_on, made_at)
       VALUES ($1, 40000, current_date + 10, current_date - 1, now() - interval '8 days') RETURNING id`,
      [applicationId],
    );
    expectProblem(
      await t.http().put(`${LINK}/offers/${late!.id}/decision`).set(bearer(token)).send({ decision: 'accepted' }),
      409,
      'offer-expired',
    );
    const declined = await t
      .http()
      .put(`${LINK}/offers/${late!.id}/decision`)
      .set(bearer(token))
      .send({ decision: 'declined' });
    expect(declined.status, declined.text).toBe(200);
    expect((declined.body as { state: string }).state).toBe('declined');
    const [application] = await t.dataSource.query<{ stage: string }[]>(
      'SELECT stage FROM applications WHERE id = $1',
      [applicationId],
    );
    expect(application!.stage).toBe('offer');
  });

  it('reaches nothing else: the token is no access token, and the link routes take no access token', async () => {
    const { token } = await tokenFor();
    for (const path of [`${API}/me`, `${API}/candidates`, `${API}/candidates/${candidateId}`, `${API}/applications`]) {
      expectProblem(await t.http().get(path).set(bearer(token)), 401, 'unauthenticated');
    }
    expectProblem(
      await t.http().get(`${API}/candidates/${candidateId}/export`).set(bearer(token)),
      401,
      'unauthenticated',
    );
    // HR's own access token is not a link.
    expectProblem(await t.http().get(LINK).set(hr), 401, 'candidate-link-invalid');
    expectProblem(await t.http().get(LINK), 401, 'candidate-link-invalid');
    expectProblem(
      await t.http().put(`${LINK}/consent`).send({ retentionConsent: true }),
      401,
      'candidate-link-invalid',
    );
  });

  it('expires, is revoked by a reissue, and stops with an anonymisation', async () => {
    const first = await tokenFor();
    const second = await tokenFor();
    expectProblem(await t.http().get(LINK).set(bearer(first.token)), 401, 'candidate-link-invalid');
    expect((await t.http().get(LINK).set(bearer(second.token))).status).toBe(200);
    await t.dataSource.query(
      `UPDATE candidate_link_tokens SET created_at = now() - interval '15 days', expires_at = now() - interval '1 day' WHERE id = $1`,
      [second.linkId],
    );
    expectProblem(await t.http().get(LINK).set(bearer(second.token)), 401, 'candidate-link-invalid');
    const third = await tokenFor();
    expect((await t.http().get(LINK).set(bearer(third.token))).status).toBe(200);
    await t.dataSource.query('UPDATE candidates SET anonymised_at = now() WHERE id = $1', [candidateId]);
    expectProblem(await t.http().get(LINK).set(bearer(third.token)), 401, 'candidate-link-invalid');
  });

  it('answers 429 once a client address has had too many links refused, a live one included, until the window ends', async () => {
    const { token } = await tokenFor();
    for (let i = 0; i < LINK_LIMIT; i++) {
      expectProblem(
        await t
          .http()
          .get(LINK)
          .set(bearer(`cl_${'x'.repeat(43)}`)),
        401,
        'candidate-link-invalid',
      );
    }
    const refused = await t.http().get(LINK).set(bearer(token));
    expectProblem(refused, 429, 'rate-limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await t.dataSource.query(`UPDATE candidate_link_failures SET window_ends_at = now() - interval '1 second'`);
    expect((await t.http().get(LINK).set(bearer(token))).status).toBe(200);
  });
});
