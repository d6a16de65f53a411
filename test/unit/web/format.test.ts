import { describe, expect, it } from 'vitest';
import {
  backupCodesText,
  formatDate,
  groupKey,
  normalizeBackupCode,
  normalizeCode,
  svgDataUrl,
} from '../../../src/web/src/lib/format';

describe('a pasted or typed code keeps only its digits', () => {
  it.each([
    ['123456', '123456'],
    ['123 456', '123456'],
    ['123-456', '123456'],
    [' 12 34 56 \n', '123456'],
    ['1234567', '123456'],
    ['abc', ''],
    ['12a3', '123'],
    ['١٢٣٤٥٦', ''], // Arabic-Indic digits are not what the service checks
  ])('%j → %j', (input, want) => {
    expect(normalizeCode(input)).toBe(want);
  });
});

describe('a backup code is kept in the form the page showed it', () => {
  it.each([
    ['hzvd-ze03-qd05-jxye', 'hzvd-ze03-qd05-jxye'],
    ['HZVD-ZE03-QD05-JXYE', 'hzvd-ze03-qd05-jxye'],
    [' hzvd ze03\tqd05 jxye ', 'hzvdze03qd05jxye'],
    ['ab_cd', 'abcd'],
  ])('%j → %j', (input, want) => {
    expect(normalizeBackupCode(input)).toBe(want);
  });
});

describe('the manual key is shown in groups of four', () => {
  it.each([
    ['JBSWY3DPEHPK3PXP', 'JBSW Y3DP EHPK 3PXP'],
    ['jbswy3dpehpk3pxpab', 'JBSW Y3DP EHPK 3PXP AB'],
    ['JBSW Y3DP==', 'JBSW Y3DP'],
    ['', ''],
  ])('%j → %j', (input, want) => {
    expect(groupKey(input)).toBe(want);
  });

  it('grouping never changes the key itself', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(groupKey(secret).replace(/ /g, '')).toBe(secret);
  });
});

describe('the backup codes file', () => {
  const codes = Array.from({ length: 10 }, (_, i) => `CODE${i}XYZ`);
  const text = backupCodesText(codes, 'ana@example.com', new Date('2025-03-12T10:00:00Z'));

  it('holds every code once, numbered, with the account and date', () => {
    for (const [i, c] of codes.entries()) {
      expect(text).toContain(`${String(i + 1).padStart(2, ' ')}. ${c}`);
      expect(text.split(c).length - 1).toBe(1);
    }
    expect(text).toContain('Account: ana@example.com');
    expect(text).toContain('Created: 2025-03-12');
  });

  it('says each code works once and will not be shown again', () => {
    expect(text).toMatch(/Each code works once/);
    expect(text).toMatch(/will not be shown again/);
  });
});

describe('dates', () => {
  it.each([
    ['2025-03-12T10:00:00Z', '12 Mar 2025'],
    [null, '—'],
    ['not a date', '—'],
  ])('%j → %j', (input, want) => {
    expect(formatDate(input, 'en-GB')).toBe(want);
  });
});

describe('the QR code data URL', () => {
  it('round-trips the SVG, including non-ASCII text', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>Zoë</title></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const decoded = Buffer.from(url.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8');
    expect(decoded).toBe(svg);
  });
});
