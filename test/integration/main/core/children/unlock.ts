/**
 * Child process: opens (or with argv[3] = 'create', creates) the vault in argv[2] through the OS
 * keychain and prints the outcome as one JSON line. Run apart so a hanging keyring cannot stall a test.
 * argv[3] = 'status-unlock' asks for the status first, as the lock screen does (which warms the
 * keychain), and unlocks a moment later.
 */
import { createAuthenticator, FixedSavePath, MemoryClipboard, NoScreens } from '../../../../../src/main/core';

const home = process.argv[2] as string;
const auth = createAuthenticator({
  home,
  clipboard: new MemoryClipboard(),
  screens: new NoScreens(),
  files: new FixedSavePath(null),
});
try {
  if (process.argv[3] === 'status-unlock') {
    await auth.handlers.vault.status(undefined, null);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const status =
    process.argv[3] === 'create'
      ? await auth.handlers.vault.create({ useKeychain: true }, null)
      : await auth.handlers.vault.unlock(undefined, null);
  console.log(JSON.stringify({ ok: true, state: status.state }));
} catch (error) {
  const e = error as { code?: string; message?: string };
  console.log(JSON.stringify({ ok: false, code: e.code, message: e.message }));
}
await auth.dispose();
