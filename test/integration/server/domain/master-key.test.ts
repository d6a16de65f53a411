import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_FILE_NAME, loadMasterKey } from '../../../../src/server/domain/master-key';

describe('the key that seals TOTP secrets', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'twofold-key-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is created on first run as a 0600 file outside the database, then reused', async () => {
    const first = loadMasterKey({ dataDir: join(dir, 'data') });
    const file = join(dir, 'data', KEY_FILE_NAME);
    expect(first).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(loadMasterKey({ dataDir: join(dir, 'data') }).equals(first)).toBe(true);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.toString('hex'));
  });

  it('comes from TWOFOLD_SECRET_KEY when set (hex or base64), and no file is written', async () => {
    const key = randomBytes(32);
    expect(loadMasterKey({ secretKey: key.toString('hex'), dataDir: dir }).equals(key)).toBe(true);
    expect(loadMasterKey({ secretKey: key.toString('base64'), dataDir: dir }).equals(key)).toBe(true);
    await expect(stat(join(dir, KEY_FILE_NAME))).rejects.toThrow();
  });

  it('tightens a key file that others can read', async () => {
    const file = join(dir, KEY_FILE_NAME);
    await writeFile(file, randomBytes(32).toString('hex'), { mode: 0o644 });
    loadMasterKey({ dataDir: dir });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it.each(['too-short', randomBytes(16).toString('hex')])(
    'refuses a key that is not 32 bytes (%s) and says how to make one',
    (bad) => {
      expect(() => loadMasterKey({ secretKey: bad, dataDir: dir })).toThrow(/openssl rand -hex 32/);
    },
  );
});
