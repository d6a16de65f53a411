import { randomInt } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';
import type { Handlers } from '../../../shared/ipc';
import type { exportChannels } from '../../../shared/ipc/importer';
import { AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { writeBackup } from '../importer/backup';
import { encodeMigrationUris } from '../importer/migration';
import { formatOtpauthUri } from '../importer/uri';
import type { Account } from '../model';
import { writeFileAtomic } from '../vault/atomic';

function pick(ctx: CoreContext, ids: readonly string[] | undefined): readonly Account[] {
  const all = ctx.vault.accounts();
  if (!ids) return all;
  const chosen = all.filter((a) => ids.includes(a.id));
  if (chosen.length !== new Set(ids).size)
    throw new AppError('not_found', 'Some of the chosen accounts are not in the vault.');
  return chosen;
}

/** PNG files of Google migration QR codes: `path` for the first, `name-2.png`, … for the rest. */
export async function writeMigrationQrs(path: string, accounts: readonly Account[]): Promise<string[]> {
  const { uris, unsupported } = encodeMigrationUris(accounts, randomInt(1, 2 ** 31));
  if (unsupported.length > 0)
    throw new AppError(
      'unsupported_for_export',
      `${unsupported.length} account(s) use a period other than 30 s or 7 digits, which Google Authenticator cannot import. Export them as otpauth links instead.`,
    );
  const paths = uris.map((_, i) => (i === 0 ? path : path.replace(/(\.png)?$/i, `-${i + 1}.png`)));
  for (const [i, uri] of uris.entries())
    await writeFile(paths[i] as string, await QRCode.toBuffer(uri, { errorCorrectionLevel: 'M', scale: 6 }), {
      mode: 0o600,
    });
  return paths;
}

export function exportHandlers(ctx: CoreContext): Handlers<typeof exportChannels, unknown> {
  const day = () => new Date(ctx.now()).toISOString().slice(0, 10);
  return {
    backup: async ({ passphrase }) => {
      const accounts = ctx.vault.accounts();
      ctx.touch();
      const path = await ctx.opts.files.chooseSavePath(`twofold-backup-${day()}.twofold-backup`);
      if (!path) return { path: null, accounts: 0 };
      await writeFileAtomic(path, await writeBackup(accounts, passphrase, new Date(ctx.now())), { backup: false });
      ctx.log.info('backup written', { accounts: accounts.length });
      return { path, accounts: accounts.length };
    },
    plain: async ({ format, ids }) => {
      const accounts = pick(ctx, ids);
      ctx.touch();
      const path = await ctx.opts.files.chooseSavePath(
        format === 'otpauth' ? `twofold-links-${day()}.txt` : `twofold-google-${day()}.png`,
      );
      if (!path) return { path: null, accounts: 0 };
      if (format === 'otpauth') {
        const text = `${accounts.map(formatOtpauthUri).join('\n')}\n`;
        await writeFileAtomic(path, new TextEncoder().encode(text), { backup: false });
      } else await writeMigrationQrs(path, accounts);
      ctx.log.info('plain export written', { format, accounts: accounts.length });
      return { path, accounts: accounts.length };
    },
  };
}
