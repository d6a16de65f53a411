import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl } from '../../../src/server/db/connect';
import { MIGRATION_NAMES } from '../../../src/server/db/migrate';
import { verifyPassword } from '../../../src/server/domain/passwords';
import { DEMO_PASSWORD, DEMO_USERS } from '../../../src/server/seed/demo-data';
import { cliBundle } from '../../support/server-cli';
import { ENGINES, type ScratchDatabase, scratchDatabase } from './support/engines';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], opts: { stdin?: string; cwd?: string } = {}): Promise<Run> {
  const bundle = await cliBundle();
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [bundle, ...args], { env, cwd: opts.cwd, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdin.end(opts.stdin ?? '');
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One line, no stack trace: what a person sees when something is wrong. */
function expectOneLine(run: Run, code: number, pattern: RegExp) {
  expect(run.code).toBe(code);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('twofold-server: usage errors', () => {
  it('prints usage for help', async () => {
    const run = await cli(['help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('twofold-server serve');
  });

  it.each([
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['serve', '--port', 'eighty'], /--port must be a number/],
    [['serve', '--bogus'], /Unknown option '--bogus'/],
    [['migrate', '--database', 'mysql://db/x'], /Unsupported database URL "mysql:\/\/db\/x"/],
    [['user', 'add', '--email', 'x@y.test'], /--password-stdin is required/],
  ])('%j exits 2 with one clear line', async (args, pattern) => {
    expectOneLine(await cli(args), 2, pattern);
  });

  it('an unreachable database exits 3 and names where it looked (without the password)', async () => {
    const run = await cli(['migrate', '--database', 'postgres://twofold:s3cret@127.0.0.1:1/twofold']);
    expectOneLine(run, 3, /Cannot reach the database at postgres:\/\/twofold:\*\*\*@127\.0\.0\.1:1\/twofold/);
    expect(run.stderr).not.toContain('s3cret');
  });

  it('a port in use is one line and a non-zero exit', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = String((busy.address() as { port: number }).port);
    const scratch = await scratchDatabase('sqlite', 'cli-port');
    try {
      await cli(['migrate', '--database', scratch.url]);
      const run = await cli(['serve', '--port', port, '--database', scratch.url, '--data-dir', scratch.dir]);
      expectOneLine(run, 1, new RegExp(`Cannot listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\)`));
    } finally {
      busy.close();
      await scratch.dispose();
    }
  });
});

describe.each(ENGINES)('twofold-server on %s', (engine) => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await scratchDatabase(engine, 'cli');
  });
  afterAll(() => scratch.dispose());

  it('refuses to seed or serve a database that is not migrated (exit 3)', async () => {
    expectOneLine(await cli(['seed-demo', '--database', scratch.url]), 3, /not migrated: run "twofold-server migrate"/);
  });

  it('migrates, then reports it is up to date', async () => {
    const first = await cli(['migrate', '--database', scratch.url]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`Applied ${MIGRATION_NAMES.length} migration\\(s\\)`));
    expect((await cli(['migrate', '--database', scratch.url])).stdout).toMatch(/up to date/);
  });

  it('seeds the demo data idempotently and prints the demo password', async () => {
    const first = await cli(['seed-demo', '--database', scratch.url]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`7 org(s) and ${DEMO_USERS.length} user(s) added`);
    expect(first.stdout).toContain(DEMO_PASSWORD);
    const second = await cli(['seed-demo', '--database', scratch.url]);
    expect(second.stdout).toContain('0 org(s) and 0 user(s) added');
  });

  it('adds a user with the password from stdin, and checks role, organisation and duplicates', async () => {
    const add = (role: string, org: string, email = 'newbie@birch.test', stdin = 'a-long-password\n') =>
      cli(
        [
          'user',
          'add',
          '--email',
          email,
          '--name',
          'New Bie',
          '--role',
          role,
          '--org',
          org,
          '--password-stdin',
          '--database',
          scratch.url,
        ],
        {
          stdin,
        },
      );
    expectOneLine(await add('partner_admin', 'Birch Bakery'), 2, /A partner_admin belongs to a partner organisation/);
    expectOneLine(await add('client_ops', 'org-nowhere'), 2, /No organisation has the id or name "org-nowhere"/);
    expectOneLine(await add('client_ops', 'org-birch', 'newbie@birch.test', 'short\n'), 2, /at least 8 characters/);
    const ok = await add('client_ops', 'Birch Bakery');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Added newbie@birch.test as client_ops of Birch Bakery');
    expectOneLine(await add('client_ops', 'org-birch'), 1, /already exists/);

    const h = openDatabase(parseDatabaseUrl(scratch.url), { poolSize: 1 });
    try {
      const row = await h.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', 'newbie@birch.test')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ role: 'client_ops', org_id: 'org-birch', firm_id: 'org-abacus' });
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verifyPassword(row.password_hash, 'a-long-password')).toBe(true);
    } finally {
      await h.close();
    }
  });
});
