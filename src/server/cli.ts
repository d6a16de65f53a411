import { AppError } from '../shared/result';
import { buildApp } from './app';
import { parseCommand, USAGE } from './cli/args';
import { addUser, migrate, seed } from './cli/commands';
import { configFromEnv, DEFAULT_DATABASE, parseConfig } from './config';
import { parseDatabaseUrl } from './db/connect';
import { runWalCheckpointer } from './db/wal-checkpointer';

/**
 * twofold-server: serve, migrate, seed-demo, user add. Every failure is one line on
 * stderr and a non-zero exit: 2 for usage and configuration, 3 when the database
 * is unreachable or not migrated, 1 for anything else.
 */
const EXIT: Record<string, number> = {
  usage: 2,
  bad_config: 2,
  bad_database_url: 2,
  bad_secret_key: 2,
  database_unreachable: 3,
  not_migrated: 3,
  migration_failed: 1,
};

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new AppError(
      'usage',
      '--password-stdin reads the password from a pipe, e.g. printf %s "$PW" | twofold-server user add …',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function main(argv: string[]): Promise<void> {
  const command = parseCommand(argv);
  const env = configFromEnv(process.env);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const database = (flag: string | undefined) => flag ?? env.database ?? DEFAULT_DATABASE;
  switch (command.name) {
    case 'help':
      out(USAGE);
      return;
    case 'migrate':
      return migrate(database(command.flags.database), out);
    case 'seed-demo':
      return seed(database(command.flags.database), out);
    case 'user-add':
      return addUser(database(command.flags.database), command.flags, await readStdin(), out);
    case 'wal-checkpointer': {
      const target = parseDatabaseUrl(command.flags.database);
      if (target.engine !== 'sqlite') throw new AppError('usage', 'The WAL checkpointer is for SQLite databases.');
      runWalCheckpointer(target.path, {
        limitMb: parseConfig({ ...env, database: command.flags.database }).walLimitMb,
      });
      return;
    }
    case 'serve': {
      const f = command.flags;
      const app = await buildApp({
        backgroundCheckpoints: true,
        ...env,
        cliScript: process.argv[1],
        database: database(f.database),
        ...(f.host === undefined ? {} : { host: f.host }),
        ...(f.port === undefined ? {} : { port: f.port }),
        ...(f.dataDir === undefined ? {} : { dataDir: f.dataDir }),
      });
      const host = f.host ?? env.host ?? '127.0.0.1';
      const port = f.port ?? env.port ?? 8787;
      const stop = () => {
        app.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const address = await app.listen({ host, port });
        out(`Twofold service listening on ${address}`);
      } catch (error) {
        await app.close();
        const why = error instanceof Error && 'code' in error ? String(error.code) : 'listen failed';
        throw new AppError('listen_failed', `Cannot listen on ${host}:${port} (${why}).`);
      }
      return;
    }
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof AppError) {
    process.stderr.write(`twofold-server: ${error.message}\n`);
    process.exitCode = EXIT[error.code] ?? 1;
  } else {
    const kind = error instanceof Error ? error.name : typeof error;
    process.stderr.write(`twofold-server: unexpected ${kind}; run again with TWOFOLD_LOG_LEVEL=debug for details.\n`);
    if (process.env.TWOFOLD_LOG_LEVEL === 'debug') console.error(error);
    process.exitCode = 1;
  }
});
