import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../../shared/ipc';
import type { accountsChannels } from '../../../shared/ipc/accounts';
import { AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { type Account, toMeta } from '../model';

export const UNDO_SECONDS = 10;

export function notFound(): AppError {
  return new AppError('not_found', 'That account is not in the vault (it may have been removed).');
}

export function accountsHandlers(ctx: CoreContext): Handlers<typeof accountsChannels, unknown> {
  const stamp = () => new Date(ctx.now()).toISOString();
  return {
    list: async () => {
      await ctx.refreshVault();
      return ctx.vault.accounts().map(toMeta);
    },
    update: async ({ id, issuer, label, group }) => {
      ctx.touch();
      const updated = await ctx.vault.update((accounts) => {
        const current = accounts.find((a) => a.id === id);
        if (!current) throw notFound();
        if (label !== undefined && label.trim() === '')
          throw new AppError('invalid_arguments', 'The label cannot be empty.');
        const next: Account = {
          ...current,
          issuer: issuer?.trim() ?? current.issuer,
          label: label?.trim() ?? current.label,
          group: group === undefined ? current.group : group?.trim() || null,
          updatedAt: stamp(),
        };
        return { accounts: accounts.map((a) => (a.id === id ? next : a)), result: next };
      });
      return toMeta(updated);
    },
    reorder: async ({ ids }) => {
      ctx.touch();
      const result = await ctx.vault.update((accounts) => {
        const rank = new Map(ids.map((id, i) => [id, i]));
        // Accounts the list did not mention keep their relative order, after the listed ones.
        const ordered = [...accounts].sort(
          (a, b) => (rank.get(a.id) ?? ids.length + a.sortOrder) - (rank.get(b.id) ?? ids.length + b.sortOrder),
        );
        const next = ordered.map((a, i) => (a.sortOrder === i ? a : { ...a, sortOrder: i }));
        return { accounts: next, result: next };
      });
      return result.map(toMeta);
    },
    remove: async ({ id }) => {
      ctx.touch();
      const removed = await ctx.vault.update((accounts) => {
        const found = accounts.find((a) => a.id === id);
        if (!found) throw notFound();
        return { accounts: accounts.filter((a) => a.id !== id), result: found };
      });
      const undoToken = randomUUID();
      const timer = setTimeout(() => {
        ctx.undo.get(undoToken)?.account.secret.fill(0);
        ctx.undo.delete(undoToken);
      }, UNDO_SECONDS * 1000);
      timer.unref();
      ctx.undo.set(undoToken, { account: { ...removed, secret: removed.secret.slice() }, timer });
      removed.secret.fill(0);
      ctx.log.info('account removed');
      void ctx.changed();
      return { undoToken, undoSeconds: UNDO_SECONDS };
    },
    undoRemove: async ({ undoToken }) => {
      ctx.touch();
      const entry = ctx.undo.get(undoToken);
      if (!entry) throw new AppError('undo_expired', 'It is too late to undo that removal.');
      const restored = await ctx.vault.update((accounts) => ({
        accounts: [...accounts, entry.account],
        result: entry.account,
      }));
      clearTimeout(entry.timer);
      ctx.undo.delete(undoToken);
      void ctx.changed();
      return toMeta(restored);
    },
  };
}
