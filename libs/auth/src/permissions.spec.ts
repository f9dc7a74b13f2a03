import { describe, expect, it } from 'vitest';
import { Permission, permissionsFor, ROLE_PERMISSIONS, ROLES, type Role } from './permissions.js';

describe('permissions', () => {
  it.each(ROLES)('gives %s me:read on its own record', (role) => {
    expect(permissionsFor([role])[Permission.MeRead]).toEqual(['own']);
  });

  it('gives an admin every permission at any scope', () => {
    const granted = permissionsFor(['admin']);
    for (const permission of Object.values(Permission)) {
      if (permission === Permission.MeRead) continue;
      expect(granted[permission], permission).toEqual(['any']);
    }
  });

  it('gives staff nothing beyond me:read', () => {
    expect(permissionsFor(['staff'])).toEqual({ [Permission.MeRead]: ['own'] });
  });

  it('merges the grants of several roles without duplicate scopes', () => {
    const merged = permissionsFor(['staff', 'admin', 'hr']);
    expect(merged).toEqual(permissionsFor(['admin']));
    expect(merged[Permission.MeRead]).toEqual(['own']);
  });

  it('is the union of the roles, order aside', () => {
    const roles: Role[] = ['hr', 'head_of_profession', 'admin'];
    const a = permissionsFor(roles);
    const b = permissionsFor([...roles].reverse());
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const key of Object.keys(a)) expect([...(a[key] ?? [])].sort()).toEqual([...(b[key] ?? [])].sort());
  });

  it('gives no roles nothing, and ignores a role it does not know', () => {
    expect(permissionsFor([])).toEqual({});
    expect(permissionsFor(['superuser' as Role])).toEqual({});
  });

  it('returns fresh arrays (a caller cannot widen the role map)', () => {
    const granted = permissionsFor(['staff']);
    granted[Permission.MeRead]?.push('any');
    expect(permissionsFor(['staff'])[Permission.MeRead]).toEqual(['own']);
    expect(ROLE_PERMISSIONS.staff[Permission.MeRead]).toEqual(['own']);
  });

  it('uses resource:action names and maps only known permissions', () => {
    const known = new Set<string>(Object.values(Permission));
    for (const p of known) expect(p).toMatch(/^[a-z-]+:[a-z-]+$/);
    for (const role of ROLES) {
      for (const p of Object.keys(ROLE_PERMISSIONS[role])) expect(known.has(p), `${role}: ${p}`).toBe(true);
    }
  });
});
