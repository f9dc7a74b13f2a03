import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { connectionOptions } from './data-source-options.js';
import { DATABASE_URL } from './database.tokens.js';

/** What a subscriber hears on its channel. */
export interface NotificationHandler {
  /** A NOTIFY on the channel, with its payload. */
  message(payload: string): void;
  /**
   * The listener lost its connection, or has just (re)gained it: notifications may have been missed
   * in between, so anything kept on their strength must be dropped.
   */
  reset(): void;
}

/**
 * How the listener proves its session still delivers: every `intervalMs` it sends a notification to
 * itself on its own connection and waits up to `timeoutMs` for it to come back. A session that is
 * silently gone (a NAT or load balancer dropped it, a pooler in transaction mode moved it) answers
 * nothing without closing; it is then dropped like a closed one, and reconnected.
 */
export interface NotificationsHeartbeat {
  intervalMs: number;
  timeoutMs: number;
}

/** Injection token: the heartbeat's timings, when not the defaults (short ones for a test). */
export const NOTIFICATIONS_HEARTBEAT = Symbol('NOTIFICATIONS_HEARTBEAT');

const DEFAULT_HEARTBEAT_INTERVAL_MS = 5000;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
/** The listener's own channel, for `sync()`. */
const SYNC_CHANNEL = 'ddat_notifications_sync';

/**
 * PostgreSQL LISTEN/NOTIFY for the process: one connection of its own (outside the request pool),
 * opened on the first `listen()`, so a process that listens to nothing opens nothing. When it drops,
 * or stops answering its heartbeat (NotificationsHeartbeat), every subscriber is reset and
 * `listening()` is false until it is back (reconnected with backoff); a subscriber must then not trust
 * what it kept, since notifications may have been missed.
 */
@Injectable()
export class DatabaseNotifications implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseNotifications.name);
  private readonly handlers = new Map<string, NotificationHandler[]>();
  private client?: pg.Client;
  private connected = false;
  private connecting?: Promise<void>;
  private retryMs = RETRY_MIN_MS;
  private retryTimer?: NodeJS.Timeout;
  private closed = false;
  private readonly syncs = new Map<string, () => void>();
  private readonly heartbeat: NotificationsHeartbeat;
  private heartbeatTimer?: NodeJS.Timeout;
  private beating = false;

  constructor(
    private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly dataSource: DataSource,
    @Optional() @Inject(NOTIFICATIONS_HEARTBEAT) heartbeat?: Partial<NotificationsHeartbeat>,
  ) {
    // A live session answers within a connection's set-up time; a dead one is noticed within both.
    this.heartbeat = {
      intervalMs: heartbeat?.intervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
      timeoutMs: heartbeat?.timeoutMs ?? config.db.connectTimeoutMs,
    };
  }

  /** Subscribes to `channel`; the first subscription opens the connection. */
  listen(channel: string, handler: NotificationHandler): void {
    if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${channel}`);
    const known = this.handlers.get(channel);
    if (known) known.push(handler);
    else this.handlers.set(channel, [handler]);
    const client = this.client;
    if (this.connected && !known && client) {
      // A new channel on a live connection: not trusted until its LISTEN has run.
      this.connected = false;
      void this.within(client.query(`LISTEN ${channel}`), this.heartbeat.timeoutMs, 'LISTEN').then(
        () => {
          if (this.client === client) this.markConnected();
        },
        (err: unknown) => this.drop(err, client),
      );
    } else if (!this.client && !this.retryTimer) {
      void this.connect();
    }
  }

  /** True while the connection is up, LISTENing on every subscribed channel, and answering its heartbeat. */
  listening(): boolean {
    return this.connected;
  }

  /** Resolves once listening (or rejects after `timeoutMs`): for start-up and tests. */
  async ready(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.connected) {
      if (Date.now() > deadline || this.closed) throw new Error('Not listening for database notifications');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * Resolves once every change committed before the call has been announced to the subscribers
   * (notifications arrive in commit order, so a marker sent now arrives after them): for a writer in
   * this process that is not announced through the subscriber itself, such as SQL in a test. Resolves
   * at once when not listening (nothing is then kept from notifications).
   */
  async sync(timeoutMs = 5000): Promise<void> {
    if (!this.connected) return;
    await this.notifySelf((text, values) => this.dataSource.query(text, values), timeoutMs, 'A database notification');
  }

  /** The listener's backend pid (tests kill it to prove the fallback); undefined while disconnected. */
  backendPid(): number | undefined {
    return this.connected ? (this.client as unknown as { processID?: number }).processID : undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeatTimer);
    const client = this.client;
    this.client = undefined;
    this.connected = false;
    await this.connecting?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    this.retryTimer = undefined;
    if (this.closed) return Promise.resolve();
    const applicationName = (this.dataSource.options as { applicationName?: string }).applicationName;
    const client = new pg.Client(connectionOptions(this.config, this.databaseUrl, { applicationName }));
    this.client = client;
    client.on('notification', ({ channel, payload }) => {
      if (channel === SYNC_CHANNEL) this.syncs.get(payload ?? '')?.();
      for (const handler of this.handlers.get(channel) ?? []) handler.message(payload ?? '');
    });
    client.on('error', (err) => this.drop(err, client));
    client.on('end', () => this.drop(undefined, client));
    this.connecting = (async () => {
      try {
        await client.connect();
        // Bounded: a session that stops answering between connecting and listening is dropped as well.
        await this.within(
          (async () => {
            for (const channel of [SYNC_CHANNEL, ...this.handlers.keys()]) await client.query(`LISTEN ${channel}`);
          })(),
          this.heartbeat.timeoutMs,
          'LISTEN',
        );
        if (this.client !== client) return;
        this.retryMs = RETRY_MIN_MS;
        this.markConnected();
      } catch (err) {
        this.drop(err, client);
      }
    })();
    return this.connecting;
  }

  private markConnected(): void {
    // Whatever subscribers kept from before was kept without a listener to correct it.
    for (const handler of this.allHandlers()) handler.reset();
    this.connected = true;
    if (!this.heartbeatTimer) {
      this.heartbeatTimer = setInterval(() => void this.beat(), this.heartbeat.intervalMs);
      this.heartbeatTimer.unref();
    }
  }

  /**
   * One heartbeat: a notification to itself, sent on the listener's own connection, must come back in
   * time. It proves the whole path (the session answers, and its LISTEN still delivers), which a
   * `SELECT 1` would not behind a pooler. Skipped while disconnected or while the last one is out.
   */
  private async beat(): Promise<void> {
    const client = this.client;
    if (!client || !this.connected || this.beating) return;
    this.beating = true;
    try {
      await this.notifySelf((text, values) => client.query(text, values), this.heartbeat.timeoutMs, 'The heartbeat');
    } catch (err) {
      this.drop(err, client);
    } finally {
      this.beating = false;
    }
  }

  /**
   * A marker on SYNC_CHANNEL, sent through `send` (the pool, or the listener's own connection), heard back
   * by the listener within `timeoutMs`: notifications arrive in commit order, so everything announced
   * before it has been handed to the subscribers.
   */
  private async notifySelf(
    send: (text: string, values: unknown[]) => Promise<unknown>,
    timeoutMs: number,
    what: string,
  ): Promise<void> {
    const marker = randomUUID();
    const arrived = new Promise<void>((resolve) => this.syncs.set(marker, resolve));
    try {
      await this.within(
        Promise.all([send('SELECT pg_notify($1, $2)', [SYNC_CHANNEL, marker]), arrived]),
        timeoutMs,
        what,
      );
    } finally {
      this.syncs.delete(marker);
    }
  }

  /** `work`, or a rejection once `timeoutMs` has passed without it. */
  private async within<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} had no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private drop(err: unknown, client = this.client): void {
    if (client !== this.client || !client) return;
    const wasConnected = this.connected;
    this.connected = false;
    this.client = undefined;
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    for (const handler of this.allHandlers()) handler.reset();
    // Whoever waits for a sync waits for nothing now: whatever was kept has just been dropped.
    for (const resolve of this.syncs.values()) resolve();
    if (this.closed) return;
    if (wasConnected) {
      const reason = err instanceof Error ? err.message : 'the connection ended';
      this.logger.warn(`Database notifications lost (${reason}); reconnecting`);
    }
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private *allHandlers(): Iterable<NotificationHandler> {
    for (const handlers of this.handlers.values()) yield* handlers;
  }
}
