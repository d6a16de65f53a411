import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { hashPassword } from '../domain/passwords';
import { insertOrg } from '../repositories/orgs';
import { insertUser } from '../repositories/users';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS, firmOf } from './demo-data';

export interface SeedResult {
  orgsCreated: number;
  usersCreated: number;
}

/**
 * Idempotent: orgs have fixed ids and users unique emails, so a second run adds
 * nothing and changes nothing (2FA state and passwords of existing users stay).
 * `passwordHash` lets tests reuse one precomputed argon2id hash.
 */
export async function seedDemo(
  db: Kysely<DB>,
  opts: { now: number; passwordHash?: string } = { now: Date.now() },
): Promise<SeedResult> {
  let orgsCreated = 0;
  let usersCreated = 0;
  for (const org of DEMO_ORGS) {
    const created = await insertOrg(db, {
      id: org.id,
      name: org.name,
      kind: org.kind,
      partner_id: org.partnerId,
      firm_id: firmOf(org),
      requires_2fa: 1,
      created_at: opts.now,
    });
    if (created) orgsCreated++;
  }
  const existing = new Set((await db.selectFrom('users').select('email').execute()).map((u) => u.email));
  for (const user of DEMO_USERS) {
    if (existing.has(user.email)) continue;
    const org = DEMO_ORGS.find((o) => o.id === user.orgId);
    if (!org) throw new Error(`demo user ${user.email} names an unknown org`);
    // Each user gets their own salt unless a test passed one shared hash.
    const passwordHash = opts.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
    const added = await insertUser(db, { ...user, firmId: firmOf(org), passwordHash, now: opts.now });
    if (added) usersCreated++;
  }
  return { orgsCreated, usersCreated };
}
