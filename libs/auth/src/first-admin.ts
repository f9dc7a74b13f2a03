import { AppConfig } from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Passwords } from './passwords.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@department.example';

export interface AdminLogin {
  email: string;
  /**
   * The generated password, outside production only: when this start created the admin with it, or again on
   * the local embedded default.
   */
  password?: string;
  /** In production, the mode-600 file holding the generated password, which is never printed. */
  passwordFile?: string;
  created: boolean;
}

/**
 * First start with no admin: create one from ADMIN_EMAIL/ADMIN_PASSWORD, or with a generated strong
 * password. The generated password is kept in DATA_DIR/keys/first-admin-password (mode 600) on the
 * embedded (local) default, so the start banner can show it again, and in production, where only that
 * file's path is shown: a password printed to stdout would land in the container's log pipeline.
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

  private get passwordFile(): string {
    return join(this.config.keysDir(), 'first-admin-password');
  }

  async ensure(): Promise<AdminLogin> {
    const email = (this.config.admin.email ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
    const production = this.config.env === 'production';
    const keepsFile = production || this.config.db.embedded;
    if (await this.users.anyWithRole('admin')) {
      if (this.config.admin.password || !keepsFile || !existsSync(this.passwordFile)) return { email, created: false };
      if (production) return { email, passwordFile: this.passwordFile, created: false };
      return { email, password: (await readFile(this.passwordFile, 'utf8')).trim(), created: false };
    }
    const generated = this.config.admin.password ? undefined : this.passwords.generate();
    // Kept before the admin exists: a file that cannot be written stops the start, not the password's only copy.
    if (generated && keepsFile) {
      await mkdir(this.config.keysDir(), { recursive: true, mode: 0o700 });
      await writeFile(this.passwordFile, generated, { mode: 0o600 });
      await chmod(this.passwordFile, 0o600); // an older file keeps its mode through writeFile
    }
    await this.usersService.create(null, {
      email,
      displayName: 'Administrator',
      roles: ['admin'],
      password: this.config.admin.password ?? generated,
    });
    this.logger.log(
      `Created the first admin (${generated ? `generated password${keepsFile ? `, kept in ${this.passwordFile}` : ''}` : 'password from ADMIN_PASSWORD'})`,
    );
    if (generated && production) return { email, passwordFile: this.passwordFile, created: true };
    return { email, password: generated, created: true };
  }
}
