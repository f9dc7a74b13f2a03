/**
 * ASVS 16.2.5 / 16.4.1 (A1): what the service writes to its logs. The real built server runs as a
 * child at LOG_LEVEL info and its stdout is captured over a realistic session; no credential, token or
 * seeded personal data may appear, and every line must be exactly one JSON object, however hostile
 * the input that reached a log field.
 */
import { loadAppConfig, projectRoot, REDACT_PATHS } from '@capability/platform';
import { staffCsvLines, type StaffCsvRow } from '@capability/workforce';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerParams } from '../../libs/platform/src/logging/logging.js';
import { freePort, privateKeyPem } from '../faults/support/harness.js';
import { ApiProcess } from '../support/api-process.js';
import { createTestDatabase } from '../support/app.js';

const ADMIN = { email: 'log.admin@department.example', password: 'Log-Admin-Password-7731' };
const EVIL = 'Evil\n{"level":60,"msg":"forged"}';
const TRACE_ID = 'log-trace-7f3a';
/** What people write in a skills review: personal, never logged. */
const REVIEW_TEXT = {
  evidence: 'Evidence-Not-Logged: mentored the Quennell forecasting team',
  comment: 'Comment-Not-Logged: agreed after our one-to-one',
  reason: 'Reason-Not-Logged: please add the missing evidence',
};
/** What people write in a record of learning: personal, never logged. */
const LEARNING_TEXT = {
  title: 'Title-Not-Logged: coaching course for the Quennell family business',
  evidenceNote: 'Note-Not-Logged: certificate on my desk',
  reason: 'Rejection-Not-Logged: the certificate is not attached',
};
/** A recruitment partner's contact: personal data, never logged. */
const PARTNER_CONTACT = {
  name: 'Ottoline Vexley-Marchbanks',
  email: 'ottoline.vexley-marchbanks@agency.example',
  phone: '+44 20 7946 0999',
};
/** A candidate: personal data, never logged (nor their import file's rows). */
const CANDIDATE = {
  fullName: 'Peregrine Ashdown-Obuya',
  email: 'peregrine.ashdown-obuya@example.org',
  phone: '+44 7700 900777',
  university: 'University of Caldermoor',
};
const IMPORTED_CANDIDATE = 'Wilhelmina Trevathan-Oduya';
/** Diversity-monitoring answers (special category data): never logged, by key or by value. */
const DIVERSITY = {
  ageBand: '65-plus',
  sex: 'prefer-not-to-say',
  ethnicityGroup: 'mixed',
  disability: 'yes',
  sexualOrientation: 'bisexual',
  religion: 'sikh',
};
/** The candidate's link token, set while the session runs. */
let linkToken = '';
/** A header value cannot hold a newline; a tab and JSON it can. */
const EVIL_HEADER = 'Evil\t{"level":60,"msg":"forged-agent"}';
const RESPONDENT_PASSWORD = 'Respondent-Password-4471';
/** Each seeded person's pulse rating. */
const RATINGS = [4, 2, 5];
/** The first row of a review cycle's results export (staff number, skill slug), set while the session runs. */
let resultsLine = '';

const PEOPLE: StaffCsvRow[] = [
  ['LOG-001', 'Philippa Quennell-Abara', 'philippa.quennell-abara@department.example'],
  ['LOG-002', 'Tobias Wrexham-Nakamura', 'tobias.wrexham-nakamura@department.example'],
  ['LOG-003', 'Imogen Strathallan', 'imogen.strathallan@department.example'],
].map(([staffNumber, name, email]) => ({
  staff_number: staffNumber!,
  full_name: name!,
  work_email: email!,
  unit_code: 'LOG-UNIT',
  location_code: '',
  grade_code: '',
  employment_type: 'permanent',
  line_manager_staff_number: '',
  role_level_slug: 'data-scientist',
  start_date: '2024-04-01',
  leaving_date: '',
}));

interface Answer {
  status: number;
  body: string;
}

function send(
  base: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers: options.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('log hygiene', () => {
  let api: ApiProcess | undefined;
  let database: { url: string; drop: () => Promise<void> };
  let dataDir: string;
  let base: string;
  const secrets: string[] = [];
  /** The user and staff ids of the people who answered the pulse. */
  const respondents: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'ddat-logs-'));
    const port = await freePort();
    api = await ApiProcess.start(
      projectRoot(),
      port,
      {
        // eslint-disable-next-line n/no-process-env -- the child needs the PATH it was started with
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        NODE_ENV: 'production',
        DATABASE_URL: database.url,
        RUN_MIGRATIONS: 'true',
        RUN_WORKER: 'false',
        DATA_DIR: dataDir,
        AUTH_PRIVATE_KEY: privateKeyPem(),
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: 'info',
        METRICS_TOKEN: 'metrics-token-of-a-test-api-process',
        WEB_SESSION_SECRET: 'web-session-secret-of-a-test-api-process',
        RATE_LIMIT_PER_MINUTE: '1000000',
      },
      { keepAllOutput: true, readyTimeoutMs: 60_000 },
    );
    base = api.url;

    // ---- A realistic session.
    const json = { 'content-type': 'application/json' };
    const login = await send(base, 'POST', '/api/v1/auth/login', { headers: json, body: JSON.stringify(ADMIN) });
    expect(login.status, login.body).toBe(200);
    const tokens = JSON.parse(login.body) as { accessToken: string; refreshToken: string };
    const auth = { authorization: `Bearer ${tokens.accessToken}` };
    expect((await send(base, 'GET', '/api/v1/me', { headers: auth })).status).toBe(200);
    const refreshed = await send(base, 'POST', '/api/v1/auth/refresh', {
      headers: json,
      body: JSON.stringify({ refreshToken: tokens.refreshToken }),
    });
    expect(refreshed.status, refreshed.body).toBe(200);
    const next = JSON.parse(refreshed.body) as { accessToken: string; refreshToken: string };
    secrets.push(tokens.accessToken, tokens.refreshToken, next.accessToken, next.refreshToken);
    // Reusing a spent refresh token is a security event.
    await send(base, 'POST', '/api/v1/auth/refresh', {
      headers: json,
      body: JSON.stringify({ refreshToken: tokens.refreshToken }),
    });
    expect(
      (await send(base, 'GET', '/api/v1/me', { headers: { authorization: `Bearer ${next.accessToken}` } })).status,
    ).toBe(200);
    const session = { authorization: `Bearer ${next.accessToken}` };

    const unit = await send(base, 'POST', '/api/v1/organisation-units', {
      headers: { ...session, ...json },
      body: JSON.stringify({ code: 'LOG-UNIT', name: 'Logging Unit', type: 'department' }),
    });
    expect(unit.status, unit.body).toBe(201);
    const imported = await send(base, 'POST', '/api/v1/staff/import', {
      headers: { ...session, 'content-type': 'text/csv' },
      body: [...staffCsvLines(PEOPLE)].join(''),
    });
    expect(imported.status, imported.body).toBe(201);
    const list = await send(base, 'GET', `/api/v1/staff?limit=10&q=${encodeURIComponent(PEOPLE[0]!.full_name)}`, {
      headers: session,
    });
    expect([200, 400]).toContain(list.status);
    const all = await send(base, 'GET', '/api/v1/staff?limit=10', { headers: session });
    expect(all.status).toBe(200);
    for (const s of (JSON.parse(all.body) as { items: { id: string }[] }).items) {
      expect((await send(base, 'GET', `/api/v1/staff/${s.id}`, { headers: session })).status).toBe(200);
    }
    // Digital inclusion: an assisted assessment, the questionnaire, and an anonymous pulse the seeded people answer.
    const seeded = (JSON.parse(all.body) as { items: { id: string }[] }).items;
    const pulse = await send(base, 'POST', '/api/v1/pulses', {
      headers: { ...session, ...json },
      body: JSON.stringify({
        title: 'Awareness',
        statements: ['I know where to get help'],
        unitId: (JSON.parse(unit.body) as { id: string }).id,
      }),
    });
    expect(pulse.status, pulse.body).toBe(201);
    const pulseId = (JSON.parse(pulse.body) as { id: string }).id;
    const opened = await send(base, 'POST', `/api/v1/pulses/${pulseId}/open`, {
      headers: { ...session, ...json },
      body: JSON.stringify({ closesOn: new Date().toISOString().slice(0, 10) }),
    });
    expect(opened.status, opened.body).toBe(200);
    for (const [i, person] of seeded.entries()) {
      const email = `respondent.${i}@department.example`;
      const user = await send(base, 'POST', '/api/v1/users', {
        headers: { ...session, ...json },
        body: JSON.stringify({
          email,
          displayName: 'Respondent',
          roles: ['staff'],
          staffId: person.id,
          password: RESPONDENT_PASSWORD,
        }),
      });
      expect(user.status, user.body).toBe(201);
      respondents.push((JSON.parse(user.body) as { id: string }).id, person.id);
      const signedIn = await send(base, 'POST', '/api/v1/auth/login', {
        headers: json,
        body: JSON.stringify({ email, password: RESPONDENT_PASSWORD }),
      });
      const own = { authorization: `Bearer ${(JSON.parse(signedIn.body) as { accessToken: string }).accessToken}` };
      secrets.push(own.authorization.slice('Bearer '.length));
      expect((await send(base, 'GET', '/api/v1/me/pulses', { headers: own })).status).toBe(200);
      const answered = await send(base, 'POST', `/api/v1/pulses/${pulseId}/responses`, {
        headers: { ...own, ...json },
        body: JSON.stringify({ ratings: [RATINGS[i]] }),
      });
      expect(answered.status, answered.body).toBe(201);
      expect((await send(base, 'GET', '/api/v1/inclusion/questionnaire', { headers: own })).status).toBe(200);
      const derived = await send(base, 'POST', '/api/v1/me/inclusion-assessments/questionnaire', {
        headers: { ...own, ...json },
        body: JSON.stringify({
          online: 'yes',
          wantsToDoMore: false,
          email: true,
          search: true,
          onlineForms: i > 0,
          videoCalls: true,
          staySafe: true,
          solvesProblems: false,
          digitalIsMainWork: false,
        }),
      });
      expect(derived.status, derived.body).toBe(201);
      expect((await send(base, 'GET', '/api/v1/me/inclusion', { headers: own })).status).toBe(200);
      const assessed = await send(base, 'POST', `/api/v1/staff/${person.id}/inclusion-assessments`, {
        headers: { ...session, ...json },
        body: JSON.stringify({ level: 6 }),
      });
      expect(assessed.status, assessed.body).toBe(201);
      // A record of learning: recorded for them (HR), read, rejected with a reason, then read as its owner.
      const learning = await send(base, 'POST', `/api/v1/staff/${person.id}/learning-records`, {
        headers: { ...session, ...json },
        body: JSON.stringify({
          title: LEARNING_TEXT.title,
          completedOn: new Date().toISOString().slice(0, 10),
          hours: 3,
          evidenceNote: LEARNING_TEXT.evidenceNote,
        }),
      });
      expect(learning.status, learning.body).toBe(201);
      const learningId = (JSON.parse(learning.body) as { id: string }).id;
      const rejected = await send(base, 'POST', `/api/v1/learning-records/${learningId}/reject`, {
        headers: { ...session, ...json },
        body: JSON.stringify({ reason: LEARNING_TEXT.reason }),
      });
      expect(rejected.status, rejected.body).toBe(200);
      expect((await send(base, 'GET', '/api/v1/me/learning-records', { headers: own })).status).toBe(200);
      expect((await send(base, 'GET', `/api/v1/learning-records/${learningId}`, { headers: own })).status).toBe(200);
    }
    expect((await send(base, 'POST', `/api/v1/pulses/${pulseId}/close`, { headers: session })).status).toBe(200);
    expect((await send(base, 'GET', `/api/v1/pulses/${pulseId}/results`, { headers: session })).status).toBe(200);
    expect((await send(base, 'GET', '/api/v1/pulses/trend', { headers: session })).status).toBe(200);

    const exported = await send(base, 'GET', '/api/v1/staff/export.csv', { headers: session });
    expect(exported.status).toBe(200);
    expect(exported.body).toContain(PEOPLE[0]!.full_name);

    // A skills review: a cycle opened for the imported people; their reviews read, and writes carrying
    // evidence, comments and a reason (refused: the admin is not the reviewee, the reviews not submitted).
    const cycle = await send(base, 'POST', '/api/v1/review-cycles', {
      headers: { ...session, ...json },
      body: JSON.stringify({
        name: 'Log review',
        unitId: (JSON.parse(unit.body) as { id: string }).id,
        opensOn: '2026-04-01',
        closesOn: '2026-06-30',
      }),
    });
    expect(cycle.status, cycle.body).toBe(201);
    const cycleId = (JSON.parse(cycle.body) as { id: string }).id;
    const cycleOpened = await send(base, 'POST', `/api/v1/review-cycles/${cycleId}/open`, { headers: session });
    expect(cycleOpened.status, cycleOpened.body).toBe(200);
    const reviews = await send(base, 'GET', `/api/v1/skill-reviews?cycleId=${cycleId}`, { headers: session });
    expect(reviews.status, reviews.body).toBe(200);
    const reviewItems = (JSON.parse(reviews.body) as { items: { id: string; staffId: string }[] }).items;
    expect(reviewItems).toHaveLength(PEOPLE.length);
    for (const item of reviewItems) {
      const read = await send(base, 'GET', `/api/v1/skill-reviews/${item.id}`, { headers: session });
      expect(read.status).toBe(200);
      const review = JSON.parse(read.body) as { version: number; skills: { skillId: string }[] };
      const ifMatch = { 'if-match': `"${review.version}"` };
      const self = await send(base, 'PUT', `/api/v1/skill-reviews/${item.id}/self-assessment`, {
        headers: { ...session, ...json, ...ifMatch },
        body: JSON.stringify({
          ratings: review.skills.map((s) => ({ skillId: s.skillId, level: 2, evidence: REVIEW_TEXT.evidence })),
        }),
      });
      expect(self.status).toBe(403);
      const validation = await send(base, 'PUT', `/api/v1/skill-reviews/${item.id}/validation`, {
        headers: { ...session, ...json, ...ifMatch },
        body: JSON.stringify({
          ratings: review.skills.map((s) => ({ skillId: s.skillId, level: 3, comment: REVIEW_TEXT.comment })),
        }),
      });
      expect(validation.status).toBe(409);
      const returned = await send(base, 'POST', `/api/v1/skill-reviews/${item.id}/return`, {
        headers: { ...session, ...json },
        body: JSON.stringify({ reason: REVIEW_TEXT.reason }),
      });
      expect(returned.status).toBe(409);
      expect((await send(base, 'GET', `/api/v1/staff/${item.staffId}/gaps`, { headers: session })).status).toBe(200);
      const recommendations = await send(base, 'GET', `/api/v1/staff/${item.staffId}/recommendations`, {
        headers: session,
      });
      expect(recommendations.status).toBe(200);
    }
    const results = await send(base, 'GET', `/api/v1/review-cycles/${cycleId}/results.csv`, { headers: session });
    expect(results.status).toBe(200);
    const [header, first] = results.body.split('\n');
    resultsLine = first!.split(',').slice(0, 2).join(',');
    expect(resultsLine).toMatch(/^LOG-00[12],/);
    const rated = await send(base, 'POST', `/api/v1/review-cycles/${cycleId}/results/import`, {
      headers: { ...session, 'content-type': 'text/csv' },
      body: `${header}\n${resultsLine},3,2,,,\n`,
    });
    expect(rated.status, rated.body).toBe(201);
    const refused = await send(base, 'POST', `/api/v1/review-cycles/${cycleId}/results/import`, {
      headers: { ...session, 'content-type': 'text/csv' },
      body: `${header}\n${resultsLine},9,2,,,\nLOG-404,${EVIL.replace(/\n/g, ' ')},1,1,,,\n`,
    });
    expect(refused.status, refused.body).toBe(422);

    // A recruitment partner with a contact (personal data), and the conflict its duplicate gets.
    const partner = JSON.stringify({
      name: 'Log Partner Ltd',
      kind: 'agency',
      country: 'GB',
      contractStartsOn: '2026-04-01',
      contacts: [{ ...PARTNER_CONTACT, jobTitle: 'Account manager' }],
    });
    const created = await send(base, 'POST', '/api/v1/partners', { headers: { ...session, ...json }, body: partner });
    expect(created.status, created.body).toBe(201);
    const duplicate = await send(base, 'POST', '/api/v1/partners', { headers: { ...session, ...json }, body: partner });
    expect(duplicate.status, duplicate.body).toBe(409);

    // A candidate (personal data), the conflict their duplicate gets, a read of their record, and an import.
    const candidate = JSON.stringify({ ...CANDIDATE, channel: 'job-board' });
    const added = await send(base, 'POST', '/api/v1/candidates', { headers: { ...session, ...json }, body: candidate });
    expect(added.status, added.body).toBe(201);
    const again = await send(base, 'POST', '/api/v1/candidates', { headers: { ...session, ...json }, body: candidate });
    expect(again.status, again.body).toBe(409);
    const candidateId = (JSON.parse(added.body) as { id: string }).id;
    expect((await send(base, 'GET', `/api/v1/candidates/${candidateId}`, { headers: session })).status).toBe(200);
    const candidatesImport = await send(base, 'POST', '/api/v1/candidates/import?channel=job-board', {
      headers: { ...session, 'content-type': 'text/csv' },
      body: `full_name,email,phone,university,course,graduation_year,right_to_work,retention_consent\n${IMPORTED_CANDIDATE},not-an-email,,,,,,\n`,
    });
    expect(candidatesImport.status, candidatesImport.body).toBe(422);

    // The candidate link: HR issues it, the candidate answers the diversity questions and consents; a bad answer
    // and a bad token are refused.
    const link = await send(base, 'POST', `/api/v1/candidates/${candidateId}/links`, { headers: session });
    expect(link.status, link.body).toBe(201);
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const outbox = await db.query<{ link: string }>(
      `SELECT personalisation->>'link' AS link FROM notification_outbox WHERE template = 'candidate-link'`,
    );
    await db.end();
    linkToken = /#token=(.+)$/.exec(outbox.rows[0]!.link)![1]!;
    const asCandidate = { authorization: `Bearer ${linkToken}`, ...json };
    const answered = await send(base, 'PUT', '/api/v1/candidate-link/diversity', {
      headers: asCandidate,
      body: JSON.stringify(DIVERSITY),
    });
    expect(answered.status, answered.body).toBe(204);
    const wrong = await send(base, 'PUT', '/api/v1/candidate-link/diversity', {
      headers: asCandidate,
      body: JSON.stringify({ ...DIVERSITY, religion: 'sikh-and-more' }),
    });
    expect(wrong.status, wrong.body).toBe(400);
    const consented = await send(base, 'PUT', '/api/v1/candidate-link/consent', {
      headers: asCandidate,
      body: JSON.stringify({ retentionConsent: true }),
    });
    expect(consented.status, consented.body).toBe(204);
    const badLink = await send(base, 'GET', '/api/v1/candidate-link', {
      headers: { authorization: `Bearer ${linkToken.slice(0, -2)}xx` },
    });
    expect(badLink.status, badLink.body).toBe(401);
    const subjectAccess = await send(base, 'GET', `/api/v1/candidates/${candidateId}/export`, { headers: session });
    expect(subjectAccess.status, subjectAccess.body).toBe(200);

    // Failures: a wrong password, an unknown (personal) email, a bad token, problem responses.
    for (const attempt of [
      { email: ADMIN.email, password: 'Wrong-Password-Not-Logged-5521' },
      { email: PEOPLE[1]!.work_email, password: 'Another-Wrong-Password-9143' },
    ]) {
      const failed = await send(base, 'POST', '/api/v1/auth/login', { headers: json, body: JSON.stringify(attempt) });
      expect(failed.status).toBe(401);
    }
    expect(
      (await send(base, 'GET', '/api/v1/me', { headers: { authorization: `Bearer ${tokens.accessToken}x` } })).status,
    ).toBe(401);
    expect((await send(base, 'GET', '/api/v1/staff/not-a-uuid', { headers: session })).status).toBe(400);
    expect(
      (await send(base, 'GET', `/api/v1/staff/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, { headers: session }))
        .status,
    ).toBe(404);

    // Hostile input where it can reach a log field: a staff name (validation error and a create), a path, a header.
    await send(base, 'POST', '/api/v1/staff', {
      headers: { ...session, ...json },
      body: JSON.stringify({ staffNumber: 'not valid!', fullName: EVIL, unitId: 'nope', employmentType: 'x' }),
    });
    const unitId = (JSON.parse(unit.body) as { id: string }).id;
    const evil = await send(base, 'POST', '/api/v1/staff', {
      headers: { ...session, ...json },
      body: JSON.stringify({ staffNumber: 'LOG-EVIL', fullName: EVIL, unitId, employmentType: 'permanent' }),
    });
    expect(evil.status, evil.body).toBe(201);
    await send(base, 'GET', `/api/v1/staff/${encodeURIComponent(EVIL)}`, { headers: session });
    await send(base, 'GET', '/api/v1/me', { headers: { ...session, 'user-agent': EVIL_HEADER } });
    await send(base, 'GET', '/api/v1/me', { headers: { authorization: 'Bearer eyJ.forged\t{"level":60}' } });
    // A traced request whose token is refused: its request line and its security event share the id.
    await send(base, 'GET', '/api/v1/me', { headers: { authorization: 'Bearer not-a-jwt', 'x-request-id': TRACE_ID } });

    // Stop the server so every line is flushed.
    const exited = new Promise((resolve) => api!.child.once('exit', resolve));
    api.child.kill('SIGTERM');
    await exited;
  });

  afterAll(async () => {
    api?.kill();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /**
   * The start-up banner (apps/api/src/banner.ts) is plain text written to stdout once, on purpose,
   * outside the logger; everything else on stdout is the log stream.
   */
  const BANNER =
    /\n {2}DDaT Capability Manager is running\n[\s\S]*?-d '\{[^\n]*\}'\n\n( {2}The generated admin password[^\n]*\n\n)?/;
  const logStream = (): string => api!.stdout.replace(BANNER, '');

  it('prints the start-up banner once, with no password when ADMIN_PASSWORD is set', () => {
    const banner = BANNER.exec(api!.stdout)?.[0];
    expect(banner).toBeDefined();
    expect(banner).toContain('(ADMIN_PASSWORD)');
    expect(banner).not.toContain(ADMIN.password);
  });

  it('writes every other stdout line as exactly one JSON object, none forged by input', () => {
    const lines = logStream()
      .split('\n')
      .filter((l) => l.length > 0);
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      let entry: unknown;
      expect(() => (entry = JSON.parse(line)), line).not.toThrow();
      expect(typeof entry).toBe('object');
      const e = entry as { level: unknown; msg?: unknown };
      expect(typeof e.level).toBe('number');
      expect(e.msg).not.toMatch(/^forged/);
    }
    expect(lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 60)).toEqual([]);
    // The header that was logged is one escaped field, intact.
    const agents = lines
      .map((l) => JSON.parse(l) as { req?: { userAgent?: string } })
      .filter((e) => e.req?.userAgent === EVIL_HEADER);
    expect(agents.length).toBeGreaterThan(0);
    expect(api!.stderr).toBe('');
  });

  it('writes one request line per answered request, and the request id on every line logged while serving it', () => {
    const entries = logStream()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const traced = entries.filter((e) => e.requestId === TRACE_ID);
    expect(traced.map((e) => e.msg)).toEqual(['security: auth.token-rejected', 'request completed']);
    expect(traced[1]).toMatchObject({ level: 40, req: { method: 'GET', url: '/api/v1/me' }, res: { statusCode: 401 } });
    expect(typeof traced[1]!.responseTime).toBe('number');
    // Successes are info lines; no probe is logged at all.
    const ok = entries.filter(
      (e) => e.msg === 'request completed' && (e.res as { statusCode: number }).statusCode < 400,
    );
    expect(ok.length).toBeGreaterThan(5);
    for (const line of ok) expect(line).toMatchObject({ level: 30, requestId: expect.any(String) });
    expect(entries.filter((e) => String((e.req as { url?: string } | undefined)?.url).startsWith('/health'))).toEqual(
      [],
    );
  });

  it('logs no bearer token, refresh token or password', () => {
    expect(secrets).toHaveLength(4 + PEOPLE.length);
    expect(api!.stdout).not.toContain('eyJ');
    for (const secret of secrets) expect(api!.stdout).not.toContain(secret);
    for (const password of [ADMIN.password, 'Wrong-Password-Not-Logged-5521', 'Another-Wrong-Password-9143']) {
      expect(api!.stdout).not.toContain(password);
    }
    expect(logStream()).not.toMatch(/"(password|refreshToken|accessToken)":"(?!\[redacted\])/);
  });

  it('logs nothing that links a pulse answer to a person: no respondent id, no ratings, answers only as request lines', () => {
    expect(respondents).toHaveLength(2 * PEOPLE.length);
    const entries = logStream()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const answers = entries.filter((e) => /\/pulses\/[^/]+\/responses$/.test(String((e.req as { url?: string })?.url)));
    expect(answers).toHaveLength(PEOPLE.length);
    // A staff id is in the path of the staff routes; on no line about a pulse, and a user id on none at all.
    const pulseLines = entries.filter((e) => JSON.stringify(e).includes('/pulses'));
    for (const id of respondents) {
      for (const line of pulseLines) expect(JSON.stringify(line)).not.toContain(id);
    }
    for (const [i, id] of respondents.entries()) if (i % 2 === 0) expect(logStream()).not.toContain(id);
    for (const line of answers) {
      expect(Object.keys(line).sort()).toEqual(
        ['hostname', 'level', 'msg', 'pid', 'req', 'requestId', 'res', 'responseTime', 'time'].sort(),
      );
      const allowed = ['id', 'method', 'remoteAddress', 'url', 'userAgent'];
      expect(Object.keys(line.req as object).filter((k) => !allowed.includes(k))).toEqual([]);
    }
    expect(logStream()).not.toMatch(/"ratings"/);
  });

  it('logs no seeded personal names or emails', () => {
    // A results row (staff number and skill) is never logged, nor a rejected row's staff number.
    expect(resultsLine).not.toBe('');
    expect(api!.stdout).not.toContain(resultsLine);
    expect(api!.stdout).not.toContain('LOG-404');
    for (const person of PEOPLE) {
      expect(api!.stdout).not.toContain(person.full_name);
      expect(api!.stdout).not.toContain(person.work_email);
      expect(api!.stdout).not.toContain(person.full_name.split(' ')[1]!);
    }
    for (const value of Object.values(PARTNER_CONTACT)) expect(api!.stdout).not.toContain(value);
    for (const value of [...Object.values(CANDIDATE), IMPORTED_CANDIDATE]) expect(api!.stdout).not.toContain(value);
    // The admin's email is in the banner by design, and nowhere in the log stream.
    expect(logStream()).not.toContain(ADMIN.email);
  });

  it('logs no diversity-monitoring answer, by key or by value, nor a candidate link token', () => {
    expect(linkToken).toMatch(/^cl_/);
    expect(api!.stdout).not.toContain(linkToken);
    expect(api!.stdout).not.toContain(linkToken.slice(3, 20));
    for (const [key, value] of Object.entries(DIVERSITY)) {
      // As a JSON key (the word "disability" is in a route's path, which the start-up logs map).
      expect(api!.stdout).not.toContain(`"${key}"`);
      if (value !== 'yes' && value !== 'prefer-not-to-say') expect(api!.stdout).not.toContain(value);
    }
    expect(api!.stdout).not.toContain('sexual_orientation');
  });

  it('logs no skills review evidence, comments or reasons, nor what people write in records of learning', () => {
    for (const text of [...Object.values(REVIEW_TEXT), ...Object.values(LEARNING_TEXT)]) {
      expect(api!.stdout).not.toContain(text);
      expect(api!.stdout).not.toContain(text.split(':')[0]!);
    }
  });
});

describe("the app's log configuration", () => {
  /** The service's own pino settings (level, redaction, serializers), writing to a stream the test reads. */
  function capture(): { logger: pino.Logger; lines: () => string[] } {
    const params = loggerParams(
      loadAppConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://u:p@127.0.0.1:1/x', LOG_LEVEL: 'info' }),
    );
    const options = params.pinoHttp as pino.LoggerOptions;
    let out = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString();
        done();
      },
    });
    const logger = pino({ level: 'info', redact: options.redact, serializers: options.serializers }, stream);
    return { logger, lines: () => out.split('\n').filter(Boolean) };
  }

  it('writes a name with a newline and JSON as one escaped field on one line, wherever it is logged', () => {
    const { logger, lines } = capture();
    logger.warn({ securityEvent: 'auth.login-failed', reason: EVIL }, 'security: auth.login-failed');
    logger.info(
      { req: { id: '1', method: 'GET', url: `/api/v1/staff/${EVIL}?q=${EVIL}`, headers: { 'user-agent': EVIL } } },
      'request completed',
    );
    logger.error({ err: new Error(`Could not import ${EVIL}`) }, `Unhandled error for ${EVIL}`);

    expect(lines()).toHaveLength(3);
    const [security, request, error] = lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(security).toMatchObject({ level: 40, reason: EVIL });
    expect(request).toMatchObject({ level: 30, req: { url: `/api/v1/staff/${EVIL}`, userAgent: EVIL } });
    expect(error).toMatchObject({ level: 50, msg: `Unhandled error for ${EVIL}` });
    for (const line of lines()) expect(line).not.toMatch(/\n/);
  });

  it('redacts credentials carried by mistake in any logged object', () => {
    const { logger, lines } = capture();
    expect(REDACT_PATHS).toContain('*.refreshToken');
    logger.info(
      {
        body: { email: 'x@department.example', password: 'hunter2-secret', refreshToken: 'refresh-secret' },
        tokens: { accessToken: 'eyJhbGciOi.secret', token: 'plain-secret' },
        req: { headers: { authorization: 'Bearer eyJhbGciOi.secret' } },
      },
      'oops',
    );
    const [line] = lines();
    expect(line).not.toMatch(/hunter2|refresh-secret|eyJ|plain-secret/);
    expect(line).toContain('[redacted]');
  });
});
