/**
 * A lock shared by every Twofold process on one vault (the app and the `twofold`
 * CLI): `<vault>.lock`, created exclusively and holding the owner's pid. Writes
 * take it, so two processes never interleave a read-change-write of the file.
 * A lock whose process is gone (a crash) is taken over.
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/result';

const RETRY_MS = 15;
/** A lock file still without a pid after this long was left by a crash between create and write. */
const EMPTY_STALE_MS = 10_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * The lock file appears with the pid already in it: written under a temp name (one that the vault's
 * stale-temp sweep knows), then hard-linked into place, which fails if the lock exists. Where hard
 * links are not supported, an exclusive create and a write.
 */
async function tryTake(lockPath: string): Promise<boolean> {
  const dir = dirname(lockPath);
  const vaultName = basename(lockPath).replace(/\.lock$/, '');
  const tmp = join(dir, `.${vaultName}.lock-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(tmp, `${process.pid}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(tmp, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT') return false; // our temp was swept as a crash's leftover: try again
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    return createExclusive(lockPath);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

async function createExclusive(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx', 0o600);
    try {
      await handle.writeFile(`${process.pid}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  }
}

/** The pid in the lock file, or null while its owner is still writing it (or it is gone). */
async function owner(lockPath: string): Promise<number | null> {
  const text = await readFile(lockPath, 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

export async function withFileLock<T>(path: string, run: () => Promise<T>, waitMs = 5_000): Promise<T> {
  const lockPath = `${path}.lock`;
  const deadline = Date.now() + waitMs;
  let pid: number | null = null;
  for (;;) {
    if (await tryTake(lockPath)) break;
    pid = await owner(lockPath);
    const stale =
      pid === null
        ? Date.now() - ((await stat(lockPath).catch(() => null))?.mtimeMs ?? Date.now()) > EMPTY_STALE_MS
        : pid !== process.pid && !alive(pid);
    if (stale) {
      await unlink(lockPath).catch(() => undefined); // left by a process that died holding it
      continue;
    }
    if (Date.now() >= deadline)
      throw new AppError(
        'vault_busy',
        `Another Twofold process${pid ? ` (pid ${pid})` : ''} is changing the vault ${path}. Try again in a moment; if no Twofold is running, delete ${lockPath}.`,
      );
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  try {
    return await run();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
