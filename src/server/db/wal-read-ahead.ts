import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Bytes of the WAL header before its first frame, and of each frame's header before its page. */
const WAL_HEADER = 32;
const FRAME_HEADER = 24;
/** How far past the service's last frame the WAL is read: about 0.4 s of the TOTP bench's writes. */
export const READ_AHEAD_BYTES = 32 * 1024 * 1024;

/**
 * The bytes of the WAL to read next, or null: from the end of the service's last frame (or what was read
 * already) up to `ahead` bytes past that frame, within the file. Only a WAL that started over has old
 * frames past its last one; one that is still growing has nothing there to read.
 */
export function readAheadRange(
  frames: number,
  pageSize: number,
  fileSize: number,
  readUpTo: number,
  ahead: number = READ_AHEAD_BYTES,
): [from: number, to: number] | null {
  const at = WAL_HEADER + frames * (pageSize + FRAME_HEADER);
  const from = Math.max(at, readUpTo);
  const to = Math.min(fileSize, at + ahead);
  return from < to ? [from, to] : null;
}

/**
 * Keeps the part of the WAL that the service is about to write again in the page cache (the checkpointer
 * child calls it each round). A WAL frame is page size + 24 bytes, so each write the service makes covers
 * part of a 4 KB page, and the kernel must read a page that has left the cache before it can part-write it:
 * the service's event loop then waits for the disk (`ext4_block_write_begin`). After a RESTART the WAL is
 * written again from its start, over frames written seconds before, which a host that reclaims memory
 * proactively (this project's VM runs DAMON's `pageout`) may already have evicted. Reading them here first
 * moves that wait into this process.
 */
export function walReadAhead(walPath: string, pageSize: number) {
  const buffer = Buffer.allocUnsafe(1 << 20);
  let fd: number | null = null;
  let readUpTo = 0;
  return {
    /** Reads what follows the service's last frame (`frames`); answers the bytes read. */
    ahead,
    /**
     * Reads the WAL's first frames, which the service writes again once a RESTART is through: before the
     * RESTART, as the first round after it comes when the service has written for up to a round already.
     */
    beforeRestart(): number {
      readUpTo = 0;
      return ahead(0);
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };

  function ahead(frames: number): number {
    try {
      fd ??= openSync(walPath, 'r');
      const range = readAheadRange(frames, pageSize, fstatSync(fd).size, readUpTo);
      if (!range) return 0;
      for (let at = range[0]; at < range[1]; at += buffer.length)
        readSync(fd, buffer, 0, Math.min(buffer.length, range[1] - at), at);
      readUpTo = range[1];
      return range[1] - range[0];
    } catch {
      return 0; // no WAL yet, or a transient I/O error: the next round tries again
    }
  }
}
