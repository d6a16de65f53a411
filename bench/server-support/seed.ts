import type { Kysely } from 'kysely';
import type { DB, UserTable } from '../../src/server/db/schema';
import type { SecretBox } from '../../src/server/domain/secret-box';
import { hashToken, newToken } from '../../src/server/domain/tokens';
import { newTotpSecret } from '../../src/server/domain/totp';
import { insertOrg } from '../../src/server/repositories/orgs';
import { insertUsers, userRow } from '../../src/server/repositories/users';
import type { Role } from '../../src/shared/roles';

/** 48 × 48 names: a first name is ~2 % of users, a full name ~0.04 %, as in a real directory. */
const FIRST = [
  'Aaliyah',
  'Ada',
  'Amir',
  'Ana',
  'Ben',
  'Bianca',
  'Carlos',
  'Chen',
  'Chloe',
  'Dana',
  'Dev',
  'Elena',
  'Eli',
  'Emma',
  'Farah',
  'Finn',
  'Gia',
  'Grace',
  'Hana',
  'Hugo',
  'Ines',
  'Iris',
  'Ivan',
  'Jade',
  'Jon',
  'Kai',
  'Kenji',
  'Lara',
  'Lena',
  'Liam',
  'Maya',
  'Milo',
  'Nadia',
  'Nora',
  'Omar',
  'Olga',
  'Paula',
  'Pia',
  'Quinn',
  'Rosa',
  'Ravi',
  'Sara',
  'Sven',
  'Tara',
  'Theo',
  'Uma',
  'Vera',
  'Yusuf',
];
const LAST = [
  'Abbott',
  'Adeyemi',
  'Baker',
  'Bauer',
  'Chen',
  'Costa',
  'Diaz',
  'Dubois',
  'Evans',
  'Eriksen',
  'Fox',
  'Fischer',
  'Garcia',
  'Gomez',
  'Hughes',
  'Huang',
  'Ito',
  'Ivanova',
  'Jones',
  'Jensen',
  'Khan',
  'Kowalski',
  'Lund',
  'Lopez',
  'Moreau',
  'Muller',
  'Novak',
  'Nguyen',
  'Okafor',
  'Olsen',
  'Patel',
  'Petrov',
  'Quinn',
  'Rossi',
  'Reyes',
  'Silva',
  'Smith',
  'Tanaka',
  'Torres',
  'Ueda',
  'Varga',
  'Vogel',
  'Walker',
  'Weber',
  'Xu',
  'Yilmaz',
  'Young',
  'Zhang',
];

export interface Population {
  firms: string[];
  /** Ids of the users created, in insertion order. */
  userIds: string[];
}

/**
 * `users` people spread over one platform org, `firms` partner firms and
 * `clientsPerFirm` clients each, all sharing one precomputed password hash
 * (argon2 is the cost of seeding, not of what is measured), inserted in bulk.
 */
export async function seedPopulation(
  db: Kysely<DB>,
  opts: { users: number; firms: number; clientsPerFirm: number; passwordHash: string; requires2fa?: boolean },
): Promise<Population> {
  const now = Date.now();
  const req = opts.requires2fa === false ? 0 : 1;
  await insertOrg(db, {
    id: 'bench-platform',
    name: 'Bench Platform',
    kind: 'platform',
    partner_id: null,
    firm_id: null,
    requires_2fa: req,
    created_at: now,
  });
  const orgs: Array<{ id: string; firm: string | null; kind: 'platform' | 'partner' | 'client' }> = [
    { id: 'bench-platform', firm: null, kind: 'platform' },
  ];
  const firms: string[] = [];
  for (let f = 0; f < opts.firms; f++) {
    const firm = `bench-firm-${f}`;
    firms.push(firm);
    await insertOrg(db, {
      id: firm,
      name: `Firm ${f}`,
      kind: 'partner',
      partner_id: null,
      firm_id: firm,
      requires_2fa: req,
      created_at: now,
    });
    orgs.push({ id: firm, firm, kind: 'partner' });
    for (let c = 0; c < opts.clientsPerFirm; c++) {
      const id = `bench-client-${f}-${c}`;
      await insertOrg(db, {
        id,
        name: `Client ${f}.${c}`,
        kind: 'client',
        partner_id: firm,
        firm_id: firm,
        requires_2fa: req,
        created_at: now,
      });
      orgs.push({ id, firm, kind: 'client' });
    }
  }
  const rows: UserTable[] = [];
  for (let i = 0; i < opts.users; i++) {
    const org = orgs[i % orgs.length] as (typeof orgs)[number];
    const role: Role =
      org.kind === 'platform'
        ? i % 2
          ? 'bot_ops'
          : 'bot_admin'
        : org.kind === 'partner'
          ? i % 3
            ? 'partner_ops'
            : 'partner_admin'
          : i % 3
            ? 'client_ops'
            : 'client_admin';
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
    rows.push(
      userRow({
        email: `${first}.${last}.${i}@${org.id}.test`.toLowerCase(),
        name: `${first} ${last} ${i}`,
        role,
        orgId: org.id,
        firmId: org.firm,
        passwordHash: opts.passwordHash,
        now,
      }),
    );
  }
  await db.transaction().execute((trx) => insertUsers(trx, rows));
  return { firms, userIds: rows.map((r) => r.id) };
}

/** Enrols users directly: a sealed secret each, last step unset. Answers base32-free raw secrets by user id. */
export async function enrolUsers(db: Kysely<DB>, box: SecretBox, userIds: readonly string[]) {
  const secrets = new Map<string, ReturnType<typeof newTotpSecret>>();
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    for (const id of userIds) {
      const secret = newTotpSecret();
      secrets.set(id, secret);
      await trx
        .updateTable('users')
        .set({ totp_secret: box.seal(id, new Uint8Array(secret.buffer)), totp_enrolled_at: now, totp_last_step: null })
        .where('id', '=', id)
        .execute();
    }
  });
  return secrets;
}

/** A sign-in challenge per user, inserted in bulk; answers the tokens by user id. */
export async function challengesFor(db: Kysely<DB>, userIds: readonly string[], ttlMs = 30 * 60 * 1000) {
  const now = Date.now();
  const tokens = new Map<string, string>();
  const rows = userIds.map((id, i) => {
    const token = newToken();
    tokens.set(id, token);
    return {
      id: `bench-ch-${i}-${token.slice(0, 8)}`,
      token_hash: hashToken(token),
      user_id: id,
      created_at: now,
      expires_at: now + ttlMs,
    };
  });
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 5000)
      await trx
        .insertInto('challenges')
        .values(rows.slice(i, i + 5000))
        .execute();
  });
  return tokens;
}

/** A full session with a fresh proof of 2FA for a user (an admin about to reset people). */
export async function freshSession(db: Kysely<DB>, userId: string, ttlMs = 60 * 60 * 1000): Promise<string> {
  const token = newToken();
  const now = Date.now();
  await db
    .insertInto('sessions')
    .values({
      id: `bench-s-${token.slice(0, 12)}`,
      token_hash: hashToken(token),
      user_id: userId,
      kind: 'full',
      created_at: now,
      expires_at: now + ttlMs,
      // Proved just now: a bench ends well inside the 10-minute step-up window.
      two_factor_at: now,
      device_id: null,
      ip: null,
    })
    .execute();
  return token;
}
