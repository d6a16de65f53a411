import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { buildApp } from '../../src/server/app';
import { openDatabase, parseDatabaseUrl } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { hashPassword } from '../../src/server/domain/passwords';
import { OUTBOX_DIR } from '../../src/server/mail/transport';
import { seedDemo } from '../../src/server/seed/demo';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS } from '../../src/server/seed/demo-data';
import type { Role } from '../../src/shared/roles';
import { createTestDatabase } from './pg';

export interface ServiceUser {
  email: string;
  name: string;
  role: Role;
  orgId: string;
  orgName: string;
}

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
}

export interface StartedService {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  dataDir: string;
  demoPassword: string;
  users: ServiceUser[];
  /** Sends whatever is queued, then answers every message in <dataDir>/outbox, oldest first. */
  outbox(): Promise<OutboxMail[]>;
  stop(): Promise<void>;
  /** The in-process app, for tests of this area that look at the database (`app.ctx.db`). */
  app: FastifyInstance;
}

let demoHash: Promise<string> | undefined;
/** One argon2id hash of the demo password per test process: argon2 is the cost of seeding. */
export function demoPasswordHash(): Promise<string> {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  return demoHash;
}

/**
 * A real Twofold service (buildApp + listen on 127.0.0.1:0) on a temp SQLite file,
 * or on a fresh database in TWOFOLD_TEST_PG_URL, migrated and seeded with the
 * demo data (docs/service.md lists the users). Mail goes to <dataDir>/outbox.
 */
export async function startService(
  opts: { database?: 'sqlite' | 'postgres'; dir?: string } = {},
): Promise<StartedService> {
  const dataDir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'twofold-service-')));
  const pgDb = opts.database === 'postgres' ? await createTestDatabase('twofold_svc') : null;
  const database = pgDb?.url ?? `sqlite:${join(dataDir, 'twofold.db')}`;

  const seedHandle = openDatabase(parseDatabaseUrl(database), { poolSize: 2 });
  try {
    await migrateToLatest(seedHandle.db);
    await seedDemo(seedHandle.db, { now: Date.now(), passwordHash: await demoPasswordHash() });
  } finally {
    await seedHandle.close();
  }

  const app = await buildApp({ database, dataDir, logLevel: 'silent', mailPollMs: 200, poolSize: 10 });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const orgName = new Map(DEMO_ORGS.map((o) => [o.id, o.name]));

  return {
    url: address.replace(/\/$/, ''),
    dataDir,
    demoPassword: DEMO_PASSWORD,
    users: DEMO_USERS.map((u) => ({ ...u, orgName: orgName.get(u.orgId) ?? u.orgId })),
    app,
    outbox: async () => {
      await app.ctx.mail.flush();
      return readOutbox(join(dataDir, OUTBOX_DIR));
    },
    stop: async () => {
      await app.close();
      await pgDb?.drop();
      if (!opts.dir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function readOutbox(dir: string): Promise<OutboxMail[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml')).sort();
  return Promise.all(names.map(async (n) => parseEml(await readFile(join(dir, n), 'utf8'))));
}

/** Just enough MIME for the service's own single-part text mails (7bit or quoted-printable). */
export function parseEml(raw: string): OutboxMail {
  const split = raw.indexOf('\n\n');
  const head = raw.slice(0, split).replace(/\n[ \t]+/g, ' ');
  const body = raw.slice(split + 2);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(head)?.[1]?.trim() ?? '';
  const qp = /quoted-printable/i.test(header('Content-Transfer-Encoding'));
  const text = qp
    ? Buffer.from(
        body
          .replace(/=\n/g, '')
          .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
        'latin1',
      ).toString('utf8')
    : body;
  return { to: header('To').replace(/^.*<(.+)>$/, '$1'), subject: header('Subject'), text: text.trimEnd() };
}

async function call(url: string, path: string, body: unknown, token?: string) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/**
 * Signs in (the user must be asked for setup), enrols TOTP through the HTTP API
 * and enables it with the current code. The returned token is a full session
 * whose proof of 2FA is fresh (step-up is satisfied for 10 minutes).
 */
export async function enrolTotp(
  url: string,
  email: string,
  password: string,
): Promise<{ secret: string; backupCodes: string[]; token: string }> {
  const login = await call(url, '/api/auth/login', { email, password });
  if (login.status !== '2fa_setup_required' && login.status !== 'signed_in') {
    throw new Error(`enrolTotp: ${email} is already enrolled (login answered ${String(login.status)})`);
  }
  const token = login.token as string;
  const setup = await call(url, '/api/me/2fa/setup', undefined, token);
  const secret = setup.secret as string;
  const code = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
  const enabled = await call(url, '/api/me/2fa/enable', { code }, token);
  return { secret, backupCodes: enabled.backupCodes as string[], token };
}
