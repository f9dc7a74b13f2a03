import { AppConfig, TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';

const hashId = (sessionId: string): string => createHash('sha256').update(sessionId).digest('hex');

type Callback<T = void> = (err?: Error | null, result?: T) => void;

/** What @fastify/session hands the store: the session's own fields, and the cookie it serialises. */
export interface StoredSession {
  userId?: string;
  [field: string]: unknown;
}

/**
 * The web pages' sessions in PostgreSQL: @fastify/session's store (get, set, destroy), shared by every
 * replica, so a sign-out anywhere ends the session everywhere. Reading a session moves its idle expiry
 * on in the same statement (one statement per page for the session).
 */
@Injectable()
export class WebSessionsRepository {
  private readonly idleMs: number;
  private readonly absoluteMs: number;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    config: AppConfig,
  ) {
    this.idleMs = config.web.idleMinutes * 60_000;
    this.absoluteMs = config.web.absoluteHours * 3_600_000;
  }

  /** The live session, its idle expiry moved on; null when there is none or it has expired. */
  async read(sessionId: string): Promise<StoredSession | null> {
    const [rows]: [{ data: StoredSession }[], number] = await this.txHost.tx.query(
      `UPDATE web_sessions
          SET idle_expires_at = least(now() + make_interval(secs => $2::double precision / 1000), absolute_expires_at)
        WHERE id_hash = $1 AND idle_expires_at > now() AND absolute_expires_at > now()
        RETURNING data`,
      [hashId(sessionId), this.idleMs],
    );
    return rows[0]?.data ?? null;
  }

  /** Saves the session's fields; a new session's absolute expiry starts now. */
  async write(sessionId: string, session: object): Promise<void> {
    const data = JSON.parse(JSON.stringify(session)) as StoredSession;
    await this.txHost.tx.query(
      `INSERT INTO web_sessions (id_hash, user_id, data, idle_expires_at, absolute_expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4::double precision / 1000),
               now() + make_interval(secs => $5::double precision / 1000))
       ON CONFLICT (id_hash) DO UPDATE SET user_id = EXCLUDED.user_id, data = EXCLUDED.data`,
      [hashId(sessionId), typeof data.userId === 'string' ? data.userId : null, data, this.idleMs, this.absoluteMs],
    );
  }

  async remove(sessionId: string): Promise<void> {
    await this.txHost.tx.query('DELETE FROM web_sessions WHERE id_hash = $1', [hashId(sessionId)]);
  }

  /** Ends every web session of the user (sign-out everywhere, a disabled account). */
  async removeAllForUser(userId: string): Promise<number> {
    const [, count]: [unknown, number] = await this.txHost.tx.query('DELETE FROM web_sessions WHERE user_id = $1', [
      userId,
    ]);
    return count;
  }

  async purgeExpired(): Promise<number> {
    const [, count]: [unknown, number] = await this.txHost.tx.query(
      'DELETE FROM web_sessions WHERE idle_expires_at <= now() OR absolute_expires_at <= now()',
    );
    return count;
  }

  /** @fastify/session's store interface, over this repository (`S`: the session type it restores). */
  store<S extends object = StoredSession>(): {
    get: (id: string, cb: Callback<S | null>) => void;
    set: (id: string, session: object, cb: Callback) => void;
    destroy: (id: string, cb: Callback) => void;
  } {
    return {
      get: (id, cb) => void this.read(id).then((s) => cb(null, s as S | null), cb),
      set: (id, session, cb) => void this.write(id, session).then(() => cb(null), cb),
      destroy: (id, cb) => void this.remove(id).then(() => cb(null), cb),
    };
  }
}
