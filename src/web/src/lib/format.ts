/**
 * Small, pure helpers for what the pages show and accept. No DOM here, so the
 * unit tests run them in Node.
 */

/** The digits of a typed or pasted code ("123 456", "123-456" → "123456"), at most `length`. */
export function normalizeCode(input: string, length = 6): string {
  return input.replace(/\D/g, '').slice(0, length);
}

/** A backup code as typed or pasted, in the form the page showed it: lower case, no spaces, dashes kept. */
export function normalizeBackupCode(input: string): string {
  return input.replace(/[^0-9a-z-]/gi, '').toLowerCase();
}

/** A base32 key in groups of four, as people copy it into an app by hand. */
export function groupKey(secret: string): string {
  const clean = secret.replace(/[\s=]/g, '').toUpperCase();
  return (clean.match(/.{1,4}/g) ?? []).join(' ');
}

/** The .txt a person downloads or prints: the codes, what they are for, and that each works once. */
export function backupCodesText(codes: readonly string[], email: string, createdAt: Date): string {
  return [
    'Twofold backup codes',
    `Account: ${email}`,
    `Created: ${createdAt.toISOString().slice(0, 10)}`,
    '',
    'Each code works once. Use one when you cannot reach your authenticator app.',
    'Keep this file somewhere safe; these codes will not be shown again.',
    '',
    ...codes.map((c, i) => `${String(i + 1).padStart(2, ' ')}. ${c}`),
    '',
  ].join('\n');
}

/** A date as people read it ("12 Mar 2025"), or a dash when there is none. */
export function formatDate(iso: string | null, locale?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleDateString(locale ?? 'en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

/** base64 of a UTF-8 string, for the QR code's data: URL (the CSP allows data: images, no inline SVG script). */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
