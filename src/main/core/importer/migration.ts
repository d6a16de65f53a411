/**
 * Google Authenticator's export, otpauth-migration://offline?data=<base64 MigrationPayload>.
 *   MigrationPayload: otp_parameters = 1 (repeated), version = 2, batch_size = 3, batch_index = 4, batch_id = 5
 *   OtpParameters: secret = 1, name = 2, issuer = 3, algorithm = 4 (1 SHA1, 2 SHA256, 3 SHA512, 4 MD5),
 *                  digits = 5 (1 six, 2 eight), type = 6 (1 HOTP, 2 TOTP), counter = 7
 * There is no period field: 30 s is implied.
 */
import { AppError } from '../../../shared/result';
import type { OtpAlgorithm, OtpParams } from '../model';
import { readFields, WireError, WireWriter } from './protobuf';

export interface MigrationPage {
  readonly batchId: number;
  readonly batchSize: number;
  readonly batchIndex: number;
  readonly accounts: readonly OtpParams[];
  /** Entries the vault cannot represent (MD5, unknown type, empty secret), each with the reason. */
  readonly rejected: readonly { readonly issuer: string; readonly label: string; readonly reason: string }[];
}

const ALGORITHMS: Record<number, OtpAlgorithm> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const DIGITS: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
const PREFIX = 'otpauth-migration://offline?';

function bad(message: string): AppError {
  return new AppError('invalid_migration', message);
}

function text(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw bad('The Google Authenticator export holds a name that is not valid UTF-8.');
  }
}

export function parseMigrationUri(input: string): MigrationPage {
  const uri = input.trim();
  if (!uri.startsWith(PREFIX))
    throw bad('This is not a Google Authenticator export (otpauth-migration://offline?data=…).');
  // Not URLSearchParams: it would turn a literal '+' of the base64 into a space.
  const raw = uri
    .slice(PREFIX.length)
    .split('&')
    .find((p) => p.startsWith('data='));
  if (!raw || raw.length === 5) throw bad('The Google Authenticator export has no data parameter.');
  let data: string;
  try {
    data = decodeURIComponent(raw.slice(5));
  } catch {
    throw bad('The data parameter of the export has a broken percent-escape.');
  }
  const b64 = data.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw bad('The data parameter of the export is not valid base64.');
  return decodeMigrationPayload(new Uint8Array(Buffer.from(b64, 'base64')));
}

export function decodeMigrationPayload(payload: Uint8Array): MigrationPage {
  try {
    const accounts: OtpParams[] = [];
    const rejected: { issuer: string; label: string; reason: string }[] = [];
    let batchSize = 1;
    let batchIndex = 0;
    let batchId = 0;
    for (const f of readFields(payload)) {
      if (f.field === 1 && f.wire === 2) {
        const entry = decodeOtpParameters(f.bytes);
        if ('reason' in entry) rejected.push(entry);
        else accounts.push(entry);
      } else if (f.field === 3 && f.wire === 0) batchSize = f.varint;
      else if (f.field === 4 && f.wire === 0) batchIndex = f.varint;
      else if (f.field === 5 && f.wire === 0) batchId = f.varint;
      else if (f.field <= 5 && f.field !== 2) throw new WireError(`field ${f.field} has the wrong wire type`);
    }
    if (batchSize < 1 || batchSize > 1000)
      throw bad(`The export says it has ${batchSize} parts, which is not possible.`);
    if (batchIndex >= batchSize) throw bad(`The export is part ${batchIndex + 1} of only ${batchSize}.`);
    return { batchId, batchSize, batchIndex, accounts, rejected };
  } catch (error) {
    if (error instanceof WireError) throw bad(`The Google Authenticator export is damaged (${error.message}).`);
    throw error;
  }
}

function decodeOtpParameters(bytes: Uint8Array): OtpParams | { issuer: string; label: string; reason: string } {
  let secret = new Uint8Array(0);
  let name = '';
  let issuer = '';
  let algorithm = 0;
  let digits = 0;
  let type = 0;
  let counter = 0;
  for (const f of readFields(bytes)) {
    if (f.field === 1 && f.wire === 2) secret = f.bytes.slice();
    else if (f.field === 2 && f.wire === 2) name = text(f.bytes);
    else if (f.field === 3 && f.wire === 2) issuer = text(f.bytes);
    else if (f.field === 4 && f.wire === 0) algorithm = f.varint;
    else if (f.field === 5 && f.wire === 0) digits = f.varint;
    else if (f.field === 6 && f.wire === 0) type = f.varint;
    else if (f.field === 7 && f.wire === 0) counter = f.varint;
    else if (f.field <= 7) throw new WireError(`account field ${f.field} has the wrong wire type`);
  }
  // Google puts "Issuer:name" in name as well; keep the bare account name.
  const colon = name.indexOf(':');
  if (colon >= 0 && (issuer === '' || name.slice(0, colon).trim() === issuer)) {
    if (issuer === '') issuer = name.slice(0, colon).trim();
    name = name.slice(colon + 1).trim();
  }
  const label = name.trim() || '(no name)';
  const refuse = (reason: string) => ({ issuer, label, reason });
  if (algorithm === 4) return refuse('MD5 codes are not supported: re-add this account at the service with SHA1.');
  const alg = ALGORITHMS[algorithm];
  if (!alg) return refuse(`Unknown algorithm number ${algorithm}.`);
  const d = DIGITS[digits];
  if (!d) return refuse(`Unknown digit count number ${digits}.`);
  if (type !== 1 && type !== 2) return refuse(`Unknown code type number ${type}: expected HOTP or TOTP.`);
  if (secret.length < 10) return refuse('The secret key is missing or shorter than 80 bits.');
  return {
    issuer,
    label,
    type: type === 1 ? 'hotp' : 'totp',
    algorithm: alg,
    digits: d,
    period: 30,
    counter: type === 1 ? counter : 0,
    secret,
  };
}

const ALGORITHM_NUMBERS: Record<OtpAlgorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 };

/**
 * Encodes accounts as Google migration URIs, `perPage` accounts to a QR code.
 * Google's format has no period and only 6 or 8 digits: accounts it cannot
 * carry are returned in `unsupported` rather than exported wrongly.
 */
export function encodeMigrationUris(
  accounts: readonly OtpParams[],
  batchId: number,
  perPage = 10,
): { uris: string[]; unsupported: OtpParams[] } {
  const fits = accounts.filter((a) => (a.type === 'hotp' || a.period === 30) && (a.digits === 6 || a.digits === 8));
  const unsupported = accounts.filter((a) => !fits.includes(a));
  const pages = Math.max(1, Math.ceil(fits.length / perPage));
  const uris: string[] = [];
  for (let page = 0; page < pages; page++) {
    const w = new WireWriter();
    for (const a of fits.slice(page * perPage, (page + 1) * perPage)) {
      const p = new WireWriter()
        .bytes(1, a.secret)
        .string(2, a.label)
        .string(3, a.issuer)
        .uint(4, ALGORITHM_NUMBERS[a.algorithm])
        .uint(5, a.digits === 8 ? 2 : 1)
        .uint(6, a.type === 'hotp' ? 1 : 2);
      if (a.type === 'hotp') p.uint(7, a.counter);
      w.bytes(1, p.finish());
    }
    w.uint(2, 1).uint(3, pages).uint(4, page).uint(5, batchId);
    uris.push(`${PREFIX}data=${encodeURIComponent(Buffer.from(w.finish()).toString('base64'))}`);
  }
  return { uris, unsupported };
}
