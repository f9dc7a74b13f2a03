import type { AdminLogin } from '@capability/auth';
import type { AppConfig } from '@capability/platform';

/**
 * What a person needs after `npm start`: where to go and how to sign in. Written to stdout directly,
 * not through the logger: a generated password must never enter the log pipeline.
 */
export function printBanner(config: AppConfig, admin: AdminLogin, databaseLocation?: string): void {
  const url = config.http.publicUrl;
  const lines = [
    '',
    '  DDaT Capability Manager is running',
    '',
    `  API          ${url}/api/v1`,
    `  API docs     ${url}/api/docs   (OpenAPI: ${url}/api/openapi.json)`,
    `  Health       ${url}/health/ready`,
    `  Database     ${databaseLocation ? `embedded PostgreSQL (cluster in ${databaseLocation})` : 'DATABASE_URL'}`,
    '',
    '  Sign in:',
    `    admin      ${admin.email}  /  ${admin.password ?? (config.admin.password ? '(ADMIN_PASSWORD)' : '(password set earlier)')}`,
    '',
    `  curl -s ${url}/api/v1/auth/login -H 'content-type: application/json' \\`,
    `       -d '{"email":"${admin.email}","password":"${admin.password ?? '…'}"}'`,
    '',
  ];
  if (admin.created && admin.password && !config.db.embedded) {
    lines.push('  The generated admin password is shown once. Store it now.', '');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
