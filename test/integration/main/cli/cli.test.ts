/**
 * The `twofold` command line as a user runs it: a child process per command,
 * real files, documented exit codes, one-line errors without stack traces.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const entry = new URL('../../../../src/main/cli/index.ts', import.meta.url).pathname;
const PASS = 'cli vault passphrase';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const URI = `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`;

let dir: string;
const vault = () => join(dir, 'vault');

function twofold(args: string[], stdin = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], {
    input: stdin,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, TWOFOLD_HOME: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function expectOneLineError(r: ReturnType<typeof twofold>, exit: number, message: RegExp) {
  expect(r.code).toBe(exit);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(/^twofold: /);
  expect(r.err).toMatch(message);
  expect(r.err).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twofold-cli-'));
  await QRCode.toFile(join(dir, 'github.png'), URI, { width: 300 });
  await QRCode.toFile(join(dir, 'link.png'), 'https://example.com/', { width: 300 });
  writeFileSync(join(dir, 'notes.txt'), 'not an image');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('twofold scan', () => {
  it('prints the accounts found and hides the secret unless asked', () => {
    const plain = twofold(['scan', join(dir, 'github.png')]);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('GitHub · alice');
    expect(plain.out).not.toContain(SECRET);
    const revealed = twofold(['scan', join(dir, 'github.png'), '--reveal-secrets', '--json']);
    const parsed = JSON.parse(revealed.out) as { accounts: { issuer: string; secret: string; uri: string }[] };
    expect(parsed.accounts).toMatchObject([{ issuer: 'GitHub', label: 'alice', secret: SECRET }]);
    expect(parsed.accounts[0]?.uri).toContain(`secret=${SECRET}`);
  });

  it.each([
    ['a code that is not an authenticator code', ['link.png'], 4, null],
    ['a file that is not an image', ['notes.txt'], 6, /notes\.txt is not a PNG, JPEG or WebP image/],
    ['a missing file', ['missing.png'], 6, /Cannot read .*missing\.png \(ENOENT\)/],
  ])('answers %s with its exit code', (_name, files, exit, message) => {
    const r = twofold(['scan', ...files.map((f) => join(dir, f))]);
    if (message) expectOneLineError(r, exit, message);
    else expect(r.code).toBe(exit);
  });
});

describe('twofold with a vault', () => {
  it('creates, imports, lists, makes codes, exports a backup, restores it, and removes', () => {
    expect(twofold(['init', '--vault', vault(), '--passphrase-stdin', '--no-keychain'], `${PASS}\n`).code).toBe(0);
    const imported = twofold(
      [
        'import',
        join(dir, 'github.png'),
        'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0',
        '--vault',
        vault(),
        '--passphrase-stdin',
      ],
      `${PASS}\n`,
    );
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/new\s+GitHub · alice/);
    expect(imported.out).toContain('Imported 2 account(s)');

    const again = twofold(['import', URI, '--vault', vault(), '--passphrase-stdin', '--dry-run'], `${PASS}\n`);
    expect(again.out).toMatch(/duplicate\s+GitHub · alice/);
    expect(again.out).toContain('Dry run: nothing was saved.');

    const list = JSON.parse(twofold(['list', '--vault', vault(), '--passphrase-stdin', '--json'], `${PASS}\n`).out) as {
      id: string;
      label: string;
    }[];
    expect(list.map((a) => a.label).sort()).toEqual(['alice', 'bob']);
    expect(JSON.stringify(list)).not.toContain(SECRET);

    const code = twofold(['code', 'github', '--vault', vault(), '--passphrase-stdin'], `${PASS}\n`);
    expect(code.code).toBe(0);
    expect(code.out).toMatch(/^\d{6} {2}\(\d+ s left/);
    const hotp = twofold(['code', 'bank', '--vault', vault(), '--passphrase-stdin'], `${PASS}\n`);
    expect(hotp.out.trim()).toBe('755224'); // RFC 4226 counter 0

    const backup = join(dir, 'all.twofold-backup');
    const exported = twofold(
      ['export', '--out', backup, '--vault', vault(), '--passphrase-stdin', '--backup-passphrase-stdin'],
      `${PASS}\nbackup phrase 42\n`,
    );
    expect(exported.code).toBe(0);
    expect(readFileSync(backup, 'utf8')).not.toContain(SECRET);

    const fresh = join(dir, 'fresh');
    twofold(['init', '--vault', fresh, '--passphrase-stdin', '--no-keychain'], `${PASS}\n`);
    const restored = twofold(
      ['import', backup, '--vault', fresh, '--passphrase-stdin', '--backup-passphrase-stdin', '--json'],
      `${PASS}\nbackup phrase 42\n`,
    );
    expect((JSON.parse(restored.out) as { imported: unknown[] }).imported).toHaveLength(2);
    const wrongBackup = twofold(
      ['import', backup, '--vault', fresh, '--passphrase-stdin', '--backup-passphrase-stdin'],
      `${PASS}\nnot the phrase\n`,
    );
    expectOneLineError(wrongBackup, 3, /does not open this backup/);

    const alice = list.find((a) => a.label === 'alice');
    expect(twofold(['remove', alice?.id as string, '--vault', vault(), '--passphrase-stdin'], `${PASS}\n`).code).toBe(
      0,
    );
    expectOneLineError(
      twofold(['remove', alice?.id as string, '--vault', vault(), '--passphrase-stdin'], `${PASS}\n`),
      4,
      /not in the vault/,
    );
  });

  it.each([
    ['an unknown command', ['frobnicate'], '', 2, /Unknown command "frobnicate"/],
    ['an unknown option', ['list', '--colour'], '', 2, /Unknown option --colour/],
    ['a wrong passphrase', ['list', '--passphrase-stdin'], 'nope nope nope\n', 3, /does not open this vault/],
    ['no passphrase for a passphrase-only vault', ['list'], '', 3, /--passphrase-stdin/],
    [
      'a bad otpauth link',
      ['import', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=12', '--passphrase-stdin'],
      `${PASS}\n`,
      6,
      /digits must be between 6 and 8/,
    ],
    [
      'a search matching nothing',
      ['code', 'nothing-like-this', '--passphrase-stdin'],
      `${PASS}\n`,
      4,
      /No account matches/,
    ],
  ])('answers %s with one line and its exit code', (_name, args, stdin, exit, message) => {
    expectOneLineError(twofold([...args, '--vault', vault()], stdin), exit, message);
  });

  it('refuses a damaged vault with exit 5, naming the file, and leaves it as it was', () => {
    const path = join(vault(), 'vault.twofold');
    const bytes = readFileSync(path);
    const at = bytes.indexOf('"data":"', bytes.indexOf('"body"')) + 12;
    bytes[at] = (bytes[at] as number) ^ 0x02;
    writeFileSync(path, bytes);
    expectOneLineError(
      twofold(['list', '--vault', vault(), '--passphrase-stdin'], `${PASS}\n`),
      5,
      new RegExp(path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')),
    );
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('says there is no vault yet, and how to make one', () => {
    expectOneLineError(twofold(['list', '--vault', join(dir, 'nowhere')]), 3, /twofold init/);
  });
});
