import type { Handlers } from '../../../shared/ipc';
import type { vaultChannels } from '../../../shared/ipc/vault';
import type { CoreContext } from '../context';

export function vaultHandlers(ctx: CoreContext): Handlers<typeof vaultChannels, unknown> {
  return {
    status: () => ctx.status(),
    create: async ({ passphrase, useKeychain }) => {
      await ctx.vault.create(passphrase === undefined ? { useKeychain } : { passphrase, useKeychain });
      ctx.log.info('vault created', { keychain: useKeychain, passphrase: passphrase !== undefined });
      ctx.touch();
      return ctx.changed();
    },
    unlock: async (args) => {
      await ctx.vault.unlock(args?.passphrase);
      ctx.log.info('vault unlocked', { slot: args?.passphrase === undefined ? 'keychain' : 'passphrase' });
      ctx.touch();
      return ctx.changed();
    },
    lock: async () => {
      ctx.lock();
      ctx.log.info('vault locked');
      return ctx.changed();
    },
    setPassphrase: async ({ passphrase }) => {
      await ctx.vault.setPassphrase(passphrase);
      ctx.log.info('vault passphrase set');
      ctx.touch();
      return ctx.changed();
    },
    setAutoLock: async ({ seconds }) => {
      await ctx.setAutoLock(seconds);
      return ctx.changed();
    },
    activity: () => {
      ctx.touch();
      return null;
    },
  };
}
