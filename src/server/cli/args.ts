import { parseArgs } from 'node:util';
import { AppError } from '../../shared/result';
import { CHECKPOINTER_COMMAND } from '../db/wal-checkpointer';

export const USAGE = `Usage:
  twofold-server serve [--host 127.0.0.1] [--port 8787] [--database URL] [--data-dir ./data]
  twofold-server migrate [--database URL]
  twofold-server seed-demo [--database URL]
  twofold-server user add --email EMAIL --name NAME --role ROLE --org ORG_ID_OR_NAME --password-stdin [--database URL]

--database defaults to DATABASE_URL, else sqlite:./data/twofold.db (postgres://… selects PostgreSQL).`;

export type Command =
  | { name: 'serve'; flags: { host?: string; port?: number; database?: string; dataDir?: string } }
  | { name: 'migrate'; flags: { database?: string } }
  | { name: 'seed-demo'; flags: { database?: string; dataDir?: string } }
  | {
      name: 'user-add';
      flags: { database?: string; email: string; name: string; role: string; org: string };
    }
  | { name: 'wal-checkpointer'; flags: { database: string } }
  | { name: 'help' };

const usage = (message: string) => new AppError('usage', `${message} Run "twofold-server help" for usage.`);

function parse<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error));
  }
}

const common = { database: { type: 'string' }, 'data-dir': { type: 'string' } } as const;

function port(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535)
    throw usage(`--port must be a number from 0 to 65535, got "${value}".`);
  return Number(value);
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw usage(`--${name} is required.`);
  return value.trim();
}

export function parseCommand(argv: string[]): Command {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help' };
    case 'serve': {
      const v = parse(rest, { ...common, host: { type: 'string' }, port: { type: 'string' } });
      return {
        name: 'serve',
        flags: { host: v.host, port: port(v.port), database: v.database, dataDir: v['data-dir'] },
      };
    }
    case 'migrate':
      return { name: 'migrate', flags: { database: parse(rest, common).database } };
    case CHECKPOINTER_COMMAND: // internal: the child `serve` starts for SQLite checkpoints (db/wal-checkpointer)
      return { name: 'wal-checkpointer', flags: { database: required(parse(rest, common), 'database') } };
    case 'seed-demo': {
      const v = parse(rest, common);
      return { name: 'seed-demo', flags: { database: v.database, dataDir: v['data-dir'] } };
    }
    case 'user': {
      const [sub, ...more] = rest;
      if (sub !== 'add') throw usage(`Unknown command "user ${sub ?? ''}": did you mean "user add"?`);
      const v = parse(more, {
        ...common,
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        org: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      });
      if (!v['password-stdin']) throw usage('--password-stdin is required: the password is read from standard input.');
      return {
        name: 'user-add',
        flags: {
          database: v.database,
          email: required(v, 'email'),
          name: required(v, 'name'),
          role: required(v, 'role'),
          org: required(v, 'org'),
        },
      };
    }
    default:
      throw usage(`Unknown command "${cmd}".`);
  }
}
