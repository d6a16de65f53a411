import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl, redact } from '../../../../src/server/db/connect';

describe('database URLs', () => {
  it.each([
    ['sqlite:./data/twofold.db', { engine: 'sqlite', path: resolve('data/twofold.db') }],
    ['sqlite:/var/lib/twofold.db', { engine: 'sqlite', path: '/var/lib/twofold.db' }],
    ['sqlite::memory:', { engine: 'sqlite', path: ':memory:' }],
    ['postgres://u:p@db:5432/twofold', { engine: 'postgres', url: 'postgres://u:p@db:5432/twofold' }],
    ['postgresql://db/twofold', { engine: 'postgres', url: 'postgresql://db/twofold' }],
  ])('%s', (raw, want) => {
    expect(parseDatabaseUrl(raw)).toEqual(want);
  });

  it.each([
    ['mysql://db/x', /use sqlite:<path> or postgres:\/\//],
    ['sqlite:', /the SQLite path is empty/],
    ['postgres://', /not a valid URL|host is missing/],
    ['./twofold.db', /use sqlite:<path>/],
  ])('refuses %s', (raw, message) => {
    expect(() => parseDatabaseUrl(raw)).toThrow(message);
  });

  it('hides passwords in messages', () => {
    expect(redact('postgres://twofold:hunter2@db/x')).toBe('postgres://twofold:***@db/x');
    expect(redact('postgres://db/x')).toBe('postgres://db/x');
  });
});
