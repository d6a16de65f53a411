/**
 * The encrypted backup: the whole vault sealed with AES-256-GCM under a key
 * derived from a passphrase (argon2id). It does not depend on the keychain,
 * so it can be restored on another machine.
 */
import { z } from 'zod';
import { AppError } from '../../../shared/result';
import type { Account, OtpParams } from '../model';
import { deriveKey, newKdfParams, open, seal } from '../vault/crypto';

const fileSchema = z
  .object({
    format: z.literal('twofold-backup'),
    version: z.literal(1),
    kdf: z.object({
      name: z.literal('argon2id'),
      memoryKiB: z.number().int().min(8).max(4_194_304),
      iterations: z.number().int().min(1).max(100),
      parallelism: z.number().int().min(1).max(16),
      salt: z.string(),
    }),
    body: z.object({ iv: z.string(), data: z.string(), tag: z.string() }),
  })
  .strict();

const bodySchema = z.object({
  exportedAt: z.string(),
  accounts: z.array(
    z.object({
      issuer: z.string().max(200),
      label: z.string().max(200),
      type: z.enum(['totp', 'hotp']),
      algorithm: z.enum(['SHA1', 'SHA256', 'SHA512']),
      digits: z.number().int().min(6).max(8),
      period: z.number().int().min(1).max(3600),
      counter: z.number().int().nonnegative(),
      group: z.string().nullable(),
      secret: z.string(),
    }),
  ),
});

export type BackupAccount = OtpParams & { readonly group: string | null };

const aad = (kdf: unknown) => JSON.stringify({ format: 'twofold-backup', version: 1, kdf });

export async function writeBackup(accounts: readonly Account[], passphrase: string, now: Date): Promise<Uint8Array> {
  const kdf = newKdfParams();
  const key = await deriveKey(passphrase, kdf);
  const body = Buffer.from(
    JSON.stringify({
      exportedAt: now.toISOString(),
      accounts: accounts.map((a) => ({
        issuer: a.issuer,
        label: a.label,
        type: a.type,
        algorithm: a.algorithm,
        digits: a.digits,
        period: a.period,
        counter: a.counter,
        group: a.group,
        secret: Buffer.from(a.secret).toString('base64'),
      })),
    }),
  );
  const sealed = seal(key, body, aad(kdf));
  body.fill(0);
  key.fill(0);
  return new TextEncoder().encode(JSON.stringify({ format: 'twofold-backup', version: 1, kdf, body: sealed }));
}

/** True when the bytes look like a Twofold backup (used to route `twofold import FILE`). */
export function looksLikeBackup(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 64));
  return /^\s*\{\s*"format"\s*:\s*"twofold-backup"/.test(head);
}

export async function readBackup(bytes: Uint8Array, passphrase: string): Promise<BackupAccount[]> {
  let file: z.infer<typeof fileSchema>;
  try {
    file = fileSchema.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
  } catch {
    throw new AppError('invalid_backup', 'This file is not a Twofold backup, or it is damaged.');
  }
  const key = await deriveKey(passphrase, file.kdf);
  const plain = open(key, file.body, aad(file.kdf));
  key.fill(0);
  if (!plain)
    throw new AppError('wrong_passphrase', 'That passphrase does not open this backup (or the file was changed).');
  try {
    return bodySchema.parse(JSON.parse(plain.toString('utf8'))).accounts.map((a) => ({
      ...a,
      secret: new Uint8Array(Buffer.from(a.secret, 'base64')),
    }));
  } catch {
    throw new AppError('invalid_backup', 'The backup opened but its contents are not valid.');
  } finally {
    plain.fill(0);
  }
}
