import { randomBytes } from 'node:crypto';
import { copyFile, link, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `path` so that a crash at any instant leaves either the old file or
 * the new one, never a torn or empty one: write a temp file in the same
 * directory, fsync it, rename it over the target (atomic on POSIX), fsync the
 * directory so the rename itself is durable. The previous version is kept as
 * `<path>.bak` through a hard link, so `path` never goes missing in between.
 */
export async function writeFileAtomic(path: string, data: Uint8Array, opts: { backup: boolean }): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (opts.backup) {
      await unlink(`${path}.bak`).catch(ignoreMissing);
      await link(path, `${path}.bak`).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return;
        // Filesystems without hard links (FAT, some network mounts): a copy keeps the old version too.
        await copyFile(path, `${path}.bak`);
      });
    }
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(ignoreMissing);
    throw error;
  }
  await fsyncDir(dir);
}

/** Temp files left by a write that crashed before its rename; they never hold the only copy of anything. */
export async function removeStaleTemps(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'))
      .map((n) => unlink(join(dirname(path), n)).catch(ignoreMissing)),
  );
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
