/**
 * Threat: a secret reaching the renderer or the log. Every channel of the
 * vault, accounts, codes, import and export contracts is called through a
 * real Dispatcher with the real handlers and accounts imported; no reply, no
 * error and no log line may hold a secret in any encoding, nor an otpauth URI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMigrationUris } from '../../../../src/main/core/importer/migration';
import { decodeBase32, encodeBase32 } from '../../../../src/main/core/otp/base32';
import { Dispatcher } from '../../../../src/main/ipc/dispatcher';
import { contract } from '../../../../src/shared/ipc';
import { core, PASS, tempHome } from './helpers';
import { qrPng, screenshot } from './qr';

const SECRETS = ['JBSWY3DPEHPK3PXPJBSWY3DP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'];
const URIS = [
  `otpauth://totp/GitHub:alice?secret=${SECRETS[0]}&issuer=GitHub`,
  `otpauth://hotp/Bank:bob?secret=${SECRETS[1]}&counter=3&issuer=Bank`,
];

function forbidden(): string[] {
  const all = [...SECRETS];
  const manual = decodeBase32(SECRETS[2] as string);
  for (const s of SECRETS) {
    const raw = Buffer.from(decodeBase32(s));
    all.push(
      s.toLowerCase(),
      raw.toString('base64'),
      raw.toString('base64url'),
      raw.toString('hex'),
      raw.toString('latin1'),
    );
    all.push(encodeBase32(raw));
  }
  all.push(Buffer.from(manual).toString('base64'));
  return [...all, 'otpauth://', 'otpauth-migration://', 'secret='];
}

let t: ReturnType<typeof tempHome>;
let c: ReturnType<typeof core>;
let dispatcher: Dispatcher<null>;
const replies: { channel: string; reply: unknown }[] = [];
let screenImages: Awaited<ReturnType<typeof screenshot>>[] = [];

async function call(name: string, args?: unknown) {
  const reply = await dispatcher.dispatch(name, args, null);
  replies.push({ channel: name, reply });
  // biome-ignore lint/suspicious/noExplicitAny: replies of every channel pass through here; the walk reads a few fields.
  return reply as { ok: boolean; value: any; error?: { code: string } };
}

beforeAll(async () => {
  t = tempHome();
  c = core(t.home, { screens: { captureAll: async () => screenImages }, savePath: join(t.home, 'export.out') });
  dispatcher = new Dispatcher<null>(c.log)
    .register(contract.vault, c.h.vault)
    .register(contract.accounts, c.h.accounts)
    .register(contract.codes, c.h.codes)
    .register(contract.import, c.h.import)
    .register(contract.export, c.h.export);
});
afterAll(async () => {
  await c.auth.dispose();
  t.cleanup();
});

describe('no secret crosses IPC or reaches the log', () => {
  it('walks every channel with accounts imported', { timeout: 60_000 }, async () => {
    const v = contract.vault;
    const a = contract.accounts;
    const cd = contract.codes;
    const im = contract.import;
    const ex = contract.export;
    await call(v.status.name);
    await call(v.create.name, { passphrase: PASS, useKeychain: false });
    await call(v.setAutoLock.name, { seconds: 600 });
    await call(v.activity.name);

    const text = await call(im.parseText.name, { text: URIS.join('\n') });
    const manual = await call(im.manual.name, { issuer: 'Mail', label: 'carol', secret: SECRETS[2] });
    screenImages = [await screenshot(1280, 800, [{ text: URIS[0] as string, size: 240, left: 100, top: 100 }])];
    await call(im.scanScreens.name);
    await call(im.scanImages.name, {
      files: [{ name: 'a.png', bytes: new Uint8Array(await qrPng(URIS[1] as string, 240)) }],
    });
    c.clipboard.writeText(URIS[0] as string, { concealed: false });
    await call(im.scanClipboard.name);
    const half = encodeMigrationUris(
      [
        {
          issuer: 'G',
          label: 'g',
          type: 'totp',
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
          secret: new Uint8Array(20).fill(7),
        },
        {
          issuer: 'H',
          label: 'h',
          type: 'totp',
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
          secret: new Uint8Array(20).fill(8),
        },
      ],
      5,
      1,
    );
    await call(im.parseText.name, { text: half.uris[0] });
    await call(im.pendingBatches.name);
    await call(im.discardBatches.name);
    await call(im.parseText.name, { text: `otpauth://totp/x?secret=${SECRETS[0]}&digits=99` });

    const ids = [...text.value.candidates, ...manual.value.candidates].map((x: { id: string }) => x.id);
    const preview = await call(im.preview.name, { candidateIds: ids });
    const committed = await call(im.commit.name, { previewId: preview.value.previewId });
    expect(committed.value.imported).toHaveLength(3);

    const list = await call(a.list.name);
    const [first, second] = list.value as { id: string; type: string }[];
    await call(a.update.name, { id: first?.id, label: 'alice2', group: 'work' });
    await call(a.reorder.name, { ids: [second?.id, first?.id] });
    const removed = await call(a.remove.name, { id: first?.id });
    await call(a.undoRemove.name, { undoToken: removed.value.undoToken });
    await call(cd.get.name);
    const hotp = (list.value as { id: string; type: string }[]).find((x) => x.type === 'hotp');
    await call(cd.nextHotp.name, { id: hotp?.id });
    await call(cd.copy.name, { id: hotp?.id });

    await call(ex.backup.name, { passphrase: 'backup passphrase 1' });
    const backup = readFileSync(join(t.home, 'export.out'));
    await call(im.readBackup.name, { bytes: new Uint8Array(backup), passphrase: 'backup passphrase 1' });
    await call(im.readBackup.name, { bytes: new Uint8Array(backup), passphrase: 'wrong passphrase' });
    await call(ex.plain.name, { format: 'otpauth' });
    expect(readFileSync(join(t.home, 'export.out'), 'utf8')).toContain(SECRETS[0]); // the file has them, by design
    await call(ex.plain.name, { format: 'migration-qr' });
    await call(v.setPassphrase.name, { passphrase: 'another passphrase' });
    await call(v.lock.name);
    await call(cd.get.name);
    await call(v.unlock.name, { passphrase: 'wrong one!' });
    await call(v.unlock.name, { passphrase: 'another passphrase' });

    const names = new Set(replies.map((r) => r.channel));
    expect([...dispatcher.channelNames()].filter((n) => !names.has(n))).toEqual([]);

    const haystack = [...replies.map((r) => JSON.stringify(r.reply)), ...c.log.lines].join('\n');
    for (const needle of forbidden())
      expect(haystack.includes(needle), `found ${JSON.stringify(needle.slice(0, 12))}…`).toBe(false);
    // The walk really did reach the happy paths: codes came back, and errors were answered as data.
    expect(haystack).toMatch(/"code":"\d{6}"/);
    expect(replies.some((r) => (r.reply as { ok: boolean }).ok === false)).toBe(true);
  });
});
