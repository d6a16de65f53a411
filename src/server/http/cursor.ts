import { z } from 'zod';
import { fail } from './errors';

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(raw: string | undefined, shape: T): z.output<T> | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through to the 400 below
  }
  throw fail.badRequest('cursor', 'The cursor is not one this service gave out; start from the first page.');
}

export const userCursor = z.tuple([z.string().max(1000), z.string().max(64)]);
export const auditCursor = z.tuple([z.number().int().nonnegative(), z.string().max(64)]);
