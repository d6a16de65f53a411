/**
 * otpauth:// URIs in the Key URI Format
 * (https://github.com/google/google-authenticator/wiki/Key-Uri-Format), parsed strictly:
 * every value is checked against a narrow pattern and a bad one is named in the error.
 */
import { AppError } from '../../../shared/result';
import type { OtpAlgorithm, OtpParams, OtpType } from '../model';
import { decodeBase32, encodeBase32 } from '../otp/base32';

const URI = /^otpauth:\/\/([A-Za-z]+)\/([^?#]*)(?:\?([^#]*))?$/;
const INTEGER = /^(0|[1-9][0-9]{0,15})$/;
const ALGORITHMS: Record<string, OtpAlgorithm> = { SHA1: 'SHA1', SHA256: 'SHA256', SHA512: 'SHA512' };

function bad(message: string): AppError {
  return new AppError('invalid_uri', message);
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, '%20'));
  } catch {
    throw bad(`The ${what} has a broken percent-escape (such as a lone %).`);
  }
}

function integer(value: string, what: string, min: number, max: number): number {
  if (!INTEGER.test(value)) throw bad(`The ${what} must be a whole number, not "${value.slice(0, 20)}".`);
  const n = Number(value);
  if (n < min || n > max) throw bad(`The ${what} must be between ${min} and ${max}, not ${n}.`);
  return n;
}

export function parseOtpauthUri(input: string): OtpParams {
  const text = input.trim();
  if (!text.toLowerCase().startsWith('otpauth://')) throw bad('This is not an otpauth:// link.');
  const match = URI.exec(text);
  if (!match) throw bad('The otpauth:// link is malformed: expected otpauth://totp/LABEL?secret=….');
  const [, rawType = '', rawLabel = '', rawQuery = ''] = match;
  const type = rawType.toLowerCase();
  if (type !== 'totp' && type !== 'hotp') throw bad(`The type must be totp or hotp, not "${rawType.slice(0, 20)}".`);

  const params = new Map<string, string>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq), 'parameter name').toLowerCase();
    if (params.has(key)) throw bad(`The parameter "${key}" appears twice.`);
    params.set(key, decode(eq < 0 ? '' : pair.slice(eq + 1), `"${key}" parameter`));
  }

  const label = decode(rawLabel, 'label');
  const colon = label.indexOf(':');
  const labelIssuer = colon >= 0 ? label.slice(0, colon).trim() : '';
  const account = (colon >= 0 ? label.slice(colon + 1) : label).trim();
  if (account === '') throw bad('The label is empty: it should name the account, such as alice@example.com.');
  if (account.length > 200 || labelIssuer.length > 200) throw bad('The label is longer than 200 characters.');
  const issuerParam = params.get('issuer')?.trim();
  if (issuerParam !== undefined && issuerParam.length > 200) throw bad('The issuer is longer than 200 characters.');
  // The parameter wins over the label prefix, as Google Authenticator does.
  const issuer = issuerParam !== undefined && issuerParam !== '' ? issuerParam : labelIssuer;

  const rawSecret = params.get('secret');
  if (rawSecret === undefined || rawSecret === '') throw bad('The secret parameter is missing.');
  let secret: Uint8Array;
  try {
    secret = decodeBase32(rawSecret);
  } catch (error) {
    throw bad(error instanceof AppError ? error.message : 'The secret key is not valid base32.');
  }

  const rawAlgorithm = params.get('algorithm') ?? 'SHA1';
  const algorithm = ALGORITHMS[rawAlgorithm.toUpperCase().replace('-', '')];
  if (!algorithm) throw bad(`The algorithm must be SHA1, SHA256 or SHA512, not "${rawAlgorithm.slice(0, 20)}".`);
  const digits = integer(params.get('digits') ?? '6', 'number of digits', 6, 8);
  const period = type === 'totp' ? integer(params.get('period') ?? '30', 'period', 1, 3600) : 30;
  let counter = 0;
  if (type === 'hotp') {
    const rawCounter = params.get('counter');
    if (rawCounter === undefined) throw bad('An hotp link needs a counter parameter.');
    counter = integer(rawCounter, 'counter', 0, Number.MAX_SAFE_INTEGER);
  }
  return { issuer, label: account, type: type as OtpType, algorithm, digits, period, counter, secret };
}

/** The URI for one account, as other authenticators read it. It holds the secret: never log or send it. */
export function formatOtpauthUri(p: OtpParams): string {
  const label = encodeURIComponent(p.issuer ? `${p.issuer}:${p.label}` : p.label).replace(/%3A/g, ':');
  const q = new URLSearchParams({ secret: encodeBase32(p.secret) });
  if (p.issuer) q.set('issuer', p.issuer);
  q.set('algorithm', p.algorithm);
  q.set('digits', String(p.digits));
  if (p.type === 'totp') q.set('period', String(p.period));
  else q.set('counter', String(p.counter));
  return `otpauth://${p.type}/${label}?${q.toString().replace(/\+/g, '%20')}`;
}
