import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../../shared/ipc';
import type { importChannels, ScanReport } from '../../../shared/ipc/importer';
import { AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { readBackup } from '../importer/backup';
import { classify } from '../importer/preview';
import type { Payload } from '../importer/session';
import { type Account, toMeta } from '../model';
import { decodeBase32 } from '../otp/base32';
import type { RawImage } from '../ports';
import { decodeImageFile } from '../qr/images';

/** Decodes each image in the worker; every QR code found becomes a payload with its position. */
export async function scanImages(
  ctx: CoreContext,
  images: readonly RawImage[],
  kind: 'screen' | 'file',
): Promise<Payload[]> {
  const payloads: Payload[] = [];
  for (const [index, image] of images.entries()) {
    for (const c of await ctx.decoder.decode(image, kind))
      payloads.push({ text: c.text, position: { image: index, x: c.x, y: c.y, width: c.width, height: c.height } });
  }
  return payloads;
}

const URI_LINE = /(otpauth(?:-migration)?:\/\/\S+)/gi;

export function importHandlers(ctx: CoreContext): Handlers<typeof importChannels, unknown> {
  const previews = new Map<string, string[]>();
  ctx.addCleanup(() => previews.clear());
  const ready = () => {
    ctx.vault.accounts(); // throws vault_locked: imports compare against, and write to, the open vault
    ctx.touch();
  };
  const report = (r: ScanReport) => {
    ctx.log.info('import scan', {
      images: r.images,
      qrCodes: r.qrCodes,
      found: r.candidates.length,
      rejected: r.rejected.length,
    });
    return r;
  };
  return {
    scanScreens: async () => {
      ready();
      // Captures stay in memory: they go straight to the decoder and are never written anywhere.
      const screens = await ctx.opts.screens.captureAll();
      return report(ctx.session.ingest(await scanImages(ctx, screens, 'screen'), screens.length));
    },
    scanImages: async ({ files }) => {
      ready();
      const images: RawImage[] = [];
      for (const [i, f] of files.entries()) images.push(await decodeImageFile(f.bytes, f.name ?? `Image ${i + 1}`));
      return report(ctx.session.ingest(await scanImages(ctx, images, 'file'), images.length));
    },
    scanClipboard: async () => {
      ready();
      const image = ctx.opts.clipboard.readImage();
      if (image) return report(ctx.session.ingest(await scanImages(ctx, [image], 'file'), 1));
      const lines = ctx.opts.clipboard.readText().match(URI_LINE) ?? [];
      if (lines.length === 0)
        throw new AppError(
          'nothing_found',
          'The clipboard holds no image and no otpauth:// link. Copy a QR code image or the link first.',
        );
      return report(
        ctx.session.ingest(
          lines.map((text) => ({ text, position: null })),
          0,
        ),
      );
    },
    parseText: ({ text }) => {
      ready();
      const lines = text.match(URI_LINE) ?? [];
      if (lines.length === 0)
        throw new AppError('invalid_uri', 'No otpauth:// or otpauth-migration:// link was found in the text.');
      return report(
        ctx.session.ingest(
          lines.map((t) => ({ text: t, position: null })),
          0,
        ),
      );
    },
    manual: (entry) => {
      ready();
      const secret = decodeBase32(entry.secret);
      const c = ctx.session.add(
        {
          ...entry,
          issuer: entry.issuer.trim(),
          label: entry.label.trim(),
          counter: entry.type === 'hotp' ? entry.counter : 0,
          secret,
        },
        'manual',
        null,
        entry.group ?? null,
      );
      return { images: 0, qrCodes: 0, candidates: [c], rejected: [], batches: [] };
    },
    readBackup: async ({ bytes, passphrase }) => {
      ready();
      const accounts = await readBackup(bytes, passphrase);
      const candidates = accounts.map((a) => ctx.session.add(a, 'backup', null, a.group));
      return report({ images: 0, qrCodes: 0, candidates, rejected: [], batches: [] });
    },
    pendingBatches: () => ctx.session.pendingBatches(),
    discardBatches: () => {
      ctx.session.discardBatches();
      return null;
    },
    preview: ({ candidateIds }) => {
      ready();
      const items = classify(ctx.session.take(candidateIds), ctx.vault.accounts());
      const previewId = randomUUID();
      previews.set(previewId, candidateIds);
      return { previewId, items, rejected: [] };
    },
    commit: async ({ previewId, candidateIds }) => {
      ready();
      const previewed = previews.get(previewId);
      if (!previewed) throw new AppError('not_found', 'That import preview has expired. Preview the import again.');
      const chosen = candidateIds ?? previewed;
      if (chosen.some((id) => !previewed.includes(id)))
        throw new AppError('invalid_arguments', 'Only accounts shown in the preview can be imported.');
      const entries = ctx.session.take(chosen);
      const stamp = new Date(ctx.now()).toISOString();
      // Classified again against the vault as it is now, inside the same write: nothing is imported twice.
      const imported = await ctx.vault.update((accounts) => {
        const items = classify(entries, accounts);
        const take = items.filter((i) => i.status === 'new' || (candidateIds !== undefined && i.status === 'conflict'));
        let order = accounts.reduce((m, a) => Math.max(m, a.sortOrder + 1), 0);
        const added: Account[] = take.map((item) => {
          const c = entries.find((e) => e.meta.id === item.candidateId) as (typeof entries)[number];
          const { issuer, label, type, algorithm, digits, period, counter } = c.params;
          const secret = c.params.secret.slice();
          return {
            id: randomUUID(),
            issuer,
            label,
            type,
            algorithm,
            digits,
            period,
            counter,
            secret,
            group: c.group,
            sortOrder: order++,
            createdAt: stamp,
            updatedAt: stamp,
          };
        });
        return { accounts: [...accounts, ...added], result: added };
      });
      previews.delete(previewId);
      ctx.session.remove(chosen);
      ctx.log.info('import committed', { imported: imported.length, skipped: chosen.length - imported.length });
      void ctx.changed();
      return { imported: imported.map(toMeta), skipped: chosen.length - imported.length };
    },
  };
}
