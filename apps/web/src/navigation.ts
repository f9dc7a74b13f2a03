import { Permission } from '@capability/auth';
import type { Actor, Scope } from '@capability/platform';

export interface NavigationItem {
  href: string;
  text: string;
}

interface NavigationEntry extends NavigationItem {
  /** Shown when the actor holds this permission at one of these scopes (any scope when omitted). */
  permission: Permission;
  scopes?: readonly Scope[];
  /** Only for someone who is a member of staff (has a staff record). */
  staffOnly?: boolean;
}

/**
 * The service navigation: each section of the pages, shown to those whose permissions reach it. A link
 * shown is never a page that refuses its reader (the page-route walk checks this against the policy).
 */
export const NAVIGATION: readonly NavigationEntry[] = [
  { href: '/', text: 'Home', permission: Permission.MeRead },
  { href: '/digital-skills', text: 'Digital skills', permission: Permission.MeRead, staffOnly: true },
];

export function navigationFor(actor: Actor, currentPath: string): (NavigationItem & { active?: boolean })[] {
  return NAVIGATION.filter((entry) => {
    const scopes = actor.permissions[entry.permission] ?? [];
    if (scopes.length === 0) return false;
    if (entry.scopes && !entry.scopes.some((s) => scopes.includes(s))) return false;
    return !entry.staffOnly || actor.staffId !== null;
  }).map(({ href, text }) => ({
    href,
    text,
    active: href === '/' ? currentPath === '/' : currentPath === href || currentPath.startsWith(`${href}/`),
  }));
}
