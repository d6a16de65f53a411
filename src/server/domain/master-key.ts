import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/result';

export const KEY_FILE_NAME = 'secret.key';

/** TWOFOLD_SECRET_KEY: 64 hex characters or base64 of 32 bytes. */
export function parseSecretKey(value: string): Buffer {
  const text = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new AppError(
      'bad_secret_key',
      'TWOFOLD_SECRET_KEY must be 32 bytes as 64 hex characters or base64 (generate one with: openssl rand -hex 32).',
    );
  }
  return key;
}

/**
 * The key that seals TOTP secrets. It lives outside the database on purpose: a
 * stolen database alone does not yield the secrets. Taken from the environment
 * when set, else from `<dataDir>/secret.key` (0600), created on first run.
 */
export function loadMasterKey(opts: { secretKey?: string | undefined; dataDir: string }): Buffer {
  if (opts.secretKey) return parseSecretKey(opts.secretKey);
  const file = join(opts.dataDir, KEY_FILE_NAME);
  if (existsSync(file)) {
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) chmodSync(file, 0o600);
    return parseSecretKey(readFileSync(file, 'utf8'));
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx' fails if another process created it meanwhile; then read theirs.
  try {
    writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch {
    return parseSecretKey(readFileSync(file, 'utf8'));
  }
}
