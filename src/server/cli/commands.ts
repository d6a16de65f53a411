import { AppError } from '../../shared/result';
import { isRole, ROLE_ORG_KIND, ROLES } from '../../shared/roles';
import { checkConnection, type DbHandle, openDatabase, parseDatabaseUrl } from '../db/connect';
import { migrateToLatest, pendingMigrations } from '../db/migrate';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../domain/passwords';
import { findOrg } from '../repositories/orgs';
import { findUserByEmail, insertUser } from '../repositories/users';
import { seedDemo } from '../seed/demo';
import { DEMO_PASSWORD, DEMO_USERS } from '../seed/demo-data';

export async function withDatabase<T>(
  url: string,
  opts: { needsSchema: boolean },
  fn: (handle: DbHandle) => Promise<T>,
): Promise<T> {
  const handle = openDatabase(parseDatabaseUrl(url), { poolSize: 2 });
  try {
    await checkConnection(handle);
    if (opts.needsSchema) {
      const pending = await pendingMigrations(handle.db);
      if (pending.length > 0) {
        throw new AppError(
          'not_migrated',
          `The database at ${handle.where} is not migrated: run "twofold-server migrate" first.`,
        );
      }
    }
    return await fn(handle);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export async function migrate(url: string, out: (line: string) => void): Promise<void> {
  await withDatabase(url, { needsSchema: false }, async (h) => {
    const applied = await migrateToLatest(h.db);
    out(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${h.where}: ${applied.join(', ')}`
        : `${h.where} is up to date.`,
    );
  });
}

export async function seed(url: string, out: (line: string) => void): Promise<void> {
  await withDatabase(url, { needsSchema: true }, async (h) => {
    const result = await seedDemo(h.db, { now: Date.now() });
    out(
      `Demo data in ${h.where}: ${result.orgsCreated} org(s) and ${result.usersCreated} user(s) added (existing ones kept).`,
    );
    out(`Demo password for all ${DEMO_USERS.length} demo users: ${DEMO_PASSWORD}`);
    out(
      `For example: ${DEMO_USERS.slice(0, 3)
        .map((u) => `${u.email} (${u.role})`)
        .join(', ')}; see docs/service.md.`,
    );
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function addUser(
  url: string,
  flags: { email: string; name: string; role: string; org: string },
  password: string,
  out: (line: string) => void,
): Promise<void> {
  const bad = (message: string) => new AppError('usage', message);
  if (!EMAIL.test(flags.email) || flags.email.length > 320)
    throw bad(`--email "${flags.email}" is not an email address.`);
  if (flags.name.length > 200) throw bad('--name is longer than 200 characters.');
  if (!isRole(flags.role)) throw bad(`--role must be one of ${ROLES.join(', ')}; got "${flags.role}".`);
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw bad(`The password on standard input must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const role = flags.role;
  await withDatabase(url, { needsSchema: true }, async (h) => {
    const org = await findOrg(h.db, flags.org);
    if (!org) throw bad(`No organisation has the id or name "${flags.org}".`);
    if (ROLE_ORG_KIND[role] !== org.kind) {
      throw bad(`A ${role} belongs to a ${ROLE_ORG_KIND[role]} organisation, but "${org.name}" is a ${org.kind}.`);
    }
    if (await findUserByEmail(h.db, flags.email))
      throw new AppError('exists', `A user with the email ${flags.email} already exists.`);
    const firmId = org.kind === 'partner' ? org.id : org.kind === 'client' ? org.partner_id : null;
    const passwordHash = await hashPassword(password);
    await insertUser(h.db, {
      email: flags.email,
      name: flags.name,
      role,
      orgId: org.id,
      firmId,
      passwordHash,
      now: Date.now(),
    });
    out(`Added ${flags.email.toLowerCase()} as ${role} of ${org.name}.`);
  });
}
