/**
 * The built API started as in production (NODE_ENV=production, an external database): it refuses to start
 * with /metrics open, and a generated admin password goes to a mode-600 file, never to stdout or stderr
 * (the container's log pipeline); the banner gives the file's path instead.
 */
import { projectRoot } from '@capability/platform';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateKeyPem } from '../faults/support/harness.js';
import { API_METRICS_TOKEN, ApiProcess, benchApiEnv } from '../support/api-process.js';
import { createTestDatabase } from '../support/app.js';
import { freePort } from '../support/net.js';

const ADMIN_EMAIL = 'prod.admin@department.example';

describe('production start', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataDir: string;
  let env: Record<string, string>;
  const started: ApiProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'ddat-production-'));
    const { ADMIN_PASSWORD: _chosen, ...withoutPassword } = benchApiEnv({
      databaseUrl: database.url,
      dataDir,
      privateKeyPem: privateKeyPem(),
      admin: { email: ADMIN_EMAIL, password: 'unused-password' },
    });
    env = { ...withoutPassword, LOG_LEVEL: 'info' };
  });

  afterAll(async () => {
    for (const api of started) api.kill();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const start = async (): Promise<ApiProcess> => {
    const api = await ApiProcess.start(projectRoot(), await freePort(), env, {
      keepAllOutput: true,
      readyTimeoutMs: 60_000,
    });
    started.push(api);
    return api;
  };

  it('refuses to start without METRICS_TOKEN, listing it with the other problems', async () => {
    const { METRICS_TOKEN: _token, ...withoutToken } = env;
    const failure = ApiProcess.start(projectRoot(), await freePort(), { ...withoutToken, TRUST_PROXY: 'true' });
    await expect(failure).rejects.toThrow(/The API exited \(1\)/);
    const message = await failure.catch((err: unknown) => (err as Error).message);
    expect(message).toContain('METRICS_TOKEN: required in production');
    expect(message).toContain("TRUST_PROXY: give the reverse proxies' addresses/CIDRs");
  }, 60_000);

  it('keeps a generated admin password in a mode-600 file, prints only its path, and guards /metrics', async () => {
    const passwordFile = join(dataDir, 'keys', 'first-admin-password');
    const api = await start();
    const password = (await readFile(passwordFile, 'utf8')).trim();
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect((await stat(passwordFile)).mode & 0o777).toBe(0o600);

    // The file holds the admin's password: it signs in.
    const login = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password }),
    });
    expect(login.status).toBe(200);

    expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${API_METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    await metrics.text();

    await api.stop();
    expect(api.stdout).toContain(`(in ${passwordFile})`);
    expect(api.stdout).toContain('Created the first admin (generated password');
    expect(api.lastOutput()).not.toContain(password);

    // A restart finds the admin and the file: the path again, never the password.
    const again = await start();
    await again.stop();
    expect(again.stdout).toContain(`(in ${passwordFile})`);
    expect(again.lastOutput()).not.toContain(password);
  }, 180_000);
});
