/**
 * The pages' frame in a real browser (Debian's Chromium through playwright-core): signing in, the home
 * page, the footer's pages and a missing page, each passing axe-core with no violation and kept as a
 * screenshot; signing in with the keyboard alone; govuk-frontend's JavaScript running under the CSP
 * (no violation reported) and the pages working with JavaScript off.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser, TEST_PASSWORD } from '../support/factories.js';
import { checkPage, launchChromium, serve, signInInBrowser } from './support/chromium.js';

describe('web pages in Chromium: the frame', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await serve(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A fresh page that records CSP violations and script errors. */
  async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // A document's own status (the 400 of a form with errors, a 404 page) is logged too: not a problem.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        problems.push(`console: ${m.text()}`);
      }
    });
    return { page, problems };
  }

  it('signs in, shows the home page, and every page of the frame passes axe-core', async () => {
    const user = await createUser(t, { displayName: 'Ada Browser' });
    const { page, problems } = await newPage();
    await page.goto(`${baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await checkPage(page, 'sign-in', 'Sign in – DDaT Capability Manager');

    // An empty form: the error summary, linked to the inline errors, and the title says so.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await checkPage(page, 'sign-in-errors', 'Error: Sign in – DDaT Capability Manager');
    await expect
      .poll(() => page.locator('.govuk-error-summary a').allTextContents())
      .toEqual(['Enter your email address', 'Enter your password']);
    // govuk-frontend's JavaScript moved focus to the error summary: it ran, under the CSP.
    await expect
      .poll(() => page.evaluate<string>("document.activeElement?.className ?? ''"))
      .toContain('govuk-error-summary');

    await signInInBrowser(page, baseUrl, user.email, TEST_PASSWORD);
    await checkPage(page, 'home', 'Home – DDaT Capability Manager');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Ada Browser');

    for (const [path, name, title] of [
      ['/accessibility', 'accessibility', 'Accessibility statement'],
      ['/privacy', 'privacy', 'Privacy'],
      ['/cookies', 'cookies', 'Cookies'],
      ['/no-such-page', 'not-found', 'Page not found'],
    ] as const) {
      await page.goto(`${baseUrl}${path}`);
      await checkPage(page, name, `${title} – DDaT Capability Manager`);
    }
    expect(problems).toEqual([]);
  });

  it('signs in and out with the keyboard alone', async () => {
    const user = await createUser(t);
    const { page } = await newPage();
    await page.goto(`${baseUrl}/sign-in`);
    // The first Tab reaches the skip link, as on every GOV.UK page.
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate<string | undefined>('document.activeElement?.textContent?.trim()'))
      .toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    // Tab onwards to the email field, type, on to the password, type, and press Enter.
    for (let i = 0; i < 20; i += 1) {
      if ((await page.evaluate<string | undefined>('document.activeElement?.id')) === 'email') break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/`);
    // The sign-out button is reachable by keyboard too.
    for (let i = 0; i < 30; i += 1) {
      const focused = await page.evaluate<string | undefined>('document.activeElement?.textContent?.trim()');
      if (focused === 'Sign out') break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/signed-out`);
    await checkPage(page, 'signed-out', 'You have signed out – DDaT Capability Manager');
  });

  it('works with JavaScript off', async () => {
    const user = await createUser(t);
    const { page } = await newPage({ javaScriptEnabled: false });
    await signInInBrowser(page, baseUrl, user.email, TEST_PASSWORD);
    await expect.poll(() => page.title()).toBe('Home – DDaT Capability Manager');
  });
});
