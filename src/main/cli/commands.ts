import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { ScanReport } from '../../shared/ipc/importer';
import { AppError } from '../../shared/result';
import { type Authenticator, createAuthenticator, FixedSavePath, MemoryClipboard, NoScreens } from '../core';
import { looksLikeBackup } from '../core/importer/backup';
import { ImportSession } from '../core/importer/session';
import { formatOtpauthUri } from '../core/importer/uri';
import { encodeBase32 } from '../core/otp/base32';
import { QrDecoder } from '../core/qr/decoder';
import { decodeImageFile } from '../core/qr/images';
import { type Parsed, UsageError } from './args';
import { defaultHome, stdinLine } from './io';

export interface Out {
  line(text: string): void;
  json(value: unknown): void;
}

async function readInput(path: string): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new AppError('file_unreadable', `Cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

function describe(report: ScanReport, out: Out): void {
  for (const c of report.candidates)
    out.line(
      `found   ${c.issuer ? `${c.issuer} · ` : ''}${c.label}  (${c.type.toUpperCase()} ${c.algorithm} ${c.digits} digits${c.type === 'totp' ? ` ${c.period}s` : ''})`,
    );
  for (const r of report.rejected) out.line(`skipped ${r.issuer ? `${r.issuer} · ${r.label ?? ''}: ` : ''}${r.reason}`);
  for (const b of report.batches.filter((x) => !x.complete))
    out.line(
      `waiting Google export ${b.batchId}: have part(s) ${b.collected.map((i) => i + 1).join(', ')} of ${b.size}; still missing ${b.missing.map((i) => i + 1).join(', ')}`,
    );
}

/** `scan`: decode and parse, print what was found; nothing is written and no vault is needed. */
export async function scan(p: Parsed, out: Out): Promise<number> {
  if (p.positional.length === 0) throw new UsageError('scan needs at least one image file.');
  const decoder = new QrDecoder();
  const session = new ImportSession();
  try {
    const payloads = [];
    for (const [index, path] of p.positional.entries()) {
      const image = await decodeImageFile(await readInput(path), basename(path));
      for (const c of await decoder.decode(image, 'file'))
        payloads.push({ text: c.text, position: { image: index, x: c.x, y: c.y, width: c.width, height: c.height } });
    }
    const report = session.ingest(payloads, p.positional.length);
    const reveal = p.flags.has('reveal-secrets');
    const accounts = report.candidates.map((c) => {
      const entry = session.candidates.get(c.id);
      const { id: _id, ...meta } = c;
      if (!reveal || !entry) return { ...meta, file: p.positional[c.position?.image ?? 0] };
      const params = entry.params;
      return {
        ...meta,
        file: p.positional[c.position?.image ?? 0],
        secret: encodeBase32(params.secret),
        uri: formatOtpauthUri(params),
      };
    });
    if (p.flags.has('json'))
      out.json({ qrCodes: report.qrCodes, accounts, rejected: report.rejected, batches: report.batches });
    else {
      describe(report, out);
      if (reveal) for (const a of accounts) if ('uri' in a) out.line(`        ${a.uri}`);
      if (report.qrCodes === 0) out.line('No QR code was found in the image(s).');
    }
    session.clear();
    return report.candidates.length > 0 ? 0 : 4;
  } finally {
    await decoder.close();
  }
}

/** Opens the vault for the commands that need it: with the passphrase from stdin, else the keychain. */
async function openVault(p: Parsed): Promise<Authenticator> {
  const home = resolve((p.flags.get('vault') as string | undefined) ?? process.env.TWOFOLD_HOME ?? defaultHome());
  const out = p.flags.get('out');
  const auth = createAuthenticator({
    home,
    clipboard: new MemoryClipboard(),
    screens: new NoScreens(),
    files: new FixedSavePath(typeof out === 'string' ? resolve(out) : null),
  });
  try {
    if (p.command === 'init') return auth;
    const status = await auth.handlers.vault.status(undefined, null);
    if (status.state === 'absent')
      throw new AppError('vault_absent', `There is no vault at ${home}. Create one with: twofold init`);
    if (p.flags.has('passphrase-stdin'))
      await auth.handlers.vault.unlock({ passphrase: await stdinLine(0, 'vault passphrase') }, null);
    else await auth.handlers.vault.unlock(undefined, null);
    return auth;
  } catch (error) {
    await auth.dispose();
    throw error;
  }
}

const backupLine = (p: Parsed) => (p.flags.has('passphrase-stdin') ? 1 : 0);

export async function withVault(p: Parsed, out: Out): Promise<number> {
  const auth = await openVault(p);
  try {
    const h = auth.handlers;
    const json = p.flags.has('json');
    switch (p.command) {
      case 'init': {
        const passphrase = p.flags.has('passphrase-stdin') ? await stdinLine(0, 'new vault passphrase') : undefined;
        if (passphrase !== undefined && passphrase.length < 8)
          throw new UsageError('A passphrase needs at least 8 characters.');
        const s = await h.vault.create(
          passphrase === undefined
            ? { useKeychain: !p.flags.has('no-keychain') }
            : { passphrase, useKeychain: !p.flags.has('no-keychain') },
          null,
        );
        if (json) out.json(s);
        else out.line(`Created ${s.vaultPath} (key: ${s.slots.join(' + ')}).`);
        return 0;
      }
      case 'list': {
        const accounts = await h.accounts.list(undefined, null);
        if (json) out.json(accounts);
        else
          for (const a of accounts)
            out.line(
              `${a.id}  ${a.issuer ? `${a.issuer} · ` : ''}${a.label}  ${a.type.toUpperCase()}${a.group ? `  [${a.group}]` : ''}`,
            );
        return 0;
      }
      case 'code': {
        const search = p.positional.join(' ').trim().toLowerCase();
        if (!search) throw new UsageError('code needs a search term, such as: twofold code github');
        const all = await h.accounts.list(undefined, null);
        const hits = all.filter((a) => a.id === search || `${a.issuer} ${a.label}`.toLowerCase().includes(search));
        if (hits.length === 0) throw new AppError('not_found', `No account matches "${search}".`);
        if (hits.length > 1)
          throw new UsageError(
            `"${search}" matches ${hits.length} accounts (${hits
              .slice(0, 5)
              .map((a) => `${a.issuer} · ${a.label}`)
              .join(', ')}); be more specific or give the id.`,
          );
        const hit = hits[0] as (typeof hits)[number];
        const code = p.flags.has('next')
          ? await h.codes.nextHotp({ id: hit.id }, null)
          : (await h.codes.get({ ids: [hit.id] }, null)).codes[0];
        if (!code) throw new AppError('not_found', 'That account has no code.');
        if (json) out.json({ issuer: hit.issuer, label: hit.label, ...code });
        else
          out.line(
            code.secondsLeft === null
              ? code.code
              : `${code.code}  (${code.secondsLeft} s left${code.next ? `, next ${code.next}` : ''})`,
          );
        return 0;
      }
      case 'remove': {
        const id = p.positional[0];
        if (!id) throw new UsageError('remove needs an account id (see twofold list).');
        await h.accounts.remove({ id }, null);
        out.line(`Removed ${id}.`);
        return 0;
      }
      case 'export': {
        const format = (p.flags.get('format') as string | undefined) ?? 'backup';
        if (!p.flags.has('out')) throw new UsageError('export needs --out FILE.');
        if (format === 'backup') {
          const passphrase = await stdinLine(backupLine(p), 'backup passphrase (use --backup-passphrase-stdin)');
          if (!p.flags.has('backup-passphrase-stdin'))
            throw new UsageError('A backup needs --backup-passphrase-stdin.');
          if (passphrase.length < 8) throw new UsageError('A backup passphrase needs at least 8 characters.');
          const r = await h.export.backup({ passphrase }, null);
          out.line(`Wrote an encrypted backup of ${r.accounts} account(s) to ${r.path}.`);
        } else if (format === 'otpauth' || format === 'migration-qr') {
          const r = await h.export.plain({ format }, null);
          out.line(
            `Wrote ${r.accounts} account(s) to ${r.path}. It holds the secrets unencrypted: keep it safe and delete it after use.`,
          );
        } else throw new UsageError('--format must be backup, otpauth or migration-qr.');
        return 0;
      }
      case 'import':
        return await importInto(auth, p, out);
      default:
        throw new UsageError(`Unknown command "${p.command}". Run twofold --help.`);
    }
  } finally {
    await auth.dispose();
  }
}

async function importInto(auth: Authenticator, p: Parsed, out: Out): Promise<number> {
  if (p.positional.length === 0) throw new UsageError('import needs an image, an otpauth:// link or a backup file.');
  const h = auth.handlers.import;
  const ids: string[] = [];
  const reports: ScanReport[] = [];
  for (const arg of p.positional) {
    let report: ScanReport;
    if (/^otpauth(-migration)?:\/\//i.test(arg)) report = await h.parseText({ text: arg }, null);
    else {
      const bytes = await readInput(arg);
      if (looksLikeBackup(bytes)) {
        if (!p.flags.has('backup-passphrase-stdin'))
          throw new UsageError(`${arg} is a backup: add --backup-passphrase-stdin.`);
        report = await h.readBackup({ bytes, passphrase: await stdinLine(backupLine(p), 'backup passphrase') }, null);
      } else report = await h.scanImages({ files: [{ name: basename(arg), bytes }] }, null);
    }
    reports.push(report);
    ids.push(...report.candidates.map((c) => c.id));
  }
  const json = p.flags.has('json');
  if (!json) for (const r of reports) describe(r, out);
  if (ids.length === 0) {
    const rejected = reports.flatMap((r) => r.rejected);
    const pending = reports.some((r) => r.batches.some((b) => !b.complete));
    if (rejected[0] && !pending) throw new AppError('invalid_input', `Nothing to import: ${rejected[0].reason}`);
    if (json) out.json({ imported: [], preview: null, rejected });
    else out.line('Nothing to import.');
    return 4;
  }
  const preview = await h.preview({ candidateIds: ids }, null);
  if (!json)
    for (const i of preview.items)
      out.line(
        `${i.status.padEnd(9)} ${i.issuer ? `${i.issuer} · ` : ''}${i.label}${i.detail ? `  — ${i.detail}` : ''}`,
      );
  if (p.flags.has('dry-run')) {
    if (json) out.json({ preview: preview.items, imported: [] });
    else out.line('Dry run: nothing was saved.');
    return 0;
  }
  const done = await h.commit({ previewId: preview.previewId }, null);
  if (json) out.json({ preview: preview.items, imported: done.imported, skipped: done.skipped });
  else out.line(`Imported ${done.imported.length} account(s); skipped ${done.skipped}.`);
  return 0;
}
