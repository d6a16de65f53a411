import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../shared/result';
import { SLOW_RESTART_MS } from './db/wal-checkpointer';

/**
 * The account pages built by Vite. Resolved from this file: src/server/config.ts
 * and the bundled out/cli/server-cli.js both sit two levels below the project.
 */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../out/web', import.meta.url));
export const DEFAULT_DATABASE = 'sqlite:./data/twofold.db';

export const configSchema = z.object({
  database: z.string().min(1).default(DEFAULT_DATABASE),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(8787),
  /** Holds the key file (when TWOFOLD_SECRET_KEY is unset) and the mail outbox. */
  dataDir: z.string().min(1).default('./data'),
  secretKey: z.string().optional(),
  /** nodemailer SMTP URL (smtp://user:pass@host:587); without it mail is written to <dataDir>/outbox as .eml. */
  smtpUrl: z.string().optional(),
  mailFrom: z.string().min(3).default('Twofold <no-reply@twofold.local>'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Behind a load balancer: trust X-Forwarded-For / -Proto for the client IP and https. */
  trustProxy: z.boolean().default(false),
  webDir: z.string().min(1).default(DEFAULT_WEB_DIR),
  poolSize: z.number().int().min(1).max(200).default(20),
  /** PostgreSQL: key lookups as named prepared statements (off for a pooler that cannot keep them). */
  namedStatements: z.boolean().default(true),
  mailPollMs: z.number().int().min(50).default(5000),
  /** SQLite: checkpoint the WAL in a child process, off the service's event loop (`serve` turns it on). */
  backgroundCheckpoints: z.boolean().default(false),
  /** SQLite: past this much WAL the checkpointer makes the WAL start over (see db/wal-checkpointer). */
  walLimitMb: z.number().int().min(1).default(256),
  /** SQLite, with the checkpointer: a RESTART that keeps writes waiting this long (ms) is logged as a warning. */
  slowRestartMs: z.number().int().min(0).default(SLOW_RESTART_MS),
});

export type Config = z.output<typeof configSchema> & {
  readonly clock: () => number;
  readonly cliScript: string | undefined;
};

/**
 * What buildApp accepts: everything optional but the database, plus a clock tests may move, and
 * the CLI's own entry file when the CLI runs the app (it forks itself for the WAL checkpointer).
 */
export type AppConfig = z.input<typeof configSchema> & { clock?: () => number; cliScript?: string };

export function parseConfig(input: AppConfig): Config {
  const { clock, cliScript, ...rest } = input;
  const result = configSchema.safeParse(rest);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('bad_config', `Configuration "${issue?.path.join('.')}" is not valid: ${issue?.message}.`);
  }
  return { ...result.data, clock: clock ?? Date.now, cliScript };
}

const bool = (v: string | undefined) => (v === undefined ? undefined : /^(1|true|yes|on)$/i.test(v.trim()));
const int = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v.trim())) throw new AppError('bad_config', `${name} must be a whole number, got "${v}".`);
  return Number(v);
};

/** Environment variables, documented in docs/service.md; flags from the CLI override them. */
export function configFromEnv(env: NodeJS.ProcessEnv): AppConfig {
  const entries: Array<[keyof AppConfig, unknown]> = [
    ['database', env.DATABASE_URL],
    ['host', env.TWOFOLD_HOST],
    ['port', int('TWOFOLD_PORT', env.TWOFOLD_PORT)],
    ['dataDir', env.TWOFOLD_DATA_DIR],
    ['secretKey', env.TWOFOLD_SECRET_KEY],
    ['smtpUrl', env.TWOFOLD_SMTP_URL],
    ['mailFrom', env.TWOFOLD_MAIL_FROM],
    ['logLevel', env.TWOFOLD_LOG_LEVEL],
    ['trustProxy', bool(env.TWOFOLD_TRUST_PROXY)],
    ['webDir', env.TWOFOLD_WEB_DIR],
    ['poolSize', int('TWOFOLD_DB_POOL', env.TWOFOLD_DB_POOL)],
    ['namedStatements', bool(env.TWOFOLD_PG_NAMED_STATEMENTS)],
    ['backgroundCheckpoints', bool(env.TWOFOLD_SQLITE_BACKGROUND_CHECKPOINTS)],
    ['walLimitMb', int('TWOFOLD_SQLITE_WAL_LIMIT_MB', env.TWOFOLD_SQLITE_WAL_LIMIT_MB)],
    ['slowRestartMs', int('TWOFOLD_SQLITE_SLOW_RESTART_MS', env.TWOFOLD_SQLITE_SLOW_RESTART_MS)],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined && v !== '')) as AppConfig;
}
