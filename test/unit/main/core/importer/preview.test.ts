import { describe, expect, it } from 'vitest';
import { classify } from '../../../../../src/main/core/importer/preview';
import { ImportSession } from '../../../../../src/main/core/importer/session';
import type { Account, OtpParams } from '../../../../../src/main/core/model';
import { totpParams } from '../../../../support/otp-params';

const params = totpParams;
const existing: Account[] = [
  { ...params('GitHub', 'alice', 1), id: 'gh', group: null, sortOrder: 0, createdAt: '', updatedAt: '' },
  { ...params('Mail', 'alice', 2), id: 'mail', group: null, sortOrder: 1, createdAt: '', updatedAt: '' },
];

describe('import dry run', () => {
  const cases: [string, OtpParams, string, string | null][] = [
    ['same secret, issuer and label is a duplicate', params('GitHub', 'alice', 1), 'duplicate', 'gh'],
    ['names compare without case or spaces', params(' github', 'ALICE ', 1), 'duplicate', 'gh'],
    ['same name with another secret is a conflict', params('GitHub', 'alice', 9), 'conflict', 'gh'],
    ['same secret under another name is a conflict', params('Mail2', 'bob', 2), 'conflict', 'mail'],
    ['anything else is new', params('Bank', 'alice', 7), 'new', null],
  ];
  it.each(cases)('%s', (_name, p, status, existingId) => {
    const session = new ImportSession();
    const c = session.add(p, 'otpauth', null);
    const [item] = classify(session.take([c.id]), existing);
    expect(item).toMatchObject({ candidateId: c.id, status, existingId });
  });

  it('marks the second copy of one account in the same import as a duplicate', () => {
    const session = new ImportSession();
    const a = session.add(params('Bank', 'bob', 5), 'otpauth', null);
    const b = session.add(params('Bank', 'bob', 5), 'migration', null);
    expect(classify(session.take([a.id, b.id]), existing).map((i) => i.status)).toEqual(['new', 'duplicate']);
  });

  it('zeroes held secrets when the session is cleared (on lock)', () => {
    const session = new ImportSession();
    const p = params('Bank', 'bob', 5);
    session.add(p, 'otpauth', null);
    session.clear();
    expect([...p.secret].every((b) => b === 0)).toBe(true);
    expect(session.candidates.size).toBe(0);
  });
});
