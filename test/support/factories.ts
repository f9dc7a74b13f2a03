import { Passwords, Tokens, User, type Role } from '@capability/auth';
import type { TestApp } from './app.js';

let sequence = 0;
const next = (): number => ++sequence;

export const TEST_PASSWORD = 'correct-horse-battery-staple';
let passwordHash: Promise<string> | undefined;

export interface UserOverrides {
  email?: string;
  displayName?: string;
  roles?: Role[];
  roleFamilies?: string[];
  staffId?: string | null;
  disabled?: boolean;
  password?: string | null;
}

export function buildUser(
  overrides: UserOverrides = {},
): Omit<UserOverrides, 'disabled' | 'password'> & { email: string; displayName: string; roles: Role[] } {
  const n = next();
  return {
    email: overrides.email ?? `user${n}@department.example`,
    displayName: overrides.displayName ?? `Test User ${n}`,
    roles: overrides.roles ?? ['staff'],
    roleFamilies: overrides.roleFamilies ?? [],
    staffId: overrides.staffId ?? null,
  };
}

/** Inserts a user straight into the database (password TEST_PASSWORD unless given). */
export async function createUser(t: TestApp, overrides: UserOverrides = {}): Promise<User> {
  const passwords = t.app.get(Passwords);
  passwordHash ??= passwords.hash(TEST_PASSWORD);
  const hash =
    overrides.password === null
      ? null
      : overrides.password
        ? await passwords.hash(overrides.password)
        : await passwordHash;
  const repo = t.dataSource.getRepository(User);
  const user = repo.create({
    ...buildUser(overrides),
    email: (overrides.email ?? buildUser().email).toLowerCase(),
    passwordHash: hash,
    disabledAt: overrides.disabled ? new Date() : null,
  });
  const saved = await repo.save(user);
  // The insert is announced on users_changed; let that arrive now, not in the middle of the test's next requests
  // (where it dropped the user the first request had cached: one read too many where a test counts statements).
  await t.notified();
  return saved;
}

/** A real access token for the user, signed by the app's own key. */
export function tokenFor(t: TestApp, user: Pick<User, 'id'>): string {
  return t.app.get(Tokens).issueAccessToken(user);
}

/** A user with the given roles and a bearer header for them. */
export async function signedIn(
  t: TestApp,
  overrides: UserOverrides = {},
): Promise<{ user: User; auth: { Authorization: string } }> {
  const user = await createUser(t, overrides);
  return { user, auth: { Authorization: `Bearer ${tokenFor(t, user)}` } };
}
