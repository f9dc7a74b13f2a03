/**
 * How far a permission reaches: the actor's own records, their line-management chain (team),
 * the role families they lead (profession), or everything (any).
 */
export const SCOPES = ['own', 'team', 'profession', 'any'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * The acting user, as every service receives it first. Produced by `auth` from a verified token and
 * a fresh read of the user (so a disabled user or a changed role takes effect at once).
 */
export interface Actor {
  readonly userId: string;
  readonly roles: readonly string[];
  /** The staff record this user is, if any; line-management scope is derived from it. */
  readonly staffId: string | null;
  /** Role-family slugs a head of profession leads. */
  readonly roleFamilies: readonly string[];
  /** Permission → scopes granted by the actor's roles. */
  readonly permissions: Readonly<Record<string, readonly Scope[]>>;
}

export function scopesFor(actor: Actor, permission: string): readonly Scope[] {
  return actor.permissions[permission] ?? [];
}

export function hasScope(actor: Actor, permission: string, scope: Scope): boolean {
  return scopesFor(actor, permission).includes(scope);
}
