import { test } from '@playwright/test';
import { type StartedService, startService } from '../../support/service';

/** The seeded demo users a service hands out, each to one test only, so tests never share 2FA state. */
export interface SeededUser {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly orgId: string;
  readonly orgName: string;
}

export function userPool(users: readonly SeededUser[]) {
  const taken = new Set<string>();
  return (accept: (u: SeededUser) => boolean = () => true): SeededUser => {
    const user = users.find((u) => !taken.has(u.email) && accept(u));
    if (!user) throw new Error('The seeded demo data has no unused user left for this test; seed more or use fewer.');
    taken.add(user.email);
    return user;
  };
}

/**
 * A service for the whole spec file (started before its first test, stopped after its last) and
 * the pool its tests take users from.
 */
export function serviceForFile(): { readonly svc: StartedService; take: ReturnType<typeof userPool> } {
  let svc: StartedService | null = null;
  let take: ReturnType<typeof userPool> | null = null;
  test.beforeAll(async () => {
    svc = await startService();
    take = userPool(svc.users);
  });
  test.afterAll(async () => {
    await svc?.stop();
  });
  const started = <T>(v: T | null): T => {
    if (v === null) throw new Error('The service starts in beforeAll; use it inside a test.');
    return v;
  };
  return {
    get svc() {
      return started(svc);
    },
    take: (accept) => started(take)(accept),
  };
}
