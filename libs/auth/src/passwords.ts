import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class Passwords {
  /** Verified against when the email is unknown, so both failures take the same time. */
  private readonly dummy = argon2.hash(randomBytes(16).toString('hex'), OPTIONS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.dummy), password);
    } catch {
      return false;
    }
  }

  /** A strong random password: 24 characters from a 62-character alphabet (~143 bits). */
  generate(): string {
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
    const bytes = randomBytes(64);
    let out = '';
    for (const b of bytes) {
      if (b < 248 - (248 % alphabet.length) && out.length < 24) out += alphabet[b % alphabet.length];
    }
    return out.length === 24 ? out : this.generate();
  }
}
