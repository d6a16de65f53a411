/**
 * The vault file: one JSON document holding the format version, the key slots
 * and the accounts sealed with AES-256-GCM under the vault key. The header
 * (version, id, slots) is the AAD of the body, so changing any byte of the
 * file makes authentication fail.
 */
import { z } from 'zod';
import { AppError } from '../../../shared/result';
import type { Account } from '../model';
import { deriveKey, type KdfParams, open, type Sealed, seal } from './crypto';

export const VAULT_VERSION = 1;

const sealedSchema = z.object({ iv: z.string(), data: z.string(), tag: z.string() }).strict();
const kdfSchema = z
  .object({
    name: z.literal('argon2id'),
    memoryKiB: z.number().int().min(8).max(4_194_304),
    iterations: z.number().int().min(1).max(100),
    parallelism: z.number().int().min(1).max(16),
    salt: z.string(),
  })
  .strict();
const slotSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('keychain') }).strict(),
  z.object({ kind: z.literal('passphrase'), kdf: kdfSchema, key: sealedSchema }).strict(),
]);
export type Slot = z.infer<typeof slotSchema>;

const fileSchema = z
  .object({
    format: z.literal('twofold-vault'),
    version: z.number().int(),
    vaultId: z.string().regex(/^[0-9a-f-]{36}$/),
    slots: z.array(slotSchema).min(1).max(4),
    body: sealedSchema,
  })
  .strict();
export type VaultFile = z.infer<typeof fileSchema>;

/**
 * Checks one decrypted account. Hand-written rather than zod: unlock with a
 * thousand accounts has a 20 ms budget, and the body has already passed
 * AES-GCM authentication, so this guards against our own format drift only.
 */
function toAccount(raw: unknown): Account {
  const a = raw as Record<string, unknown>;
  const ok =
    typeof a === 'object' &&
    a !== null &&
    typeof a.id === 'string' &&
    typeof a.issuer === 'string' &&
    typeof a.label === 'string' &&
    (a.type === 'totp' || a.type === 'hotp') &&
    (a.algorithm === 'SHA1' || a.algorithm === 'SHA256' || a.algorithm === 'SHA512') &&
    intIn(a.digits, 6, 8) &&
    intIn(a.period, 1, 3600) &&
    intIn(a.counter, 0, Number.MAX_SAFE_INTEGER) &&
    (a.group === null || typeof a.group === 'string') &&
    typeof a.sortOrder === 'number' &&
    typeof a.createdAt === 'string' &&
    typeof a.updatedAt === 'string' &&
    typeof a.secret === 'string';
  if (!ok) throw new Error('account record does not match the vault format');
  return { ...(a as unknown as Account), secret: new Uint8Array(Buffer.from(a.secret as string, 'base64')) };
}

// Module-level, not a closure per account: a thousand accounts make a thousand closures otherwise.
function intIn(v: unknown, min: number, max: number): boolean {
  return Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
}

function tampered(path: string): AppError {
  return new AppError(
    'vault_tampered',
    `The vault file ${path} failed its integrity check: it is damaged or was changed outside Twofold. ` +
      `It has been left untouched; restore ${path}.bak or an encrypted backup.`,
  );
}

const headerAad = (f: Pick<VaultFile, 'version' | 'vaultId' | 'slots'>) =>
  JSON.stringify({ format: 'twofold-vault', version: f.version, vaultId: f.vaultId, slots: f.slots });
const slotAad = (vaultId: string) => `twofold-vault-key:${vaultId}`;

/** Reads the header; the body stays sealed. */
export function parseVaultFile(bytes: Uint8Array, path: string): VaultFile {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw tampered(path);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw tampered(path);
  if (parsed.data.version > VAULT_VERSION)
    throw new AppError(
      'vault_unsupported',
      `The vault file ${path} was written by a newer Twofold (format ${parsed.data.version}); update Twofold to open it.`,
    );
  if (parsed.data.version !== VAULT_VERSION) throw tampered(path);
  return parsed.data;
}

export function openBody(file: VaultFile, key: Uint8Array, path: string): Account[] {
  const plain = open(key, file.body, headerAad(file));
  if (!plain) throw tampered(path);
  try {
    const body = JSON.parse(plain.toString('utf8')) as { accounts?: unknown };
    if (!Array.isArray(body.accounts)) throw new Error('no accounts list');
    return body.accounts.map(toAccount);
  } catch {
    throw tampered(path);
  } finally {
    plain.fill(0);
  }
}

export function sealVault(vaultId: string, slots: Slot[], key: Uint8Array, accounts: readonly Account[]): Uint8Array {
  const header = { version: VAULT_VERSION, vaultId, slots };
  const body = Buffer.from(
    JSON.stringify({ accounts: accounts.map((a) => ({ ...a, secret: Buffer.from(a.secret).toString('base64') })) }),
  );
  const sealed = seal(key, body, headerAad(header));
  body.fill(0);
  const file: VaultFile = { format: 'twofold-vault', ...header, body: sealed };
  return new TextEncoder().encode(JSON.stringify(file));
}

export async function passphraseSlot(vaultId: string, key: Uint8Array, passphrase: string, kdf: KdfParams) {
  const kek = await deriveKey(passphrase, kdf);
  const wrapped: Sealed = seal(kek, key, slotAad(vaultId));
  kek.fill(0);
  return { kind: 'passphrase' as const, kdf, key: wrapped };
}

/** The vault key from the passphrase slot, or null for a wrong passphrase. */
export async function unwrapPassphraseSlot(
  vaultId: string,
  slot: Extract<Slot, { kind: 'passphrase' }>,
  passphrase: string,
): Promise<Uint8Array | null> {
  const kek = await deriveKey(passphrase, slot.kdf);
  const key = open(kek, slot.key, slotAad(vaultId));
  kek.fill(0);
  return key ? new Uint8Array(key) : null;
}
