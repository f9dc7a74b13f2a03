import type { NotificationHandler } from '@capability/platform';
import { LRUCache, type Perf } from 'lru-cache';
import type { User } from './user.entity.js';

/** Where the `users` trigger announces a changed user's id (and '*' when the table is emptied). */
export const USERS_CHANGED_CHANNEL = 'users_changed';

/** How long after this process changes a user it reads that user from the database every time. */
const CHANGE_WINDOW_MS = 5000;
/**
 * The backstop: a user is read afresh at least this often, even while the listener looks healthy, so a
 * change whose notification was lost without anyone noticing is seen within this time at worst.
 */
export const USER_CACHE_TTL_MS = 30_000;

export interface UserCacheOptions {
  /** At most this many users are kept. */
  max?: number;
  /** Each user is kept at most this long (at most a minute). */
  ttlMs?: number;
  /** The clock the TTL is measured by (a test's own). */
  perf?: Perf;
}

/**
 * The users that authenticated requests check, kept in memory while the `users_changed` listener is
 * up to correct them, so a request costs one round trip (its own query), not two. It never answers
 * from memory without a live listener. A read that raced a change (any notification arrived while it
 * ran) is not kept, and a user this process is changing is not kept until the change has had time to
 * commit and be announced: a change made here is seen by this process's next request, and a change
 * made elsewhere (another process, SQL) as soon as its notification arrives. Whatever happens to the
 * listener, nobody is kept longer than the TTL (USER_CACHE_TTL_MS).
 */
export class UserCache implements NotificationHandler {
  private readonly users: LRUCache<string, User>;
  private readonly changing = new Map<string, number>();
  private generation = 0;

  constructor(
    private readonly listening: () => boolean,
    { max = 10_000, ttlMs = USER_CACHE_TTL_MS, perf }: UserCacheOptions = {},
  ) {
    if (!(ttlMs > 0 && ttlMs <= 60_000)) throw new Error('A user may be kept for up to a minute, no longer');
    // ttlResolution 0: the clock is read on each lookup (cheap) rather than cached by a timer.
    this.users = new LRUCache({ max, ttl: ttlMs, ttlResolution: 0, ...(perf ? { perf } : {}) });
  }

  async read(id: string, load: () => Promise<User | null>): Promise<User | null> {
    if (!this.mayKeep(id)) return load();
    const kept = this.users.get(id);
    if (kept) return kept;
    const generation = this.generation;
    const user = await load();
    if (user && generation === this.generation && this.mayKeep(id)) {
      this.users.set(id, Object.freeze(user));
    }
    return user;
  }

  /** This process is about to change the user: forget them, and read them afresh for a while. */
  willChange(id: string): void {
    const now = Date.now();
    if (this.changing.size > 1000) {
      for (const [key, until] of this.changing) if (until <= now) this.changing.delete(key);
    }
    this.changing.set(id, now + CHANGE_WINDOW_MS);
    this.users.delete(id);
    this.generation++;
  }

  message(payload: string): void {
    this.generation++;
    if (payload === '*') this.users.clear();
    else this.users.delete(payload);
  }

  reset(): void {
    this.generation++;
    this.users.clear();
  }

  get size(): number {
    return this.users.size;
  }

  /** Whether this user may be answered from and kept in memory: listening, and no change of theirs under way here. */
  private mayKeep(id: string): boolean {
    return this.listening() && !this.isChanging(id);
  }

  private isChanging(id: string): boolean {
    const until = this.changing.get(id);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.changing.delete(id);
    return false;
  }
}
