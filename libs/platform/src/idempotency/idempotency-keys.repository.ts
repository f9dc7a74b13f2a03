import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdempotencyKey } from './idempotency-key.entity.js';

/**
 * Works on the DataSource directly, never inside the request's transaction: the claim on a key must
 * be visible to a concurrent duplicate at once, and must survive the handler's rollback.
 */
@Injectable()
export class IdempotencyKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims the key; returns false when a live row for it exists. A row left `processing` longer than
   * `leaseSeconds` by the same request (the process died mid-request, or the release could not reach
   * the database) is taken over, so the client's retry is not refused with 409 until the key expires.
   * Only the same request may take it over: a different body still gets 422.
   */
  async claim(
    userId: string,
    key: string,
    requestHash: string,
    ttlSeconds: number,
    leaseSeconds: number,
  ): Promise<boolean> {
    const result: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, state, expires_at)
       VALUES ($1, $2, $3, 'processing', now() + make_interval(secs => $4))
       ON CONFLICT (user_id, key) DO UPDATE SET created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.state = 'processing'
           AND idempotency_keys.request_hash = EXCLUDED.request_hash
           AND idempotency_keys.created_at < now() - make_interval(secs => $5)
       RETURNING key`,
      [userId, key, requestHash, ttlSeconds, leaseSeconds],
    );
    return result.length === 1;
  }

  find(userId: string, key: string): Promise<IdempotencyKey | null> {
    return this.dataSource.getRepository(IdempotencyKey).findOneBy({ userId, key });
  }

  async complete(userId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource
      .getRepository(IdempotencyKey)
      .update({ userId, key }, { state: 'completed', responseStatus: status, responseBody: body as object });
  }

  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.getRepository(IdempotencyKey).delete({ userId, key, state: 'processing' });
  }

  /** Removes expired keys; returns how many. */
  async purgeExpired(): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      'DELETE FROM idempotency_keys WHERE expires_at < now()',
    );
    return count;
  }
}
