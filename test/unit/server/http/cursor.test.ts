import { describe, expect, it } from 'vitest';
import { auditCursor, decodeCursor, encodeCursor, userCursor } from '../../../../src/server/http/cursor';

describe('keyset cursors', () => {
  it('round-trips the sort key', () => {
    expect(decodeCursor(encodeCursor(['Ada Lovelace', 'id-1']), userCursor)).toEqual(['Ada Lovelace', 'id-1']);
    expect(decodeCursor(encodeCursor([1700000000000, 'e-1']), auditCursor)).toEqual([1700000000000, 'e-1']);
    expect(decodeCursor(undefined, userCursor)).toBeUndefined();
  });

  it.each(['%%%', 'bm90IGpzb24', encodeCursor(['only-one']), encodeCursor([1, 2])])(
    'refuses %j naming the cursor',
    (raw) => {
      expect(() => decodeCursor(raw, userCursor)).toThrow(
        expect.objectContaining({ code: 'bad_request', field: 'cursor' }),
      );
    },
  );
});
