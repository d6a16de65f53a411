/**
 * The `twofold` command line, over the same core as the desktop app. Errors
 * are one line on stderr with a documented exit code; never a stack trace.
 */
import { AppError } from '../../shared/result';
import { HELP, parseArgs, UsageError } from './args';
import { scan, withVault } from './commands';
import { EXIT, exitCodeFor } from './io';

const out = {
  line: (text: string) => process.stdout.write(`${text}\n`),
  json: (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
};

const VAULT_COMMANDS = new Set(['init', 'import', 'list', 'code', 'export', 'remove']);

async function main(argv: readonly string[]): Promise<number> {
  const p = parseArgs(argv);
  if (p.command === 'help') {
    out.line(HELP);
    return EXIT.ok;
  }
  if (p.command === 'scan') return scan(p, out);
  if (!VAULT_COMMANDS.has(p.command)) throw new UsageError(`Unknown command "${p.command}". Run twofold --help.`);
  return withVault(p, out);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message =
      error instanceof AppError ||
      (error instanceof Error && error.name === 'Error' && exitCodeFor(error) === EXIT.usage)
        ? error.message
        : 'Something went wrong. Run again, and report it if it keeps happening.';
    process.stderr.write(`twofold: ${message}\n`);
    process.exitCode = exitCodeFor(error);
  },
);
