import { describe, expect, it } from 'vitest';
import { parseMigrationUri } from '../../../../../src/main/core/importer/migration';
import { ImportSession } from '../../../../../src/main/core/importer/session';
import { hotpAt } from '../../../../../src/main/core/otp/codes';

// An independent protobuf encoder, so the core's decoder is checked against bytes it did not make.
const varint = (n: number): number[] => {
  const out: number[] = [];
  let v = n;
  while (v >= 128) {
    out.push((v % 128) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
};
const int = (field: number, n: number) => [...varint(field << 3), ...varint(n)];
const bytes = (field: number, b: Uint8Array | number[]) => [...varint((field << 3) | 2), ...varint(b.length), ...b];
const str = (field: number, s: string) => bytes(field, [...new TextEncoder().encode(s)]);

interface Otp {
  secret: number[];
  name: string;
  issuer?: string;
  algorithm?: number;
  digits?: number;
  type?: number;
  counter?: number;
}
const otp = (o: Otp) =>
  bytes(1, [
    ...bytes(1, o.secret),
    ...str(2, o.name),
    ...(o.issuer ? str(3, o.issuer) : []),
    ...int(4, o.algorithm ?? 1),
    ...int(5, o.digits ?? 1),
    ...int(6, o.type ?? 2),
    ...(o.counter !== undefined ? int(7, o.counter) : []),
  ]);
const payload = (entries: Otp[], batch = { size: 1, index: 0, id: 77 }) =>
  `otpauth-migration://offline?data=${encodeURIComponent(
    Buffer.from([
      ...entries.flatMap(otp),
      ...int(2, 1),
      ...int(3, batch.size),
      ...int(4, batch.index),
      ...int(5, batch.id),
    ]).toString('base64'),
  )}`;

const SEED = [...new TextEncoder().encode('12345678901234567890')];

describe('Google Authenticator migration payloads', () => {
  it('decodes a single-page export with TOTP and HOTP accounts', () => {
    const page = parseMigrationUri(
      payload([
        { secret: SEED, name: 'Example:alice@example.com', issuer: 'Example' },
        { secret: SEED, name: 'counter', issuer: 'Bank', type: 1, counter: 5 },
      ]),
    );
    expect(page).toMatchObject({ batchSize: 1, batchIndex: 0, batchId: 77, rejected: [] });
    expect(page.accounts).toMatchObject([
      { issuer: 'Example', label: 'alice@example.com', type: 'totp', algorithm: 'SHA1', digits: 6, period: 30 },
      { issuer: 'Bank', label: 'counter', type: 'hotp', counter: 5 },
    ]);
    const hotp = page.accounts[1];
    expect(hotp && hotpAt(hotp, hotp.counter)).toBe('254676'); // RFC 4226 counter 5
  });

  it('maps 8 digits and SHA256 / SHA512', () => {
    const page = parseMigrationUri(
      payload([
        { secret: SEED, name: 'a', digits: 2, algorithm: 2 },
        { secret: SEED, name: 'b', digits: 2, algorithm: 3 },
      ]),
    );
    expect(page.accounts.map((a) => [a.digits, a.algorithm])).toEqual([
      [8, 'SHA256'],
      [8, 'SHA512'],
    ]);
  });

  it('refuses MD5 accounts by name and imports the rest', () => {
    const page = parseMigrationUri(
      payload([
        { secret: SEED, name: 'old', issuer: 'Legacy', algorithm: 4 },
        { secret: SEED, name: 'fine', issuer: 'Modern' },
      ]),
    );
    expect(page.accounts.map((a) => a.label)).toEqual(['fine']);
    expect(page.rejected).toEqual([{ issuer: 'Legacy', label: 'old', reason: expect.stringMatching(/MD5/) }]);
  });

  it.each([
    ['truncated data', 'otpauth-migration://offline?data=CgoKBA', /damaged/],
    ['no data', 'otpauth-migration://offline?foo=1', /no data parameter/],
    ['not base64', 'otpauth-migration://offline?data=%%%%', /percent-escape|base64/],
    ['wrong scheme', 'otpauth-migration://online?data=AA', /not a Google Authenticator export/],
  ])('refuses %s', (_name, uri, message) => {
    expect(() => parseMigrationUri(uri)).toThrow(message);
  });

  it('collects a multi-page batch, shows what is missing, and imports only when whole', () => {
    const session = new ImportSession();
    const pages = [0, 1, 2].map((index) =>
      payload([{ secret: SEED, name: `acct${index}`, issuer: 'Multi' }], { size: 3, index, id: 4242 }),
    );
    const first = session.ingest([{ text: pages[2] as string, position: null }], 1);
    expect(first.candidates).toEqual([]);
    expect(first.batches).toEqual([{ batchId: 4242, size: 3, collected: [2], missing: [0, 1], complete: false }]);
    const second = session.ingest([{ text: pages[0] as string, position: null }], 1);
    expect(second.batches[0]?.missing).toEqual([1]);
    expect(session.pendingBatches()).toHaveLength(1);
    const last = session.ingest([{ text: pages[1] as string, position: null }], 1);
    expect(last.batches[0]?.complete).toBe(true);
    expect(last.candidates.map((c) => c.label).sort()).toEqual(['acct0', 'acct1', 'acct2']);
    expect(session.pendingBatches()).toEqual([]);
  });

  it('keeps two batches apart by batch id', () => {
    const session = new ImportSession();
    const a = payload([{ secret: SEED, name: 'a' }], { size: 2, index: 0, id: 1 });
    const b = payload([{ secret: SEED, name: 'b' }], { size: 2, index: 1, id: 2 });
    const r = session.ingest(
      [
        { text: a, position: null },
        { text: b, position: null },
      ],
      1,
    );
    expect(r.candidates).toEqual([]);
    expect(r.batches.map((x) => [x.batchId, x.missing])).toEqual([
      [1, [1]],
      [2, [0]],
    ]);
  });
});
