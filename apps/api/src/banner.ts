import type { AdminLogin } from '@capability/auth';
import type { AppConfig } from '@capability/platform';
import { DEMO_PERSONAS } from './demo/demo-personas.js';

/**
 * What a person needs after `npm start`: where to go and how to sign in. Written to stdout directly,
 * not through the logger: a generated password must never enter the log pipeline. In production
 * stdout is the log pipeline: there FirstAdmin gives only the password file's path, never the password.
 */
export function printBanner(config: AppConfig, admin: AdminLogin, databaseLocation?: string): void {
  const url = config.http.publicUrl;
  const lines = [
    '',
    '  DDaT Capability Manager is running',
    '',
    `  Web pages    ${url}/   (sign in as any of the people below)`,
    `  API          ${url}/api/v1`,
    `  API docs     ${url}/api/docs   (OpenAPI: ${url}/api/openapi.json)`,
    `  Health       ${url}/health/ready`,
    `  Database     ${databaseLocation ? `embedded PostgreSQL (cluster in ${databaseLocation})` : 'DATABASE_URL'}`,
    '',
    '  Sign in:',
    `    admin      ${admin.email}  /  ${admin.password ?? (admin.passwordFile ? `(in ${admin.passwordFile})` : config.admin.password ? '(ADMIN_PASSWORD)' : '(password set earlier)')}`,
    ...demoLogins(config),
    '',
    `  curl -s ${url}/api/v1/auth/login -H 'content-type: application/json' \\`,
    `       -d '{"email":"${admin.email}","password":"${admin.password ?? '…'}"}'`,
    '',
  ];
  if (admin.created && admin.password && !config.db.embedded) {
    lines.push('  The generated admin password is shown once. Store it now.', '');
  }
  if (admin.created && admin.passwordFile) {
    lines.push(
      `  The generated admin password is in ${admin.passwordFile} (mode 600). Store it, then delete the file.`,
      '',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The demo personas' sign-ins, when the demo department is loaded (SEED_DEMO on the local embedded database). */
function demoLogins(config: AppConfig): string[] {
  if (!config.seed.demo || !config.db.embedded) return [];
  const width = Math.max(...DEMO_PERSONAS.map((p) => p.label.length)) + 2;
  return [
    '',
    '  Demo department personas (demo data, local only; SEED_DEMO=false to start without them):',
    ...DEMO_PERSONAS.map((p) => `    ${p.label.padEnd(width)}${p.email}  /  ${p.password}`),
  ];
}
