import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './vault/atomic';

/** Non-secret preferences beside the vault; a missing or unreadable file means the defaults. */
const schema = z.object({ autoLockSeconds: z.number().int().min(0).max(86_400) });
export type Settings = z.infer<typeof schema>;
export const DEFAULT_SETTINGS: Settings = { autoLockSeconds: 300 };

export async function loadSettings(home: string): Promise<Settings> {
  try {
    return schema.parse(JSON.parse(await readFile(join(home, 'settings.json'), 'utf8')));
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export async function saveSettings(home: string, settings: Settings): Promise<void> {
  await mkdir(home, { recursive: true, mode: 0o700 });
  await writeFileAtomic(join(home, 'settings.json'), new TextEncoder().encode(JSON.stringify(settings)), {
    backup: false,
  });
}
