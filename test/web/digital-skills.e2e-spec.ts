/**
 * The digital skills check in the pages: the questionnaire (the lib's questions), every question required
 * with the GOV.UK error pattern (nothing recorded, answers kept), and an answered one recorded at the level
 * the lib's derivation gives (its own tests check the table; this checks the page records what it derives).
 */
import { deriveInclusionLevel, QUESTIONNAIRE, type QuestionnaireAnswers } from '@capability/reviews';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser } from '../support/factories.js';
import { signInAs, submitForm, titleOf, type Browser } from './support/pages.js';

describe('web pages: the digital skills check', () => {
  let t: TestApp;
  let agent: Browser;
  let staffId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const unitId = randomUUID();
    await t.dataSource.query(
      `INSERT INTO organisation_units (id, code, name, type, path) VALUES ($1, 'DSC', 'Dept', 'department', ARRAY[$1]::uuid[])`,
      [unitId],
    );
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO staff (staff_number, full_name, unit_id, employment_type)
       VALUES ('DSC1', 'Dee Skills', $1, 'permanent') RETURNING id`,
      [unitId],
    );
    staffId = row!.id;
    const user = await createUser(t, { staffId, displayName: 'Dee Skills' });
    agent = await signInAs(t, user.email);
  });
  afterAll(() => t?.close());

  const assessments = (): Promise<{ level: number; method: string }[]> =>
    t.dataSource.query('SELECT level, method FROM inclusion_assessments WHERE staff_id = $1', [staffId]);

  it('asks every question of the questionnaire, and says when none is recorded yet', async () => {
    const summary = await agent.get('/digital-skills').expect(200);
    expect(titleOf(summary.text)).toBe('Your digital skills – DDaT Capability Manager');
    expect(summary.text).toContain('You have not checked your digital skills yet');
    const form = await agent.get('/digital-skills/check').expect(200);
    for (const q of QUESTIONNAIRE) expect(form.text).toContain(q.text.replace(/'/g, '&#39;'));
  });

  it('shows an error for each question left unanswered, keeps the answers given, and records nothing', async () => {
    const res = await submitForm(agent, '/digital-skills/check', '/digital-skills/check', {
      online: 'yes',
      email: 'yes',
    });
    expect(res.status).toBe(400);
    expect(titleOf(res.text)).toBe('Error: Check your digital skills – DDaT Capability Manager');
    const unanswered = QUESTIONNAIRE.filter((q) => !['online', 'email'].includes(q.id));
    const summaryLinks = [...res.text.matchAll(/<a href="#([A-Za-z]+)">/g)].map((m) => m[1]);
    expect(summaryLinks).toEqual(unanswered.map((q) => q.id));
    expect(res.text).toMatch(/id="online-3" name="online" type="radio" value="yes" checked/);
    expect(await assessments()).toEqual([]);
  });

  it('records the level the answers derive, and shows it', async () => {
    const answers: QuestionnaireAnswers = {
      online: 'yes',
      wantsToDoMore: true,
      email: true,
      search: true,
      onlineForms: true,
      videoCalls: false,
      staySafe: true,
      solvesProblems: false,
      digitalIsMainWork: false,
    };
    const fields = Object.fromEntries(
      Object.entries(answers).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'yes' : 'no') : v]),
    );
    const res = await submitForm(agent, '/digital-skills/check', '/digital-skills/check', fields);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/digital-skills');
    const expected = deriveInclusionLevel(answers);
    expect(await assessments()).toEqual([{ level: expected, method: 'questionnaire' }]);
    const page = await agent.get('/digital-skills').expect(200);
    expect(page.text).toContain(`Your digital skills level is now ${expected}:`);
    expect(page.text).toContain(`${expected} of 9:`);
    // The confirmation is shown once.
    expect((await agent.get('/digital-skills')).text).not.toContain('Your digital skills level is now');
  });
});
