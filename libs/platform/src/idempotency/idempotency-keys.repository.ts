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

  /** Claims the key; returns false when a row for it already exists. */
  async claim(userId: string, key: string, requestHash: string, ttlSeconds: number): Promise<boolean> {
    const result: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, state, expires_at)
       VALUES ($1, $2, $3, 'processing', now() + make_interval(secs => $4))
       ON CONFLICT (user_id, key) DO NOTHING
       RETURNING key`,
      [userId, key, requestHash, ttlSeconds],
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
