import { AuthModule, Passwords, ROLES, UsersService, type Role } from '@capability/auth';
import {
  InvalidEnvironmentError,
  JobsService,
  loadAppConfig,
  openDatabase,
  PlatformModule,
} from '@capability/platform';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { parseArgs } from 'node:util';
import 'reflect-metadata';
import { DataSource } from 'typeorm';

const USAGE = `Usage: npm run cli -- <command> [options]

  users:create --email <email> --name <display name> --roles <role,...> [--role-families <slug,...>] [--password-stdin]
      Create a user. Roles: ${ROLES.join(', ')}. Without --password-stdin a strong password is generated and printed once.
  users:disable --email <email>        Disable a user (a leaver): every session ends at once.
  users:enable --email <email>         Enable a disabled user again.
  users:reset-password --email <email> [--password-stdin]
      Set a new password (generated and printed once unless read from stdin); ends every session.
  jobs:run <job-name>                  Run a background job now (e.g. purge-expired-refresh-tokens).
`;

@Module({})
class CliModule {
  static forRoot(options: Parameters<typeof PlatformModule.forRoot>[0]): DynamicModule {
    return {
      module: CliModule,
      imports: [PlatformModule.forRoot({ ...options, applicationName: 'ddat-capability-cli' }), AuthModule],
    };
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

class UsageError extends Error {}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string' },
      'role-families': { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, arg] = positionals;
  if (!command || values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadAppConfig({ LOG_LEVEL: 'warn', RUN_WORKER: 'false' });
  const database = await openDatabase(config);
  const app = await NestFactory.createApplicationContext(CliModule.forRoot({ config, databaseUrl: database.url }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoLogger));
  try {
    await app.init();
    const users = app.get(UsersService);
    const passwords = app.get(Passwords);
    const findId = async (email: string | undefined): Promise<{ id: string; version: number }> => {
      if (!email) throw new UsageError('--email is required');
      const rows: { id: string; version: number }[] = await app
        .get(DataSource)
        .query('SELECT id, version FROM users WHERE email = lower($1)', [email]);
      if (!rows[0]) throw new UsageError(`No user with email ${email}`);
      return rows[0];
    };
    const password = async (): Promise<{ value: string; generated: boolean }> =>
      values['password-stdin']
        ? { value: await readStdin(), generated: false }
        : { value: passwords.generate(), generated: true };

    switch (command) {
      case 'users:create': {
        if (!values.email || !values.name || !values.roles) {
          throw new UsageError('--email, --name and --roles are required');
        }
        const roles = values.roles.split(',').map((r) => r.trim());
        const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
        if (unknown.length) throw new UsageError(`Unknown role(s): ${unknown.join(', ')}`);
        const pw = await password();
        if (pw.value.length < 12) throw new UsageError('The password must be at least 12 characters');
        const user = await users.create(null, {
          email: values.email,
          displayName: values.name,
          roles: roles as Role[],
          roleFamilies: values['role-families']
            ?.split(',')
            .map((f) => f.trim())
            .filter(Boolean),
          password: pw.value,
        });
        process.stdout.write(
          `Created user ${user.id} (${user.email})${pw.generated ? `\nPassword (shown once): ${pw.value}` : ''}\n`,
        );
        break;
      }
      case 'users:disable':
      case 'users:enable': {
        const { id, version } = await findId(values.email);
        await users.update(null, id, version, { disabled: command === 'users:disable' });
        process.stdout.write(`${command === 'users:disable' ? 'Disabled' : 'Enabled'} ${values.email}\n`);
        break;
      }
      case 'users:reset-password': {
        const { id, version } = await findId(values.email);
        const pw = await password();
        if (pw.value.length < 12) throw new UsageError('The password must be at least 12 characters');
        await users.update(null, id, version, { password: pw.value });
        process.stdout.write(
          `Password reset for ${values.email}${pw.generated ? `\nPassword (shown once): ${pw.value}` : ''}\n`,
        );
        break;
      }
      case 'jobs:run': {
        if (!arg) throw new UsageError('jobs:run needs a job name');
        await app.get(JobsService).runNow(arg);
        process.stdout.write(`Ran ${arg}\n`);
        break;
      }
      default:
        throw new UsageError(`Unknown command ${command}`);
    }
  } finally {
    // Changes made here are audited with no acting user: the system, at an operator's hand.
    await app.close();
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof UsageError) process.stderr.write(`${err.message}\n\n${USAGE}`);
    else if (err instanceof InvalidEnvironmentError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
