import { type Kysely, type QueryCreator, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { type PolicySubject, visibilityScope } from '../../shared/policy';
import type { OrgKind, Role } from '../../shared/roles';
import type { Engine } from '../db/connect';
import type { DB } from '../db/schema';
import { canResetSql, visibleTo } from './scope';

export interface AdminUserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  org_id: string;
  firm_id: string | null;
  org_name: string;
  org_kind: OrgKind;
  org_partner_id: string | null;
  totp_enrolled_at: number | null;
  last_reset_at: number | null;
  can_reset: number;
}

export interface AdminUserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  orgId?: string | undefined;
  id?: string | undefined;
  after?: { name: string; id: string } | undefined;
  limit: number;
}

/** LIKE pattern for "anywhere in the string" (escape character: backslash); the haystack is stored lower-cased. */
export function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** FTS5 phrase for a substring: the trigram tokenizer matches it anywhere; quotes are doubled. */
export function trigramPhrase(q: string): string {
  return `"${q.toLowerCase().replace(/"/g, '""')}"`;
}

/** Shorter substrings have no trigram to look up; they fall back to LIKE (and match many rows anyway). */
const TRIGRAM = 3;

/** `q` anywhere in name or email (the ordered scan, and pg_trgm, read this form). */
const likeQuery = (q: string, search = 'u.search') =>
  sql<boolean>`${sql.ref(search)} like ${containsPattern(q)} escape '\\'`;

/**
 * Rows of the name order filtered directly before asking the trigram index: a
 * substring common enough to fill a page within them (1 % of users or more) is
 * answered at once (the index would have thousands of matches to fetch and
 * sort); rarer ones go to the index, whose own first page already includes
 * anything in the window. The walk reads only (name, id, search), which the
 * name-order indexes cover (migration 005), so it never touches the table.
 */
export const SEARCH_WINDOW = 5000;

type Key = { name: string; id: string };

/** The users the actor may see, narrowed by role, org, id, and a keyset position. */
function visibleUsers(db: QueryCreator<DB>, actor: PolicySubject, f: AdminUserFilter, after: Key | undefined) {
  return db
    .selectFrom('users as u')
    .where(visibleTo(visibilityScope(actor)))
    .$if(f.id !== undefined, (q) => q.where('u.id', '=', f.id as string))
    .$if(f.role !== undefined, (q) => q.where('u.role', '=', f.role as Role))
    .$if(f.orgId !== undefined, (q) => q.where('u.org_id', '=', f.orgId as string))
    .$if(after !== undefined, (q) =>
      q.where((eb) => eb(eb.refTuple('u.name', 'u.id'), '>', eb.tuple((after as Key).name, (after as Key).id))),
    );
}

const COLUMNS = [
  'u.id',
  'u.email',
  'u.name',
  'u.role',
  'u.org_id',
  'u.firm_id',
  'o.name as org_name',
  'o.kind as org_kind',
  'o.partner_id as org_partner_id',
  'u.totp_enrolled_at',
  'u.last_reset_at',
] as const;

/**
 * A page of the admin list: visibility as WHERE, canReset2fa as a CASE in the
 * same query, keyset pagination on (name, id), never OFFSET. A search term is
 * served as SEARCH_WINDOW explains.
 */
export async function queryAdminUsers(
  db: Kysely<DB>,
  engine: Engine,
  actor: PolicySubject,
  f: AdminUserFilter,
): Promise<AdminUserRow[]> {
  const page = (match?: RawBuilder<boolean>) =>
    visibleUsers(db, actor, f, f.after)
      .innerJoin('orgs as o', 'o.id', 'u.org_id')
      .select([...COLUMNS, canResetSql(actor).as('can_reset')])
      .$if(match !== undefined, (q) => q.where(match as RawBuilder<boolean>))
      .orderBy('u.name')
      .orderBy('u.id')
      .limit(f.limit)
      .execute();
  if (!f.q) return page();

  const window = visibleUsers(db, actor, f, f.after)
    .select(['u.id', 'u.name', 'u.search'])
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(SEARCH_WINDOW);
  const inWindow = await withColumns(
    db,
    actor,
    db
      .selectFrom(window.as('w'))
      .select(['w.id', 'w.name'])
      .where(likeQuery(f.q, 'w.search'))
      .orderBy('w.name')
      .orderBy('w.id')
      .limit(f.limit),
  );
  if (inWindow.length >= f.limit) return inWindow;

  // Shorter than a trigram: no index helps; such substrings are common, the ordered scan finds them soon.
  if ([...f.q].length < TRIGRAM) return page(likeQuery(f.q));
  if (engine === 'sqlite') {
    return page(
      sql<boolean>`u.rowid in (select rowid from users_search where users_search match ${trigramPhrase(f.q)})`,
    );
  }
  // PostgreSQL: gather the matches through the trigram index first (materialised, so the planner cannot
  // trade it for a walk of the name index); only their names and ids are sorted, and the page's rows fetched.
  return withColumns(
    db,
    actor,
    db
      .with(
        (cte) => cte('m').materialized(),
        (qc) =>
          visibleUsers(qc, actor, f, f.after)
            .select(['u.id', 'u.name'])
            .where(likeQuery(f.q as string)),
      )
      .selectFrom('m as w')
      .select(['w.id', 'w.name'])
      .orderBy('w.name')
      .orderBy('w.id')
      .limit(f.limit),
  );
}

type PageKey = { id: string; name: string };

/** The full rows of a page already narrowed and sorted as (id, name) keys, in that order. */
function withColumns<QDB, TB extends keyof QDB>(
  db: Kysely<DB>,
  actor: PolicySubject,
  keys: SelectQueryBuilder<QDB, TB, PageKey>,
): Promise<AdminUserRow[]> {
  return db
    .selectFrom(keys.as('w'))
    .innerJoin('users as u', 'u.id', 'w.id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select([...COLUMNS, canResetSql(actor).as('can_reset')])
    .orderBy('w.name')
    .orderBy('w.id')
    .execute();
}
