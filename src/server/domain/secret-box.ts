import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals TOTP secrets with AES-256-GCM, the owner's user id as associated data,
 * so a sealed secret copied onto another user's row does not open. Sub-keys are
 * derived with HKDF so the sealing key never doubles as the CSRF key.
 */
export class SecretBox {
  // KeyObjects, not Buffers: a Buffer key is imported into OpenSSL again on every cipher or HMAC (sign-in's hot path).
  readonly #sealKey: KeyObject;
  readonly #csrfKey: KeyObject;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes.');
    this.#sealKey = createSecretKey(
      Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'twofold totp-secret seal v1', 32)),
    );
    this.#csrfKey = createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'twofold csrf v1', 32)));
  }

  seal(userId: string, plaintext: Uint8Array): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#sealKey, iv);
    cipher.setAAD(Buffer.from(userId, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /** Throws when the box was sealed for another user, with another key, or was altered. */
  open(userId: string, sealed: string): Buffer {
    const [version, payload] = sealed.split('.');
    if (version !== VERSION || payload === undefined) throw new Error('Unknown sealed-secret format.');
    const raw = Buffer.from(payload, 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES + 1) throw new Error('Sealed secret is truncated.');
    const decipher = createDecipheriv('aes-256-gcm', this.#sealKey, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(userId, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
  }

  /** The CSRF token of a cookie session: bound to the session token, so a planted cookie pair does not verify. */
  csrfToken(sessionToken: string): string {
    return createHmac('sha256', this.#csrfKey).update(sessionToken).digest('base64url');
  }

  csrfMatches(sessionToken: string, presented: string): boolean {
    const expected = Buffer.from(this.csrfToken(sessionToken));
    const given = Buffer.from(presented);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
