import { AppConfig } from '@capability/platform';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';
import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const ACCESS_TOKEN_ALGORITHM = 'ES256';

export interface PublicJwk extends JWK {
  kid: string;
}

/**
 * The key that signs access tokens (EC P-256, ES256) and the public keys that verify them.
 * From AUTH_PRIVATE_KEY when set; otherwise generated once into DATA_DIR/keys (mode 600), so a
 * restart keeps sessions valid. AUTH_PREVIOUS_PUBLIC_KEYS keeps rotated-out keys verifying.
 */
@Injectable()
export class SigningKeys implements OnModuleInit {
  private readonly logger = new Logger(SigningKeys.name);
  private privateKey?: KeyObject;
  private currentKid?: string;
  private readonly verifying = new Map<string, KeyObject>();
  private jwks: PublicJwk[] = [];

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const pem = this.config.auth.privateKeyPem ?? (await this.loadOrGenerate());
    const privateKey = createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new Error('AUTH_PRIVATE_KEY must be an EC P-256 private key (ES256)');
    }
    const publicJwk = await exportJWK(createPublicKey(privateKey));
    const kid = this.config.auth.keyId ?? (await calculateJwkThumbprint(publicJwk));
    this.privateKey = privateKey;
    this.currentKid = kid;
    this.add({ ...publicJwk, kid });
    for (const jwk of this.config.auth.previousPublicKeys) {
      if (typeof jwk.kid === 'string' && jwk.kid !== kid) this.add(jwk as unknown as PublicJwk);
    }
  }

  private add(jwk: PublicJwk): void {
    const { kty, crv, x, y, n, e, kid } = jwk;
    const clean: PublicJwk = {
      kty,
      kid,
      use: 'sig',
      alg: kty === 'EC' ? 'ES256' : 'RS256',
      ...(crv ? { crv, x, y } : { n, e }),
    };
    this.verifying.set(kid, createPublicKey({ key: clean as unknown as JsonWebKey, format: 'jwk' }));
    this.jwks.push(clean);
  }

  private async loadOrGenerate(): Promise<string> {
    const dir = this.config.keysDir();
    const file = join(dir, 'access-token-signing-key.pem');
    if (existsSync(file)) return readFile(file, 'utf8');
    if (!this.config.db.embedded && this.config.env === 'production') {
      throw new Error('AUTH_PRIVATE_KEY is required in production');
    }
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, pem, { mode: 0o600 });
    await rename(temp, file);
    this.logger.log(`Generated an access-token signing key in ${dir}`);
    return pem;
  }

  signingKey(): { key: KeyObject; kid: string } {
    if (!this.privateKey || !this.currentKid) throw new Error('Signing keys are not loaded yet');
    return { key: this.privateKey, kid: this.currentKid };
  }

  /** The public key for a `kid` this service issued; undefined for any other. */
  verificationKey(kid: string): KeyObject | undefined {
    return this.verifying.get(kid);
  }

  publicJwks(): { keys: PublicJwk[] } {
    return { keys: this.jwks };
  }
}
