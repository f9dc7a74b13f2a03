import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { RefreshToken } from './refresh-token.entity.js';

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(RefreshToken);
  }

  async insert(token: Pick<RefreshToken, 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await this.repo.insert(token);
  }

  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  /** Uses a token up, atomically: true only for the one caller that found it unused and live. */
  async consume(id: string): Promise<boolean> {
    const [, count]: [unknown, number] = await this.txHost.tx.query(
      `UPDATE refresh_tokens SET used_at = now()
       WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()`,
      [id],
    );
    return count === 1;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.txHost.tx.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
      [familyId],
    );
  }

  async revokeAllForUser(userId: string): Promise<void> {
    await this.txHost.tx.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [userId],
    );
  }

  /** Deletes tokens past expiry; returns how many. */
  async purgeExpired(): Promise<number> {
    const [, count]: [unknown, number] = await this.txHost.tx.query(
      'DELETE FROM refresh_tokens WHERE expires_at < now()',
    );
    return count;
  }
}
