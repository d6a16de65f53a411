/** A small strict argument parser: unknown flags are usage errors, never ignored. */
export class UsageError extends Error {}

export interface Parsed {
  readonly command: string;
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

/** Flags that take a value; every other flag is a switch. */
const VALUED = new Set(['vault', 'out', 'format']);
const SWITCHES = new Set([
  'json',
  'reveal-secrets',
  'passphrase-stdin',
  'backup-passphrase-stdin',
  'dry-run',
  'no-keychain',
  'next',
  'help',
]);

export function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.set('help', true);
      continue;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (VALUED.has(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value.`);
      flags.set(name, value);
    } else if (SWITCHES.has(name) && eq < 0) flags.set(name, true);
    else throw new UsageError(`Unknown option --${name}. Run twofold --help for the list.`);
  }
  const [command = 'help', ...rest] = positional;
  return { command: flags.has('help') ? 'help' : command, positional: rest, flags };
}

export const HELP = `twofold — the Twofold authenticator on the command line

Usage:
  twofold scan <image…> [--json] [--reveal-secrets]   decode QR codes in images and print the accounts; writes nothing
  twofold init [--passphrase-stdin] [--no-keychain]   create a vault (key in the OS keychain, and/or a passphrase)
  twofold import <image|uri|backup file…> [--dry-run] [--backup-passphrase-stdin]
                                                      show the dry run, then import the new accounts
  twofold list [--json]                               list accounts (never secrets)
  twofold code <search> [--next] [--json]             current code and seconds left (--next advances an HOTP counter)
  twofold export --out FILE [--format backup|otpauth|migration-qr] [--backup-passphrase-stdin]
  twofold remove <id>                                 remove an account

Options:
  --vault DIR            the vault directory (default: $TWOFOLD_HOME, else the desktop app's)
  --passphrase-stdin     open the vault with its passphrase, read from the first line of stdin
  --backup-passphrase-stdin
                         the backup passphrase, from the next line of stdin
  --json                 machine-readable output

Exit codes: 0 ok · 1 unexpected failure · 2 usage · 3 vault cannot be opened (keychain, passphrase)
            4 nothing found · 5 vault file damaged · 6 invalid input (URI, image, backup)`;
