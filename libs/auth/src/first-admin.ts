import { AppConfig } from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Passwords } from './passwords.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@department.example';

export interface AdminLogin {
  email: string;
  /** Shown only when this start created the admin with a generated password, or on the local embedded default. */
  password?: string;
  created: boolean;
}

/**
 * First start with no admin: create one from ADMIN_EMAIL/ADMIN_PASSWORD, or with a generated strong
 * password that is printed once. On the embedded (local) default the generated password is also kept
 * in DATA_DIR/keys (mode 600) so the start banner can show it again.
 */
@Injectable()
export class FirstAdmin {
  private readonly logger = new Logger(FirstAdmin.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly passwords: Passwords,
  ) {}

  private get localPasswordFile(): string {
    return join(this.config.keysDir(), 'first-admin-password');
  }

  async ensure(): Promise<AdminLogin> {
    const email = (this.config.admin.email ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
    if (await this.users.anyWithRole('admin')) {
      const stored =
        this.config.db.embedded && existsSync(this.localPasswordFile)
          ? (await readFile(this.localPasswordFile, 'utf8')).trim()
          : undefined;
      return { email, password: this.config.admin.password ? undefined : stored, created: false };
    }
    const generated = this.config.admin.password ? undefined : this.passwords.generate();
    await this.usersService.create(null, {
      email,
      displayName: 'Administrator',
      roles: ['admin'],
      password: this.config.admin.password ?? generated,
    });
    if (generated && this.config.db.embedded) {
      await mkdir(this.config.keysDir(), { recursive: true, mode: 0o700 });
      await writeFile(this.localPasswordFile, generated, { mode: 0o600 });
    }
    this.logger.log(`Created the first admin (${generated ? 'generated password' : 'password from ADMIN_PASSWORD'})`);
    return { email, password: generated, created: true };
  }
}
