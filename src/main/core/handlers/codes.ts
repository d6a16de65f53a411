import type { Handlers } from '../../../shared/ipc';
import type { Code, codesChannels } from '../../../shared/ipc/codes';
import { AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import type { Account } from '../model';
import { currentCode } from '../otp/codes';
import { notFound } from './accounts';

/** The clipboard is cleared this long after a copy, if it still holds our code. */
export const CLIPBOARD_CLEAR_SECONDS = 30;

function codeOf(a: Account, now: number): Code {
  const c = currentCode(a, now);
  return c.next === undefined
    ? { id: a.id, code: c.code, secondsLeft: c.secondsLeft, period: c.period }
    : { id: a.id, code: c.code, secondsLeft: c.secondsLeft, period: c.period, next: c.next };
}

export function codesHandlers(ctx: CoreContext): Handlers<typeof codesChannels, unknown> {
  let clearTimer: NodeJS.Timeout | null = null;
  let copied: string | null = null;
  ctx.addCleanup(() => {
    if (clearTimer) clearTimeout(clearTimer);
    // Quitting must not leave our code behind for the 30 s that will now never end.
    if (copied !== null && ctx.opts.clipboard.readText() === copied)
      ctx.opts.clipboard.writeText('', { concealed: false });
    copied = null;
  });
  const clearSeconds = ctx.opts.clipboardClearSeconds ?? CLIPBOARD_CLEAR_SECONDS;
  const find = (id: string) => {
    const a = ctx.vault.accounts().find((x) => x.id === id);
    if (!a) throw notFound();
    return a;
  };
  return {
    // Polling for codes is not user activity: it must not hold off the auto-lock.
    get: async (args) => {
      await ctx.refreshVault();
      const at = ctx.now();
      const accounts = ctx.vault.accounts();
      const wanted = args?.ids ? new Set(args.ids) : null;
      return { at, codes: accounts.filter((a) => !wanted || wanted.has(a.id)).map((a) => codeOf(a, at)) };
    },
    nextHotp: async ({ id }) => {
      ctx.touch();
      if (find(id).type !== 'hotp')
        throw new AppError('not_hotp', 'Only counter-based (HOTP) accounts have a next code.');
      const next = await ctx.vault.update((accounts) => {
        const a = accounts.find((x) => x.id === id);
        if (!a) throw notFound();
        const advanced: Account = { ...a, counter: a.counter + 1, updatedAt: new Date(ctx.now()).toISOString() };
        return { accounts: accounts.map((x) => (x.id === id ? advanced : x)), result: advanced };
      });
      return codeOf(next, ctx.now());
    },
    copy: ({ id }) => {
      ctx.touch();
      const { code } = currentCode(find(id), ctx.now());
      ctx.opts.clipboard.writeText(code, { concealed: true });
      if (clearTimer) clearTimeout(clearTimer);
      copied = code;
      clearTimer = setTimeout(() => {
        clearTimer = null;
        copied = null;
        // Only our own code is cleared: the user may have copied something else meanwhile.
        if (ctx.opts.clipboard.readText() === code) ctx.opts.clipboard.writeText('', { concealed: false });
      }, clearSeconds * 1000);
      clearTimer.unref();
      ctx.log.info('code copied');
      return { clearsInSeconds: clearSeconds };
    },
  };
}

/** The admin console's one-click fill: the best-matching account's code, never its secret. */
export function codeForMatch(
  ctx: CoreContext,
  match: { issuer?: string; label?: string; host?: string },
): { accountId: string; issuer: string; label: string; code: string } | null {
  if (!ctx.vault.unlocked) return null;
  const fold = (s: string) => s.trim().toLowerCase();
  const host = match.host ? fold(match.host).replace(/^www\./, '') : null;
  let best: { a: Account; score: number } | null = null;
  for (const a of ctx.vault.accounts()) {
    let score = 0;
    if (match.label !== undefined) {
      if (fold(a.label) !== fold(match.label)) continue;
      score += 2;
    }
    if (match.issuer !== undefined && fold(a.issuer) === fold(match.issuer)) score += 2;
    if (host && a.issuer && (host.includes(fold(a.issuer)) || fold(a.issuer).includes(host))) score += 1;
    if (score > 0 && (!best || score > best.score)) best = { a, score };
  }
  if (!best || (match.issuer === undefined && match.host === undefined && match.label === undefined)) return null;
  const { a } = best;
  return { accountId: a.id, issuer: a.issuer, label: a.label, code: currentCode(a, ctx.now()).code };
}
