import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/result';
import { UsageError } from './args';

export const EXIT = { ok: 0, failure: 1, usage: 2, vault: 3, nothingFound: 4, damaged: 5, invalidInput: 6 } as const;

const VAULT_CODES = new Set([
  'keychain_unavailable',
  'keychain_locked',
  'keychain_key_missing',
  'wrong_passphrase',
  'passphrase_required',
  'no_passphrase_slot',
  'vault_locked',
  'vault_absent',
  'vault_exists',
  'vault_unreadable',
  'vault_busy',
  'vault_replaced',
]);
const INPUT_CODES = new Set([
  'invalid_uri',
  'invalid_secret',
  'invalid_migration',
  'invalid_image',
  'unsupported_image',
  'invalid_backup',
  'invalid_arguments',
  'decode_failed',
  'unsupported_for_export',
  'file_unreadable',
  'invalid_input',
]);

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (!(error instanceof AppError)) return EXIT.failure;
  if (error.code === 'vault_tampered' || error.code === 'vault_unsupported') return EXIT.damaged;
  if (VAULT_CODES.has(error.code)) return EXIT.vault;
  if (error.code === 'not_found' || error.code === 'nothing_found') return EXIT.nothingFound;
  if (INPUT_CODES.has(error.code)) return EXIT.invalidInput;
  return EXIT.failure;
}

/** The same directory the desktop app uses: Electron's userData for "twofold", then vault/. */
export function defaultHome(): string {
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'twofold', 'vault');
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'twofold', 'vault');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'twofold', 'vault');
}

let stdinLines: Promise<string[]> | null = null;

/** Passphrases come from stdin, one per line, never from arguments (which other users can see in ps). */
export async function stdinLine(index: number, what: string): Promise<string> {
  stdinLines ??= (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
  })();
  const line = (await stdinLines)[index];
  if (!line) throw new UsageError(`Expected the ${what} on line ${index + 1} of stdin.`);
  return line;
}
